"""Storing an imported plan: as a new plan, or as an update of the stored plan in place.

A council re-imports its plan every month or so. Each action keeps its identity across versions,
so its progress history stays with it:

* recommendations match by ref;
* themes match, within a ref, by their text with case, spaces, punctuation and bullets ignored,
  else by similarity (difflib ratio >= 0.85);
* actions match, within a ref, by that normalised text (an action may move between the ref's
  themes), and the rest, within the same theme, by similarity >= 0.85 ("Text changed").

An update is applied in place in one transaction: matched actions keep their id and history and
take the file's fields; an action the file no longer has is retired (hidden, never deleted), and
comes back with its history if a later file has it again. A file in which fewer than half the
actions match the stored plan word for word is taken to be a different plan and stored as a new
one, leaving the stored plan untouched.

    preview = preview_import(engine, result.plan)          # show preview.summary(), .table()
    apply_import(engine, result.plan, as_at, expected=preview)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.orm import Session

from readiness.db import session_scope
from readiness.models import (
    ACTION_STATUS_LABELS,
    RECOMMENDATION_KIND_LABELS,
    Action,
    ActionLead,
    ImprovementPlan,
    LeadOfficer,
    ProgressUpdate,
    Recommendation,
    RecommendationArea,
    Theme,
    ThemeLead,
)
from readiness.plan_input import (
    ActionInput,
    PlanInput,
    RecommendationInput,
    ThemeInput,
    UpdateInput,
    action_leads,
    action_row,
    add_plan,
    lead_ids,
    recommendation_row,
    theme_row,
)
from readiness.rag import format_date

SIMILAR = 0.85  # difflib ratio at or above which two texts are the same item reworded
TABLE_COLUMNS = ("Change", "Ref", "Theme", "Action", "What changed")


# --- The preview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionChange:
    change: str  # "added", "changed" or "removed"
    ref: str
    theme: str
    action: str  # the action's text (incoming for added/changed, stored for removed)
    details: tuple[str, ...] = ()  # one human line per changed field


@dataclass(frozen=True)
class SyncPreview:
    mode: str  # "new_plan" or "update"
    plan_title: str  # the stored plan's for an update, the file's for a new plan
    matched: int  # stored actions matched by incoming ones (new_plan: word-for-word matches)
    unchanged: int
    added: tuple[ActionChange, ...]  # includes retired actions the file brings back
    changed: tuple[ActionChange, ...]
    removed: tuple[ActionChange, ...]
    # Changes to recommendations and themes themselves (text, kind, areas, service leads); their
    # `action` is "" (and `theme` is "" for a recommendation). Shown with the changed actions.
    part_changes: tuple[ActionChange, ...] = ()
    # What the file holds, for the new-plan summary.
    recommendations: int = 0
    themes: int = 0
    actions: int = 0
    reason: str = ""  # new_plan beside a stored plan: why it is not an update

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.part_changes)

    def summary(self) -> str:
        if self.mode == "new_plan":
            counts = ", ".join(
                _count(n, word)
                for n, word in (
                    (self.recommendations, "recommendation"),
                    (self.themes, "theme"),
                    (self.actions, "action"),
                )
            )
            return f"New plan: {counts}." + (f" {self.reason}" if self.reason else "")
        line = (
            f"Update of the stored plan: {len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged"
        )
        if self.part_changes:
            recs = sum(1 for c in self.part_changes if not c.theme)
            parts = [_count(recs, "recommendation"), _count(len(self.part_changes) - recs, "theme")]
            line += (
                "; also " + " and ".join(p for p in parts if not p.startswith("0 ")) + " changed"
            )
        if not self.has_changes:
            line += ". The file matches the stored plan"
        return line + "."

    def table(self) -> pd.DataFrame:
        rows = [
            (c.change, c.ref, c.theme, c.action, "; ".join(c.details))
            for c in (*self.added, *self.part_changes, *self.changed, *self.removed)
        ]
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


class PlanChangedError(Exception):
    """The stored plan changed between the preview and storing it; nothing was stored."""


PLAN_CHANGED = (
    "The stored plan changed after this preview was made (someone else stored a plan or saved "
    "progress meanwhile), so nothing was stored. Check the file again: look over the new preview "
    "of its changes, then store it."
)


def preview_import(
    engine: Engine, incoming: PlanInput, *, as_new_plan: bool = False
) -> SyncPreview:
    """What storing `incoming` would do, without writing anything."""
    with Session(engine) as session:
        stored = _load(session, _current_plan_id(session))
        return _compare(stored, incoming, as_new_plan).preview


def apply_import(
    engine: Engine,
    incoming: PlanInput,
    as_at: date,
    *,
    as_new_plan: bool = False,
    expected: SyncPreview | None = None,
    author: str = "Import",
) -> SyncPreview:
    """Store `incoming` in one transaction (all or nothing); returns what was done.

    With `expected` (the preview the user confirmed), raises PlanChangedError and stores nothing
    if the changes worked out now differ from it. `as_at` dates retirements and status changes;
    `author` signs the progress entries the import adds for status changes.
    """
    with session_scope(engine) as session:
        stored = _load(session, _lock_current_plan(session))
        sync = _compare(stored, incoming, as_new_plan)
        if expected is not None and _key(expected) != _key(sync.preview):
            raise PlanChangedError(PLAN_CHANGED)
        if sync.preview.mode == "new_plan":
            add_plan(session, incoming)
        elif sync.needs_write:
            _write_update(session, sync, incoming, as_at, author)
        return sync.preview


def _key(preview: SyncPreview) -> tuple:
    return preview.mode, preview.added, preview.changed, preview.removed, preview.part_changes


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- Comparing texts ----------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text compared loosely: case, spacing, punctuation and bullet characters ignored."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised texts (1.0 = the same)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0  # cheap upper bounds already below the bar
    return matcher.ratio()


def _tidy(text: str | None) -> str | None:
    """Text with its spacing collapsed, None if empty: what counts as a real change."""
    return " ".join(text.split()) or None if text else None


def _best_pairs(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one pairing of (score, incoming, stored) candidates."""
    used_in: set[int] = set()
    used_st: set[int] = set()
    pairs = []
    for _, i, s in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_in and s not in used_st:
            used_in.add(i)
            used_st.add(s)
            pairs.append((i, s))
    return pairs


