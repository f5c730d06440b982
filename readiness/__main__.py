"""`python -m readiness`: see readiness/cli.py."""

import sys

from readiness.cli import main

sys.exit(main())
