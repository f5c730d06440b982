"""Pure checks on one canonical row's dates, taken together with its status.

A date cell can hold a real date that is still not the plan's date: 31/12/9999, 01/01/1900 (the
first day Excel knows) or 01/01/0001 put in for "no date". Such a date would make an action never
overdue, or a century overdue, so it is a problem to fix, not a date. The dates an
improvement plan can hold are those from 2000 to 2100: Ofsted's children's services inspections
under any framework a plan answers began after 2000, and no plan runs to 2100. The window is
fixed, not counted from the import date, so a file gets the same answer whenever it is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from readiness.vocabulary import ACTION_STATUS_LABELS, COMPLETE, NOT_STARTED

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
DATE_COLUMNS = ("start", "due", "revised_due", "completed", "progress_date")


@dataclass(frozen=True)
class DateIssue:
    """One problem with a row's dates: the column to report it in, its value, message and fix."""

    key: str
    value: str | None
    message: str
    fix: str
    warning: bool = False


def shown(day: date) -> str:
    """DD/MM/YYYY with a four-digit year, so 1 January of year 1 reads 01/01/0001."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def check_action_dates(dates: dict[str, date | None], status: str | None) -> list[DateIssue]:
    """The problems with a row's dates (by column key) and its status code.

    `status` is None when the status cell could not be read, which is reported on its own.
    A date outside the window is reported once and then left out of the other checks.
    """
    issues: list[DateIssue] = []
    kept: dict[str, date | None] = {}
    for key in DATE_COLUMNS:
        day = dates.get(key)
        if day is not None and not EARLIEST <= day <= LATEST:
            issues.append(
                DateIssue(
                    key,
                    shown(day),
                    f"is not a date a plan can hold (only {EARLIEST.year} to {LATEST.year}): "
                    "it looks like a stand-in for no date.",
                    "Write the real date, or leave the cell empty if there is none.",
                )
            )
            day = None
        kept[key] = day
    start, due, completed = kept["start"], kept["due"], kept["completed"]
    if start and due and due < start:
        issues.append(
            DateIssue(
                "due",
                f"{due:%d/%m/%Y}",
                f"is before the start date ({start:%d/%m/%Y}).",
                "Correct the start or the due date.",
            )
        )
    if start and completed and completed < start:
        # A warning, not an error: the app itself records an action finished before its
        # planned start (the progress form dates a completion on the day it is recorded), and
        # its own export must import again.
        issues.append(
            DateIssue(
                "completed",
                f"{completed:%d/%m/%Y}",
                f"is before the start date ({start:%d/%m/%Y}).",
                "Check both dates; if the action really finished before it was due to start, "
                "leave them as they are.",
                warning=True,
            )
        )
    if completed and status is not None and status != COMPLETE:
        label = ACTION_STATUS_LABELS.get(status, status)
        if status == NOT_STARTED:
            label += " (an empty status means Not started)"
        issues.append(
            DateIssue(
                "completed",
                f"{completed:%d/%m/%Y}",
                f"is a completed date, but the status is {label}.",
                "Set the status to Complete, or clear the completed date if the action is not "
                "finished.",
            )
        )
    return issues
