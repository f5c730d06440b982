"""The plan's status at an as-at date: every action, theme, recommendation and judgement area
with its colour, the reason in words and its counts, as tables the pages and the CLI share.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

import pandas as pd

from readiness.framework import Framework, framework_in_force
from readiness.palette import Rag
from readiness.plan import lead_actions
from readiness.plan.lead_actions import leads_of
from readiness.plan.rag import URGENCY, ActionRag, Rollup, State, rag_for_action, roll_up
from readiness.plan.records import ActionRecord, PlanData, RecommendationRecord, ThemeRecord
from readiness.settings import Settings

COUNT_COLUMNS = [state.value for state in URGENCY]


@dataclass(frozen=True)
class PlanStatus:
    as_at: date
    lead: str | None
    framework: Framework
    actions: pd.DataFrame
    themes: pd.DataFrame
    recommendations: pd.DataFrame
    areas: pd.DataFrame
    overall: Rollup
    overall_label: str
    total_actions: int  # in the whole plan, before the lead filter

    @cached_property
    def overdue(self) -> pd.DataFrame:
        """The overdue actions, longest overdue first (worked out once: the status is shared by
        every session that shows the same plan, date and lead)."""
        overdue = self.actions[self.actions["state"] == State.OVERDUE]
        return overdue.sort_values("days_overdue", ascending=False)


class UnknownLeadError(ValueError):
    """A lead officer name that the plan does not contain."""


def _rollup_row(rollup: Rollup) -> dict:
    return {
        "rag": rollup.rag.value,
        "reason": rollup.reason,
        "actions": rollup.actions,
        "pct_complete": rollup.pct_complete,
        **{state.value: n for state, n in rollup.counts.items()},
    }


class ActionRow(NamedTuple):
    """One action in PlanStatus.actions: its fields are the table's columns, in their order."""

    action_id: int
    version: int
    ref: str
    recommendation: str
    theme_id: int
    theme: str
    action: str
    service_leads: str  # the names, joined by ", "
    other_leads: str
    start: date | None
    # The due date the rules used (a revision's, if one is in force: readiness.plan.rag), and the
    # plan's own beside it when it was revised.
    due: date | None
    original_due: date | None
    recovery_note: str | None
    due_text: str | None
    completed: date | None
    status: str
    last_update: date | None
    last_note: str | None
    last_author: str | None
    rag: str
    state: str
    reason: str
    days_overdue: int | None
    days_to_due: int | None
    days_since_update: int | None
    urgency: int  # the state's place in URGENCY
    urgent_rank: int  # the action's place among the status's actions, most urgent first


def _action_row(
    action: ActionRecord,
    rag: ActionRag,
    theme: ThemeRecord,
    rec: RecommendationRecord,
    urgent_rank: int,
) -> ActionRow:
    last = next((u for u in reversed(action.updates) if u.recorded_on == rag.last_update), None)
    return ActionRow(
        action_id=action.id,
        version=action.version,
        ref=rec.ref,
        recommendation=rec.text,
        theme_id=theme.id,
        theme=theme.text,
        action=action.text,
        service_leads=", ".join(action.service_leads),
        other_leads=", ".join(action.other_leads),
        start=action.start,
        due=rag.due.day,
        original_due=action.due if rag.due.revised else None,
        recovery_note=rag.due.note,
        due_text=action.due_text,
        completed=action.completed,
        status=rag.status,
        last_update=rag.last_update,
        last_note=last.text if last else None,
        last_author=last.author if last else None,
        rag=rag.rag.value,
        state=rag.state.value,
        reason=rag.reason,
        days_overdue=rag.days_overdue,
        days_to_due=rag.days_to_due,
        days_since_update=rag.days_since_update,
        urgency=URGENCY.index(rag.state),
        urgent_rank=urgent_rank,
    )


def _known_lead(plan: PlanData, lead: str | None) -> str | None:
    """The plan's spelling of `lead` (None: everyone); UnknownLeadError for a name not in it."""
    chosen = plan.choose_lead(lead)
    if chosen.unknown:
        raise UnknownLeadError(f"No lead officer called {lead!r} in the plan.")
    return chosen.name


_ThemeActions = tuple[ThemeRecord, list[ActionRecord]]


