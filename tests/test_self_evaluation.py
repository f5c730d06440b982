"""The self-evaluation's drafting rules (issue 25): which indicators and recommendations are
strengths and which priorities, the judgement areas of the framework in force at the as-at date,
a person's words kept through every regeneration, and a submitted version frozen as sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest

from readiness.access.audit import AuditFilter
from readiness.access.roles import LOCAL_USER, Person, Refused, Role
from readiness.kpi.comparison import NeighbourFigure
from readiness.kpi.rules import Direction, Trend, format_figure
from readiness.kpi.symbols import symbol
from readiness.plan.progress import ProgressEntry
from readiness.self_evaluation.changes import since_submitted
from readiness.self_evaluation.document import PRIORITY, STRENGTH, from_json, to_json
from readiness.self_evaluation.indicator_lines import indicator_line, verdict
from readiness.self_evaluation.plan_lines import RecommendationActions, recommendation_line
from tests.conftest import AS_AT, store_of
from tests.test_kpis import status_of
from tests.test_roles import enlist

UP, DOWN, FLAT, UNKNOWN = Trend.IMPROVING, Trend.WORSENING, Trend.STABLE, Trend.NOT_ENOUGH_DATA


def position(kpis, polarity: str, value, england, neighbours, trend: Trend):
    """A demo indicator's position of `polarity`, with the figures and last year's move given."""
    base = next(p for p in kpis.positions if p.indicator.polarity == polarity)
    return replace(
        base,
        value=value,
        england=england,
        neighbours=NeighbourFigure(neighbours, 10 if neighbours is not None else 0, 10, "mean"),
        last_year=Direction(trend, "as the test sets it", 1.0, "2024-25", "last year"),
        missing=None,
    )


@pytest.fixture(scope="module")
def kpis(demo_url):
    from readiness.db.engine import make_engine

    return status_of(make_engine(demo_url))


# (value, England, neighbours, last year's move) -> the verdict, for "higher is better"; the
# same figures mirrored (100 - x) for "lower is better" must give the same verdict.
CASES = [
    ((80, 70, 75, UP), STRENGTH),  # better than both, improving
    ((80, 70, 75, FLAT), None),  # better than both but not improving: claims nothing
    ((80, 70, 75, UNKNOWN), None),  # better than both, no earlier year to say it improved
    ((80, 70, None, UP), None),  # the neighbours' figure unknown: not shown better than both
    ((80, 70, 80, UP), None),  # level with the neighbours: not better than both
    ((80, 70, 75, DOWN), PRIORITY),  # better than both, but worsening
    ((65, 70, 60, UP), PRIORITY),  # worse than England, though improving
    ((65, 60, 70, UP), PRIORITY),  # worse than the neighbours, though improving
    ((60, 70, 75, DOWN), PRIORITY),  # worse and worsening
    ((70, 70, 70, FLAT), None),  # level with both, stable
]


@pytest.mark.parametrize(("figures", "expected"), CASES)
def test_an_indicator_is_a_strength_or_priority_by_its_comparators_and_last_year(
    kpis, figures, expected
):
    value, england, neighbours, trend = figures
    assert verdict(position(kpis, "high", value, england, neighbours, trend)) == expected
    mirror = [None if x is None else 100 - x for x in (value, england, neighbours)]
    assert verdict(position(kpis, "low", *mirror, trend)) == expected


def test_context_and_unpublished_figures_are_never_listed(kpis):
    context = position(kpis, "context", 80, 70, 75, UP)
    assert verdict(context) is None
    high = position(kpis, "high", 80, 70, 75, UP)
    assert verdict(high) == STRENGTH
    # DfE wrote "c" (suppressed) for the latest figure: never judged on an older year's.
    assert verdict(replace(high, value=None, missing=symbol("c"))) is None


def test_an_indicator_line_names_its_figures_and_where_they_came_from(kpis):
    line = indicator_line(position(kpis, "high", 80, 70, 75, UP))
    assert line.kind == STRENGTH and line.key == f"indicator:{line.key.split(':')[1]}"
    indicator = next(p for p in kpis.positions if p.indicator.polarity == "high").indicator
    assert line.text.startswith(f"{indicator.name}: {format_figure(80, indicator.unit)} in ")
    assert "better than England (70" in line.text and "the neighbours (75.0" in line.text
    assert line.source.startswith("Indicator: ")
    measures = [row[0] for row in line.evidence.rows]
    assert measures[:2] == ["This council", "England"]
    assert measures[2].startswith("Statistical neighbours (mean of 10 of 10)")


def plan_rows(*states: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "action_id": n,
                "ref": "REC 4",
                "action": f"Action {n}",
                "service_leads": "Pat Lead",
                "other_leads": "",
                "due": date(2026, 10, 1),
                "completed": date(2026, 9, 1) if s == "complete" else None,
                "state": s,
                "days_overdue": 30 if s == "overdue" else None,
            }
            for n, s in enumerate(states, start=1)
        ]
    )


@pytest.fixture(scope="module")
def rec(demo_url):
    from readiness.db.engine import make_engine
    from tests.conftest import stored_plan

    return stored_plan(make_engine(demo_url)).recommendations[3]


@pytest.mark.parametrize(
    ("states", "evidence", "kind", "words"),
    [
        (("complete", "complete"), {1: "Audit: 9 of 10 plans good"}, STRENGTH, "Complete: all 2"),
        (("complete", "complete"), {}, PRIORITY, "none records evidence of impact"),
        (
            ("complete", "overdue"),
            {1: "Audit"},
            PRIORITY,
            "Open: 1 of 2 actions complete, 1 overdue",
        ),
        (("on_track",), {}, PRIORITY, "Open: 0 of 1 action complete."),
        ((), {}, PRIORITY, "No actions are planned"),
    ],
)
def test_a_recommendation_is_a_strength_only_when_done_with_evidence(
    rec, states, evidence, kind, words
):
    rows = tuple(plan_rows(*states).itertuples(index=False)) if states else ()
    line = recommendation_line(RecommendationActions(rec, rows, evidence))
    assert line.kind == kind and words in line.text, line.text
    assert line.source.startswith("Improvement plan: Recommendation 4")


def store_at(engine, when: datetime):
    """The demo's store whose writes are dated `when` (the audit's and the narrative's clock)."""
    from readiness.settings import Settings
    from readiness.store import Store

    return Store(engine, Settings(), now=lambda: when)


