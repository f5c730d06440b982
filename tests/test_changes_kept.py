"""What changed, worked out once and kept for every session (components.changes): a rerun, a
second visitor and the Overview's line reuse it, yet a saved update, a new figure, another lead
or another date is shown at once, each with its own changes."""

from __future__ import annotations

from datetime import date, timedelta

from components import data
from readiness.board import changes_since as compared
from readiness.board.changes_since import ActionChange, ChangesSince, changes_since
from readiness.inspection.record_store import stored_prediction
from readiness.kpi import store as kpi_store
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.values import KpiValue, Period
from readiness.plan.status import plan_status
from readiness.settings import Settings
from tests.conftest import AS_AT, open_app, progress_field, stored_plan

SETTINGS = Settings()
PAGE = "views/changes.py"
WEEK_AGO = AS_AT - timedelta(days=7)
# Two leads whose weeks in the demo differ, so one shown the other's would be seen.
LEADS = ("Daniel Okafor", "Helen Ashworth")


def _expected(engine, since: date, lead: str | None = None) -> ChangesSince:
    """The changes worked out afresh from the database, as test_changes_since checks them."""
    plan = stored_plan(engine)
    with engine.connect() as conn:
        kpis = [stored_kpi_status(conn, day, SETTINGS.kpis) for day in (since, AS_AT)]
        predictions = [stored_prediction(conn, day, SETTINGS.inspection) for day in (since, AS_AT)]
    return (
        changes_since(
            plan,
            plan_status(plan, since, SETTINGS, lead=lead),
            plan_status(plan, AS_AT, SETTINGS, lead=lead),
        )
        .with_indicators(*kpis)
        .with_window(*predictions)
    )


def _summary(at) -> str:
    """The page's line under its title."""
    return next(m.value for m in at.markdown if m.value.startswith("**Since "))


def _overview_line(at) -> str:
    return next(link for link in at.page_link if link.proto.page.endswith("changes")).value


def _line(changes: ChangesSince) -> str:
    when, counts = changes.summary().split(": ", 1)
    return f"**{when}:** {counts}"


def test_a_saved_update_shows_at_once_on_the_page_and_the_overview(
    demo_engine, sqlite_url, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    before = _expected(demo_engine, WEEK_AGO)
    assert _summary(at) == f"**{before.summary()}.**"
    at.switch_page("views/overview.py").run()
    assert _overview_line(at) == _line(before)  # both kept now, from the same week
    at.switch_page(PAGE).run()

    # A newly overdue action, completed from the page's own list.
    action_id = before.newly_overdue[0].action_id
    at.selectbox(key="changes_open_action").set_value(action_id).run()
    progress_field(at, "text", "changes").input("Signed off at DMT.")
    progress_field(at, "status", "changes").set_value("complete")
    progress_field(at, "author", "changes").input("Rebecca Hollis")
    next(b for b in at.button if b.label == "Save update").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]

    after = _expected(demo_engine, WEEK_AGO)
    assert len(after.completed) == len(before.completed) + 1
    assert len(after.updates) == len(before.updates) + 1
    assert _summary(at) == f"**{after.summary()}.**"
    headings = [s.value for s in at.subheader]
    assert f"Completed ({len(after.completed)})" in headings
    assert f"Progress updates ({len(after.updates)})" in headings
    bodies = [h.proto.body for h in at.get("html")]
    assert any("Signed off at DMT." in b for b in bodies)
    at.switch_page("views/overview.py").run()
    assert _overview_line(at) == _line(after)


def test_a_new_figure_shows_at_once(demo_engine, sqlite_url, monkeypatch):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    assert "Indicators whose colour or direction changed (0)" in [s.value for s in at.subheader]
    # November's figure, far worse than October's, stored and the figures read again, as the
    # Data page loads them.
    with demo_engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT, SETTINGS.kpis)
    position = next(p for p in status.positions if p.indicator.id == "rereferrals")
    november = KpiValue(
        "rereferrals", status.council.la_code, Period("Nov 2026", AS_AT), position.value + 20, "t"
    )
    with demo_engine.begin() as conn:
        kpi_store.write_values(conn, [november], AS_AT)
    data.refresh_kpis()
    at.run()
    expected = _expected(demo_engine, WEEK_AGO)
    assert [i.indicator for i in expected.indicators] == ["rereferrals"]
    assert _summary(at) == f"**{expected.summary()}.**"
    assert "Indicators whose colour or direction changed (1, 1 worse)" in [
        s.value for s in at.subheader
    ]


def test_two_leads_and_two_dates_each_see_their_own(demo_engine, sqlite_url, monkeypatch):
    first = open_app(sqlite_url, monkeypatch, PAGE, lead=LEADS[0])
    second = open_app(sqlite_url, monkeypatch, PAGE, lead=LEADS[1])
    shown = {}
    for _ in range(2):  # the second time round, each is what was kept
        for at, lead in ((first, LEADS[0]), (second, LEADS[1])):
            for since in (WEEK_AGO, date(2026, 11, 1)):
                at.date_input(key="since").set_value(since).run()
                assert _summary(at) == f"**{_expected(demo_engine, since, lead).summary()}.**"
                shown.setdefault((lead, since), _summary(at))
        first.run()
        second.run()
    assert len(set(shown.values())) == 4
    # The Overview's line, for each lead, is its own week's.
    for lead in LEADS:
        overview = open_app(sqlite_url, monkeypatch, lead=lead)
        assert _overview_line(overview) == _line(_expected(demo_engine, WEEK_AGO, lead))


def test_a_rerun_and_a_second_visitor_compare_nothing_again(sqlite_url, demo_engine, monkeypatch):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    at.switch_page("views/overview.py").run()
    expected = f"**{_expected(demo_engine, WEEK_AGO).summary()}.**"
    done = {"indicators": 0, "colours": 0}
    indicator_changes, worse = compared._indicator_changes, ActionChange.worse

    def counted_indicators(*args):
        done["indicators"] += 1
        return indicator_changes(*args)

    def counted_worse(change):
        done["colours"] += 1
        return worse.fget(change)

    monkeypatch.setattr(compared, "_indicator_changes", counted_indicators)
    monkeypatch.setattr(ActionChange, "worse", property(counted_worse))
    at.run()
    at.switch_page(PAGE).run()
    at.run()
    other = open_app(sqlite_url, monkeypatch, PAGE)
    assert not at.exception and not other.exception
    assert _summary(other) == expected
    assert done == {"indicators": 0, "colours": 0}
