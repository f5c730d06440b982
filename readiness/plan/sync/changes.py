"""What storing a plan file would change, as data (FieldChange, Change, SyncPreview) and, in one
place (`describe`; `job_title` for a lead officer), in words for the preview a user confirms.

The "is the preview still valid?" check compares the data, never the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from readiness.framework import AREA_SHORT_LABELS
from readiness.kpi.indicators import BY_ID
from readiness.text import format_date, plural
from readiness.vocabulary import ACTION_STATUS_LABELS, RECOMMENDATION_KIND_LABELS

TABLE_COLUMNS = ("Change", "Ref", "Theme", "Action", "What changed")


@dataclass(frozen=True)
class FieldChange:
    """One field of one part that the file changes: FieldChange("due", old_date, new_date)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """An action added, changed or removed, or a recommendation or theme changed (then `action`
    is "", and `theme` is "" too for a recommendation)."""

    change: str  # "added", "changed" or "removed"
    ref: str
    theme: str
    action: str  # the action's text (incoming for added/changed, stored for removed)
    fields: tuple[FieldChange, ...] = ()

    @property
    def part(self) -> str:
        return "action" if self.action else "theme" if self.theme else "recommendation"

    @property
    def details(self) -> tuple[str, ...]:
        """One line in words per changed field."""
        return tuple(describe(self.part, f) for f in self.fields)


@dataclass(frozen=True)
class SyncPreview:
    mode: str  # "new_plan" or "update"
    plan_title: str  # the stored plan's for an update, the file's for a new plan
    matched: int  # stored actions matched by incoming ones (new_plan: word-for-word matches)
    unchanged: int
    added: tuple[Change, ...]  # includes retired actions the file brings back
    changed: tuple[Change, ...]
    removed: tuple[Change, ...]
    # Changes to recommendations and themes themselves, shown with the changed actions.
    part_changes: tuple[Change, ...] = ()
    # What the file holds, for the new-plan summary.
    recommendations: int = 0
    themes: int = 0
    actions: int = 0
    reason: str = ""  # new_plan beside a stored plan: why it is not an update
    # (name, job title) for known lead officers who have none and to whom the file gives one.
    job_titles: tuple[tuple[str, str], ...] = ()

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added or self.changed or self.removed or self.part_changes or self.job_titles
        )

    @property
    def key(self) -> tuple:
        """What must be the same when the user confirms as when they saw the preview."""
        return self.mode, self.added, self.changed, self.removed, self.part_changes, self.job_titles

    def summary(self) -> str:
        if self.mode == "new_plan":
            counts = ", ".join(
                plural(n, word)
                for n, word in (
                    (self.recommendations, "recommendation"),
                    (self.themes, "theme"),
                    (self.actions, "action"),
                )
            )
            line = f"New plan: {counts}." + (f" {self.reason}" if self.reason else "")
            return line + (f" Also {self._titles}." if self.job_titles else "")
        line = (
            f"Update of the stored plan: {len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged"
        )
        also = []
        if self.part_changes:
            recs = sum(1 for c in self.part_changes if c.part == "recommendation")
            parts = [plural(recs, "recommendation"), plural(len(self.part_changes) - recs, "theme")]
            also.append(" and ".join(p for p in parts if not p.startswith("0 ")) + " changed")
        if self.job_titles:
            also.append(self._titles)
        if also:
            line += "; also " + ", and ".join(also)
        if not self.has_changes:
            line += ". The file matches the stored plan"
        return line + "."

    def table(self) -> pd.DataFrame:
        rows = [
            (c.change, c.ref, c.theme, c.action, "; ".join(c.details))
            for c in (*self.added, *self.part_changes, *self.changed, *self.removed)
        ]
        rows += [("changed", "", "", "", job_title(*title)) for title in self.job_titles]
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    @property
    def _titles(self) -> str:
        return f"{plural(len(self.job_titles), 'job title')} added"


def _names(names) -> str:
    return " / ".join(sorted(names, key=str.casefold)) or "none"


def _areas(codes) -> str:
    return _names(AREA_SHORT_LABELS.get(c, c) for c in codes)


def _day(day: date | None) -> str:
    return format_date(day) or "none"


def _words(text: str | None) -> str:
    return f'"{text}"' if text else "none"


def _evidence(old: str | None, new: str | None) -> str:
    if old is None:
        return "Evidence added"
    return "Evidence removed" if new is None else "Evidence changed"


def _notes(new: tuple[str, ...]) -> str:
    return "New progress note" if len(new) == 1 else f"{len(new)} new progress notes"


def _revision(old: date | None, new: date) -> str:
    """A revision of the due date, from the date in force before it."""
    if old == new:
        return f"New recovery note; the due date stays {_day(new)}"
    if old is None:
        return f"Due date set to {_day(new)} (the plan had none), with a recovery note"
    return f"Due date revised to {_day(new)} from {_day(old)}, with a recovery note"


def _kind(code: str) -> str:
    return RECOMMENDATION_KIND_LABELS.get(code, code)


def _indicators(ids) -> str:
    """Indicator names; a council's own local indicator is named by its id."""
    return ", ".join(BY_ID[i].name if i in BY_ID else i for i in ids) or "none"


def _status(code: str) -> str:
    return ACTION_STATUS_LABELS.get(code, code)


# (part, field) -> the words for a change of it; "*" for any part.
_WORDS = {
    ("*", "retired_on"): lambda old, new: (
        f"Back in the plan (removed on {format_date(old)}; its history is kept)"
    ),
    ("recommendation", "ref"): lambda old, new: f"Ref: {old} → {new}",
    ("recommendation", "kind"): lambda old, new: f"Kind: {_kind(old)} → {_kind(new)}",
    ("recommendation", "text"): lambda old, new: "Recommendation text changed",
    ("recommendation", "areas"): lambda old, new: f"Areas: {_areas(old)} → {_areas(new)}",
    ("theme", "text"): lambda old, new: f'Theme renamed from "{old}"',
    ("theme", "service_leads"): lambda old, new: (
        f"Theme service leads: {_names(old)} → {_names(new)}"
    ),
    ("action", "text"): lambda old, new: "Text changed",
    ("action", "theme"): lambda old, new: f'Moved from theme "{old}"',
    ("action", "start"): lambda old, new: f"Start: {_day(old)} → {_day(new)}",
    ("action", "due"): lambda old, new: f"Due: {_day(old)} → {_day(new)}",
    ("action", "due_text"): lambda old, new: f"Due wording: {_words(old)} → {_words(new)}",
    ("action", "status"): lambda old, new: f"Status: {_status(old)} → {_status(new)}",
    ("action", "completed"): lambda old, new: f"Completed: {_day(old)} → {_day(new)}",
    ("action", "evidence"): _evidence,
    ("action", "service_leads"): lambda old, new: f"Service leads: {_names(old)} → {_names(new)}",
    ("action", "other_leads"): lambda old, new: f"Other leads: {_names(old)} → {_names(new)}",
    ("action", "progress_notes"): lambda old, new: _notes(new),
    ("action", "revised_due"): _revision,
    ("action", "indicators"): lambda old, new: (
        f"Indicators it should move: {_indicators(old)} → {_indicators(new)}"
    ),
}


def job_title(name: str, title: str) -> str:
    """A known lead officer's job title, given by the file where none was stored."""
    return f"Job title added for {name}: {title}"


def describe(part: str, change: FieldChange) -> str:
    """A field change in the words the preview shows."""
    words = _WORDS.get((part, change.field)) or _WORDS[("*", change.field)]
    return words(change.old, change.new)