NOW = datetime(2026, 11, 22, 9, 30)


@pytest.mark.parametrize(
    ("as_at", "titles"),
    [
        (
            AS_AT,
            [
                "The impact of leaders on practice with children and families",
                "The experiences and progress of children who need help and protection",
                "The experiences and progress of children in care",
                "The experiences and progress of care leavers",
            ],
        ),
        (
            date(2024, 6, 1),
            [
                "The impact of leaders on social work practice with children and families",
                "The experiences and progress of children who need help and protection",
                "The experiences and progress of children in care",
                "The experiences and progress of care leavers",
            ],
        ),
        (
            date(2022, 6, 1),
            [
                "The impact of leaders on social work practice with children and families",
                "The experiences and progress of children who need help and protection",
                "The experiences and progress of children in care and care leavers",
            ],
        ),
    ],
)
def test_one_section_per_judgement_area_of_the_framework_in_force(demo_engine, as_at, titles):
    document = store_of(demo_engine).self_evaluation(as_at)
    assert [a.title for a in document.areas][: len(titles)] == titles
    assert all(a.code == "unplaced" for a in document.areas[len(titles) :])


def test_the_demo_draft_places_recommendations_and_indicators_in_their_areas(demo_engine):
    document = store_of(demo_engine).self_evaluation(AS_AT)
    care_leavers = next(a for a in document.areas if a.code == "care_leavers")
    keys = [line.key for line in (*care_leavers.strengths, *care_leavers.priorities)]
    assert any(k.startswith("recommendation:REC:") for k in keys)
    assert any(k.startswith("indicator:") for k in keys)
    help_area = next(a for a in document.areas if a.code == "help_protection")
    assert not any("care leavers" in line.text.lower()[:40] for line in help_area.priorities)
    assert to_json(document) and from_json(to_json(document)) == document


