"""Importing an improvement plan from a spreadsheet (.xlsx or .csv) into PlanInput records.

Two layouts are recognised, automatically: the canonical template (one row per action, the
columns of readiness.plan.canonical; readiness.exports.blank_template writes a blank one) and the
committee-paper layout councils table in reports (see committee). The whole file is checked
before anything is returned: any error raises ImportFailed listing every problem, each with its
row, column, value and fix.

    result = read_plan("plan.xlsx", imported_on=today)
    store.import_plan(result.plan, today)  # readiness.store
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from readiness.files.limits import DEFAULT_MAX_BYTES
from readiness.files.problems import ImportFailed, Problem, file_problem, sheet_problem
from readiness.files.reading import Book, Progress, check_file, is_blank
from readiness.plan.importing import committee, committee_header, headings, template
from readiness.plan.importing.mapping import ColumnMap, FoundHeadings, signature
from readiness.plan.importing.result import ImportResult, Parsed, Shape
from readiness.plan.input import PlanInput
from readiness.text import TITLE_MAX

__all__ = [
    "ImportFailed",
    "ImportResult",
    "Problem",
    "read_plan",
]

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
    mapping: ColumnMap | None = None,
    remembered: Mapping[str, ColumnMap] | None = None,
    split_lines: bool = True,
) -> ImportResult:
    """Read and check a whole plan file; raise ImportFailed listing every problem found.

    `sheet` picks a workbook's sheet by name; by default the first sheet with a recognised header
    is used. `mapping` is the user's own reading of the columns (see mapping); without one, a
    mapping in `remembered` (by heading-row signature, see column_maps) is used for a sheet whose
    heading row it was saved for. When no sheet's headings are recognised, the ImportFailed
    carries each sheet's likeliest heading row (`headings`) for the user to map.

    `imported_on` is the import date (normally today): the date of committee-paper
    progress notes and of template progress notes with no date. `progress(done, total, stage)` is
    called every few hundred rows while "reading" and "validating" (and at the start and end of
    "opening", which for a big workbook is the longest step). `split_lines` reads a council's own
    action cell of several lines as one action per line (see action_lines).
    """
    path = Path(path)
    problems = check_file(path, max_bytes)
    if problems:
        raise ImportFailed(problems)
    book = Book(path, progress)
    try:
        with _no_collector_pauses():
            found = _parse_book(
                book, sheet, imported_on, progress, mapping, remembered or {}, split_lines
            )
    finally:
        book.close()
    parsed = found.parsed
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
        shape=found.shape,
        file=path.name,
        sheet=found.sheet,
        recommendations=len(plan.recommendations),
        themes=sum(len(r.themes) for r in plan.recommendations),
        actions=len(actions),
        undated_actions=sum(1 for a in actions if a.due is None),
        warnings=sorted([*book.warnings, *parsed.warnings], key=lambda p: p.row or 0),
        headings=found.headings,
        mapping=found.mapping,
        mapping_remembered=found.remembered,
    )


@dataclass
class _Found:
    """The sheet read, how, and what it held."""

    shape: Shape
    sheet: str | None
    parsed: Parsed
    headings: FoundHeadings | None = None
    mapping: ColumnMap | None = None
    remembered: bool = False


def _parse_book(
    book: Book,
    sheet: str | None,
    imported_on: date,
    progress: Progress | None,
    mapping: ColumnMap | None,
    remembered: Mapping[str, ColumnMap],
    split_lines: bool = True,
) -> _Found:
    names = book.sheet_names
    if sheet is not None and names != [None]:
        if sheet not in names:
            raise ImportFailed(
                [
                    file_problem(
                        book.file,
                        "is not a sheet in this workbook.",
                        "Choose one of its sheets: " + ", ".join(f'"{n}"' for n in names) + ".",
                        sheet,
                    )
                ]
            )
        names = [sheet]
    unrecognised: list[tuple[str | None, str, FoundHeadings | None]] = []
    for name in names:
        data = book.sheet(name, progress)
        if all(is_blank(row) for row in data.rows):
            continue
        chosen = mapping or _remembered(data.rows, remembered)
        keys = chosen.by_key() if chosen else None
        header = template.find_header(data.rows, HEADER_SEARCH_ROWS, keys)
        if header:
            parsed = template.parse(
                book.file,
                data,
                header,
                imported_on=imported_on,
                progress=progress,
                split_lines=split_lines,
            )
            if chosen:
                _said_of_mapping(book.file, name, data.rows[header.index], chosen, mapping, parsed)
            found = headings.found_headings(
                book.file, name, data.rows, header.index, keys, data.fills
            )
            parsed = _not_empty(book.file, name, parsed)
            return _Found("canonical", name, parsed, found, chosen, chosen is not mapping)
        paper_header = (
            None if mapping else committee_header.find_header(data.rows, HEADER_SEARCH_ROWS)
        )
        if paper_header:
            parsed = committee.parse(
                book.file, data, paper_header, imported_on=imported_on, progress=progress
            )
            return _Found("committee", name, _not_empty(book.file, name, parsed))
        best = headings.best_row(data.rows, HEADER_SEARCH_ROWS)
        shown = None
        if best is not None:  # shown with the user's mapping, if they gave one, to correct it
            shown = headings.found_headings(book.file, name, data.rows, best, keys, data.fills)
        described = headings.describe_best_header(data.rows, HEADER_SEARCH_ROWS, keys)
        unrecognised.append((name, described, shown))
    if not unrecognised:
        raise ImportFailed(
            [
                sheet_problem(
                    book.file,
                    sheet,
                    "The file has no data: every sheet is empty.",
                    "Check you chose the saved plan, not a blank copy.",
                )
            ]
        )
    raise ImportFailed(
        [
            sheet_problem(
                book.file,
                name,
                f"No row of headings we recognise in the first {HEADER_SEARCH_ROWS} rows. {found}",
                f"Say what each column holds: on the Data page's mapping step, or with "
                '--map "Heading=field" on the command line (for example --map '
                '"When?=due,Who?=service_leads"). Or give the plan a heading row with '
                f"{_expected_headings()}: the template (python -m readiness template plan.xlsx) "
                "shows the layout, and data/README.md the other headings each column is read "
                "under.",
            )
            for name, found, _ in unrecognised
        ],
        headings=[shown for _, _, shown in unrecognised if shown],
    )


def _remembered(rows: list, remembered: Mapping[str, ColumnMap]) -> ColumnMap | None:
    """The mapping saved for one of the sheet's first rows, if the user mapped such headings."""
    if not remembered:
        return None
    for row in rows[:HEADER_SEARCH_ROWS]:
        found = remembered.get(signature(row) or "")
        if found:
            return found
    return None


