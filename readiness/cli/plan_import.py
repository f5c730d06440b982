"""`python -m readiness import-plan`: read a plan file, show what changes, and store it.

A plan whose headings are not ones we know is read with `--map "Heading=field,..."` (a column
may be named by its letter or position too: `--map "A=ref,D=due"`); when no heading row is
recognised, the message ends with a --map line to start from, filled in with what we could read,
each column with no heading named by its letter. A mapping given this way is remembered with
the stored plan (readiness.plan.store.column_maps), so the next import of a file with the same
headings needs no --map.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import replace

from readiness.access.roles import command_line
from readiness.cli.args import UsageError
from readiness.cli.database import open_store
from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.mapping import FIELDS, FoundHeadings, MapError, parse_map_option
from readiness.plan.sync.apply import PlanChangedError
from readiness.text import plural


class _ProgressLine:
    """A one-line progress bar on stderr, so stdout stays clean for the report."""

    def __init__(self) -> None:
        self.unfinished = False

    def __call__(self, done: int, total: int, stage: str) -> None:
        if total:
            filled = int(30 * done / total)
            self.unfinished = done < total
            print(
                f"\r{stage:<10} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}",
                end="" if self.unfinished else "\n",
                file=sys.stderr,
                flush=True,
            )

    def end(self) -> None:
        """Close a bar a failure cut short, so the next message starts on its own line."""
        if self.unfinished:
            print(file=sys.stderr)
            self.unfinished = False


def run_import(args, settings, out) -> int:
    imported_on = args.day
    try:
        mapping = parse_map_option(args.map) if args.map else None
    except MapError as error:
        raise UsageError(f"--map: {error}") from None
    # The database is opened first: it holds the mappings given for earlier files.
    store = open_store(args, settings)
    store.upgrade()
    remembered = store.column_mappings()
    bar = _ProgressLine()
    try:
        result = read_plan(
            args.path,
            sheet=args.sheet,
            imported_on=imported_on,
            max_bytes=settings.imports.max_file_bytes,
            progress=bar,
            mapping=mapping,
            remembered=remembered,
            split_lines=not args.no_split_lines,
        )
    except ImportFailed as failed:
        bar.end()
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        for found in failed.headings[:1]:
            print(map_hint(found), file=sys.stderr)
        count = len(failed.problems)
        raise SystemExit(
            f"{plural(count, 'problem')} found; nothing was stored. "
            "Fix them in the file and import it again."
        ) from None
    print(result.summary(), file=out)
    for warning in result.warnings:
        print(f"Check: {warning}", file=out)
    plan = replace(
        result.plan,
        title=args.title or result.plan.title,
        council=args.council or result.plan.council,
    )
    preview = store.preview_plan_import(plan, as_new_plan=args.as_new_plan)
    print(f"\n{preview.summary()}", file=out)
    for change in preview.table().to_dict("records"):
        what = f" ({change['What changed']})" if change["What changed"] else ""
        print(f"  {change['Change']:<8} {change['Ref']:<6} {change['Action'][:70]}{what}", file=out)
    if args.dry_run:
        print("\nDry run: nothing was stored.", file=out)
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("add --yes to store without being asked, or --dry-run to preview")
        if input("\nStore these changes? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing was stored.", file=out)
            return 0
    columns = result.mapping_to_remember()
    try:
        store.import_plan(
            plan,
            imported_on,
            as_new_plan=args.as_new_plan,
            expected=preview,
            columns=columns,
            by=command_line(),
        )
    except PlanChangedError as error:
        raise SystemExit(f"error: {error}") from None
    print(f"Stored: {preview.summary()}", file=out)
    if columns:
        print("The column mapping is remembered for files with these headings.", file=out)
    return 0


def map_hint(found: FoundHeadings) -> str:
    """The columns found and a --map line to start from: what we could read filled in, "?"
    where the user must say. A column is named as the mapping reads it back (a column with no
    heading by its letter, a heading holding a comma in quotes: mapping.column_name)."""
    where = f' of sheet "{found.sheet}"' if found.sheet else ""
    pairs = ",".join(f"{n}={f or '?'}" for n, f in zip(found.names, found.read_as, strict=True))
    fields = ", ".join(FIELDS)
    return (
        f"Columns found on row {found.row}{where}: "
        + ", ".join(f'"{h}"' for h in found.headings)
        + f".\nSay what each holds, then import again with: --map {_shell_quoted(pairs)}"
        + f'\n(fields: {fields}; "-" for a column not to import; a column is named by its '
        + "heading, its letter (D) or its heading in double quotes)"
    )


def _shell_quoted(text: str) -> str:
    """The --map value as a shell takes it: in double quotes, or single where it holds some."""
    if '"' not in text:
        return f'"{text}"'
    return shlex.quote(text) if "'" in text else f"'{text}'"
