"""Seeded generator of the demo council's plan and inspection history, for the demo and the tests.

Dates are placed relative to the as-at date so the demo always shows every kind of action:
complete, on track, due soon, overdue, stale, not started and undated. The text is in
`demo_content.py`; the same seed and as-at date always give the same plan.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from readiness.demo import content as demo_content
from readiness.framework import OVERALL, framework_in_force
from readiness.plan.input import (
    ActionInput,
    EventInput,
    PlanInput,
    RecommendationInput,
    ThemeInput,
    UpdateInput,
)
from readiness.plan.rag import State
from readiness.vocabulary import COMPLETE, IN_PROGRESS, NOT_STARTED

DEFAULT_SEED = 2026

# How each recommendation is going: share of its actions in each state. Profiles cycle over the
# recommendations so the board shows some red, some amber and some green recommendations.
PROFILES = {
    "behind": {
        State.COMPLETE: 2, State.OVERDUE: 3, State.DUE_SOON: 1, State.STALE: 2,
        State.NO_DUE_DATE: 1, State.ON_TRACK: 2, State.NOT_STARTED: 1,
    },
    "steady": {
        State.COMPLETE: 3, State.DUE_SOON: 1, State.STALE: 1, State.ON_TRACK: 4,
        State.NOT_STARTED: 1,
    },
    "ahead": {State.COMPLETE: 6, State.ON_TRACK: 3, State.NOT_STARTED: 1},
}  # fmt: skip
PROFILE_CYCLE = ("behind", "steady", "ahead", "behind", "steady", "ahead", "steady", "behind")

UNDATED_WORDING = (
    "ongoing",
    "when the new funding is agreed",
    "over the coming year",
    "in line with the workforce strategy",
)
GRADE_BY_AREA = {
    OVERALL: "requires_improvement",
    "leaders": "requires_improvement",
    "help_protection": "requires_improvement",
    "children_in_care": "good",
    "care_leavers": "requires_improvement",
    "children_in_care_and_care_leavers": "requires_improvement",
}


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def demo_events(as_at: date) -> list[EventInput]:
    """A standard inspection about 30 months before `as_at`, a focused visit 14 months before."""
    start = _monday_on_or_before(as_at - timedelta(days=913))
    framework = framework_in_force(start)
    areas = [a.code for a in framework.areas] + ([OVERALL] if framework.has_overall_grade else [])
    visit = _monday_on_or_before(as_at - timedelta(days=426)) + timedelta(days=1)
    return [
        EventInput(
            event_type="standard",
            fieldwork_start=start,
            fieldwork_end=start + timedelta(days=11),  # Friday of the second week
            published=start + timedelta(days=11 + 46),  # median gap, domain.md §1.5
            summary="Standard inspection: services require improvement to be good.",
            grades={a: GRADE_BY_AREA[a] for a in areas},
        ),
        EventInput(
            event_type="focused_visit",
            fieldwork_start=visit,
            fieldwork_end=visit + timedelta(days=1),
            published=visit + timedelta(days=36),
            summary="Focused visit on children in care: progress seen, areas for development set.",
            theme="Children in care",
        ),
    ]


def _states_for(rng: random.Random, profile: str, n: int) -> list[State]:
    """`n` states in the profile's proportions (largest remainder), in a seeded random order."""
    weights = PROFILES[profile]
    total = sum(weights.values())
    exact = {state: n * w / total for state, w in weights.items()}
    counts = {state: int(x) for state, x in exact.items()}
    by_remainder = sorted(exact, key=lambda s: exact[s] - counts[s], reverse=True)
    for state in by_remainder[: n - sum(counts.values())]:
        counts[state] += 1
    states = [state for state, k in counts.items() for _ in range(k)]
    rng.shuffle(states)
    return states


def _ensure_every_state(rng: random.Random, states: list[list[State]]) -> None:
    """Make sure each state occurs at least once, so the demo always shows every rule."""
    flat = [(i, j) for i, group in enumerate(states) for j in range(len(group))]
    for state in State:
        if not any(state in group for group in states):
            i, j = rng.choice(flat)
            states[i][j] = state


def _dated_action(rng: random.Random, state: State, as_at: date, notes: list[str], evidence: str):
    """Dates, status and progress history that put an action in `state` on `as_at`."""

    def day(low: int, high: int) -> date:
        return as_at + timedelta(days=rng.randint(low, high))

    def history(first: date, last: date, n: int, status: str) -> list[UpdateInput]:
        first = min(first, last)
        span = (last - first).days
        days = sorted({first + timedelta(days=rng.randint(0, span)) for _ in range(n - 1)} | {last})
        return [UpdateInput(d, rng.choice(notes), status) for d in days]

    if state == State.COMPLETE:
        start, due = day(-330, -160), day(-120, -10)
        completed = min(due + timedelta(days=rng.randint(-25, 14)), as_at - timedelta(days=1))
        updates = history(start + timedelta(days=20), completed, rng.randint(2, 3), IN_PROGRESS)
        updates[-1].status = COMPLETE
        return dict(
            start=start,
            due=due,
            completed=completed,
            status=COMPLETE,
            evidence=evidence,
            updates=updates,
        )
    if state == State.NOT_STARTED:
        return dict(start=day(10, 60), due=day(90, 240), status=NOT_STARTED)
    start = day(-240, -60)
    if state == State.OVERDUE:
        due, recent = day(-75, -1), day(-35, -2)
    elif state == State.DUE_SOON:
        due, recent = day(0, 14), day(-30, -2)
    elif state == State.STALE:
        start, due, recent = day(-240, -150), day(30, 160), day(-130, -45)
    elif state == State.NO_DUE_DATE:
        due, recent = None, day(-30, -2)
    else:
        due, recent = day(20, 220), day(-30, -1)
    return dict(
        start=start,
        due=due,
        due_text=rng.choice(UNDATED_WORDING) if due is None else None,
        status=IN_PROGRESS,
        updates=history(start + timedelta(days=14), recent, rng.randint(1, 4), IN_PROGRESS),
    )


def demo_plan(as_at: date, seed: int = DEFAULT_SEED) -> PlanInput:
    """The fictional council's improvement plan, dated so that it is live on `as_at`."""
    rng = random.Random(seed)
    content = demo_content.RECOMMENDATIONS
    states = [
        _states_for(
            rng, PROFILE_CYCLE[i % len(PROFILE_CYCLE)], sum(len(t["actions"]) for t in r["themes"])
        )
        for i, r in enumerate(content)
    ]
    _ensure_every_state(rng, states)
    roles = dict(demo_content.LEAD_OFFICERS)
    recommendations = []
    for rec, rec_states in zip(content, states, strict=True):
        remaining = iter(rec_states)
        themes = []
        for theme in rec["themes"]:
            actions = []
            for text in theme["actions"]:
                dated = _dated_action(
                    rng, next(remaining), as_at, theme["notes"], theme["evidence"]
                )
                for update in dated.get("updates", []):
                    update.author = rng.choice(theme["service_leads"])
                actions.append(
                    ActionInput(
                        text=text,
                        service_leads=list(theme["service_leads"]),
                        other_leads=list(theme["other_leads"]),
                        **dated,
                    )
                )
            themes.append(ThemeInput(theme["text"], list(theme["service_leads"]), actions))
        recommendations.append(
            RecommendationInput(rec["ref"], rec["kind"], rec["text"], list(rec["areas"]), themes)
        )
    return PlanInput(
        title=demo_content.PLAN_TITLE,
        council=demo_content.COUNCIL_NAME,
        recommendations=recommendations,
        lead_roles=roles,
    )
