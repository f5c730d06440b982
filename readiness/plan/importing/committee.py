"""The committee-paper layout: the plan as councils table it in a report to members.

One block per recommendation, each under its own (often reworded) header row:
Recommendation (REC) / Area for Development (AFD) | Improvement Theme | Service Lead |
Other operational Lead | Operational Detailed Actions | Progress update / evidence of impact.
The recommendation cell is merged down, or left blank, for the theme rows under it; each row is
one theme whose action cell holds a list of actions. A header may add a due-date column
("Timescale"); how it and the actions' own wording give each action its dates is in
committee_dates.py. The layout has no judgement-areas column: a section row above a block
("Help and protection") gives its recommendations theirs (committee_sections.py). The header
rows themselves are recognised in committee_header.py.
"""

from __future__ import annotations

from datetime import date

from readiness.files.debris import garbage_problem
from readiness.files.free_text import clean_text, parse_ref, split_actions
from readiness.files.problems import Problem
from readiness.files.reading import PROGRESS_EVERY, Cell, Progress, Sheet
from readiness.plan.importing import colour_columns, statuses
from readiness.plan.importing.committee_dates import RowDue, action_dates, read_row_due, short
from readiness.plan.importing.committee_header import (
    EXPECTED_HEADINGS,
    Header,
    NearHeader,
    cell_text,
    header_at,
    is_rule,
    near_header,
)
from readiness.plan.importing.committee_sections import (
    NOT_AN_AREA,
    NOT_AN_AREA_FIX,
    above_first,
    is_section,
    one_text,
    section_areas,
)
from readiness.plan.importing.leads import LeadBook
from readiness.plan.importing.result import Parsed
from readiness.plan.input import ActionInput, RecommendationInput, ThemeInput, UpdateInput
from readiness.text import squash
from readiness.vocabulary import IN_PROGRESS, NOT_STARTED

# What belongs in each column of words, for the message about a bare number there.
_WORDS = {
    "recommendation": "the recommendation's reference and text",
    "theme": "an improvement theme",
    "actions": "the action's text",
    "progress": "a progress update",
    "status": "a status word (Not started, In progress, Complete) or a RAG colour",
}