# --- The stored plan ----------------------------------------------------------------------------


@dataclass(eq=False)
class _StoredRec:
    id: int
    ref: str
    kind: str
    text: str
    position: int
    retired_on: date | None
    areas: list[str] = field(default_factory=list)


@dataclass(eq=False)
class _StoredTheme:
    id: int
    rec_id: int
    text: str
    position: int
    retired_on: date | None
    leads: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)


@dataclass(eq=False)
class _StoredAction:
    id: int
    theme_id: int
    rec_id: int
    text: str
    position: int
    start: date | None
    due: date | None
    due_text: str | None
    completed: date | None
    status: str
    evidence: str | None
    version: int
    retired_on: date | None
    leads: dict[str, str] = field(default_factory=dict)  # name -> role
    notes: set[str] = field(default_factory=set)  # normalised texts of its history

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)


@dataclass(eq=False)
class _Stored:
    plan_id: int
    title: str
    recs: list[_StoredRec]  # retired ones included, in stored order
    themes: list[_StoredTheme]
    actions: list[_StoredAction]


def _current_plan_id(session: Session) -> int | None:
    """The current plan: the most recently created, as load_plan_data picks it."""
    return session.scalar(select(ImprovementPlan.id).order_by(ImprovementPlan.id.desc()).limit(1))


