"""`python -m readiness`: see readiness/cli/main.py."""

import os
import sys

from readiness.cli.main import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader stopped early (`... --format json | head`): what it did not read is not an
    # error to report. Python's own advice: point stdout at devnull so the exit's flush is quiet.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
