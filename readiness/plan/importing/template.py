"""The canonical layout: one row per action, with the columns of readiness.plan.canonical.

Rows are grouped into recommendations (by ref, in first-seen order), then themes (by theme text
within a ref, first-seen order), then actions. The heading row is found by headings.find_header,
in the template's words or a council's own ("Objective / Action(s) required / When / Lead"),
which also says how a plan without refs, themes or a recommendation column is read; columns may
come in any order. The blank template itself is written by readiness.exports.blank_template.
"""

from __future__ import annotations

from datetime import date

from readiness.files.area_names import AREA_NAMES, parse_areas
from readiness.files.debris import garbage_problem
from readiness.files.free_text import clean_text, parse_ref
from readiness.files.problems import Problem
from readiness.files.reading import Cell, Progress, Sheet
from readiness.kpi.indicators import INDICATOR_FIX, UNKNOWN_INDICATOR, indicators_named
from readiness.plan.canonical import CANONICAL_COLUMNS, is_template_example
from readiness.plan.importing import colour_columns, headings, statuses
from readiness.plan.importing.colour_columns import status_colour
from readiness.plan.importing.date_checks import check_action_dates
from readiness.plan.importing.dates import read_date_cell, read_due_cell
from readiness.plan.importing.leads import LeadBook
from readiness.plan.importing.progress_dates import progress_updates
from readiness.plan.importing.result import Parsed
from readiness.plan.importing.revisions import revision_problems, with_revision
from readiness.plan.importing.row_shapes import RowShapes
from readiness.plan.input import ActionInput, RecommendationInput, ThemeInput
from readiness.text import one_line, squash
from readiness.vocabulary import IN_PROGRESS, NOT_STARTED

COLUMNS = {c.key: c for c in CANONICAL_COLUMNS}
REQUIRED, Header, find_header = headings.REQUIRED, headings.Header, headings.find_header
DATE_KEYS = ("start", "due", "revised_due", "completed", "progress_date")
# What belongs in each column of words, for the message about a bare number there. Lead cells
# are checked by LeadBook.cell_problems and date cells by the date readers, not here.
_WORDS = {
    "recommendation": "the recommendation's text",
    "theme": "an improvement theme",
    "action": "the action's text",
    "progress_note": "a progress note",
    "recovery_note": "a recovery note",
    "evidence": "evidence of impact",
}
_LEAD_KEYS = ("service_leads", "other_leads")
EXAMPLE_SKIPPED = "The template's example row was skipped: its action is still the example's."

_KINDS = {
    "rec": "REC",
    "recommendation": "REC",
    "afd": "AFD",
    "areafordevelopment": "AFD",
    "apa": "APA",
    "areaforpriorityaction": "APA",
}


def _text(cell: Cell) -> str:
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    return cell