def _lock_current_plan(session: Session) -> int | None:
    """The current plan's id, with its row written to so that a second import waits for this one
    to finish (a row lock on PostgreSQL, the write lock on SQLite) and reads what it stored."""
    plan_id = _current_plan_id(session)
    while plan_id is not None:
        session.execute(
            update(ImprovementPlan)
            .where(ImprovementPlan.id == plan_id)
            .values(title=ImprovementPlan.title)
            .execution_options(synchronize_session=False)
        )
        latest = _current_plan_id(session)
        if latest == plan_id:
            break
        plan_id = latest
    return plan_id


def _load(session: Session, plan_id: int | None) -> _Stored | None:
    """The whole plan, retired parts included, in a few set-based queries."""
    if plan_id is None:
        return None
    title = session.scalar(select(ImprovementPlan.title).where(ImprovementPlan.id == plan_id))
    recs = [
        _StoredRec(*row)
        for row in session.execute(
            select(
                Recommendation.id,
                Recommendation.ref,
                Recommendation.kind,
                Recommendation.text,
                Recommendation.position,
                Recommendation.retired_on,
            )
            .where(Recommendation.plan_id == plan_id)
            .order_by(Recommendation.position, Recommendation.id)
        )
    ]
    rec_by_id = {r.id: r for r in recs}
    for rec_id, area in session.execute(
        select(RecommendationArea.recommendation_id, RecommendationArea.area)
        .join(Recommendation)
        .where(Recommendation.plan_id == plan_id)
        .order_by(RecommendationArea.area)
    ):
        rec_by_id[rec_id].areas.append(area)
    themes = [
        _StoredTheme(*row)
        for row in session.execute(
            select(Theme.id, Theme.recommendation_id, Theme.text, Theme.position, Theme.retired_on)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan_id)
            .order_by(Recommendation.position, Theme.position, Theme.id)
        )
    ]
    theme_by_id = {t.id: t for t in themes}
    for theme_id, name in session.execute(
        select(ThemeLead.theme_id, LeadOfficer.name)
        .join(LeadOfficer)
        .join(Theme)
        .join(Recommendation)
        .where(Recommendation.plan_id == plan_id)
        .order_by(LeadOfficer.name)
    ):
        theme_by_id[theme_id].leads.append(name)
    actions = [
        _StoredAction(*row)
        for row in session.execute(
            select(
                Action.id,
                Action.theme_id,
                Theme.recommendation_id,
                Action.text,
                Action.position,
                Action.start,
                Action.due,
                Action.due_text,
                Action.completed,
                Action.status,
                Action.evidence,
                Action.version,
                Action.retired_on,
            )
            .join(Theme)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan_id)
            .order_by(Recommendation.position, Theme.position, Action.position, Action.id)
        )
    ]
    action_by_id = {a.id: a for a in actions}
    for action_id, role, name in session.execute(
        select(ActionLead.action_id, ActionLead.role, LeadOfficer.name)
        .join(LeadOfficer)
        .join(Action)
        .join(Theme)
        .join(Recommendation)
        .where(Recommendation.plan_id == plan_id)
    ):
        action_by_id[action_id].leads[name] = role
    for action_id, text in session.execute(
        select(ProgressUpdate.action_id, ProgressUpdate.text)
        .join(Action)
        .join(Theme)
        .join(Recommendation)
        .where(Recommendation.plan_id == plan_id)
    ):
        action_by_id[action_id].notes.add(normalise(text))
    return _Stored(plan_id, title, recs, themes, actions)


# --- Matching the file to the stored plan -------------------------------------------------------

Where = tuple[int, int]  # (recommendation index, theme index) in the file
At = tuple[int, int, int]  # (recommendation index, theme index, action index) in the file


