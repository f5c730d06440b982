"""The plan's fixed words: action statuses and recommendation kinds, with their labels.

Kept apart from readiness.db.models so that the plan reader's separate process (importing) can use
them without loading the database layer, which costs it half a second per upload.
"""

RECOMMENDATION_KIND_LABELS = {
    "REC": "Recommendation",
    "AFD": "Area for development",
    "APA": "Area for priority action",
}
# An action's status, as stored and as the rules compare it (never its label).
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"
ACTION_STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETE)
ACTION_STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    COMPLETE: "Complete",
}
