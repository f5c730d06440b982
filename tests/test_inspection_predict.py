"""The predicted next inspection: the type rule for every grade, the calendar, honesty about what
was known when, and the commands on the real national record."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.calendar import CalendarRules, is_possible_start
from readiness.inspection.events import GRADES, SHORT, SIF, STANDARD, Inspection
from readiness.inspection.hazard import FallbackHazard, features, fit_hazard
from readiness.inspection.national_files import read_national
from readiness.inspection.next_type import next_type
from readiness.inspection.outlook import score
from readiness.inspection.predict import predict
from readiness.inspection.queue import (
    CYCLE_RESTART,
    SIF_PUBLICATION_LAG,
    by_council,
    full_starts,
    queue,
)
from readiness.inspection.record_store import load_record, stored_prediction
from readiness.inspection_timing import rule_window
from readiness.settings import InspectionSettings
from tests.conftest import AS_AT as DEMO_DAY
from tests.conftest import ROOT, store_of
from tests.kpi_data import OFSTED_DATA, shared_file
from tests.test_cli import run

RULES = CalendarRules()
AS_AT = date(2026, 3, 2)
HISTORY = "ofsted_csc_ilacs_history.csv"
LOOKUP = "la_lookup_provider_data.csv"
OFFICIAL = "la_inspection_outcomes_as_at_31_march_2025.ods"


def inspection(la="900", start=date(2023, 5, 8), published=date(2023, 7, 10), **grades):
    return Inspection(la, STANDARD, start, None, published, grades)


# The type rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overall", "kind", "monitoring"),
    [
        ("outstanding", SHORT, False),
        ("good", SHORT, False),
        ("requires_improvement", STANDARD, False),
        ("inadequate", STANDARD, True),
    ],
)
def test_the_next_type_follows_the_overall_grade(overall, kind, monitoring):
    result = next_type(inspection(overall=overall, leaders="inadequate"))
    assert (result.kind, result.monitoring_first) == (kind, monitoring)


POST_2026 = [
    # leaders, help and protection, children in care, care leavers -> kind
    (("good", "good", "good", "requires_improvement"), SHORT),
    (("outstanding", "requires_improvement", "good", "outstanding"), SHORT),
    (("good", "requires_improvement", "requires_improvement", "good"), STANDARD),
    (("requires_improvement", "good", "good", "good"), STANDARD),
    (("inadequate", "outstanding", "outstanding", "outstanding"), STANDARD),
]


@pytest.mark.parametrize(("grades", "kind"), POST_2026)
def test_without_an_overall_grade_leaders_and_two_of_three_decide(grades, kind):
    areas = ("leaders", "help_protection", "children_in_care", "care_leavers")
    result = next_type(inspection(**dict(zip(areas, grades, strict=True))))
    assert result.kind == kind
    assert "no overall grade" in result.why and "secondary source" in result.why


def test_the_rule_without_an_overall_grade_is_a_setting():
    last = inspection(leaders="good", help_protection="good", children_in_care="good")
    assert next_type(last, "standard").kind == STANDARD
    assert next_type(last, "short").kind == SHORT
    with pytest.raises(ValueError, match="not one of"):
        next_type(last, "coin")


def test_every_grade_combination_gives_a_type():
    for overall in (*GRADES, None):
        for leaders in GRADES:
            grades = {"leaders": leaders} | ({"overall": overall} if overall else {})
            assert next_type(inspection(**grades)).kind in (SHORT, STANDARD)


# The window ------------------------------------------------------------------------------------


def test_without_a_record_the_configured_interval_gives_the_window():
    own = [inspection(overall="good")]
    p = predict(own, [], "900", date(2026, 1, 5), InspectionSettings(), RULES)
    assert p.next.kind == SHORT and not p.learned
    assert any("usual gap between full inspections" in r and "less sure" in r for r in p.reasons)
    # Started 8 May 2023: 30 months is November 2025, 46 months March 2027.
    assert date(2026, 1, 5) < p.window.earliest < p.window.likely < p.window.latest
    assert p.window.latest <= date(2027, 4, 1)
    assert p.within[30] <= p.within[91] <= p.within[182]


def test_the_window_never_opens_in_a_week_the_calendar_rules_out():
    own = [inspection(overall="good", start=date(2023, 9, 4), published=date(2023, 11, 1))]
    p = predict(own, [], "900", date(2026, 6, 1), InspectionSettings(), RULES)
    for monday, chance in p.chances:
        if not is_possible_start(monday, SHORT, RULES):
            assert chance == 0.0, monday
    opened = [d for d in (p.window.earliest, p.window.likely, p.window.latest) if d]
    assert all(d.weekday() == 0 and d.month != 8 for d in opened)
    easter_monday = date(2027, 3, 29)
    assert dict(p.chances)[easter_monday] == 0.0


# Every week counts from the configured start weekday: a module that counted from Monday itself
# would give a Tuesday calendar no possible week, and every chance 0% (issue 20).
WEEKDAYS = [0, 1, 4]


def _on_weekday(chances, weekday: int) -> bool:
    return all(week.weekday() == weekday for week, _p in chances)


@pytest.mark.parametrize("weekday", WEEKDAYS)
def test_the_demo_prediction_follows_the_start_weekday(demo_url, weekday):
    rules = CalendarRules(start_weekday=weekday)
    settings = replace(InspectionSettings(), calendar=rules)
    engine = make_engine(demo_url)
    with engine.connect() as conn:
        p = stored_prediction(conn, DEMO_DAY, settings)
    engine.dispose()
    assert not p.learned  # the demo holds no national record: the configured interval
    assert p.window.earliest and p.window.likely and p.window.latest
    assert p.within[91] > 0 and p.within[182] > 0
    assert _on_weekday(p.chances, weekday)
    assert p.chances[0][0] > DEMO_DAY
    assert sum(chance > 0 for _week, chance in p.chances) > 20


# 2 Dec 2024 + 30 months: 2 Jun 2027, where 30 months of 30.4375 days fell on 3 Jun.
@pytest.mark.parametrize("day", [date(2027, 6, 1), date(2027, 6, 2), date(2027, 6, 3)])
def test_the_hazard_sees_the_window_open_on_the_day_the_reasons_give(day):
    start = date(2024, 12, 2)
    opens, _closes = rule_window(start)
    assert opens == date(2027, 6, 2)
    assert features(start, day, 0)[2] == float(day >= opens)


# Ofsted's published window, moved in its one definition before anything else is imported: the
# settings' fallback, the hazard's "window open" input, the rule the backtest scores, the day
# Prediction.opens gives and the reason's words must all follow it.
MOVED_WINDOW = """
import json
from datetime import date, timedelta
import readiness.inspection_timing as timing
timing.PUBLISHED_WINDOW = timing.PublishedWindow(24.0, 36.0, "two to three years on", "a test")
from readiness.inspection.events import Inspection
from readiness.inspection.hazard import features
from readiness.inspection.outlook import rule_chance
from readiness.inspection.predict import predict
from readiness.settings import InspectionSettings, describe_settings
start = date(2023, 5, 8)
own = [Inspection("900", "standard", start, None, date(2023, 7, 10), {"overall": "good"})]
p = predict(own, [], "900", date(2025, 6, 2), InspectionSettings(), timing.CalendarRules())
rows = {row["key"]: row["default"] for row in describe_settings()}
print(json.dumps({
    "setting": InspectionSettings().fallback_earliest_months,
    "readme": rows["inspection.fallback_earliest_months"],
    "opens": (p.opens - start).days,
    "reason": [r for r in p.reasons if r.startswith("The published rule")],
    "open_at_25_months": features(start, date(2025, 6, 8), 0)[2],
    "rule_chance_at_25_months": rule_chance(start, start + timedelta(days=761), 91),
}))
"""


def test_the_published_window_is_written_once():
    result = subprocess.run(
        [sys.executable, "-c", MOVED_WINDOW], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    moved = json.loads(result.stdout)
    assert moved["setting"] == moved["readme"] == 24.0
    assert moved["opens"] == 731  # 8 May 2023 to 8 May 2025: 24 calendar months
    assert moved["reason"] == [
        "The published rule: two to three years on, so 8 May 2025 to 8 May 2026."
    ]
    assert moved["open_at_25_months"] == 1.0
    assert moved["rule_chance_at_25_months"] > 0.2


def test_a_council_with_no_full_inspection_is_told_what_to_do():
    p = predict([], [], "900", AS_AT, InspectionSettings(), RULES)
    assert p.next is None and "add its last inspection" in p.reasons[0]


def test_the_fallback_hazard_is_certain_by_the_latest_month():
    hazard = FallbackHazard(30, 40, 46, pace=0)
    start = date(2023, 5, 8)
    assert hazard.weekly(start, date(2025, 10, 6), 0) == 0.0  # 29 months on
    assert 0 < hazard.weekly(start, date(2026, 9, 7), 0) < 1  # 40 months on


# Honesty, scores -------------------------------------------------------------------------------


def test_an_undated_report_does_not_put_a_council_first_in_the_queue():
    dated = [inspection(la=f"{n}", start=date(2023, 1, 2 + n)) for n in range(1, 4)]
    old = inspection(la="800", start=date(2019, 1, 7), published=date(2019, 3, 1))
    undated = replace(old, start=None, published=date(2024, 5, 1))
    waiting = queue({"800": [old, undated], **{i.la_code: [i] for i in dated}}, AS_AT)
    assert waiting[-1].la_code == "800" and waiting[-1].estimated


def test_scores():
    # The published rule's chance: tests/test_predictor_fit.py.
    perfect = score([[(0.9, True, 1), (0.1, False, 2)]])
    assert perfect.auc == 1.0 and perfect.brier == pytest.approx(0.01)


@pytest.fixture(scope="module")
def record():
    files = [shared_file(OFSTED_DATA / name) for name in (HISTORY, LOOKUP, OFFICIAL)]
    return read_national(files)


def test_a_later_report_does_not_change_an_earlier_prediction(record):
    later = Inspection(
        "202", SHORT, date(2026, 6, 1), date(2026, 6, 5), date(2026, 7, 20), {"overall": "good"}
    )
    settings = InspectionSettings()
    before = predict([], record.inspections, "383", AS_AT, settings, RULES)
    after = predict([], (*record.inspections, later), "383", AS_AT, settings, RULES)
    assert before == after
    # Published before the as-at date, the same report does count.
    known = replace(later, start=date(2025, 11, 3), published=date(2026, 1, 12))
    changed = predict([], (*record.inspections, known), "383", AS_AT, settings, RULES)
    assert changed.chances != before.chances


def test_councils_last_inspected_under_the_old_framework_wait_in_the_queue(record):
    # When the cycle restarted in June 2021, 46 councils had had no ILACS inspection: their last
    # was a SIF inspection, dated in the history by its publication only. They were waiting, and
    # Bury (351) longest: its SIF report was published on 16 May 2016 (row 60 of the history).
    at_restart = queue(by_council(record.inspections), CYCLE_RESTART)
    assert sum(w.last.kind == SIF for w in at_restart) == 46
    first = at_restart[0]
    assert (first.la_code, first.last.kind, first.estimated) == ("351", SIF, True)
    assert first.last_start == date(2016, 5, 16) - SIF_PUBLICATION_LAG


def test_every_start_the_record_showed_is_learned_from(record):
    # As at 1 Sep 2024 the record showed the council and day of every full inspection started
    # since the restart whose report was out. Each one in the weeks fitted is a start of the
    # fit, except the first inspections of the three councils with no earlier report in the
    # record to wait from (Dorset, Bournemouth Christchurch and Poole, Cumbria). Before, the 49
    # councils last inspected under the SIF were not in the queue, and the fit learned from 80.
    as_at = date(2024, 9, 1)
    hazard = fit_hazard(by_council(record.inspections), as_at, RULES)
    known = [i for i in record.inspections if i.published and i.published < as_at]
    fitted = [
        (la, day)
        for la, day in full_starts(known)
        if CYCLE_RESTART <= day < hazard.last_week + timedelta(days=7)
    ]
    first_known = {"838", "839", "909"}
    assert hazard.starts == len([la for la, _day in fitted if la not in first_known]) > 120


@pytest.mark.parametrize("weekday", WEEKDAYS[1:])  # Monday: the tests below
def test_the_learned_chances_follow_the_start_weekday(record, weekday):
    rules = CalendarRules(start_weekday=weekday)
    hazard = fit_hazard(by_council(record.inspections), AS_AT, rules)
    assert hazard is not None and hazard.pace > 0.5  # the fit found its weeks and their starts
    assert {hazard.first_week.weekday(), hazard.last_week.weekday()} == {weekday}
    # Coventry, last inspected June 2022, was near the front of the queue in March 2026.
    p = predict([], record.inspections, "331", AS_AT, InspectionSettings(), rules)
    assert p.learned and p.window.earliest and p.within[91] > 0.1
    assert _on_weekday(p.chances, weekday)


def test_leeds_prediction_from_the_real_record(record):
    # Read by hand: Leeds' last full inspection was a short one, 30 June - 4 July 2025,
    # published 12 August 2025, outstanding overall.
    p = predict([], record.inspections, "383", date(2026, 11, 29), InspectionSettings(), RULES)
    assert (p.last.start, p.last.kind, p.next.kind) == (date(2025, 6, 30), SHORT, SHORT)
    assert p.learned and p.within[91] < 0.05  # 17 months on: far from due
    assert p.window.earliest > date(2027, 12, 1)
    assert any("outstanding" in r and "short" in r for r in p.reasons)


# Commands on the real record -------------------------------------------------------------------


def test_import_national_then_predict(sqlite_url, capsys):
    files = [str(shared_file(OFSTED_DATA / name)) for name in (HISTORY, LOOKUP, OFFICIAL)]
    assert run(capsys, "init", "--demo", db=sqlite_url).code == 0  # the council's own history
    stored = run(capsys, "import-national", *files, "--yes", db=sqlite_url)
    assert stored.code == 0, stored.err
    assert "156 councils" in stored.out and "Stored" in stored.out
    result = run(capsys, "predict", "--format", "json", "--as-at", "2026-11-29", db=sqlite_url)
    assert result.code == 0, result.err
    entry = json.loads(result.out)
    assert set(entry) >= {"type", "window_start", "window_likely", "window_end", "p_30d"}
    assert entry["learned_from_national_record"] is True
    assert any("national record runs to reports published by" in r for r in entry["reasons"])


def test_outlook_on_the_real_record(capsys):
    history, lookup = shared_file(OFSTED_DATA / HISTORY), shared_file(OFSTED_DATA / LOOKUP)
    args = ["outlook", "--history", str(history), "--lookup", str(lookup), "--as-at", "2026-03-01"]
    result = run(capsys, *args)
    assert result.code == 0, result.err
    rows = {r["local_authority"]: r for r in csv.DictReader(io.StringIO(result.out))}
    # Read by hand from the history: Coventry's last, a standard inspection from 20 June 2022
    # graded good; Leeds' a short one from 30 June 2025, outstanding.
    coventry, leeds = rows["Coventry"], rows["Leeds"]
    assert (coventry["urn"], coventry["last_start"], coventry["last_grade"]) == (
        "80456",
        "2022-06-20",
        "good",
    )
    assert (coventry["next_type"], leeds["last_start"], leeds["next_type"]) == (
        "short",
        "2025-06-30",
        "short",
    )
    assert float(coventry["probability"]) > 10 * float(leeds["probability"])
    # Only reports published before the as-at date: nothing started after it is a last one.
    assert max(r["last_start"] for r in rows.values()) < "2026-03-01"


def test_the_stored_record_reads_back_as_imported(record, sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    store_of(engine).store_national_record(record, AS_AT, by=LOCAL_USER)
    store_of(engine).store_national_record(
        record, AS_AT, by=LOCAL_USER
    )  # a second import replaces, never adds
    with engine.connect() as conn:
        stored = load_record(conn)
    engine.dispose()
    assert stored.councils == record.councils
    key = lambda i: (i.la_code, i.start or date.min, i.kind, i.source)  # noqa: E731
    assert sorted(stored.inspections, key=key) == sorted(record.inspections, key=key)


def test_backtest_scores_the_model_beside_the_published_rule(capsys):
    files = [str(shared_file(OFSTED_DATA / name)) for name in (HISTORY, LOOKUP, OFFICIAL)]
    result = run(capsys, "backtest", *files, "--from", "2025-01-01", "--to", "2025-03-01")
    assert result.code == 0, result.err
    lines = {line[:16].strip(): line[16:].split() for line in result.out.splitlines()[2:]}
    model, rule = lines["model"], lines["published rule"]
    assert "3 month starts" in result.out
    # Brier: the rule, read as a council reads it, ranks councils about as well as the model
    # (AUC), but its chances are far too sure; the model's are nearer what happened.
    assert float(model[0]) < float(rule[0])