@dataclass(eq=False)
class _Sync:
    """Everything an update writes, worked out before anything is written."""

    preview: SyncPreview
    stored: _Stored | None = None
    recs: dict[int, _StoredRec] = field(default_factory=dict)  # file index -> matched
    themes: dict[Where, _StoredTheme] = field(default_factory=dict)
    actions: dict[At, _StoredAction] = field(default_factory=dict)
    changed: set[At] = field(default_factory=set)  # matched actions to rewrite
    new_notes: dict[At, list[UpdateInput]] = field(default_factory=dict)
    removed: list[_StoredAction] = field(default_factory=list)
    retire_themes: list[_StoredTheme] = field(default_factory=list)
    retire_recs: list[_StoredRec] = field(default_factory=list)
    reordered: bool = False  # a position differs from the file's order, or a part comes back

    @property
    def needs_write(self) -> bool:
        return bool(
            self.preview.has_changes or self.reordered or self.retire_themes or self.retire_recs
        )


def _compare(stored: _Stored | None, plan: PlanInput, as_new_plan: bool) -> _Sync:
    refs = [r.ref for r in plan.recommendations]
    if len(set(refs)) != len(refs):
        twice = sorted({r for r in refs if refs.count(r) > 1})
        raise ValueError(f"The plan has more than one recommendation {', '.join(twice)}.")
    counts = dict(
        recommendations=len(plan.recommendations),
        themes=sum(len(r.themes) for r in plan.recommendations),
        actions=sum(len(t.actions) for r in plan.recommendations for t in r.themes),
    )

    def new_plan(matched: int = 0, reason: str = "") -> _Sync:
        preview = SyncPreview("new_plan", plan.title, matched, 0, (), (), (), reason=reason)
        return _Sync(replace(preview, **counts))

    if stored is None:
        return new_plan()
    if as_new_plan:
        return new_plan(
            reason="Stored as a new plan, as asked: it becomes the current plan and "
            f'"{stored.title}" is kept unchanged.'
        )
    sync = _Sync(preview=None, stored=stored)  # type: ignore[arg-type]
    exact = _match(stored, plan, sync)
    if 2 * exact < counts["actions"]:
        share = f"Only {exact}" if exact else "None"
        return new_plan(
            exact,
            f"{share} of its {counts['actions']} actions match the stored plan "
            f'"{stored.title}" word for word, so it is taken to be a different plan: it becomes '
            "the current plan and the stored one is kept unchanged.",
        )
    sync.preview = replace(_describe(stored, plan, sync), **counts)
    return sync


