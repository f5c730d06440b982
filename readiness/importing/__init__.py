"""Importing an improvement plan from a spreadsheet (.xlsx or .csv) into PlanInput records.

Two layouts are recognised, automatically: the canonical template (one row per action, the
columns of readiness.canonical; readiness.writing.template writes a blank one) and the
committee-paper layout councils table in reports (see committee). The whole file is checked
before anything is returned: any error raises ImportFailed listing every problem, each with its
row, column, value and fix.

    result = read_plan("plan.xlsx", imported_on=today)
    with engine.begin() as conn:
        plan_store.add_plan(conn, result.plan, stored_on=today)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from readiness.importing import committee, committee_header, headings, template
from readiness.importing.problems import ImportFailed, Problem
from readiness.importing.reading import Book, Progress, check_file, is_blank
from readiness.importing.result import ImportResult, Parsed, Shape
from readiness.lengths import TITLE_MAX
from readiness.plan_input import PlanInput

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ImportFailed",
    "ImportResult",
    "Problem",
    "read_plan",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 30


def _expected_headings() -> str:
    canonical = ", ".join(template.COLUMNS[k].heading for k in template.REQUIRED)
    paper = ", ".join(committee_header.EXPECTED_HEADINGS[k] for k in committee_header.REQUIRED)
    return (
        f"either the template's headings ({canonical}) or a committee-paper plan's headings "
        f"({paper})"
    )


def read_plan(
    path: str | Path,
    *,
    sheet: str | None = None,
    imported_on: date,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> ImportResult:
    """Read and check a whole plan file; raise ImportFailed listing every problem found.

    `sheet` picks a workbook's sheet by name; by default the first sheet with a recognised header
    is used. `imported_on` is the import date (normally today): the date of committee-paper
    progress notes and of template progress notes with no date. `progress(done, total, stage)` is
    called every few hundred rows while "reading" and "validating" (and at the start and end of
    "opening", which for a big workbook is the longest step).
    """
    path = Path(path)
    problems = check_file(path, max_bytes)
    if problems:
        raise ImportFailed(problems)
    book = Book(path, progress)
    try:
        with _no_collector_pauses():
            shape, sheet_name, parsed = _parse_book(book, sheet, imported_on, progress)
    finally:
        book.close()
    if parsed.errors:
        raise ImportFailed(sorted(parsed.errors, key=lambda p: p.row or 0))
    plan = PlanInput(
        title=_default_title(parsed.title or path.stem),
        council=None,
        recommendations=parsed.recommendations,
        lead_roles=parsed.lead_roles,
    )
    actions = [a for r in plan.recommendations for t in r.themes for a in t.actions]
    return ImportResult(
        plan=plan,
        shape=shape,
        file=path.name,
        sheet=sheet_name,
        recommendations=len(plan.recommendations),
        themes=sum(len(r.themes) for r in plan.recommendations),
        actions=len(actions),
        undated_actions=sum(1 for a in actions if a.due is None),
        warnings=sorted([*book.warnings, *parsed.warnings], key=lambda p: p.row or 0),
    )


def _parse_book(
    book: Book, sheet: str | None, imported_on: date, progress: Progress | None
) -> tuple[Shape, str | None, Parsed]:
    names = book.sheet_names
    if sheet is not None and names != [None]:
        if sheet not in names:
            raise ImportFailed(
                [
                    Problem(
                        book.file,
                        None,
                        None,
                        None,
                        sheet,
                        "is not a sheet in this workbook.",
                        "Choose one of its sheets: " + ", ".join(f'"{n}"' for n in names) + ".",
                    )
                ]
            )
        names = [sheet]
    unrecognised: list[tuple[str | None, str]] = []  # (sheet, its likeliest heading row)
    for name in names:
        data = book.sheet(name, progress)
        if all(is_blank(row) for row in data.rows):
            continue
        header = template.find_header(data.rows, HEADER_SEARCH_ROWS)
        if header:
            parsed = template.parse(
                book.file, data, header, imported_on=imported_on, progress=progress
            )
            return "canonical", name, _not_empty(book.file, name, parsed)
        paper_header = committee_header.find_header(data.rows, HEADER_SEARCH_ROWS)
        if paper_header:
            parsed = committee.parse(
                book.file, data, paper_header, imported_on=imported_on, progress=progress
            )
            return "committee", name, _not_empty(book.file, name, parsed)
        unrecognised.append((name, headings.describe_best_header(data.rows, HEADER_SEARCH_ROWS)))
    if not unrecognised:
        raise ImportFailed(
            [
                Problem(
                    book.file,
                    sheet,
                    None,
                    None,
                    None,
                    "The file has no data: every sheet is empty.",
                    "Check you chose the saved plan, not a blank copy.",
                )
            ]
        )
    raise ImportFailed(
        [
            Problem(
                book.file,
                name,
                None,
                None,
                None,
                f"No row of headings we recognise in the first {HEADER_SEARCH_ROWS} rows. {found}",
                f"The plan needs a heading row with {_expected_headings()}. The template "
                "(python -m readiness template plan.xlsx) shows the layout, and data/README.md "
                "the other headings each column is read under.",
            )
            for name, found in unrecognised
        ]
    )


def _not_empty(file: str, sheet: str | None, parsed: Parsed) -> Parsed:
    if not parsed.recommendations and not parsed.errors:
        # A template saved with only its example row: say the row was skipped, not just "empty".
        parsed.errors.extend(w for w in parsed.warnings if w.message == template.EXAMPLE_SKIPPED)
        parsed.errors.append(
            Problem(
                file,
                sheet,
                None,
                None,
                None,
                "The plan has headings but no recommendations under them.",
                "Add a row for each action under the headings.",
            )
        )
    return parsed


def _default_title(text: str) -> str:
    """The file's own title, cut to what the database holds; the user may give another."""
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"


@contextmanager
def _no_collector_pauses() -> Iterator[None]:
    """Python's cycle collector paused while a plan is read and checked.

    A 10,000-action plan is a million small objects that all live until the import ends: the
    collector walks them again and again and finds nothing to free (a third of the import's time
    was spent so). Reference counting still frees everything as usual; the pause lasts a second.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