def _said_of_mapping(
    file: str,
    sheet: str | None,
    row: list,
    chosen: ColumnMap,
    given: ColumnMap | None,
    parsed: Parsed,
) -> None:
    """A given mapping's headings that are not on the heading row are errors (a typo would
    otherwise be read silently by our own guess); a remembered mapping is said once."""
    if chosen is given:
        for heading in headings.not_on_row(row, [h for h, _ in chosen.chosen]):
            parsed.errors.append(
                sheet_problem(
                    file,
                    sheet,
                    "is in the column mapping but is not one of the plan's headings.",
                    "Check its spelling against the heading row: "
                    + ", ".join(f'"{t}"' for t in row if isinstance(t, str) and t.strip())
                    + ".",
                    heading,
                )
            )
        return
    parsed.warnings.append(
        sheet_problem(
            file,
            sheet,
            "The columns were read as you mapped them when a file with these headings was last "
            f"imported: {chosen.describe()}.",
            "To read them another way, change the mapping on the Data page or give --map.",
        )
    )


def _not_empty(file: str, sheet: str | None, parsed: Parsed) -> Parsed:
    if not parsed.recommendations and not parsed.errors:
        # A template saved with only its example row: say the row was skipped, not just "empty".
        parsed.errors.extend(w for w in parsed.warnings if w.message == template.EXAMPLE_SKIPPED)
        parsed.errors.append(
            sheet_problem(
                file,
                sheet,
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
