"""The canonical plan template: one row per action. Importer, exporter and the data README share
this one list of columns, so a plan exported and imported again comes back the same.

Each column also lists the other headings councils' own plans give it (`aliases`), so a plan
headed "Objective / Action(s) required / When / Lead" imports without being retyped. The
importer matches them as it matches the headings (readiness.plan.importing.headings); data/README.md
lists them. "How?" is deliberately no column's alias: in "What? / Who? / How? / When?" plans it
holds the method, which is neither the action ("What?") nor evidence of impact; the heading
reader takes it as the action only where no other column is (importing.headings). "Success
measures" is evidence of impact: it says how the council will know the action worked, which is
what that column holds, and is kept with the action and exported under that heading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from readiness.text import squash


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool
    help: str
    example: str
    aliases: tuple[str, ...] = ()


CANONICAL_COLUMNS: tuple[Column, ...] = (
    Column(
        "ref",
        "Ref",
        True,
        "Recommendation reference: REC 1, AFD 2 or APA 1; a bare number (1, 1.2, 2a) is a REC.",
        "REC 1",
        aliases=("No.", "Number", "#", "Reference", "Ref no", "Rec", "Rec no"),
    ),
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
        aliases=(
            "Objective",
            "Area for improvement",
            "Areas for improvement",
            "What needs to improve",
            "Ofsted recommendation",
            "Developmental objective",
        ),
    ),
    Column(
        "judgement_areas",
        "Judgement areas",
        False,
        "Areas it bears on, separated by commas: Impact of leaders, Help and protection, "
        "Children in care, Care leavers.",
        "Help and protection, Children in care",
    ),
    Column(
        "theme",
        "Theme",
        True,
        "The improvement theme the action belongs to.",
        "Plan template",
        aliases=("Improvement theme", "Workstream"),
    ),
    Column(
        "action",
        "Action",
        True,
        "One detailed operational action.",
        "Review the template.",
        aliases=(
            "Actions required",
            "Action(s) required",
            "Action required",
            "Actions to be taken",
            "Key actions",
            "What will we do",
            "What we will do",
            "What?",
        ),
    ),
    Column(
        "service_leads",
        "Service leads",
        True,
        "Who leads: names separated by / , 'and' or new lines; a role may follow in brackets.",
        "Daniel Okafor (Principal Social Worker)",
        aliases=(
            "Lead",
            "Lead officer(s)",
            "Lead officer",
            "Who",
            "Who?",
            "Responsible officer",
            "Responsible",
            "Owner",
            "Action owner",
        ),
    ),
    Column(
        "other_leads",
        "Other leads",
        False,
        "Other operational leads, as above.",
        "Team managers",
        aliases=("Supported by",),
    ),
    Column(
        "start",
        "Start",
        False,
        "Start date, DD/MM/YYYY or a spreadsheet date.",
        "01/04/2026",
        aliases=("Start date",),
    ),
    Column(
        "due",
        "Due",
        False,
        "Due date; blank is flagged 'no due date'.",
        "30/09/2026",
        aliases=(
            "Due date",
            "Due by",
            "Timescale",
            "When",
            "When?",
            "By when",
            "Target date",
            "Deadline",
            "Completion date",
        ),
    ),
    Column(
        "due_text",
        "Due wording",
        False,
        "Where there is no due date, the words the plan used ('by the spring'), kept so the "
        "plan owner can turn them into a date.",
        "",
    ),
    Column(
        "revised_due",
        "Revised due date",
        False,
        "For an action off track: the date it will now be done by (DD/MM/YYYY). The Due date "
        "is kept as the plan's; the dashboard judges the action by this one from the day it is "
        "recorded. Needs a recovery note.",
        "",
        aliases=("Revised date", "Revised deadline", "Revised target date", "New due date"),
    ),
    Column(
        "recovery_note",
        "Recovery note",
        False,
        "How the action will be back on track by the revised due date; it becomes an entry in "
        "the action's history, with the revised date.",
        "",
        aliases=("Recovery plan", "Recovery action", "Revised date reason"),
    ),
    Column(
        "status",
        "Status",
        False,
        "Not started, In progress or Complete; blank means Not started.",
        "In progress",
        aliases=("RAG", "RAG status", "RAG rating", "BRAG", "BRAG status", "Current status"),
    ),
    Column(
        "completed",
        "Completed",
        False,
        "Date completed, if complete.",
        "",
        aliases=("Date completed",),
    ),
    Column(
        "progress_note",
        "Progress note",
        False,
        "The latest progress update; it becomes an entry in the action's history.",
        "Working group has met twice.",
        aliases=("Progress", "Progress update", "Update", "Latest update", "Comments"),
    ),
    Column("progress_date", "Progress date", False, "Date of that update.", "01/11/2026"),
    Column(
        "indicators",
        "Indicators",
        False,
        "The KPIs this action should move, by name, separated by commas (Re-referrals, "
        "Agency rate); blank keeps those set in the app.",
        "Re-referrals within 12 months",
        aliases=("KPIs", "KPI", "Performance indicators", "Indicators to move"),
    ),
    Column(
        "evidence",
        "Evidence of impact",
        False,
        "Evidence that the action made a difference.",
        "",
        aliases=("Evidence", "Impact", "Success measures", "Expected outcome", "How will we know"),
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


_EXAMPLE_KEY = squash(EXAMPLE_ACTION)
_EARLIER_KEYS = tuple(squash(text) for text in _EARLIER_EXAMPLE)


def is_template_example(texts: Mapping[str, str]) -> bool:
    """Whether a row, given as its cells' text by column key, is the template's example row."""
    action = squash(texts.get("action") or "")
    if action == _EXAMPLE_KEY:
        return True
    if action != _EARLIER_KEYS[2]:  # the usual row: one comparison, not three
        return False
    earlier = ("recommendation", "theme")
    return tuple(squash(texts.get(key) or "") for key in earlier) == _EARLIER_KEYS[:2]
