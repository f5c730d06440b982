"""The plan's fixed words: action statuses and recommendation kinds, with their labels.

Kept apart from readiness.models so that the plan reader's separate process (importing) can use
them without loading the database layer, which costs it half a second per upload.
"""

RECOMMENDATION_KIND_LABELS = {
    "REC": "Recommendation",
    "AFD": "Area for development",
    "APA": "Area for priority action",
}
ACTION_STATUSES = ("not_started", "in_progress", "complete")
ACTION_STATUS_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "complete": "Complete",
}