def test_a_regeneration_keeps_what_people_wrote(demo_engine):
    store = store_at(demo_engine, NOW)
    first = store.self_evaluation(AS_AT)
    area = first.areas[1]
    line = area.priorities[0]
    store.write_narrative(area.code, 1, "Our front door is steadier.\nAudits agree.", by=LOCAL_USER)
    store.edit_line(line.key, "Our own words for this line.", line.text, by=LOCAL_USER)
    left = area.priorities[1]
    store.edit_line(left.key, None, left.text, by=LOCAL_USER)
    # The plan moves on: an action of that recommendation is saved complete; the draft is made
    # again, and what people wrote is still there, over the new generated words.
    action = next(a for a in store.current_plan().actions if a.status != "complete" and a.due)
    store.record_progress(
        ProgressEntry(action.id, action.version, "Done.", "complete", AS_AT, "Pat"), by=LOCAL_USER
    )
    again = store.self_evaluation(AS_AT)
    same_area = next(a for a in again.areas if a.code == area.code)
    said = same_area.said(1)
    assert said.text == "Our front door is steadier.\nAudits agree."
    assert (said.author, said.written_on) == ("Local user", NOW.date())
    edited = next(x for x in same_area.priorities if x.key == line.key)
    assert edited.text == "Our own words for this line." and edited.edited_by == "Local user"
    assert edited.generated  # the generated words are kept beside the person's
    assert left.key not in [x.key for x in same_area.priorities]
    assert left.key in [x.key for x in same_area.left_out]
    # Put back as generated: the generated words return, whatever they have become.
    store.edit_line(left.key, "", left.text, by=LOCAL_USER)
    back = next(a for a in store.self_evaluation(AS_AT).areas if a.code == area.code)
    assert left.key in [x.key for x in back.priorities]
    # Looking at another date, the figures are that date's and the words still the latest.
    before = store.self_evaluation(date(2026, 6, 1))
    assert next(a for a in before.areas if a.code == area.code).said(1) == said


def test_a_submitted_version_stays_as_sent(demo_engine):
    store = store_at(demo_engine, NOW)
    area = store.self_evaluation(AS_AT).areas[0]
    store.write_narrative(area.code, 3, "We will keep the audit cycle monthly.", by=LOCAL_USER)
    draft = store.self_evaluation(AS_AT)
    version_id = store.submit_self_evaluation(draft, date(2026, 11, 20), by=LOCAL_USER)
    store.write_narrative(area.code, 3, "Changed after it was sent.", by=LOCAL_USER)
    sent = store.self_evaluation_version(version_id)
    assert sent.areas[0].said(3).text == "We will keep the audit cycle monthly."
    assert (sent.submitted_on, sent.submitted_by) == (date(2026, 11, 20), "Local user")
    assert sent.areas == draft.areas
    assert store.last_submitted(AS_AT) == date(2026, 11, 20)
    # Before it, the demo's own, sent three weeks before its engagement meeting.
    demo_sent = store.self_evaluation_versions()[1].submitted_on
    assert store.last_submitted(date(2026, 11, 19)) == demo_sent
    assert store.self_evaluation(AS_AT).areas[0].said(3).text == "Changed after it was sent."
    kinds = [e["Change"] for e in store.audit_entries(AuditFilter())]
    assert kinds.count("Self-evaluation narrative written") == 2
    assert "Self-evaluation submitted to Ofsted" in kinds


def test_what_changed_since_the_submitted_version(demo_engine):
    store = store_at(demo_engine, NOW)
    sent = store.self_evaluation(AS_AT)
    area = sent.areas[-2]
    (indicator, *_) = [x for x in (*area.priorities, *area.strengths) if x.measure]
    moved_line = replace(indicator, measure=replace(indicator.measure, value=1.0, shown="1.0%"))
    new_line = replace(area.priorities[0], key="recommendation:REC:99", text="A new one")
    now_area = replace(
        area,
        priorities=tuple(moved_line if x.key == indicator.key else x for x in area.priorities[1:])
        + (new_line,),
        strengths=tuple(moved_line if x.key == indicator.key else x for x in area.strengths),
    )
    current = replace(sent, areas=tuple(now_area if a is area else a for a in sent.areas))
    changed = since_submitted(sent, current)
    assert [line.key for _, line in changed.new[PRIORITY]] == ["recommendation:REC:99"]
    assert [line.key for _, line in changed.gone[PRIORITY]] == [area.priorities[0].key]
    assert [m.now.key for m in changed.moved] == [indicator.key]
    assert "→ 1.0%" in changed.moved[0].words
    assert changed.words.startswith("1 new priority, 1 priority no longer listed, 1 figure moved")
    assert since_submitted(sent, sent).words == "Nothing has changed since the submitted version"


def test_only_editors_write_the_self_evaluation(demo_engine):
    store = store_at(demo_engine, NOW)
    viewer = Person("val@example.org", "Val", Role.VIEWER)
    lead = Person("pat@example.org", "Pat", Role.LEAD, "Pat Lead")
    before = store.self_evaluation_written(), store.self_evaluation_versions()
    for person in (viewer, lead):
        enlist(demo_engine, person)
        with pytest.raises(Refused):
            store.write_narrative("leaders", 1, "Words", by=person)
        with pytest.raises(Refused):
            store.submit_self_evaluation(store.self_evaluation(AS_AT), AS_AT, by=person)
    assert (store.self_evaluation_written(), store.self_evaluation_versions()) == before
    with pytest.raises(ValueError, match="no question 4"):
        store.write_narrative("leaders", 4, "Words", by=LOCAL_USER)