def _match(stored: _Stored, plan: PlanInput, sync: _Sync) -> int:
    """Pair the file's recommendations, themes and actions with stored ones (retired ones
    included, live ones preferred); returns how many actions matched word for word."""
    recs_by_ref = {r.ref: r for r in stored.recs}
    themes_by_rec: dict[int, list[_StoredTheme]] = defaultdict(list)
    for t in stored.themes:
        themes_by_rec[t.rec_id].append(t)
    actions_by_rec: dict[int, list[_StoredAction]] = defaultdict(list)
    for a in stored.actions:
        actions_by_rec[a.rec_id].append(a)
    exact_total = 0
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = recs_by_ref.get(rec.ref)
        if s_rec is None:
            continue
        sync.recs[r_i] = s_rec
        # Themes: same normalised text, else similar text; one-to-one.
        s_themes = themes_by_rec[s_rec.id]
        free = list(s_themes)
        for t_i, theme in enumerate(rec.themes):
            norm = normalise(theme.text)
            same = [t for t in free if t.norm == norm]
            if same:
                best = min(same, key=lambda t: t.retired_on is not None)
                sync.themes[(r_i, t_i)] = best
                free.remove(best)
        left = [t_i for t_i in range(len(rec.themes)) if (r_i, t_i) not in sync.themes]
        candidates = [
            (score + (0.0 if free[s].retired_on else 1e-9), t_i, s)
            for t_i in left
            for s in range(len(free))
            if (score := similarity(normalise(rec.themes[t_i].text), free[s].norm)) >= SIMILAR
        ]
        for t_i, s in _best_pairs(candidates):
            sync.themes[(r_i, t_i)] = free[s]
        # Actions: same normalised text anywhere in the ref (the same theme preferred).
        by_norm: dict[str, list[_StoredAction]] = defaultdict(list)
        for a in actions_by_rec[s_rec.id]:
            by_norm[a.norm].append(a)
        incoming: list[tuple[At, str]] = [
            ((r_i, t_i, a_i), normalise(action.text))
            for t_i, theme in enumerate(rec.themes)
            for a_i, action in enumerate(theme.actions)
        ]
        unmatched: dict[int, list[tuple[At, str]]] = defaultdict(list)  # by file theme index
        for at, norm in incoming:
            same = by_norm.get(norm)
            if not same:
                unmatched[at[1]].append((at, norm))
                continue
            home = sync.themes.get(at[:2])
            best = min(
                same,
                key=lambda a, home=home: (
                    home is None or a.theme_id != home.id,
                    a.retired_on is not None,
                ),
            )
            same.remove(best)
            sync.actions[at] = best
            exact_total += 1
        # The rest: similar text within the same theme.
        taken = {a.id for a in sync.actions.values()}
        for t_i, items in unmatched.items():
            home = sync.themes.get((r_i, t_i))
            if home is None:
                continue
            pool = [
                a for a in actions_by_rec[s_rec.id] if a.theme_id == home.id and a.id not in taken
            ]
            candidates = [
                (score + (0.0 if pool[s].retired_on else 1e-9), i, s)
                for i, (_, norm) in enumerate(items)
                for s in range(len(pool))
                if (score := similarity(norm, pool[s].norm)) >= SIMILAR
            ]
            for i, s in _best_pairs(candidates):
                sync.actions[items[i][0]] = pool[s]
                taken.add(pool[s].id)
    return exact_total


def _describe(stored: _Stored, plan: PlanInput, sync: _Sync) -> SyncPreview:
    """Work out each change, in words, and what must be retired."""
    theme_by_id = {t.id: t for t in stored.themes}
    added: list[ActionChange] = []
    changed: list[ActionChange] = []
    parts: list[ActionChange] = []
    unchanged = 0
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = sync.recs.get(r_i)
        if s_rec is None:
            sync.reordered = True
        else:
            details = _recommendation_details(s_rec, rec)
            if details:
                parts.append(ActionChange("changed", rec.ref, "", "", details))
            sync.reordered |= s_rec.position != r_i or s_rec.retired_on is not None
        for t_i, theme in enumerate(rec.themes):
            s_theme = sync.themes.get((r_i, t_i))
            if s_theme is None:
                sync.reordered = True
            else:
                details = _theme_details(s_theme, theme)
                if details:
                    parts.append(ActionChange("changed", rec.ref, theme.text, "", details))
                sync.reordered |= s_theme.position != t_i or s_theme.retired_on is not None
            for a_i, action in enumerate(theme.actions):
                at = (r_i, t_i, a_i)
                s_action = sync.actions.get(at)
                if s_action is None:
                    added.append(ActionChange("added", rec.ref, theme.text, action.text))
                    continue
                notes = _new_notes(s_action, action)
                if notes:
                    sync.new_notes[at] = notes
                moved_from = None
                if s_theme is None or s_action.theme_id != s_theme.id:
                    moved_from = theme_by_id[s_action.theme_id].text
                details = _action_details(s_action, action, moved_from, len(notes))
                if s_action.retired_on is not None:
                    back = (
                        f"Back in the plan (removed on {format_date(s_action.retired_on)}; "
                        "its history is kept)"
                    )
                    added.append(
                        ActionChange("added", rec.ref, theme.text, action.text, (back, *details))
                    )
                    sync.changed.add(at)
                elif details:
                    changed.append(
                        ActionChange("changed", rec.ref, theme.text, action.text, details)
                    )
                    sync.changed.add(at)
                else:
                    unchanged += 1
                    sync.reordered |= s_action.position != a_i
    matched_ids = {a.id for a in sync.actions.values()}
    rec_by_id = {r.id: r for r in stored.recs}
    for s_action in stored.actions:
        if s_action.retired_on is None and s_action.id not in matched_ids:
            sync.removed.append(s_action)
    removed = tuple(
        ActionChange("removed", rec_by_id[a.rec_id].ref, theme_by_id[a.theme_id].text, a.text, ())
        for a in sync.removed
    )
    # A theme or recommendation the file no longer has is left with no live actions (its
    # actions are either retired or matched into the file's themes), so it is retired too.
    matched_themes = {t.id for t in sync.themes.values()}
    sync.retire_themes = [
        t for t in stored.themes if t.retired_on is None and t.id not in matched_themes
    ]
    matched_recs = {r.id for r in sync.recs.values()}
    sync.retire_recs = [r for r in stored.recs if r.retired_on is None and r.id not in matched_recs]
    return SyncPreview(
        mode="update",
        plan_title=stored.title,
        matched=len(sync.actions),
        unchanged=unchanged,
        added=tuple(added),
        changed=tuple(changed),
        removed=removed,
        part_changes=tuple(parts),
    )