class _Reader:
    def __init__(self, file: str, sheet: Sheet, header: Header, imported_on: date, progress):
        self.file, self.sheet_name, self.header = file, sheet.name, header
        self.rows, self.imported_on, self.progress = sheet.rows, imported_on, progress
        self.fills = sheet.fills
        self.leads = LeadBook()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.positions: dict[int, int] = {}
        self.recs: dict[str, tuple[RecommendationInput, int]] = {}
        self.themes: dict[tuple[str, str], ThemeInput] = {}
        self.text_columns = [
            (key, header.columns.get(key, -1)) for key in COLUMNS if key not in DATE_KEYS
        ]
        self.cleaned: dict[Cell, str] = {}
        self.numbered: dict[
            str, str
        ] = {}  # recommendation text -> ref, when there is no ref column
        self.titles: dict[str, str] = {}  # ref -> text, when there is no recommendation column
        self.said: set[str] = set()  # what is said once per file (statuses, progress_dates)

    def problem(self, row, key, value, message, fix, warning=False):
        column = self.header.headings.get(key, COLUMNS[key].heading) if key else None
        target = self.warnings if warning else self.errors
        target.append(Problem(self.file, self.sheet_name, row, column, value, message, fix))
        self.positions[id(target[-1])] = self.header.columns.get(key, 0) if key else 0

    def in_file_order(self, problems: list[Problem]) -> list[Problem]:
        return sorted(problems, key=lambda p: (p.row or 0, self.positions[id(p)]))

    def run(self, split_lines: bool = True) -> Parsed:
        total = len(self.rows)
        for key, message, fix in headings.gap_warnings(self.header):
            self.problem(self.header.index + 1, key, None, message, fix, warning=True)
        read = {*self.header.columns.values(), *self.header.progress}
        for message, fix in colour_columns.unread(self.rows, self.fills, self.header.index, read):
            self.problem(self.header.index + 1, None, None, message, fix, warning=True)
        # Section, heading and continuation rows are read there; each action's row here.
        self.shapes = RowShapes(self, split_lines)
        self.shapes.read(self.row, self.progress)
        if self.progress:
            self.progress(total, total, "validating")
        title = None
        for row in self.rows[: self.header.index]:
            title = next((clean_text(_text(c)) for c in row if c), None)
            if title:
                break
        recs = [rec for rec, _ in self.recs.values()]
        return Parsed(
            title,
            recs,
            dict(self.leads.roles),
            self.in_file_order(self.errors),
            self.in_file_order(self.warnings),
        )

    def value(self, row: list[Cell], key: str) -> Cell:
        position = self.header.columns.get(key)
        if position is None or position >= len(row):
            return ""
        return row[position]

    def clean(self, row: list[Cell], position: int) -> str:
        """The cell's text tidied (clean_text); each distinct cell is tidied once per file."""
        cell = row[position] if 0 <= position < len(row) else ""
        if not cell:
            return ""
        found = self.cleaned.get(cell)
        if found is None:  # a plan repeats its refs, recommendations, themes and leads
            found = self.cleaned[cell] = clean_text(_text(cell), "\n")
        return found

    def row(self, number: int, row: list[Cell]) -> None:
        before = len(self.errors)
        text = {key: self.clean(row, position) for key, position in self.text_columns}
        if is_template_example(text):
            self.problem(
                number,
                None,
                None,
                EXAMPLE_SKIPPED,
                "Delete the row, or type your own action over the example's to import it.",
                warning=True,
            )
            return
        for key, value in text.items():
            found = garbage_problem(value, _WORDS.get(key)) if key not in _LEAD_KEYS else None
            if found:
                self.problem(number, key, *found)
                if found.warning:  # "nan", "None", "NULL": read as the empty cell they stand for
                    text[key] = ""
        if "recommendation" not in self.header.columns and self.title(text):
            return
        for key in REQUIRED:
            if not text[key] and key in self.header.columns:
                self.problem(
                    number,
                    key,
                    None,
                    f"The {COLUMNS[key].heading} is empty; every row needs one.",
                    f"Fill it in ({COLUMNS[key].help}).",
                )
        ref = self.ref(number, text)
        if ref and "recommendation" not in self.header.columns:
            text["recommendation"] = self.titles.get(ref, f"Recommendation {ref.split()[1]}")
        areas = self.areas(number, text["judgement_areas"])
        areas += [a for a in self.shapes.areas if a not in areas]  # its section's
        due = read_due_cell(self.value(row, "due"), self.imported_on.year)
        if due.problem:
            self.problem(number, "due", *due.problem)
        dates = {
            key: due.due if key == "due" else self.date(number, key, self.value(row, key))
            for key in DATE_KEYS
        }
        unread = len(self.errors)
        status = self.status(number, text["status"])
        # A council's own table with no status column: a progress note says work has begun
        # (said once: headings.gap_warnings), as the committee paper's layout reads it.
        if (
            self.header.aliased
            and "status" not in self.header.columns
            and any(self.clean(row, position) for position in self.header.progress)
        ):
            status = IN_PROGRESS
        # A status we could not read is reported already; it is not also "not Complete".
        read_status = status if len(self.errors) == unread else None
        for issue in check_action_dates(dates, read_status):
            self.problem(
                number, issue.key, issue.value, issue.message, issue.fix, warning=issue.warning
            )
        revised, note = dates["revised_due"], text["recovery_note"]
        blank = not str(self.value(row, "revised_due")).strip()
        for key, value, message, fix in revision_problems(revised, note, blank):
            self.problem(number, key, value, message, fix)
        service = self.leads.read(text["service_leads"]) if text["service_leads"] else []
        other = self.leads.read(text["other_leads"]) if text["other_leads"] else []
        for key, names in (("service_leads", service), ("other_leads", other)):
            found = self.leads.cell_problems(text[key], lead_needed=key == "service_leads")
            for value, message, fix, warning in found + self.leads.problems(names):
                self.problem(number, key, value, message, fix, warning=warning)
        rec_text = one_line(text["recommendation"])
        rec = self.recommendation(number, ref, rec_text, areas) if ref and rec_text else None
        if rec is None or len(self.errors) > before:
            return
        theme_text = (
            one_line(text["theme"])
            if "theme" in self.header.columns
            else self.shapes.theme or headings.theme_for(ref)
        )
        theme = self.themes.get((ref, theme_text))
        if theme is None:
            theme = self.themes[(ref, theme_text)] = ThemeInput(theme_text, [])
            rec.themes.append(theme)
        theme.service_leads.extend(n for n in service if n not in theme.service_leads)
        updates = progress_updates(self, number, row, text["progress_note"], dates, status)
        updates = with_revision(updates, revised, note, status, self.imported_on)
        if dates["due"] is None and not due.problem:  # the due cell's problem already says why
            self.problem(
                number,
                "due",
                None,
                "This action has no due date.",
                "Add one as DD/MM/YYYY; it imports without one and shows as a data gap.",
                warning=True,
            )
        theme.actions.append(
            ActionInput(
                text=text["action"],
                service_leads=service,
                other_leads=[n for n in other if n not in service],
                start=dates["start"],
                due=dates["due"],
                due_text=text["due_text"] or due.wording,
                completed=dates["completed"],
                status=status,
                evidence=text["evidence"] or None,
                updates=updates,
                indicators=self.indicators(number, text["indicators"]),
            )
        )

    def indicators(self, number: int, cell: str) -> tuple[str, ...] | None:
        """The indicators named (None for a blank cell: those set in the app are kept); a name
        we do not know is said, not guessed."""
        found, unknown = indicators_named(cell) if cell else (None, ())
        for name in unknown:
            self.problem(number, "indicators", name, UNKNOWN_INDICATOR, INDICATOR_FIX, True)
        return found

    def title(self, text: dict[str, str]) -> bool:
        """Whether the row is a recommendation's own row ("1 | Improve planning", no lead)."""
        ref = headings.whole_ref(text["ref"])
        if ref is None or text["service_leads"] or not text["action"]:
            return False
        self.titles[ref] = one_line(text["action"])
        if ref in self.recs:  # its actions came first: they take its text too
            self.recs[ref][0].text = self.titles[ref]
        return True

    def ref(self, number: int, text: dict[str, str]) -> str | None:
        if "ref" not in self.header.columns:
            rec_text = one_line(text["recommendation"])
            if not rec_text:
                return None
            return self.numbered.setdefault(rec_text, f"REC {len(self.numbered) + 1}")
        if not text["ref"]:
            return None
        ref, kind, _ = parse_ref(text["ref"])
        if ref is None and headings.bare_ref(text["ref"]):
            ref = headings.bare_ref(text["ref"])
            kind = "REC"
        if ref is None:
            self.problem(
                number,
                "ref",
                text["ref"],
                "is not a recommendation reference we recognise.",
                "Write it as REC 1, AFD 2 or APA 1.",
            )
            return None
        if text["kind"]:
            given = _KINDS.get(squash(text["kind"]))
            if given is None:
                self.problem(
                    number,
                    "kind",
                    text["kind"],
                    "is not a kind we recognise.",
                    "Write REC, AFD or APA, or leave it blank to take it from the ref.",
                )
            elif given != kind:
                self.problem(
                    number,
                    "kind",
                    text["kind"],
                    f"does not match the ref {ref}, which is {kind}.",
                    "Correct the kind or the ref, or leave the kind blank.",
                )
        return ref

    def recommendation(
        self, number: int, ref: str, rec_text: str, areas: list[str]
    ) -> RecommendationInput | None:
        known = self.recs.get(ref)
        if known is None:
            rec = RecommendationInput(ref, ref.split()[0], rec_text, list(areas))
            self.recs[ref] = (rec, number)
            return rec
        rec, first_row = known
        if rec.text != rec_text:
            self.problem(
                number,
                "recommendation",
                rec_text,
                f'is not the text {ref} has on row {first_row} ("{_short(rec.text)}").',
                f"Give {ref} the same wording on every row, or correct the ref.",
            )
            return None
        rec.areas.extend(a for a in areas if a not in rec.areas)
        return rec

    def areas(self, number: int, cell: str) -> list[str]:
        codes, unknown = parse_areas(cell)
        for token in unknown:
            self.problem(
                number,
                "judgement_areas",
                token,
                "is not a judgement area we recognise.",
                f"Use these names, separated by commas: {AREA_NAMES}.",
            )
        return list(codes)

    def date(self, number: int, key: str, cell: Cell) -> date | None:
        day, problem = read_date_cell(cell)
        if problem:
            self.problem(number, key, *problem)
        return day

    def status(self, number: int, cell: str) -> str:
        column = self.header.columns.get("status")
        colour = None
        if not cell and column is not None:  # a status shown by its colour alone, if any
            width = len(self.rows[self.header.index])
            colour = status_colour(self.fills, number - 1, column, width)
        found = statuses.read_cell(number, cell, colour, self.said, self.problem)
        return found or NOT_STARTED


def _short(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse(
    file: str,
    sheet: Sheet,
    header: Header,
    *,
    imported_on: date,
    progress: Progress | None = None,
    split_lines: bool = True,
) -> Parsed:
    """Read a canonical sheet whose headings are `header` (see find_header); `split_lines`
    reads an action cell of several lines as one action per line (see action_lines)."""
    return _Reader(file, sheet, header, imported_on, progress).run(split_lines)
