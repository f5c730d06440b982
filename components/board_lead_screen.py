"""Board mode's screen of who owns what is late. For the whole plan, one row per lead officer with
anything overdue or due soon, the lead with the most overdue first: how many of each, their most
urgent action (the longest overdue, else the soonest due), how late it is and its last progress
note. For the lead in the link, each of their overdue and due-soon actions with its last note.

"A lead's actions" is readiness.plan.lead_actions' rule (service lead, other lead, or the theme's
service lead), so an action with three leads counts under each of them, and the line above the
table says so in My actions' words (`pairs_note`). Nothing is left out without a word: the leads
go on to a second screen if one does not hold them, and past two screens the last one says how
many more leads there are and what they have late; a lead's own list takes the screens it needs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from readiness.palette import RAG_COLOURS, Rag
from readiness.plan.lead_actions import lead_pairs, pairs_note
from readiness.plan.rag import State
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import format_date, plural

LATE = (State.OVERDUE, State.DUE_SOON)
# A wall screen's round is short: the whole plan's leads take two screens at most.
MOST_SCREENS = 2
# An action and its note show at most two lines each (then "…"), one if that keeps the leads on
# fewer screens: the rest is on My actions.
MOST_LINES = 2
# What a screen holds under its heading, note and table heading, in rem (the board's type is
# 1rem; a screen is 45), measured in the browser at 1920x1080 and 1366x768: the rows start 12rem
# down (13.3 when the bar names a lead and so takes two lines) and must end by 44.7. A row is its
# lines plus its padding; the line naming the leads left out takes MORE_REM.
SCREEN_REM = 31.0
LINE_REM, ROW_REM = 1.3, 0.45
MORE_REM = LINE_REM + 0.4
# A table's text width at 1920x1080 in px (every size on the board follows the screen, so the
# same characters fit at any size), a cell's padding, and a character of 24 px type with the
# room a line loses where it wraps between words.
TEXT_PX, CELL_PX, CHAR_PX = 1843, 24, 12
# Each table's columns: heading and share of the width in %. A lead's name of 33 characters keeps
# to one line ("Performance and intelligence team" is 369 px in bold 24 px type), and the badge
# "✖ 120 days overdue" to its column.
LEAD_COLUMNS = {
    "Lead": 23,
    "Overdue": 7,
    "Due soon": 7,
    "When": 14,
    "Most urgent action": 21,
    "Its last progress note": 28,
}
COUNTS = ("Overdue", "Due soon")  # numbers, right-aligned under their headings
ACTION_COLUMNS = {"When": 14, "Action": 38, "Last progress note": 48}
LEAD_CSS = """
<style>
table.board-leads { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.board-leads th { background: #f3f2f1; text-align: left; padding: 0.2rem 0.5rem;
  white-space: nowrap; }
table.board-leads td { vertical-align: top; padding: 0.2rem 0.5rem; line-height: 1.3;
  border-top: 1px solid #d8dadc; }
table.board-leads .count { text-align: right; font-variant-numeric: tabular-nums; }
table.board-leads .clamp { display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow: hidden; overflow-wrap: anywhere; }
table.board-leads.lines-1 .clamp { -webkit-line-clamp: 1; }
table.board-leads .late { padding: 0 0.4em; border-radius: 0.4em; font-weight: 700;
  white-space: nowrap; }
p.board-pairs { margin: 0 0 0.4rem; line-height: 1.3; }
p.board-more { margin: 0.4rem 0 0; line-height: 1.3; }
</style>
"""


@dataclass(frozen=True)
class LateRow:
    """One overdue or due-soon action, with what the board shows of it."""

    action_id: int
    rag: str
    when: str
    action: str
    note: str


@dataclass(frozen=True)
class LeadGroup:
    """A lead's overdue and due-soon actions, the most urgent first, and how many of each."""

    lead: str
    overdue: int
    due_soon: int
    rows: tuple[LateRow, ...]


def _when(row: dict) -> str:
    if row["state"] == State.OVERDUE:
        return f"{plural(int(row['days_overdue']), 'day')} overdue"
    days = int(row["days_to_due"])
    return "due today" if days == 0 else f"due in {plural(days, 'day')}"


def _note(row: dict) -> str:
    if not isinstance(row["last_note"], str) or not row["last_note"].strip():
        return "No progress note yet"
    by = f", {row['last_author']}" if isinstance(row["last_author"], str) else ""
    return f"{format_date(row['last_update'])}{by}: {row['last_note']}"


def late_by_lead(plan: PlanData, status: PlanStatus) -> list[LeadGroup]:
    """The overdue and due-soon actions of each lead (only the chosen lead's, if `status` has
    one), the lead with the most overdue first; within a lead, the longest overdue first, then
    the soonest due."""
    actions = status.actions[status.actions["state"].isin(LATE)]
    by_id = {row["action_id"]: row for row in actions.to_dict("records")}
    rows: dict[str, list[dict]] = {}
    for pair in lead_pairs(plan):
        row = by_id.get(pair.action_id)
        if row is not None and status.lead in (None, pair.lead):
            rows.setdefault(pair.lead, []).append(row)

    def urgency(row: dict) -> tuple:
        days = row["days_overdue"] if row["state"] == State.OVERDUE else -row["days_to_due"]
        return (LATE.index(row["state"]), -days, row["action_id"])

    groups = [
        LeadGroup(
            lead,
            sum(row["state"] == State.OVERDUE for row in late),
            sum(row["state"] == State.DUE_SOON for row in late),
            tuple(
                LateRow(
                    row["action_id"],
                    row["rag"],
                    _when(row),
                    row["action"],
                    _note(row),
                )
                for row in sorted(late, key=urgency)
            ),
        )
        for lead, late in rows.items()
    ]
    return sorted(groups, key=lambda g: (-g.overdue, -g.due_soon, g.lead.casefold()))


def _chars(width: int) -> int:
    """The characters a line of a column `width`% wide holds."""
    return int((width * TEXT_PX / 100 - CELL_PX) / CHAR_PX)


def _lines(text: str, width: int, most: int | None = None) -> int:
    """The lines `text` takes in a column `width`% wide, cut to `most`."""
    lines = max(1, math.ceil(len(text) / _chars(width)))
    return min(most, lines) if most else lines


def _lead_rem(group: LeadGroup, lines: int) -> float:
    """The height of a lead's row, its action and note cut to `lines`."""
    top, width = group.rows[0], LEAD_COLUMNS
    taken = max(
        _lines(group.lead, width["Lead"]),
        _lines(top.action, width["Most urgent action"], lines),
        _lines(top.note, width["Its last progress note"], lines),
    )
    return taken * LINE_REM + ROW_REM


def _action_rem(row: LateRow) -> float:
    width = ACTION_COLUMNS
    taken = max(
        _lines(row.action, width["Action"], MOST_LINES),
        _lines(row.note, width["Last progress note"], MOST_LINES),
    )
    return taken * LINE_REM + ROW_REM


def _fill(items: Sequence, rem: Callable[[object], float], room: float) -> int:
    """How many of `items`, from the first, fit in `room` rem: one at least, cut if it must be."""
    used = 0.0
    for n, item in enumerate(items):
        used += rem(item)
        if used > room:
            return max(n, 1)
    return len(items)


def _pages(items: Sequence, rem: Callable[[object], float]) -> list[list]:
    """`items` cut into screens of at most SCREEN_REM each; an empty list is one empty screen."""
    pages = []
    while items:
        n = _fill(items, rem, SCREEN_REM)
        pages.append(list(items[:n]))
        items = items[n:]
    return pages or [[]]


@dataclass(frozen=True)
class LeadScreens:
    """The whole plan's leads cut into screens: each screen's leads, the lines their action and
    note are cut to, and the leads left for My actions."""

    pages: list[list[LeadGroup]]
    lines: int
    left: tuple[LeadGroup, ...] = ()


def lead_screens(groups: list[LeadGroup]) -> LeadScreens:
    """The fewest screens (MOST_SCREENS at most) with the most lines that keep to them; past
    that, the most overdue leads that two screens of one-line rows hold, and the rest left."""
    for most in range(1, MOST_SCREENS + 1):
        for lines in range(MOST_LINES, 0, -1):
            pages = _pages(groups, partial(_lead_rem, lines=lines))
            if len(pages) <= most:
                return LeadScreens(pages, lines)
    rem = partial(_lead_rem, lines=1)
    pages, shown = [], 0
    for n in range(MOST_SCREENS):
        room = SCREEN_REM - (MORE_REM if n == MOST_SCREENS - 1 else 0)
        taken = _fill(groups[shown:], rem, room)
        pages.append(groups[shown : shown + taken])
        shown += taken
    return LeadScreens(pages, 1, tuple(groups[shown:]))


def action_screens(group: LeadGroup) -> list[list[LateRow]]:
    """One lead's late actions cut into screens."""
    return _pages(group.rows, _action_rem)


def summary(status: PlanStatus, groups: list[LeadGroup]) -> str:
    """The counts above the table, in the words My actions and the Overview use."""
    actions = status.actions
    overdue = int((actions["state"] == State.OVERDUE).sum())
    due_soon = int((actions["state"] == State.DUE_SOON).sum())
    if status.lead:
        return f"{status.lead} leads {plural(overdue, 'action')} overdue and {due_soon} due soon."
    late = pairs_note(overdue, sum(g.overdue for g in groups)) if overdue else "No action overdue"
    soon_pairs = plural(sum(g.due_soon for g in groups), "lead-action pair")
    return f"{late}. {plural(due_soon, 'action')} due soon ({soon_pairs})."


def more_leads(left: Sequence[LeadGroup]) -> str:
    """The leads a screen has no room for, in a line: how many, and their counts added up."""
    overdue = sum(g.overdue for g in left)
    due_soon = sum(g.due_soon for g in left)
    return (
        f"And {plural(len(left), 'more lead')} with {overdue} overdue and {due_soon} due soon: "
        "see My actions."
    )


def _late_badge(row: LateRow) -> str:
    background, text = RAG_COLOURS[row.rag]
    return (
        f'<span class="late" style="background:{background};color:{text}">'
        f"{Rag(row.rag).symbol} {html.escape(row.when)}</span>"
    )


def _clamped(text: str) -> str:
    return f'<div class="clamp">{html.escape(text)}</div>'


def _table(columns: dict[str, int], rows: list[str], lines: int = MOST_LINES) -> str:
    cols = "".join(f'<col style="width:{w}%">' for w in columns.values())
    kinds = {h: ' class="count"' if h in COUNTS else "" for h in columns}
    head = "".join(f"<th{kinds[h]}>{html.escape(h)}</th>" for h in columns)
    return (
        f'<table class="board-leads lines-{lines}"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _late_cells(row: LateRow) -> str:
    """How late an action is, what it is and its last note, as table cells."""
    return (
        f"<td>{_late_badge(row)}</td><td>{_clamped(row.action)}</td><td>{_clamped(row.note)}</td>"
    )


def leads_table(groups: list[LeadGroup], lines: int) -> str:
    """A row per lead: the counts, then their most urgent action with its last note."""
    rows = [
        f'<tr><td><b>{html.escape(g.lead)}</b></td><td class="count">{g.overdue}</td>'
        f'<td class="count">{g.due_soon}</td>{_late_cells(g.rows[0])}</tr>'
        for g in groups
    ]
    return _table(LEAD_COLUMNS, rows, lines)


def actions_table(rows: list[LateRow]) -> str:
    """A row per late action of one lead."""
    return _table(ACTION_COLUMNS, [f"<tr>{_late_cells(row)}</tr>" for row in rows])


def screen_tables(groups: list[LeadGroup], one_lead: bool) -> list[str]:
    """What each screen shows under its heading and counts: the chosen lead's actions, or the
    whole plan's leads and, on the last screen, the leads left out."""
    if not groups:
        return [""]
    if one_lead:
        return [actions_table(rows) for rows in action_screens(groups[0])]
    screens = lead_screens(groups)
    tables = [leads_table(page, screens.lines) for page in screens.pages]
    if screens.left:
        tables[-1] += f'<p class="board-more">{html.escape(more_leads(screens.left))}</p>'
    return tables


def nothing_late(status: PlanStatus) -> str:
    which = f"None of the actions {status.lead} leads" if status.lead else "No action"
    return f"{which} is overdue or due soon as at {format_date(status.as_at)}."