def _plan_order(
    plan: PlanData, lead: str | None
) -> Iterator[tuple[RecommendationRecord, list[_ThemeActions]]]:
    """Each recommendation with its themes and their actions, in plan order; for `lead`, only
    the actions they answer for, and only the themes holding one or, if it has no actions at
    all, naming them as its service lead."""
    themes_by_rec: dict[int, list[ThemeRecord]] = {r.id: [] for r in plan.recommendations}
    for theme in plan.themes:
        themes_by_rec[theme.recommendation_id].append(theme)
    actions_by_theme: dict[int, list[ActionRecord]] = {t.id: [] for t in plan.themes}
    for action in plan.actions:
        actions_by_theme[action.theme_id].append(action)
    for rec in plan.recommendations:
        themes = []
        for theme in themes_by_rec[rec.id]:
            actions = actions_by_theme[theme.id]
            if lead is not None:
                mine = [a for a in actions if lead in leads_of(a, theme.service_leads)]
                if not mine and not (lead in theme.service_leads and not actions):
                    continue
                actions = mine
            themes.append((theme, actions))
        yield rec, themes


def plan_status(
    plan: PlanData, as_at: date, settings: Settings, lead: str | None = None
) -> PlanStatus:
    """Colour every part of the plan on `as_at`; with `lead`, only the actions they answer for.

    The lead's name is matched ignoring case and spacing; an unknown name raises UnknownLeadError.
    """
    lead = _known_lead(plan, lead)
    rules = settings.rag
    framework = framework_in_force(as_at, settings.inspection.framework)
    shown: list[tuple[ActionRecord, ActionRag, ThemeRecord, RecommendationRecord]] = []
    theme_rows, rec_rows = [], []
    rags_by_rec: dict[int, list[ActionRag]] = {}
    empty_by_rec: dict[int, int] = {}
    for rec, themes in _plan_order(plan, lead):
        rec_rags, rec_empty = [], 0
        for theme, actions in themes:
            rags = [rag_for_action(a, as_at, rules) for a in actions]
            empty = 0 if actions else 1
            theme_rows.append(
                {
                    "theme_id": theme.id,
                    "ref": rec.ref,
                    "theme": theme.text,
                    "service_leads": ", ".join(theme.service_leads),
                    **_rollup_row(roll_up(rags, rules, empty_themes=empty)),
                }
            )
            shown += [(a, r, theme, rec) for a, r in zip(actions, rags, strict=True)]
            rec_rags += rags
            rec_empty += empty
        if lead is not None and not rec_rags and not rec_empty:
            continue
        rags_by_rec[rec.id], empty_by_rec[rec.id] = rec_rags, rec_empty
        rec_rows.append(
            {
                "ref": rec.ref,
                "kind": rec.kind,
                "title": rec.text,
                "areas": list(rec.areas),
                **_rollup_row(roll_up(rec_rags, rules, empty_themes=rec_empty)),
            }
        )

    area_rows = []
    for area in framework.areas:
        recs = [
            r
            for r in plan.recommendations
            if r.id in rags_by_rec and set(r.areas) & set(area.covers)
        ]
        rags = [x for r in recs for x in rags_by_rec[r.id]]
        rollup = roll_up(rags, rules, empty_themes=sum(empty_by_rec[r.id] for r in recs))
        row = {"area": area.code, "title": area.title, "label": area.short_label}
        row |= _rollup_row(rollup)
        row["recommendations"] = ", ".join(r.ref for r in recs)
        if not recs:
            # Nothing in the plan answers this area: nothing to chase, so not started (grey).
            row["reason"] = (
                f"Grey: none of {lead}'s actions bear on this area"
                if lead
                else "Grey: no recommendation in the plan bears on this area"
            )
            row["rag"] = Rag.GREY.value
        area_rows.append(row)

    ranks = _urgent_ranks([_urgency_key(action, rag) for action, rag, _, _ in shown])
    action_rows = [_action_row(*row, rank) for row, rank in zip(shown, ranks, strict=True)]
    all_rags = [x for rags in rags_by_rec.values() for x in rags]
    overall = roll_up(all_rags, rules, empty_themes=sum(empty_by_rec.values()))
    overall_label = (
        "Overall effectiveness" if framework.has_overall_grade else "Whole plan (no overall grade)"
    )
    return PlanStatus(
        as_at=as_at,
        lead=lead,
        framework=framework,
        actions=_frame(action_rows, ActionRow._fields),
        themes=_frame(theme_rows, _THEME_COLUMNS),
        recommendations=_frame(rec_rows, _RECOMMENDATION_COLUMNS),
        areas=_frame(area_rows, _AREA_COLUMNS),
        overall=overall,
        overall_label=overall_label,
        total_actions=len(plan.actions),
    )


