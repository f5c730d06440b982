"""The canonical plan template: one row per action. Importer, exporter and the data README share
this one list of columns, so a plan exported and imported again comes back the same.
"""

from __future__ import annotations

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
