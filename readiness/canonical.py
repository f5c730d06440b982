"""The canonical plan template: one row per action. Importer, exporter and the data README share
this one list of columns, so a plan exported and imported again comes back the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool
    help: str
    example: str


CANONICAL_COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", True, "Recommendation reference: REC 1, AFD 2 or APA 1.", "REC 1"),
    Column(
        "kind",
        "Kind",
        False,
        "REC (recommendation), AFD (area for development) or APA (area for priority action); "
        "blank takes it from the ref.",
        "REC",
    ),
    Column(
        "recommendation",
        "Recommendation",
        True,
        "The recommendation's text, the same on every row of that ref.",
        "Improve the quality of written plans for children in need.",
    ),
    Column(
        "judgement_areas",
        "Judgement areas",
        False,
        "Areas it bears on, separated by commas: Impact of leaders, Help and protection, "
        "Children in care, Care leavers.",
        "Help and protection, Children in care",
    ),
    Column("theme", "Theme", True, "The improvement theme the action belongs to.", "Plan template"),
    Column("action", "Action", True, "One detailed operational action.", "Review the template."),
    Column(
        "service_leads",
        "Service leads",
        True,
        "Who leads: names separated by / , 'and' or new lines; a role may follow in brackets.",
        "Daniel Okafor (Principal Social Worker)",
    ),
    Column(
        "other_leads", "Other leads", False, "Other operational leads, as above.", "Team managers"
    ),
    Column("start", "Start", False, "Start date, DD/MM/YYYY or a spreadsheet date.", "01/04/2026"),
    Column("due", "Due", False, "Due date; blank is flagged 'no due date'.", "30/09/2026"),
    Column(
        "due_text",
        "Due wording",
        False,
        "Where there is no due date, the words the plan used ('by the spring'), kept so the "
        "plan owner can turn them into a date.",
        "",
    ),
    Column(
        "status",
        "Status",
        False,
        "Not started, In progress or Complete; blank means Not started.",
        "In progress",
    ),
    Column("completed", "Completed", False, "Date completed, if complete.", ""),
    Column(
        "progress_note",
        "Progress note",
        False,
        "The latest progress update; it becomes an entry in the action's history.",
        "Working group has met twice.",
    ),
    Column("progress_date", "Progress date", False, "Date of that update.", "01/11/2026"),
    Column(
        "evidence", "Evidence of impact", False, "Evidence that the action made a difference.", ""
    ),
)

HEADINGS = {c.key: c.heading for c in CANONICAL_COLUMNS}

# The blank template's example row is known by its action, which says what it is. The action is
# the cell a user types over to make the row their own, so a row whose action still reads as the
# example is skipped on import whatever its other cells now hold, and a row whose action was
# rewritten is imported. Cell text survives a save as CSV, where a comment or a style would not;
# the match ignores case, spacing and punctuation, which a CSV save or autocorrect may change.
EXAMPLE_ACTION = (
    "Example row: skipped on import while this text is here. "
    "Type your first action over it, or delete the row."
)
# Templates written before EXAMPLE_ACTION, still in councils' downloaded copies, had this
# recommendation, theme and action in their example row; all three together mark it.
_EARLIER_EXAMPLE = (
    "Improve the quality of written plans for children in need.",
    "Plan template",
    "Review the template.",
)


def _loose(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_EXAMPLE_KEY = _loose(EXAMPLE_ACTION)
_EARLIER_KEYS = tuple(_loose(text) for text in _EARLIER_EXAMPLE)


def is_template_example(texts: Mapping[str, str]) -> bool:
    """Whether a row, given as its cells' text by column key, is the template's example row."""
    if _loose(texts.get("action") or "") == _EXAMPLE_KEY:
        return True
    earlier = ("recommendation", "theme", "action")
    return tuple(_loose(texts.get(key) or "") for key in earlier) == _EARLIER_KEYS
