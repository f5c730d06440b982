"""Planning an import, before anything is written: a new plan, or an update of the stored plan in
place, with every change worked out as data (readiness.plan.sync.changes). Pure: no database.

One walk over the file (recommendations, then their themes, then their actions) pairs each part
with the stored part it matched and works out what changes in it: a Step. The preview a user
confirms is made from the steps, and readiness.plan.sync.apply writes exactly the steps, so what is
shown and what is stored cannot drift apart: a text that differs from the stored one only in its
spacing is no change (tidy), and the job titles the file fills in for known lead officers are
listed too.

A file in which fewer than half the actions match the stored plan word for word is taken to be
a different plan and stored as a new one, leaving the stored plan untouched. A stored plan with
no actions yet (a draft from Ofsted's report) is judged by its recommendations instead: half of
the file's matching one of them by text or ref makes the file its update.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from readiness.plan.input import (
    ActionInput,
    PlanInput,
    RecommendationInput,
    ThemeInput,
    UpdateInput,
)
from readiness.plan.records import ActionRecord, PlanData, RecommendationRecord, ThemeRecord
from readiness.plan.store.save import job_titles_to_fill
from readiness.plan.sync.changes import Change, FieldChange, SyncPreview
from readiness.plan.sync.matching import Match, match_plan
from readiness.text import loose_words


@dataclass(frozen=True, slots=True)
class Step:
    """One part of the file, the stored part it matched (None: a new part) and its change as
    the preview shows it (None: nothing to show)."""

    at: tuple[int, ...]  # its place in the file: (rec,), (rec, theme) or (rec, theme, action)
    incoming: RecommendationInput | ThemeInput | ActionInput
    stored: RecommendationRecord | ThemeRecord | ActionRecord | None
    change: Change | None = None
    notes: tuple[UpdateInput, ...] = ()  # an action's entries new to its history

    @property
    def position(self) -> int:
        return self.at[-1]

    @property
    def changed(self) -> frozenset[str]:
        """The fields the file changes, by name (FieldChange.field)."""
        return frozenset(f.field for f in self.change.fields) if self.change else frozenset()

    @property
    def moves(self) -> bool:
        """New, back from retired, or in another place: written even when nothing is shown."""
        s = self.stored
        return s is None or s.position != self.position or s.retired_on is not None


@dataclass(frozen=True)
class ImportPlan:
    """The preview a user confirms, and everything an update writes."""

    preview: SyncPreview
    stored: PlanData | None = None
    steps: tuple[Step, ...] = ()  # in the file's order, each part before its children
    removed: tuple[ActionRecord, ...] = ()  # live actions the file no longer has
    retire_themes: tuple[ThemeRecord, ...] = ()
    retire_recs: tuple[RecommendationRecord, ...] = ()
    # Stored recommendations the file does not have (retired now or before) whose ref it gives
    # to another: a ref is unique within a plan, so theirs is set aside first.
    set_aside: tuple[RecommendationRecord, ...] = ()

    @property
    def recommendations(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if len(s.at) == 1)

    @property
    def themes(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if len(s.at) == 2)

    @property
    def actions(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if len(s.at) == 3)

    @property
    def needs_write(self) -> bool:
        return bool(
            self.preview.has_changes
            or any(s.moves for s in self.steps)
            or self.retire_themes
            or self.retire_recs
            or self.set_aside
        )


def plan_import(stored: PlanData | None, plan: PlanInput, as_new_plan: bool) -> ImportPlan:
    """What storing `plan` beside `stored` (loaded with its retired parts) does."""
    refs = [r.ref for r in plan.recommendations]
    if len(set(refs)) != len(refs):
        twice = sorted({r for r in refs if refs.count(r) > 1})
        raise ValueError(f"The plan has more than one recommendation {', '.join(twice)}.")
    counts = dict(
        recommendations=len(plan.recommendations),
        themes=sum(len(r.themes) for r in plan.recommendations),
        actions=sum(len(t.actions) for r in plan.recommendations for t in r.themes),
    )

    def new_plan(matched: int = 0, reason: str = "") -> ImportPlan:
        preview = SyncPreview("new_plan", plan.title, matched, 0, (), (), (), reason=reason)
        return ImportPlan(replace(preview, **counts))

    if stored is None:
        return new_plan()
    # Lead officers are shared by every plan, so a new plan fills in their job titles too.
    titles = job_titles_to_fill(stored.lead_roles, plan.lead_roles)
    counts["job_titles"] = tuple(sorted(titles.items()))
    if as_new_plan:
        return new_plan(
            reason="Stored as a new plan, as asked: it becomes the current plan and "
            f'"{stored.title}" is kept unchanged.'
        )
    match = match_plan(stored, plan)
    if not any(a.retired_on is None for a in stored.actions):
        if 2 * len(match.recs) < counts["recommendations"]:
            return new_plan(
                len(match.recs),
                f"Only {len(match.recs)} of its {counts['recommendations']} recommendations "
                f'match the stored plan "{stored.title}", which has no actions yet, so it is '
                "taken to be a different plan: it becomes the current plan and the stored one "
                "is kept unchanged.",
            )
    elif 2 * match.exact < counts["actions"]:
        share = f"Only {match.exact}" if match.exact else "None"
        return new_plan(
            match.exact,
            f"{share} of its {counts['actions']} actions match the stored plan "
            f'"{stored.title}" word for word, so it is taken to be a different plan: it becomes '
            "the current plan and the stored one is kept unchanged.",
        )
    steps = tuple(_walk(stored, plan, match))
    removed, retire_themes, retire_recs = _retirements(stored, match)
    preview = replace(_preview(stored, steps, removed), **counts)
    set_aside = _set_aside(stored, match, set(refs))
    return ImportPlan(preview, stored, steps, removed, retire_themes, retire_recs, set_aside)


def _walk(stored: PlanData, plan: PlanInput, match: Match) -> Iterator[Step]:
    """Every part of the file in order, with the stored part it matched and what changes."""
    theme_text = {t.id: t.text for t in stored.themes}
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = match.recs.get(r_i)
        fields = _recommendation_fields(s_rec, rec) if s_rec else ()
        yield _part_step((r_i,), rec, s_rec, fields, (rec.ref, ""))
        for t_i, theme in enumerate(rec.themes):
            s_theme = match.themes.get((r_i, t_i))
            fields = _theme_fields(s_theme, theme) if s_theme else ()
            yield _part_step((r_i, t_i), theme, s_theme, fields, (rec.ref, theme.text))
            for a_i, action in enumerate(theme.actions):
                at, names = (r_i, t_i, a_i), (rec.ref, theme.text, action.text)
                s_action = match.actions.get(at)
                if s_action is None:
                    yield Step(at, action, None, Change("added", *names))
                    continue
                moved_from = None
                if s_theme is None or s_action.theme_id != s_theme.id:
                    moved_from = theme_text[s_action.theme_id]
                yield _action_step(at, action, s_action, moved_from, names)


def _part_step(at, part, stored, fields: tuple, names: tuple[str, str]) -> Step:
    """A recommendation's or theme's step, named in the preview by (ref, theme)."""
    return Step(at, part, stored, Change("changed", *names, "", fields) if fields else None)


def _action_step(
    at, action: ActionInput, s: ActionRecord, moved_from: str | None, names: tuple
) -> Step:
    """A matched action's step: a retired one comes back ("added"), else "changed" if any field
    differs; `moved_from` is the stored theme's text if the file has it in another theme."""
    notes = _new_notes(s, action)
    fields = _action_fields(s, action, moved_from, notes)
    if s.retired_on is not None:
        back = FieldChange("retired_on", s.retired_on, None)
        change = Change("added", *names, (back, *fields))
    else:
        change = Change("changed", *names, fields) if fields else None
    return Step(at, action, s, change, tuple(notes))


