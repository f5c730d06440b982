"""What the predictor is fitted to and how it is scored: the end of the record left out of the
fit until it can be known, only councils still waiting fitted, the published rule given a fair
chance in the backtest, and a window beyond anything the record shows said in the reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from readiness.inspection.calendar import CalendarRules, possible_starts
from readiness.inspection.events import SHORT, STANDARD, Inspection
from readiness.inspection.hazard import fit_hazard
from readiness.inspection.outlook import backtest, neutral, rule_chance, score
from readiness.inspection.predict import predict
from readiness.inspection.queue import CYCLE_RESTART, by_council
from readiness.settings import InspectionSettings

RULES = CalendarRules()
AS_AT = date(2024, 7, 1)
LAG = timedelta(days=70)  # from the first day of fieldwork to the report, in these records


def record(slow: str | None = None) -> list[Inspection]:
    """150 councils inspected before the pause, then again in the order they waited, one each
    week fieldwork can start, each report LAG after its start (`slow`'s second 200 days)."""
    weeks = possible_starts(CYCLE_RESTART, date(2026, 12, 31), SHORT, RULES)
    found = []
    for n in range(150):
        la = str(500 + n)
        first = date(2018, 6, 4) + timedelta(weeks=n)
        again = weeks[n]
        lag = timedelta(days=200) if la == slow else LAG
        good = {"overall": "good"}
        found.append(Inspection(la, STANDARD, first, None, first + LAG, good))
        found.append(Inspection(la, SHORT, again, None, again + lag, good))
    return found


def test_the_weeks_the_record_cannot_show_yet_are_not_fitted():
    inspections = record()
    shown = max(i.start for i in inspections if i.published < AS_AT)
    model = fit_hazard(by_council(inspections), AS_AT, RULES)
    # Starts went on every possible week; those after `shown` are not published by AS_AT, and
    # counting their weeks as weeks without a start would make Ofsted look slower than it is.
    assert model.last_week <= shown
    assert model.starts == sum(1 for i in inspections if i.kind == SHORT and i.start <= shown)


def test_a_council_inspected_but_not_yet_published_is_not_fitted_as_waiting():
    # Council 520's second report is slow (200 days, not 70). Until it is out the record still
    # shows 520 waiting from its 2018 inspection, though fieldwork has started: those are not
    # weeks it could have been called, so they are left out, not fitted as weeks without a start.
    fast = fit_hazard(by_council(record()), AS_AT, RULES)
    slow = fit_hazard(by_council(record(slow="520")), AS_AT, RULES)
    started = possible_starts(CYCLE_RESTART, AS_AT, SHORT, RULES)[20]
    unpublished = [
        w
        for w in possible_starts(started + LAG, started + timedelta(days=200), SHORT, RULES)
        if w > started + LAG
    ]
    assert slow.starts == fast.starts
    assert fast.council_weeks - slow.council_weeks == len(unpublished) > 0


def test_the_published_rule_is_scored_for_a_council_still_waiting():
    start = date(2022, 1, 3)  # the window: 3 July 2024 to 3 July 2025
    assert rule_chance(start, date(2023, 1, 2), 91) == 0.0  # 12 months on: too early
    # 38 months on, still waiting: 91 of the window's 122 days left fall in the horizon.
    assert rule_chance(start, date(2025, 3, 3), 91) == pytest.approx(91 / 122)
    # 45 months on the council is overdue: Ofsted may call it any week.
    assert rule_chance(start, date(2025, 10, 3), 91) == 1.0


def test_councils_given_the_same_chance_are_ranked_neutrally():
    # Twenty councils all given 0.5; the ten inspected are listed first. The top ten must not
    # depend on the order they are listed in.
    month = date(2025, 1, 1)
    councils = [(0.5, n < 10, neutral(str(800 + n), month)) for n in range(20)]
    listed, reversed_ = score([councils]), score([councils[::-1]])
    assert listed.top == reversed_.top < 1.0


def pairs_after_outstanding(gap_days: list[int]) -> list[Inspection]:
    found = []
    for n, gap in enumerate(gap_days):
        first = date(2021, 9, 6) + timedelta(weeks=n)
        found.append(
            Inspection(str(500 + n), SHORT, first, None, first + LAG, {"overall": "outstanding"})
        )
        later = first + timedelta(days=gap)
        found.append(Inspection(str(500 + n), SHORT, later, None, later + LAG, {"overall": "good"}))
    return found


@pytest.mark.parametrize(
    ("gap_days", "said"),
    [([900] * 10, True), ([900 + 70 * n for n in range(10)], False)],
)
def test_a_date_later_than_every_gap_the_record_shows_is_said(gap_days, said):
    own = [
        Inspection(
            "900", SHORT, date(2023, 5, 8), None, date(2023, 7, 10), {"overall": "outstanding"}
        )
    ]
    national = pairs_after_outstanding(gap_days)
    p = predict(own, national, "900", date(2025, 6, 2), InspectionSettings(), RULES)
    lines = [r for r in p.reasons if r.startswith("Most likely")]
    if said:  # every gap 29.6 months; the configured interval's most likely about 40
        assert len(lines) == 1
        assert "later than all 10 gaps seen after an outstanding grade" in lines[0]
        assert p.window.likely > date(2023, 5, 8) + timedelta(days=900)
    else:  # gaps from 29.6 to 50.3 months hold it
        assert lines == []


def test_the_scores_say_when_the_highest_chances_are_too_sure():
    # The tenth given 0.9 saw half inspected; the rest, given 0.02, saw one in 45.
    month = date(2025, 1, 1)
    given = [(0.9, n < 5, neutral(str(n), month)) for n in range(10)]
    given += [(0.02, n < 2, neutral(str(100 + n), month)) for n in range(90)]
    scores = score([given])
    assert scores.deciles[0] == pytest.approx((0.9, 0.5))
    assert scores.slope < 1  # chances too spread out: the top too sure


def test_a_council_whose_inspection_is_under_way_is_not_a_case_of_the_backtest():
    # Council 560's second report takes 200 days. At an as-at date after its fieldwork began
    # but before the report, the record still shows it waiting; it is not, and scoring it would
    # count a miss for the council most likely to be next. Every other council is scored.
    started = next(i.start for i in record(slow="560") if i.la_code == "560" and i.kind == SHORT)
    as_at = started + timedelta(days=100)  # after the usual report (70 days), before its own
    fast = backtest(record(), [as_at], RULES)
    slow = backtest(record(slow="560"), [as_at], RULES)
    assert slow.model.cases == fast.model.cases - 1


def test_an_outsider_counts_a_council_under_way_as_inspected():
    # The national outlook, as a reader of the record sees it, still lists council 560 (its
    # fieldwork begun, its report not out): it is scored, and counts as inspected, since the
    # list was right to put it where Ofsted was about to be (or already was).
    started = next(i.start for i in record(slow="560") if i.la_code == "560" and i.kind == SHORT)
    as_at = started + timedelta(days=100)
    fast = backtest(record(), [as_at], RULES)
    slow = backtest(record(slow="560"), [as_at], RULES)
    assert slow.outsider.cases == fast.outsider.cases == 150  # every council listed
    assert slow.model.cases < 150
    assert slow.outsider.inspected == fast.outsider.inspected + 1
