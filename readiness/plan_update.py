"""Planning an import, before anything is written: a new plan, or an update of the stored plan in
place, with every change worked out as data (readiness.plan_changes). Pure: no database.

A file in which fewer than half the actions match the stored plan word for word is taken to be
a different plan and stored as a new one, leaving the stored plan untouched. A stored plan with
no actions yet (a draft from Ofsted's report) is judged by its recommendations instead: half of
the file's matching one of them by text or ref makes the file its update.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from readiness.plan_changes import Change, FieldChange, SyncPreview
from readiness.plan_input import ActionInput, PlanInput, RecommendationInput, ThemeInput
from readiness.plan_matching import At, Match, match_plan, normalise
from readiness.records import ActionRecord, PlanData, RecommendationRecord, ThemeRecord


@dataclass(eq=False)
class ImportPlan:
    """The preview a user confirms, and everything an update writes."""

    preview: SyncPreview
    stored: PlanData | None = None
    match: Match = field(default_factory=Match)
    changed: set[At] = field(default_factory=set)  # matched actions to rewrite
    new_notes: dict[At, list] = field(default_factory=dict)  # the file's new UpdateInputs
    removed: list[ActionRecord] = field(default_factory=list)
    retire_themes: list[ThemeRecord] = field(default_factory=list)
    retire_recs: list[RecommendationRecord] = field(default_factory=list)
    reordered: bool = False  # a position differs from the file's order, or a part comes back

    @property
    def needs_write(self) -> bool:
        return bool(
            self.preview.has_changes or self.reordered or self.retire_themes or self.retire_recs
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
    update = ImportPlan(preview=None, stored=stored, match=match)  # type: ignore[arg-type]
    update.preview = replace(_describe(stored, plan, update), **counts)
    return update


def _describe(stored: PlanData, plan: PlanInput, update: ImportPlan) -> SyncPreview:
    """Work out each change and what must be retired."""
    match = update.match
    theme_by_id = {t.id: t for t in stored.themes}
    added: list[Change] = []
    changed: list[Change] = []
    parts: list[Change] = []
    unchanged = 0
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = match.recs.get(r_i)
        if s_rec is None:
            update.reordered = True
        else:
            fields = _recommendation_fields(s_rec, rec)
            if fields:
                parts.append(Change("changed", rec.ref, "", "", fields))
            update.reordered |= s_rec.position != r_i or s_rec.retired_on is not None
        for t_i, theme in enumerate(rec.themes):
            s_theme = match.themes.get((r_i, t_i))
            if s_theme is None:
                update.reordered = True
            else:
                fields = _theme_fields(s_theme, theme)
                if fields:
                    parts.append(Change("changed", rec.ref, theme.text, "", fields))
                update.reordered |= s_theme.position != t_i or s_theme.retired_on is not None
            for a_i, action in enumerate(theme.actions):
                at = (r_i, t_i, a_i)
                s_action = match.actions.get(at)
                if s_action is None:
                    added.append(Change("added", rec.ref, theme.text, action.text))
                    continue
                notes = _new_notes(s_action, action)
                if notes:
                    update.new_notes[at] = notes
                moved_from = None
                if s_theme is None or s_action.theme_id != s_theme.id:
                    moved_from = theme_by_id[s_action.theme_id].text
                fields = _action_fields(s_action, action, moved_from, notes)
                if s_action.retired_on is not None:
                    back = FieldChange("retired_on", s_action.retired_on, None)
                    added.append(Change("added", rec.ref, theme.text, action.text, (back, *fields)))
                    update.changed.add(at)
                elif fields:
                    changed.append(Change("changed", rec.ref, theme.text, action.text, fields))
                    update.changed.add(at)
                else:
                    unchanged += 1
                    update.reordered |= s_action.position != a_i
    _work_out_retirements(stored, update)
    rec_by_id = {r.id: r for r in stored.recommendations}
    removed = tuple(
        Change(
            "removed",
            rec_by_id[theme_by_id[a.theme_id].recommendation_id].ref,
            theme_by_id[a.theme_id].text,
            a.text,
        )
        for a in update.removed
    )
    return SyncPreview(
        mode="update",
        plan_title=stored.title,
        matched=len(match.actions),
        unchanged=unchanged,
        added=tuple(added),
        changed=tuple(changed),
        removed=removed,
        part_changes=tuple(parts),
    )


def _work_out_retirements(stored: PlanData, update: ImportPlan) -> None:
    """Live actions the file no longer has are retired. A theme or recommendation the file no
    longer has is left with no live actions (they are retired or matched into the file's
    themes), so it is retired too."""
    match = update.match
    matched_ids = {a.id for a in match.actions.values()}
    update.removed = [a for a in stored.actions if a.retired_on is None and a.id not in matched_ids]
    matched_themes = {t.id for t in match.themes.values()}
    update.retire_themes = [
        t for t in stored.themes if t.retired_on is None and t.id not in matched_themes
    ]
    matched_recs = {r.id for r in match.recs.values()}
    update.retire_recs = [
        r for r in stored.recommendations if r.retired_on is None and r.id not in matched_recs
    ]


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
    seen = {normalise(u.text) for u in s.updates}
    latest = s.latest_revision
    stored = (latest.revised_due, normalise(latest.text)) if latest else None
    notes = []
    for note in action.updates:
        norm = normalise(note.text)
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