def _preview(stored: PlanData, steps: tuple[Step, ...], removed) -> SyncPreview:
    """The steps as the preview lists them: actions added, changed and removed, and changes to
    recommendations and themes themselves."""
    actions = [s for s in steps if len(s.at) == 3]
    theme_by_id = {t.id: t for t in stored.themes}
    ref_by_id = {r.id: r.ref for r in stored.recommendations}
    return SyncPreview(
        mode="update",
        plan_title=stored.title,
        matched=sum(s.stored is not None for s in actions),
        unchanged=sum(s.stored is not None and s.change is None for s in actions),
        added=tuple(s.change for s in actions if s.change and s.change.change == "added"),
        changed=tuple(s.change for s in actions if s.change and s.change.change == "changed"),
        removed=tuple(
            Change(
                "removed",
                ref_by_id[theme_by_id[a.theme_id].recommendation_id],
                theme_by_id[a.theme_id].text,
                a.text,
            )
            for a in removed
        ),
        part_changes=tuple(s.change for s in steps if s.change and len(s.at) < 3),
    )


def _retirements(stored: PlanData, match: Match) -> tuple[tuple, tuple, tuple]:
    """Live actions the file no longer has are retired. A theme or recommendation the file no
    longer has is left with no live actions (they are retired or matched into the file's
    themes), so it is retired too."""
    matched_ids = {a.id for a in match.actions.values()}
    matched_themes = {t.id for t in match.themes.values()}
    matched_recs = {r.id for r in match.recs.values()}
    return (
        tuple(a for a in stored.actions if a.retired_on is None and a.id not in matched_ids),
        tuple(t for t in stored.themes if t.retired_on is None and t.id not in matched_themes),
        tuple(
            r for r in stored.recommendations if r.retired_on is None and r.id not in matched_recs
        ),
    )


