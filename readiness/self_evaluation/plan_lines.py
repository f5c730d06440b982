"""Which of the plan's recommendations a self-evaluation names as strengths and which as
priorities, and its overdue actions: the one rule, written here (issue 25).

  Strength: every action of the recommendation (or area for development) is complete at the
            as-at date AND at least one records evidence of impact (the plan's Evidence column):
            the work is done and the council can say how it knows it made a difference.
  Priority: any action is still open (a Complete awaiting an editor's sign-off is open, as on
            every other page); or every action is complete but none records evidence of impact
            (done, but "how do you know" has no answer yet); or it has no actions at all.
  Overdue:  an area's overdue actions are one more priority line, longest overdue first.

An action's state is the plan's own rule (readiness.plan.rag), taken from the plan's status at
the same as-at date, so the self-evaluation and the Improvement plan page always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from readiness.plan.rag import State
from readiness.plan.records import ActionRecord, PlanData, RecommendationRecord
from readiness.self_evaluation.document import PRIORITY, STRENGTH, Evidence, Line
from readiness.text import format_date, plural
from readiness.vocabulary import RECOMMENDATION_KIND_LABELS

_OPEN_COLUMNS = ("Action", "Lead", "Due", "State")
_DONE_COLUMNS = ("Action", "Completed", "Evidence of impact")


@dataclass(frozen=True)
class RecommendationActions:
    """A recommendation with its actions' rows of the plan's status (PlanStatus.actions, as
    named tuples: read once, not filtered again for each recommendation)."""

    rec: RecommendationRecord
    rows: tuple  # of the status table's rows (readiness.plan.status.ActionRow's fields)
    evidence: dict[int, str]  # each action's evidence of impact, where it records some


def _name(rec: RecommendationRecord) -> str:
    """ "Recommendation 2" (a ref of "REC 2" already names its kind), "Area for development 1"."""
    number = rec.ref.removeprefix(rec.kind).strip() or rec.ref
    return f"{RECOMMENDATION_KIND_LABELS.get(rec.kind, rec.kind)} {number}"


def _due(value) -> str:
    return format_date(value) if value is not None and not pd.isna(value) else "no due date"


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _action(row) -> str:
    return f"{row.ref}: {_short(row.action, 120)}"


def _lead(row) -> str:
    return row.service_leads or row.other_leads or ""


def recommendation_line(item: RecommendationActions) -> Line:
    """The recommendation's strength or priority line, by the rule in the module's docstring."""
    rec, rows = item.rec, item.rows
    key = f"recommendation:{rec.kind}:{rec.ref}"
    source = f"Improvement plan: {_name(rec)}"
    title = f"{_name(rec)}: {_short(rec.text)}"
    total = len(rows)
    complete = [r for r in rows if r.state == State.COMPLETE]
    if total == 0:
        return Line(key, PRIORITY, f"{title} No actions are planned for it yet.", source)
    if len(complete) < total:
        still_open = [r for r in rows if r.state != State.COMPLETE]
        overdue = sum(r.state == State.OVERDUE for r in rows)
        late = f", {overdue} overdue" if overdue else ""
        text = f"{title} Open: {len(complete)} of {plural(total, 'action')} complete{late}."
        table = tuple((_action(r), _lead(r), _due(r.due), State(r.state).label) for r in still_open)
        return Line(key, PRIORITY, text, source, Evidence(_OPEN_COLUMNS, table))
    evidenced = [r for r in complete if item.evidence.get(r.action_id)]
    table = tuple(
        (_action(r), _due(r.completed), item.evidence.get(r.action_id, "")) for r in complete
    )
    if not evidenced:
        text = (
            f"{title} All {plural(total, 'action')} complete, but none records evidence of "
            "impact: record how the council knows it made a difference."
        )
        return Line(key, PRIORITY, text, source, Evidence(_DONE_COLUMNS, table))
    text = (
        f"{title} Complete: all {plural(total, 'action')} done, with evidence of impact for "
        f"{len(evidenced)} of them."
    )
    return Line(key, STRENGTH, text, source, Evidence(_DONE_COLUMNS, table))


def overdue_line(area: str, items: Sequence[RecommendationActions]) -> Line | None:
    """One priority line for the area's overdue actions (those of its recommendations), longest
    overdue first; None if none."""
    seen: dict[int, object] = {}
    for item in items:
        for row in item.rows:
            if row.state == State.OVERDUE:
                seen.setdefault(row.action_id, row)
    if not seen:
        return None
    overdue = sorted(seen.values(), key=lambda r: r.days_overdue, reverse=True)
    table = tuple(
        (_action(r), _lead(r), _due(r.due), plural(int(r.days_overdue), "day")) for r in overdue
    )
    text = f"{plural(len(overdue), 'action')} overdue in this area, the longest by {table[0][3]}."
    return Line(
        f"overdue:{area}",
        PRIORITY,
        text,
        "Improvement plan: overdue actions",
        Evidence(("Action", "Lead", "Due", "Overdue by"), table),
    )


def by_recommendation(plan: PlanData, actions: pd.DataFrame) -> list[RecommendationActions]:
    """Each current recommendation with its actions' status rows and recorded evidence: the
    table read once, its rows shared out by recommendation (a 10,000-action plan's filters, one
    per recommendation, took most of the page's time)."""
    rec_of_theme = {t.id: t.recommendation_id for t in plan.themes if t.retired_on is None}
    evidence = {a.id: a.evidence.strip() for a in plan.actions if _has_evidence(a)}
    rows: dict[int, list] = {}
    for row in actions.itertuples(index=False):
        rows.setdefault(rec_of_theme.get(row.theme_id), []).append(row)
    return [
        RecommendationActions(rec, tuple(rows.get(rec.id, ())), evidence)
        for rec in plan.recommendations
        if rec.retired_on is None
    ]


def _has_evidence(action: ActionRecord) -> bool:
    return bool(action.evidence and action.evidence.strip())


def in_area(items: Sequence[RecommendationActions], covers: Sequence[str]):
    """The recommendations that bear on an area covering `covers`; with no `covers`, those that
    name no area."""
    if not covers:
        return [i for i in items if not i.rec.areas]
    return [i for i in items if set(i.rec.areas) & set(covers)]
