"""A row's revised due date and recovery note (the canonical layout's "Revised due date" and
"Recovery note"): checked together, and turned into the progress entry that records them.

The two come as a pair, as the progress form takes them: a revised date says when the action
will be back on track, the note says how, and the rule that uses the date (readiness.plan.rag) shows
the note's date beside it. One without the other is a problem to fix, never half imported.

A revision is a dated fact in the action's history. The file does not say when it was made, so
it is dated the day of the import. Where the row's progress note is the recovery note itself, as
in the dashboard's own export when the revision is the latest entry, the two are one entry, the
revision: the progress date may be an earlier revision's (the user may have changed only the
revised date), so it is not taken. A re-import that finds the same revision already stored
records nothing (readiness.plan.sync.update).
"""

from __future__ import annotations

from datetime import date

from readiness.plan.input import UpdateInput


def revision_problems(
    revised: date | None, note: str, revised_cell_empty: bool
) -> list[tuple[str, str | None, str, str]]:
    """(column key, value, message, fix) for a revised date without a note, or a note without
    a date. An unreadable date is reported by the date reader, so it is not also "missing"."""
    if revised is not None and not note:
        return [
            (
                "recovery_note",
                None,
                f"The recovery note is empty, but the row gives a revised due date "
                f"({revised:%d/%m/%Y}).",
                "Write how the action will be back on track by then, or clear the revised due "
                "date.",
            )
        ]
    if note and revised is None and revised_cell_empty:
        return [
            (
                "revised_due",
                None,
                "The revised due date is empty, but the row gives a recovery note.",
                "Give the date the action will be back on track by, as DD/MM/YYYY, or move the "
                "note to the progress note.",
            )
        ]
    return []


def with_revision(
    updates: list[UpdateInput], revised: date | None, note: str, status: str, imported_on: date
) -> list[UpdateInput]:
    """The row's progress entries with its revision among them (see the module docstring)."""
    if revised is None or not note:
        return updates
    others = [u for u in updates if u.text != note]
    return [*others, UpdateInput(imported_on, note, status, revised_due=revised)]
