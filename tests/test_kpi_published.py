"""Looking back at a date shows only the figures public by then: DfE's from the day its release
came out (readiness.kpi.releases), a council's own from the day they were loaded; and each
indicator says when its next release is due.

Gateshead's (390) real figures are loaded as a user would, from DfE's files kept outside the repo
(tests/kpi_data.py: skipped, saying so, where they are absent), dated long after every release."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

from readiness.board.changes_since import ChangesSince
from readiness.cli.main import main
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from readiness.kpi.indicators import BY_ID, INDICATORS
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.releases import RELEASES, next_release
from readiness.kpi.values import ENGLAND, KpiValue, Period
from readiness.settings import KpiSettings
from tests.kpi_data import KPI_DATA, SN_2025, kpi_file, shared_file

GATESHEAD = "390"
LOADED = date(2026, 11, 1)  # after every release the files hold
AS_AT = date(2025, 9, 30)  # before the 2024-25 children in need and looked after releases


def _cli(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out) == 0, out.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def gateshead(tmp_path_factory) -> str:
    """A database holding Gateshead's figures from every DfE file, loaded on LOADED."""
    shared_file(KPI_DATA)
    url = f"sqlite:///{tmp_path_factory.mktemp('published') / 'pub.db'}"
    _cli("init", "--db", url)
    _cli(
        "import-kpis",
        str(KPI_DATA),
        "--la",
        GATESHEAD,
        "--neighbours",
        str(kpi_file(SN_2025)),
        "--yes",
        "--imported-on",
        LOADED.isoformat(),
        "--db",
        url,
    )
    return url


def _status(url: str, as_at: date):
    engine = make_engine(url)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, as_at, KpiSettings())
    engine.dispose()
    return status


def _periods(url: str, as_at: date) -> dict[str, str | None]:
    return {p.indicator.id: p.period for p in _status(url, as_at).positions}


@pytest.mark.parametrize(
    ("indicator", "released", "before", "after"),
    [
        ("rereferrals", date(2025, 10, 30), "2023-24", "2024-25"),  # children in need
        ("cla_rate", date(2025, 11, 20), "2023-24", "2024-25"),  # children looked after
        ("care_leavers_eet", date(2025, 11, 20), "2023-24", "2024-25"),  # SSDA903 too
        ("sw_agency", date(2026, 2, 26), "2024", "2025"),  # workforce, at 30 September
    ],
)
def test_a_figure_is_shown_from_the_day_dfe_published_it(
    gateshead, indicator, released, before, after
):
    assert _periods(gateshead, released - timedelta(days=1))[indicator] == before
    assert _periods(gateshead, released)[indicator] == after


