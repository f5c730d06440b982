"""What the heading rows above an action's row say it belongs to, in a canonical (or mapped)
sheet: row_shapes.py finds the rows, this keeps what they said and fills it in below.

A recommendation's heading ("1. Strengthen the front door" across the table, or a row numbered 1
with no action and no lead) gives the rows under it whose ref or recommendation cell is empty
its number and text, until a row is numbered in another recommendation. A theme's heading (one
numbered 1.1 across the table, or an outline's theme row: outline.py) gives the rows under it
its name, where the plan has no theme column or their theme cell is empty, until a row is
numbered outside it ("1.2"); and a theme row's lead goes to its actions that name none.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.files.debris import garbage_problem
from readiness.files.free_text import parse_ref
from readiness.files.reading import Cell
from readiness.plan.importing import headings
from readiness.plan.importing.outline import number_path
from readiness.text import one_line

LEADS = ("service_leads", "other_leads")


def rec_ref(label: str) -> str | None:
    """The recommendation a ref cell or heading number names ("1.2" and "1" are REC 1)."""
    return parse_ref(label)[0] or headings.bare_ref(label) if label else None


@dataclass
class _Heading:
    """What the heading rows above say the rows under them belong to."""

    ref: str  # the number or ref, as a ref cell would give it ("1", "REC 2"), or ""
    text: str  # the recommendation's text, or ""
    theme: str = ""  # a theme heading's name
    theme_ref: str = ""  # its number, as written ("1.1")
    theme_path: tuple[str, ...] | None = None  # its number as an outline path
    leads: tuple[Cell, Cell] = ("", "")  # a theme row's lead cells, for actions naming none
    row: int = 0  # where it is, 1-based
    used: bool = False  # whether a row under it belongs to it
    leads_used: bool = False


class HeadingRows:
    """The headings above the row being read, for row_shapes.RowShapes (`shapes`)."""

    def __init__(self, shapes) -> None:
        self.shapes, self.reader = shapes, shapes.reader
        self.columns, self.outline = shapes.columns, shapes.outline
        self.current: _Heading | None = None
        self.themes_with_leads: list[_Heading] = []
        # The ref and recommendation cells of the last action's row that gave them, and the
        # rows given them as if those cells were merged down (merged_down).
        self.above: dict[int, Cell] = {}
        self.filled_down: list[int] = []

    def start(self, heading: _Heading | None, carried: bool = False) -> None:
        """Make `heading` the current one. The one it ends must have had a row under it, unless
        `heading` carries it on (a theme's heading within the same recommendation): a heading
        with no row under it would be lost, so it is an error, never a silent skip."""
        ended = self.current
        if ended is not None and not ended.used and not carried and (ended.text or ended.theme):
            what = f"the theme {ended.theme_ref}" if ended.theme else "a recommendation"
            self.reader.problem(
                ended.row,
                None,
                ended.theme or ended.text,
                f"was read as the heading of {what} (one text across the table, or a number with "
                "no action or lead), but no action's row under it belongs to it, so it would be "
                "lost.",
                "If it holds an action, give the action its own cells (its number, action and "
                "lead); if it is a heading, put its actions' rows under it.",
            )
        self.current = heading

    def recommendation(self, label: str, text: str, number: int) -> None:
        self.start(_Heading(label, one_line(text), row=number))
        ref = rec_ref(label)
        if ref and text and "recommendation" not in self.columns:
            # As template.py's own recommendation row ("1 | Improve planning") names it.
            self.reader.titles[ref] = self.current.text
            if ref in self.reader.recs:
                self.reader.recs[ref][0].text = self.current.text

    def theme(self, label: str, text: str, number: int, leads=("", "")) -> None:
        """A theme's heading or own row, numbered `label` ("1.1"), for the rows under it."""
        above = self.current
        same = above is not None and rec_ref(above.ref) == rec_ref(label)
        ref, rec = (above.ref, above.text) if same else (label, "")
        path = number_path(label)
        self.start(_Heading(ref, rec, one_line(text), label, path, leads, number), same)
        if self.outline and path:  # its actions, numbered under it, take its name
            self.outline.names.setdefault(path, self.current.theme)
        if any(leads):
            self.themes_with_leads.append(self.current)

    def own_row(self, index: int, row: list[Cell], read_row) -> bool:
        """Read the row if it is a heading of its own (a recommendation's or an outline
        theme's, see the module's docstring), and say so."""
        shapes = self.shapes
        if self.outline and self.outline.is_theme(index):
            self.outline_theme(index, row)
            return True
        ref_cell = shapes.words(row, "ref")
        if not ref_cell or shapes.cell(row, "service_leads") or shapes.cell(row, "other_leads"):
            return False
        whole = headings.whole_ref(ref_cell)
        if not whole and not parse_ref(ref_cell)[0]:
            return False
        action, rec = shapes.words(row, "action"), shapes.words(row, "recommendation")
        if not action and rec:
            self.start(_Heading(ref_cell, rec, row=index + 1))  # the recommendation's own row
            return True
        if not action or "recommendation" in self.columns:
            return False
        if whole:  # template.py takes the recommendation's text from it, as it always has
            self.start(_Heading(ref_cell, action, row=index + 1, used=True))
            read_row(index + 1, row)
            return True
        if garbage_problem(action):
            return False
        self.recommendation(ref_cell, action, index + 1)
        return True

    def outline_theme(self, index: int, row: list[Cell]) -> None:
        """A row numbered 1.1 with rows numbered under it: a theme, not an action."""
        shapes, path = self.shapes, self.outline.paths[index]
        name = shapes.words(row, "action")
        if name and not garbage_problem(name):
            self.outline.names[path] = name
        leads = (shapes.cell(row, "service_leads"), shapes.cell(row, "other_leads"))
        ref = shapes.words(row, "ref")
        self.theme(ref, self.outline.theme_name(path), index + 1, leads)
        kept = {"ref", "action", "recommendation", *LEADS}
        unread = [k for k in self.columns if k not in kept and shapes.cell(row, k)]
        if unread:
            shown = ", ".join(self.reader.header.headings.get(k, k) for k in unread)
            shapes.note(
                index + 1,
                unread[0],
                None,
                f"This row is the theme {ref}'s own row (rows are numbered under it), so what it "
                f"gives besides the theme's name and lead is not imported: {shown}.",
                "Move it to the rows of the actions it is about.",
            )

    def fill(self, index: int, row: list[Cell]) -> str | None:
        """Fill the row's empty ref, recommendation, theme and lead cells from the heading
        above it; the theme it belongs to where the plan has no theme column, if it says one."""
        heading, shapes = self.current, self.shapes
        outlined = self.outline.theme_of(index) if self.outline else None
        named = self.outline.theme_name(outlined) if outlined else None
        if heading is None:
            self.merged_down(index, row)
            return named
        ref_cell = shapes.words(row, "ref")
        if not ref_cell and "ref" in self.columns and (heading.theme_ref or heading.ref):
            ref_cell = row[self.columns["ref"]] = heading.theme_ref or heading.ref
        if "ref" in self.columns and ref_cell and not heading.ref:
            heading.ref = ref_cell  # the first number under an unnumbered heading is its own
        elif "ref" in self.columns and rec_ref(ref_cell) != rec_ref(heading.ref):
            self.start(None)  # numbered in another recommendation: the heading has ended
            return named
        rec_empty = "recommendation" in self.columns and not shapes.cell(row, "recommendation")
        if heading.text and rec_empty:
            row[self.columns["recommendation"]] = heading.text
        # Under the theme unless numbered outside it ("1.2" after the theme 1.1's heading).
        path, numbered = heading.theme_path, number_path(ref_cell)
        outside = bool(numbered) and len(numbered) > 1 and numbered[: len(path or ())] != path
        under = bool(heading.theme) and not outside
        if heading.theme and not under:  # the theme has ended; its recommendation goes on
            self.start(_Heading(heading.ref, heading.text, row=heading.row, used=True))
        heading.used = heading.used or under or not heading.theme
        if under and any(heading.leads) and not any(shapes.cell(row, k) for k in LEADS):
            for key, cell in zip(LEADS, heading.leads, strict=True):
                if key in self.columns and cell:
                    row[self.columns[key]] = cell
            heading.leads_used = True
        if "theme" in self.columns:
            if under and not shapes.cell(row, "theme"):
                row[self.columns["theme"]] = heading.theme
            return None
        return named or (heading.theme if under else None)

    def merged_down(self, index: int, row: list[Cell]) -> None:
        """In a council's own table, an action's row (an action and a lead) with no ref and no
        recommendation under an action's row that has them belongs to the same recommendation,
        as if those cells were merged down (re-keyed from Word, they are often left blank)."""
        keys = [k for k in ("ref", "recommendation") if k in self.columns]
        given = {self.columns[k]: self.shapes.cell(row, k) for k in keys}
        if any(given.values()):
            self.above = given
        elif self.above and self.reader.header.aliased and self._action_and_lead(row):
            row.extend([""] * (max(self.above) + 1 - len(row)))  # a CSV row may end early
            for place, cell in self.above.items():
                row[place] = cell
            self.filled_down.append(index + 1)

    def _action_and_lead(self, row: list[Cell]) -> bool:
        """Whether the row is an action's: it has an action and a lead (a number or text with
        no lead is a recommendation's own row, as template.py reads it)."""
        shapes = self.shapes
        return bool(shapes.words(row, "action")) and any(shapes.cell(row, k) for k in LEADS)

    def said_filled_down(self) -> None:
        if not self.filled_down:
            return
        rows = ", ".join(str(n) for n in self.filled_down[:10])
        more = f" and {len(self.filled_down) - 10} more" if len(self.filled_down) > 10 else ""
        self.shapes.note(
            self.filled_down[0],
            None,
            None,
            f"{'Rows' if len(self.filled_down) > 1 else 'Row'} {rows}{more} "
            f"{'have' if len(self.filled_down) > 1 else 'has'} an action but no ref or "
            "recommendation, so each was read as part of the recommendation of the row above "
            "it, as if those cells were merged down.",
            "Nothing, if that is right; otherwise give the row its own ref and recommendation.",
        )

    def unused_leads(self) -> None:
        """Say which theme rows' leads went to none of their actions."""
        for theme in self.themes_with_leads:
            if not theme.leads_used:
                self.shapes.note(
                    theme.row,
                    "service_leads",
                    " ".join(str(theme.leads[0] or theme.leads[1]).split()),
                    f"is the lead of the theme {theme.theme_ref}, and every action under it "
                    "names its own, so it is not imported.",
                    "Name the theme's lead on its actions' rows if they share it.",
                )