_COUNTS = ["actions", "pct_complete", *COUNT_COLUMNS]
_THEME_COLUMNS = ["theme_id", "ref", "theme", "service_leads", "rag", "reason", *_COUNTS]
_RECOMMENDATION_COLUMNS = ["ref", "kind", "title", "areas", "rag", "reason", *_COUNTS]
_AREA_COLUMNS = ["area", "title", "label", "rag", "reason", *_COUNTS, "recommendations"]
# Whole numbers that may be missing (no due date, nothing to complete): pandas' nullable integers,
# so a page reads None-like values with pd.isna, never NaN floats.
_MAYBE_MISSING = ["pct_complete", "days_overdue", "days_to_due", "days_since_update"]


def _frame(rows: Sequence[dict | ActionRow], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in _MAYBE_MISSING:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


@dataclass(frozen=True)
class ActionColours:
    """Each action's colour and state on `as_at`, for `lead` (None: everyone), in a table of
    action_id, rag and state: the part of a PlanStatus that a comparison with an earlier date
    reads (readiness.board.changes_since)."""

    as_at: date
    lead: str | None
    actions: pd.DataFrame


def action_colours(
    plan: PlanData, as_at: date, settings: Settings, lead: str | None = None
) -> ActionColours:
    """The colour and state of the actions plan_status would show, by the same rules, without
    its reasons' table, roll-ups and ranks: the Overview's week-ago side costs a third of a
    whole status at 100x (10,000 actions)."""
    lead = _known_lead(plan, lead)
    rows = []
    for _rec, themes in _plan_order(plan, lead):
        for _theme, actions in themes:
            for action in actions:
                rag = rag_for_action(action, as_at, settings.rag)
                rows.append((action.id, rag.rag.value, rag.state.value))
    return ActionColours(as_at, lead, pd.DataFrame(rows, columns=["action_id", "rag", "state"]))


def workload_by_lead(plan: PlanData, status: PlanStatus) -> pd.DataFrame:
    """One row per lead officer: their lead-action pairs by state, worst first (the rule and
    why the counts add up to more than the actions: readiness.plan.lead_actions).

    `status` is the whole plan's (no lead filter), so the rules are not run again.
    """
    states = dict(zip(status.actions["action_id"], status.actions["state"], strict=True))
    return lead_actions.workload_by_lead(plan, states)


def overdue_pairs(plan: PlanData, status: PlanStatus) -> int:
    """How many lead-action pairs the overdue actions of `status` make: its overdue column of
    workload_by_lead, added up, without counting every lead's every action (the Overview's
    note needs only this; the whole workload costs 60-190 ms at 100x)."""
    return lead_actions.pair_count(plan, set(status.overdue["action_id"].tolist()))


def _urgency_key(action: ActionRecord, rag: ActionRag) -> tuple:
    """Most urgent first: overdue (longest first), due soon (soonest), stale (stalest), the rest."""
    return (
        URGENCY.index(rag.state),
        -(rag.days_overdue or 0),
        10**6 if rag.days_to_due is None else rag.days_to_due,
        -(rag.days_since_update or 0),
        action.id,
    )


def _urgent_ranks(keys: list[tuple]) -> list[int]:
    """Each action's place, most urgent first, from its _urgency_key."""
    ranks = [0] * len(keys)
    for rank, i in enumerate(sorted(range(len(keys)), key=keys.__getitem__)):
        ranks[i] = rank
    return ranks


def urgent_first(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions most urgent first (see _urgency_key), by the rank plan_status gave them."""
    return actions.sort_values("urgent_rank")


def status_json(status: PlanStatus) -> dict:
    """The documented JSON shape of `python -m readiness status --format json`."""
    recs = [
        {
            "ref": r["ref"],
            "title": r["title"],
            "rag": r["rag"],
            "actions": int(r["actions"]),
            **{c: int(r[c]) for c in COUNT_COLUMNS},
            "pct_complete": None if pd.isna(r["pct_complete"]) else int(r["pct_complete"]),
        }
        for r in status.recommendations.to_dict("records")
    ]
    areas = [
        {"area": a["area"], "title": a["title"], "rag": a["rag"], "reason": a["reason"]}
        for a in status.areas.to_dict("records")
    ]
    return {
        "as_at": status.as_at.isoformat(),
        "lead": status.lead,
        "framework": status.framework.code,
        "recommendations": recs,
        "judgement_areas": areas,
        "overall": {
            "label": status.overall_label,
            "rag": status.overall.rag.value,
            "reason": status.overall.reason,
            "actions": status.overall.actions,
            "pct_complete": status.overall.pct_complete,
        },
    }