def _names(names) -> str:
    return " / ".join(sorted(names, key=str.casefold)) or "none"


def _day(day: date | None) -> str:
    return format_date(day) or "none"


def _words(text: str | None) -> str:
    return f'"{text}"' if text else "none"


def _recommendation_details(s: _StoredRec, rec: RecommendationInput) -> tuple[str, ...]:
    details = []
    if s.kind != rec.kind:
        details.append(
            f"Kind: {RECOMMENDATION_KIND_LABELS.get(s.kind, s.kind)} → "
            f"{RECOMMENDATION_KIND_LABELS.get(rec.kind, rec.kind)}"
        )
    if _tidy(s.text) != _tidy(rec.text):
        details.append("Recommendation text changed")
    if set(s.areas) != set(rec.areas):
        details.append(f"Areas: {_names(s.areas)} → {_names(set(rec.areas))}")
    return tuple(details)


def _theme_details(s: _StoredTheme, theme: ThemeInput) -> tuple[str, ...]:
    details = []
    if _tidy(s.text) != _tidy(theme.text):
        details.append(f'Theme renamed from "{s.text}"')
    if set(s.leads) != set(theme.service_leads):
        details.append(
            f"Theme service leads: {_names(s.leads)} → {_names(set(theme.service_leads))}"
        )
    return tuple(details)


def _new_notes(s: _StoredAction, action: ActionInput) -> list[UpdateInput]:
    """The file's progress notes not already in the action's history (each text once)."""
    seen = set(s.notes)
    notes = []
    for note in action.updates:
        norm = normalise(note.text)
        if norm and norm not in seen:
            seen.add(norm)
            notes.append(note)
    return notes


def _incoming_leads(action: ActionInput) -> dict[str, str]:
    leads = {n: "service" for n in action.service_leads}
    leads |= {n: "other" for n in action.other_leads if n not in leads}
    return leads


