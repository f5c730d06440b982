"""`python -m readiness`: see readiness/cli/main.py."""

import sys

from readiness.cli.main import main

sys.exit(main())