class _Reader:
    def __init__(self, file: str, sheet: Sheet, imported_on: date, progress: Progress | None):
        self.file, self.sheet_name, self.imported_on = file, sheet.name, imported_on
        self.rows = sheet.rows
        self.progress = progress
        self.leads = LeadBook()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.positions: dict[int, int] = {}
        self.recs: dict[str, tuple[RecommendationInput, int]] = {}
        self.order: list[RecommendationInput] = []
        self.header: Header | None = None
        self.rec: RecommendationInput | None = None
        self.rec_cell = ""
        self.theme: ThemeInput | None = None
        self.theme_leads: tuple[list[str], list[str]] = ([], [])
        self.areas: tuple[str, ...] = ()  # the judgement areas of the section we are in
        self.fills = sheet.fills
        self.said: set[str] = set()  # status readings said once per file (statuses)

    def problem(self, row, key, value, message, fix, warning=False):
        column = self.header.headings.get(key) if (self.header and key) else None
        target = self.warnings if warning else self.errors
        target.append(Problem(self.file, self.sheet_name, row, column, value, message, fix))
        self.positions[id(target[-1])] = self.header.columns.get(key, 0) if self.header else 0

    def in_file_order(self, problems: list[Problem]) -> list[Problem]:
        return sorted(problems, key=lambda p: (p.row or 0, self.positions[id(p)]))

    def run(self, first: Header) -> Parsed:
        title, sections = above_first(self.rows, first)
        self.unread_above(first)
        read = set(first.columns.values())
        for message, fix in colour_columns.unread(self.rows, self.fills, first.start, read):
            self.problem(first.start + 1, None, None, message, fix, warning=True)
        for index, text in sections:
            self.section(index + 1, text)
        total = len(self.rows)
        index = first.start
        while index < total:
            if self.progress and index % PROGRESS_EVERY == 0:
                self.progress(index, total, "validating")
            row = self.rows[index]
            if not any(row) or is_rule(row):
                index += 1
                continue
            header = header_at(self.rows, index)
            if header:
                # A repeated header separates blocks: the recommendation is not carried past it.
                self.header, self.rec, self.rec_cell, self.theme = header, None, "", None
                index = header.end
                continue
            text = one_text(row, self.header)
            near = near_header(row)
            if text and is_section(self.rows, index, text, self.header):
                self.section(index + 1, text)
            elif text and parse_ref(text)[0]:
                # A recommendation's own row, merged across the table: its other cells repeat
                # its text and are not a theme or an action. Its theme rows follow.
                own = [""] * (self.header.columns["recommendation"] + 1)
                own[-1] = text
                self.data_row(index + 1, own)
            elif near:
                self.near_header(index + 1, near)
            else:
                self.data_row(index + 1, row)
            index += 1
        if self.progress:
            self.progress(total, total, "validating")
        return Parsed(
            title,
            self.order,
            dict(self.leads.roles),
            self.in_file_order(self.errors),
            self.in_file_order(self.warnings),
        )

    def unread_above(self, first: Header) -> None:
        """Report what sits above the first header we recognise: a block whose own header is
        misspelt starts there, and its rows must never be skipped in silence."""
        for index, row in enumerate(self.rows[: first.start]):
            near = near_header(row)
            if near:
                self.near_header(index + 1, near)
            elif any(isinstance(c, str) and parse_ref(c)[0] for c in row):
                self.problem(
                    index + 1,
                    None,
                    next(clean_text(c) for c in row if isinstance(c, str) and parse_ref(c)[0]),
                    f"is above the first heading row we recognise (row {first.start + 1}), so "
                    "its row was not read.",
                    "Give its block a heading row like the others (see the template), or move "
                    "it under one.",
                )

    def section(self, number: int, text: str) -> None:
        """A section row: the judgement areas of the recommendations under it, up to the next."""
        self.areas = section_areas(text)
        if not self.areas:
            self.problem(number, None, text, NOT_AN_AREA, NOT_AN_AREA_FIX, warning=True)

    def near_header(self, number: int, near: NearHeader) -> None:
        """A heading row with a column we do not know: its block cannot be read."""
        wanted = ", ".join(f'"{EXPECTED_HEADINGS[k]}"' for k in near.missing)
        found = ", ".join(f'"{h}"' for h in near.found.values())
        odd = ", ".join(f'"{h}"' for h in near.unknown) or "none"
        self.problem(
            number,
            None,
            None,
            f"This looks like a heading row, but it has no {wanted} column, so its block "
            f"cannot be read. Headings recognised: {found}; not recognised: {odd}.",
            f"Correct the heading to {wanted} (as in the template), then import again.",
        )

    def cell(self, row: list[Cell], key: str) -> str:
        column = self.header.columns.get(key)
        if column is None or column >= len(row):
            return ""
        return cell_text(row[column]).strip()

    def checked(self, number: int, key: str, value: str) -> str:
        """The cell's text, after reporting debris in it ("#REF!", "nan"); "" for an empty-cell
        marker, which stands for an empty cell."""
        found = garbage_problem(value, _WORDS[key]) if value else None
        if found is None:
            return value
        self.problem(number, key, *found)
        return "" if found.warning else value

    def data_row(self, number: int, row: list[Cell]) -> None:
        rec_cell = self.checked(number, "recommendation", self.cell(row, "recommendation"))
        theme_cell = self.checked(number, "theme", clean_text(self.cell(row, "theme")))
        actions_cell = self.cell(row, "actions")
        service_cell = self.cell(row, "service_lead")
        other_cell = self.cell(row, "other_lead")
        progress = self.checked(number, "progress", clean_text(self.cell(row, "progress"), "\n"))
        due = self.row_due(number, row)
        status = self.status(number, self.checked(number, "status", self.cell(row, "status")))
        if rec_cell and rec_cell != self.rec_cell:
            self.start_recommendation(number, rec_cell)
        elif not rec_cell and self.rec is None and (theme_cell or actions_cell):
            self.problem(
                number,
                "recommendation",
                clean_text(actions_cell or theme_cell),
                "has no recommendation: the recommendation cell is empty on this row and there "
                "is no recommendation above it in this block.",
                "Put the reference and text (such as 'REC 1 - ...') in the recommendation "
                "column of the block's first row, or merge that cell down over this row.",
            )
        rec = self.rec or RecommendationInput("", "REC", "", [])  # stray rows: still checked
        if theme_cell and (self.theme is None or theme_cell != self.theme.text):
            self.theme = ThemeInput(theme_cell, [])
            rec.themes.append(self.theme)
            self.theme_leads = ([], [])
        elif not theme_cell and self.theme is None and actions_cell:
            self.problem(
                number,
                "theme",
                None,
                "This row has actions but no improvement theme, and there is no theme above it.",
                "Write the improvement theme the actions belong to in this row.",
            )
            self.theme = ThemeInput("", [])
        if self.theme is None:
            return
        service = self.leads.read(service_cell) if service_cell else self.theme_leads[0]
        other = self.leads.read(other_cell) if other_cell else self.theme_leads[1]
        self.theme_leads = (service, other)
        cells = {"service_lead": service_cell, "other_lead": other_cell}
        for key, names in (("service_lead", service), ("other_lead", other)):
            found = self.leads.cell_problems(cells[key]) if cells[key] else []
            for value, message, fix, warning in found + self.leads.problems(names):
                self.problem(number, key, value, message, fix, warning=warning)
        for name in service:
            if name not in self.theme.service_leads:
                self.theme.service_leads.append(name)
        if theme_cell and not service:
            self.problem(
                number,
                "service_lead",
                None,
                f'The theme "{short(theme_cell)}" has no service lead.',
                "Name the service lead; it still imports, but nobody owns the theme.",
                warning=True,
            )
        actions = split_actions(actions_cell) if actions_cell else []
        actions = [a for a in actions if self.checked(number, "actions", a)]
        if not actions:
            # What only actions can hold is not imported without them (a due cell's own
            # problem is reported already).
            due_cell = "" if due.problems else self.cell(row, "due")
            for key, value, what in (
                ("progress", progress, "a progress update"),
                ("due", due_cell, "a due date"),
            ):
                if value:
                    self.problem(
                        number,
                        key,
                        value,
                        f"is {what} on a row with no actions, so it is not imported.",
                        "Put it on the row of the actions it is about.",
                        warning=True,
                    )
        for text in actions:
            action = self.action(number, text, service, other, progress, due, status)
            self.theme.actions.append(action)

    def status(self, number: int, cell: str) -> str | None:
        """The row's status cell (words, or a fill colour), if the block's header has one."""
        column = self.header.columns.get("status")
        if column is None:
            return None
        colour = None
        if not cell:  # a status shown by its colour alone, if any
            width = len(self.rows[self.header.start])
            colour = colour_columns.status_colour(self.fills, number - 1, column, width)
        return statuses.read_cell(number, cell, colour, self.said, self.problem)

    def row_due(self, number: int, row: list[Cell]) -> RowDue:
        """The row's due-date cell, its problems reported once for the row."""
        column = self.header.columns.get("due")
        if column is None or column >= len(row):
            return RowDue()
        due = read_row_due(row[column], self.imported_on.year)
        for found in due.problems:
            self.problem(number, "due", *found)
        return due

    def start_recommendation(self, number: int, rec_cell: str) -> None:
        self.rec_cell, self.theme = rec_cell, None
        ref, kind, rest = parse_ref(rec_cell)
        if ref is None:
            self.problem(
                number,
                "recommendation",
                clean_text(rec_cell),
                "does not start with a recommendation reference we recognise.",
                "Start the cell with REC 1, AFD 2 or APA 1 (or 'Recommendation 1', 'Area for "
                "development 2'), then the text.",
            )
            self.rec = RecommendationInput("", "REC", "", [])  # not kept; its rows are checked
            return
        known = self.recs.get(ref)
        if known is None:
            self.rec = RecommendationInput(ref, kind, rest, list(self.areas))
            self.recs[ref] = (self.rec, number)
            self.order.append(self.rec)
            if not rest:
                self.problem(
                    number,
                    "recommendation",
                    clean_text(rec_cell),
                    f"gives the reference {ref} but no recommendation text.",
                    "Add the recommendation's wording after the reference.",
                    warning=True,
                )
            return
        rec, first_row = known
        if squash(rec.text) == squash(rest):
            self.rec = rec
            # Met again under another section: it belongs to both sections' areas.
            rec.areas.extend(a for a in self.areas if a not in rec.areas)
            return
        self.problem(
            number,
            "recommendation",
            clean_text(rec_cell),
            f'gives {ref} a different text from row {first_row} ("{short(rec.text)}").',
            f"Give {ref} the same wording on both rows, or correct the reference on one of them.",
        )
        self.rec = RecommendationInput("", kind, "", [])  # not kept; its rows are checked

    def action(
        self,
        number: int,
        text: str,
        service: list[str],
        other: list[str],
        progress: str,
        due: RowDue,
        status: str | None,
    ) -> ActionInput:
        """An action of a row; with no status column (or an empty status cell), under way if
        the row has a progress update, else not started."""
        dates = action_dates(text, due, self.header.headings.get("due"), self.imported_on.year)
        for issue in dates.problems:
            self.problem(number, issue.key, issue.value, issue.message, issue.fix, issue.warning)
        status = status or (IN_PROGRESS if progress else NOT_STARTED)
        updates = [UpdateInput(self.imported_on, progress, status)] if progress else []
        return ActionInput(
            text=text,
            service_leads=list(service),
            other_leads=[n for n in other if n not in service],
            start=dates.start,
            due=dates.due,
            due_text=dates.due_text,
            status=status,
            updates=updates,
        )


def parse(
    file: str, sheet: Sheet, first: Header, *, imported_on: date, progress: Progress | None = None
) -> Parsed:
    """Read a committee-paper sheet whose first header is `first` (see find_header)."""
    reader = _Reader(file, sheet, imported_on, progress)
    return reader.run(first)