def _action_details(
    s: _StoredAction, a: ActionInput, moved_from: str | None, new_notes: int
) -> tuple[str, ...]:
    details = []
    if _tidy(s.text) != _tidy(a.text):
        details.append("Text changed")
    if moved_from is not None:
        details.append(f'Moved from theme "{moved_from}"')
    for label, old, new in (("Start", s.start, a.start), ("Due", s.due, a.due)):
        if old != new:
            details.append(f"{label}: {_day(old)} → {_day(new)}")
    if _tidy(s.due_text) != _tidy(a.due_text):
        details.append(f"Due wording: {_words(_tidy(s.due_text))} → {_words(_tidy(a.due_text))}")
    if s.status != a.status:
        details.append(
            f"Status: {ACTION_STATUS_LABELS.get(s.status, s.status)} → "
            f"{ACTION_STATUS_LABELS.get(a.status, a.status)}"
        )
    if s.completed != a.completed:
        details.append(f"Completed: {_day(s.completed)} → {_day(a.completed)}")
    old_evidence, new_evidence = _tidy(s.evidence), _tidy(a.evidence)
    if old_evidence != new_evidence:
        details.append(
            "Evidence added"
            if old_evidence is None
            else "Evidence removed"
            if new_evidence is None
            else "Evidence changed"
        )
    leads = _incoming_leads(a)
    for role, label in (("service", "Service leads"), ("other", "Other leads")):
        old = {n for n, r in s.leads.items() if r == role}
        new = {n for n, r in leads.items() if r == role}
        if old != new:
            details.append(f"{label}: {_names(old)} → {_names(new)}")
    if new_notes:
        details.append("New progress note" if new_notes == 1 else f"{new_notes} new progress notes")
    return tuple(details)


# --- Writing an update --------------------------------------------------------------------------


def _write_update(session: Session, sync: _Sync, plan: PlanInput, as_at: date, author: str) -> None:
    """Apply the worked-out update in place (the caller's transaction commits or rolls back)."""
    stored = sync.stored
    ids = lead_ids(session, plan)
    rec_ids: dict[int, int] = {}
    theme_ids: dict[Where, int] = {}
    new_rows = []
    # Recommendations and themes first, so new ones have ids for their actions.
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = sync.recs.get(r_i)
        if s_rec is None:
            row = recommendation_row(rec, r_i)
            row.plan_id = stored.plan_id
            session.add(row)
            new_rows.append((r_i, None, row))
        else:
            rec_ids[r_i] = s_rec.id
            _update_recommendation(session, s_rec, rec, r_i)
    session.flush()
    rec_ids |= {r_i: row.id for r_i, _, row in new_rows}
    new_rows = []
    for r_i, rec in enumerate(plan.recommendations):
        for t_i, theme in enumerate(rec.themes):
            s_theme = sync.themes.get((r_i, t_i))
            if s_theme is None:
                row = theme_row(theme, ids, t_i)
                row.recommendation_id = rec_ids[r_i]
                session.add(row)
                new_rows.append((r_i, t_i, row))
            else:
                theme_ids[(r_i, t_i)] = s_theme.id
                _update_theme(session, s_theme, theme, t_i, ids)
    session.flush()
    theme_ids |= {(r_i, t_i): row.id for r_i, t_i, row in new_rows}
    # Actions.
    positions = []
    notes = []
    for r_i, rec in enumerate(plan.recommendations):
        for t_i, theme in enumerate(rec.themes):
            for a_i, action in enumerate(theme.actions):
                at = (r_i, t_i, a_i)
                s_action = sync.actions.get(at)
                if s_action is None:
                    row = action_row(action, ids, a_i)
                    row.theme_id = theme_ids[(r_i, t_i)]
                    session.add(row)
                elif at in sync.changed:
                    _rewrite_action(session, s_action, action, theme_ids[(r_i, t_i)], a_i, ids)
                    notes += _progress_rows(s_action, action, sync.new_notes.get(at), as_at, author)
                elif s_action.position != a_i:
                    positions.append({"id": s_action.id, "position": a_i})
    if positions:
        session.execute(update(Action), positions)
    if notes:
        session.execute(insert(ProgressUpdate), notes)
    session.flush()
    _retire(session, sync, as_at)


def _update_changed(session: Session, model, stored, **incoming) -> None:
    """Write the fields whose incoming value differs from the stored one; un-retire the part."""
    values = {k: v for k, v in incoming.items() if getattr(stored, k) != v}
    if stored.retired_on is not None:
        values["retired_on"] = None
    if values:
        _execute(session, update(model).where(model.id == stored.id).values(**values))