def test_kpis_as_at_shows_what_was_published_by_then_and_the_next_release(gateshead, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line a row, as on a wide terminal
    shown = _cli("kpis", "--as-at", AS_AT.isoformat(), "--db", gateshead)
    rows = {line.split("  ")[0]: line for line in shown.splitlines()}
    # The 2024-25 figures (to 31 March 2025) came out in October and November 2025; the
    # workforce figures at 30 September 2024 came out in February 2025.
    assert " 2023-24 " in rows["Re-referrals within 12 months"]
    assert " 2023-24 " in rows["Children in care rate (per 10,000 children)"]
    assert " 2024 " in rows["Agency social worker rate"]
    assert "next release: 2024-25 figures, 30 Oct 2025" in shown
    assert "next release: 2024-25 figures, 20 Nov 2025" in shown
    assert "next release: 2025 figures, 26 Feb 2026" in shown
    assert "2024-25 " not in shown.split("INDICATOR", 1)[1].replace("2024-25 figures", "")

    listed = json.loads(
        _cli("kpis", "--as-at", AS_AT.isoformat(), "--format", "json", "--db", gateshead)
    )
    rereferrals = next(entry for entry in listed if entry["id"] == "rereferrals")
    assert rereferrals["latest_period"] == "2023-24"
    assert rereferrals["next_release"] == {
        "period": "2024-25",
        "date": "2025-10-30",
        "estimated": False,
        "not_loaded": False,
    }


def _changes(url: str, since: date, as_at: date) -> ChangesSince:
    nothing = ChangesSince(since, as_at, None, (), (), (), ())
    return nothing.with_indicators(_status(url, since), _status(url, as_at))


def test_what_changed_lists_no_indicator_between_two_dates_without_a_release(gateshead):
    # 27 Feb to 30 Sep 2025: the workforce release came before, the next releases after.
    quiet = _changes(gateshead, date(2025, 3, 1), AS_AT)
    assert quiet.indicators == ()
    assert "no indicator changed" in quiet.summary()
    # Across the children in need release, its indicators may change; no other can.
    across = _changes(gateshead, AS_AT, date(2025, 11, 1))
    collections = {BY_ID[c.indicator].collection for c in across.indicators}
    assert collections <= {BY_ID["rereferrals"].collection}
    assert across.indicators  # the 2024-25 figures moved some colour or direction


# A council's own figures ------------------------------------------------------------------------


def _own(sqlite_url, values: list[tuple[KpiValue, date]]):
    engine = make_engine(sqlite_url)
    prepare_database(engine, LOADED, demo=False)
    with engine.begin() as conn:
        store.set_council(conn, store.Council(GATESHEAD, "Gateshead", None))
        for value, loaded in values:
            store.write_values(conn, [value], loaded)
    return engine


def _at(engine, as_at: date) -> dict[str, str | None]:
    with engine.connect() as conn:
        status = stored_kpi_status(conn, as_at, KpiSettings())
    return {p.indicator.id: p.period for p in status.positions} if status else {}


def test_a_councils_own_figure_counts_from_the_day_it_was_loaded(sqlite_url):
    april = KpiValue("rereferrals", GATESHEAD, Period("Apr-25", date(2025, 4, 30)), 18.0, "own")
    engine = _own(sqlite_url, [(april, date(2025, 5, 12))])
    assert _at(engine, date(2025, 5, 11)) == {}
    assert _at(engine, date(2025, 5, 12)) == {"rereferrals": "Apr-25"}
    engine.dispose()


def test_a_year_figure_counts_from_its_load_when_loaded_before_dfe_published_it(sqlite_url):
    # The council's own 2024-25 figure, loaded in May 2025: known to it then; England's for the
    # same year, loaded in 2026, only from DfE's release on 30 Oct 2025.
    year = Period("2024-25", date(2025, 3, 31))
    own = KpiValue("rereferrals", GATESHEAD, year, 17.0, "own table")
    england = KpiValue("rereferrals", ENGLAND, year, 22.6, "EES")
    engine = _own(sqlite_url, [(own, date(2025, 5, 12)), (england, LOADED)])
    with engine.connect() as conn:
        before = stored_kpi_status(conn, date(2025, 10, 29), KpiSettings())
        after = stored_kpi_status(conn, date(2025, 10, 30), KpiSettings())
    assert (before.positions[0].value, before.positions[0].england) == (17.0, None)
    assert after.positions[0].england == 22.6
    engine.dispose()


def test_a_year_not_listed_is_expected_after_the_usual_lag():
    # No 2025-26 release is listed: 31 March 2026 plus the longest listed lag (214 days).
    expected = next_release(BY_ID["rereferrals"], date(2025, 11, 1))
    assert expected.words() == "next release: 2025-26 figures, expected Oct 2026"
    assert expected.on == date(2026, 10, 31)


def test_every_dfe_indicator_s_collection_has_its_releases_listed():
    # Without a listed release, its figures would have no release day to be hidden until.
    listed = {r.collection for r in RELEASES}
    assert {i.collection for i in INDICATORS if not i.local} <= listed


def test_the_tile_says_when_the_next_figures_are_due(sqlite_url):
    from components.kpi_tiles import kpi_tiles

    year = Period("2023-24", date(2024, 3, 31))
    engine = _own(sqlite_url, [(KpiValue("rereferrals", GATESHEAD, year, 18.0, "own"), LOADED)])
    with engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT, KpiSettings())
    assert "Next release: 2024-25 figures, 30 Oct 2025" in kpi_tiles(status, list(status.positions))
    engine.dispose()


def test_a_release_out_by_the_date_but_not_loaded_is_said(gateshead):
    # The files end at 2024-25; by 1 Nov 2026 the 2025-26 figures are expected to be out.
    status = _status(gateshead, date(2026, 11, 1))
    rereferrals = next(p for p in status.positions if p.indicator.id == "rereferrals")
    assert rereferrals.period == "2024-25"
    assert rereferrals.next_release.words() == ("2025-26 figures expected by Oct 2026, not loaded")
