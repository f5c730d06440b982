"""The demo council: plan-shaped like a real one, reproducible, and showing every rule."""

from collections import Counter
from datetime import date

from readiness.db.engine import make_engine
from readiness.demo.plan import demo_events, demo_plan
from readiness.demo.prepare import prepare_database
from readiness.plan.rag import State
from readiness.plan.status import plan_status
from readiness.settings import Settings
from tests.conftest import AS_AT, stored_plan


def test_demo_plan_has_the_shape_of_a_real_plan():
    plan = demo_plan(AS_AT)
    kinds = Counter(r.kind for r in plan.recommendations)
    themes = [t for r in plan.recommendations for t in r.themes]
    actions = [a for t in themes for a in t.actions]
    assert 4 <= kinds["REC"] <= 6 and 2 <= kinds["AFD"] <= 3
    assert 18 <= len(themes) <= 25
    assert 80 <= len(actions) <= 120
    assert len({n for a in actions for n in a.service_leads}) >= 5


def test_demo_is_reproducible_and_the_seed_matters():
    assert demo_plan(AS_AT) == demo_plan(AS_AT)
    assert demo_plan(AS_AT, seed=1) != demo_plan(AS_AT, seed=2)


def test_demo_shows_every_state_whatever_the_date(tmp_path):
    for as_at in (AS_AT, date(2027, 6, 30)):
        engine = make_engine(f"sqlite:///{tmp_path / f'{as_at}.db'}")
        prepare_database(engine, as_at, demo=True)
        status = plan_status(stored_plan(engine), as_at, Settings())
        assert set(status.actions["state"]) == {s.value for s in State}, f"on {as_at}"
        engine.dispose()


def test_demo_inspection_history_has_a_graded_inspection_then_a_focused_visit():
    standard, visit = demo_events(AS_AT)
    assert standard.event_type == "standard" and standard.grades
    assert standard.fieldwork_start.weekday() == 0  # inspections start on a Monday
    assert visit.event_type == "focused_visit" and not visit.grades
    assert standard.fieldwork_start < visit.fieldwork_start < AS_AT
