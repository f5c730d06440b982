"""Command line: `python -m readiness init|status ...` (the commands: readiness.cli.parser).

Exit codes: 0 done; 1 the data or database is not usable as asked; 2 a bad argument (one line).
"""

from __future__ import annotations

import importlib
import sys

from readiness.cli.args import UsageError
from readiness.cli.parser import COMMANDS, build_parser
from readiness.settings import SettingsError, load_settings


def runner(command: str):
    """The function that runs `command`, its module imported now and not before: see
    readiness.cli.parser."""
    module, function = COMMANDS[command].run.split(":")
    return getattr(importlib.import_module(module), function)


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    argv = sys.argv[1:] if argv is None else argv
    try:
        # The command is the first word (the parser takes no option before it): only its
        # options are declared, so `--help` and each command import only what they use.
        args = build_parser(declared=argv[:1]).parse_args(argv)
        settings = load_settings()
        return runner(args.command)(args, settings, out)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
            return 1
        return stop.code or 0