def _set_aside(stored: PlanData, match: Match, refs: set[str]) -> tuple:
    """Stored recommendations the file does not have, retired now or before, whose ref the file
    gives to another ("REC 1" and "REC 2" swapped and one reworded, so it is a new one)."""
    matched = {r.id for r in match.recs.values()}
    return tuple(r for r in stored.recommendations if r.id not in matched and r.ref in refs)


def tidy(text: str | None) -> str | None:
    """Text with its spacing collapsed, None if empty: what counts as a real change."""
    return " ".join(text.split()) or None if text else None


def _sorted(names) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=str.casefold))


def _recommendation_fields(s: RecommendationRecord, rec: RecommendationInput) -> tuple:
    fields = []
    if s.ref != rec.ref:
        fields.append(FieldChange("ref", s.ref, rec.ref))
    if s.kind != rec.kind:
        fields.append(FieldChange("kind", s.kind, rec.kind))
    if tidy(s.text) != tidy(rec.text):
        fields.append(FieldChange("text", s.text, rec.text))
    if rec.areas and set(s.areas) != set(rec.areas):  # a file naming none keeps those stored
        fields.append(FieldChange("areas", _sorted(s.areas), _sorted(rec.areas)))
    return tuple(fields)


def _theme_fields(s: ThemeRecord, theme: ThemeInput) -> tuple:
    fields = []
    if tidy(s.text) != tidy(theme.text):
        fields.append(FieldChange("text", s.text, theme.text))
    if set(s.service_leads) != set(theme.service_leads):
        fields.append(
            FieldChange("service_leads", _sorted(s.service_leads), _sorted(theme.service_leads))
        )
    return tuple(fields)


def _new_notes(s: ActionRecord, action: ActionInput) -> list:
    """The file's progress notes not already in the action's history (each text once), and its
    revision of the due date unless it is the action's latest revision already (its date and
    note): re-importing an exported plan records nothing new."""
    seen = {loose_words(u.text) for u in s.updates}
    latest = s.latest_revision
    stored = (latest.revised_due, loose_words(latest.text)) if latest else None
    notes = []
    for note in action.updates:
        norm = loose_words(note.text)
        if note.revised_due is not None:
            new = (note.revised_due, norm) != stored
        else:
            new = bool(norm) and norm not in seen
        if new:
            seen.add(norm)
            notes.append(note)
    return notes


def _action_fields(
    s: ActionRecord, a: ActionInput, moved_from: str | None, notes: list
) -> tuple[FieldChange, ...]:
    fields = []
    if tidy(s.text) != tidy(a.text):
        fields.append(FieldChange("text", s.text, a.text))
    if moved_from is not None:
        fields.append(FieldChange("theme", moved_from, None))
    for name in ("start", "due"):
        if getattr(s, name) != getattr(a, name):
            fields.append(FieldChange(name, getattr(s, name), getattr(a, name)))
    if tidy(s.due_text) != tidy(a.due_text):
        fields.append(FieldChange("due_text", tidy(s.due_text), tidy(a.due_text)))
    if s.status != a.status:
        fields.append(FieldChange("status", s.status, a.status))
    if s.completed != a.completed:
        fields.append(FieldChange("completed", s.completed, a.completed))
    if tidy(s.evidence) != tidy(a.evidence):
        fields.append(FieldChange("evidence", tidy(s.evidence), tidy(a.evidence)))
    old_roles, new_roles = s.roles, a.roles
    for role in ("service", "other"):
        old = _sorted(n for n, r in old_roles.items() if r == role)
        new = _sorted(n for n, r in new_roles.items() if r == role)
        if old != new:
            fields.append(FieldChange(f"{role}_leads", old, new))
    # A file that names no indicators keeps those set in the app (ActionInput.indicators).
    if a.indicators is not None and tuple(s.indicators) != tuple(a.indicators):
        fields.append(FieldChange("indicators", tuple(s.indicators), tuple(a.indicators)))
    in_force = s.latest_revision
    due = in_force.revised_due if in_force else s.due
    for note in notes:
        if note.revised_due is not None:
            fields.append(FieldChange("revised_due", due, note.revised_due))
            due = note.revised_due
    plain = tuple(n.text for n in notes if n.revised_due is None)
    if plain:
        fields.append(FieldChange("progress_notes", (), plain))
    return tuple(fields)