def _replace_rows(session: Session, owner_column, owner_id: int, rows: list[dict]) -> None:
    """Swap a part's link rows (areas, leads) for `rows`: delete its old ones, insert these."""
    model = owner_column.class_
    _execute(session, delete(model).where(owner_column == owner_id))
    if rows:
        session.execute(insert(model), rows)


def _update_recommendation(
    session: Session, s: _StoredRec, rec: RecommendationInput, position: int
) -> None:
    _update_changed(session, Recommendation, s, kind=rec.kind, text=rec.text, position=position)
    if set(s.areas) != set(rec.areas):
        _replace_rows(
            session,
            RecommendationArea.recommendation_id,
            s.id,
            [{"recommendation_id": s.id, "area": a} for a in dict.fromkeys(rec.areas)],
        )


def _update_theme(
    session: Session, s: _StoredTheme, theme: ThemeInput, position: int, ids: dict[str, int]
) -> None:
    _update_changed(session, Theme, s, text=theme.text, position=position)
    if set(s.leads) != set(theme.service_leads):
        _replace_rows(
            session,
            ThemeLead.theme_id,
            s.id,
            [{"theme_id": s.id, "lead_id": ids[n]} for n in dict.fromkeys(theme.service_leads)],
        )


def _rewrite_action(
    session: Session,
    s: _StoredAction,
    a: ActionInput,
    theme_id: int,
    position: int,
    ids: dict[str, int],
) -> None:
    """Take the file's fields, bumping the version so an editor's older copy is refused."""
    _versioned(
        session,
        s,
        theme_id=theme_id,
        position=position,
        text=a.text,
        start=a.start,
        due=a.due,
        due_text=a.due_text,
        completed=a.completed,
        status=a.status,
        evidence=a.evidence,
        retired_on=None,
    )
    if s.leads != _incoming_leads(a):
        _replace_rows(
            session,
            ActionLead.action_id,
            s.id,
            [
                {"action_id": s.id, "lead_id": i, "role": role}
                for i, role in action_leads(a, ids).items()
            ],
        )


def _progress_rows(
    s: _StoredAction, a: ActionInput, notes: list[UpdateInput] | None, as_at: date, author: str
) -> list[dict]:
    """New history entries: the file's new notes, else a note of the status change. Existing
    entries are never edited or deleted."""
    if notes:
        return [
            {
                "action_id": s.id,
                "recorded_on": n.recorded_on,
                "text": n.text,
                "author": n.author or author,
                "status": a.status,
            }
            for n in notes
        ]
    if s.status != a.status:
        label = ACTION_STATUS_LABELS.get(a.status, a.status)
        return [
            {
                "action_id": s.id,
                "recorded_on": as_at,
                "text": f"Status changed to {label} by import",
                "author": author,
                "status": a.status,
            }
        ]
    return []


def _retire(session: Session, sync: _Sync, as_at: date) -> None:
    """Hide what the file no longer has; rows and their history stay in the database."""
    for s_action in sync.removed:
        _versioned(session, s_action, retired_on=as_at)
    if sync.retire_themes:
        _execute(
            session,
            update(Theme)
            .where(Theme.id.in_([t.id for t in sync.retire_themes]))
            .values(retired_on=as_at),
        )
    if sync.retire_recs:
        _execute(
            session,
            update(Recommendation)
            .where(Recommendation.id.in_([r.id for r in sync.retire_recs]))
            .values(retired_on=as_at),
        )


def _versioned(session: Session, s: _StoredAction, **values) -> None:
    """Update an action only if nobody saved it since it was read (see readiness.progress)."""
    result = _execute(
        session,
        update(Action)
        .where(Action.id == s.id, Action.version == s.version)
        .values(version=s.version + 1, **values),
    )
    if result.rowcount != 1:
        raise PlanChangedError(PLAN_CHANGED)


def _execute(session: Session, statement):
    return session.execute(statement.execution_options(synchronize_session=False))
