"""Every year, quarter and month label DfE's files and councils' own sheets write, read as the
period it stands for (readiness.kpi.periods)."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.kpi.indicators import MARCH, SEPTEMBER
from readiness.kpi.periods import read_year
from readiness.kpi.values import Period


@pytest.mark.parametrize(
    ("label", "march", "september"),
    [
        # A single year is the year ending in it (LAIT and EES census years).
        ("2016", Period("2015-16", date(2016, 3, 31)), Period("2016", date(2016, 9, 30))),
        ("2025", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        # Two consecutive years, however written, end in the later one.
        ("2016-17", Period("2016-17", date(2017, 3, 31)), Period("2017", date(2017, 9, 30))),
        ("2015/16", Period("2015-16", date(2016, 3, 31)), Period("2016", date(2016, 9, 30))),
        ("2024/25", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        ("2024–25", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        ("2024-2025", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        ("202425", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        ("2099-00", Period("2099-00", date(2100, 3, 31)), Period("2100", date(2100, 9, 30))),
        # LAIT's notes on how final a figure is do not change its year.
        ("2016-17 (OT)", Period("2016-17", date(2017, 3, 31)), Period("2017", date(2017, 9, 30))),
        ("2025 (prov)", Period("2024-25", date(2025, 3, 31)), Period("2025", date(2025, 9, 30))),
        ("2018 (Rev)", Period("2017-18", date(2018, 3, 31)), Period("2018", date(2018, 9, 30))),
        ("2020 (Final)", Period("2019-20", date(2020, 3, 31)), Period("2020", date(2020, 9, 30))),
        # LAIT's spans of years end in their last year.
        ("2014-16", Period("2014-16", date(2016, 3, 31)), Period("2014-16", date(2016, 9, 30))),
        (
            "2013/14-16/17",
            Period("2013-14 to 2016-17", date(2017, 3, 31)),
            Period("2013-14 to 2016-17", date(2017, 9, 30)),
        ),
        (
            "2013/14-15/16",
            Period("2013-14 to 2015-16", date(2016, 3, 31)),
            Period("2013-14 to 2015-16", date(2016, 9, 30)),
        ),
    ],
)
def test_years_as_dfe_writes_them(label, march, september):
    assert read_year(label, MARCH) == march
    assert read_year(label, SEPTEMBER) == september


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("Apr-25", Period("Apr-25", date(2025, 4, 30))),
        ("Apr 2025", Period("Apr-25", date(2025, 4, 30))),
        ("April 2025", Period("Apr-25", date(2025, 4, 30))),
        ("Mar 2026", Period("Mar-26", date(2026, 3, 31))),
        ("Feb-24", Period("Feb-24", date(2024, 2, 29))),
        ("Sept 2025", Period("Sep-25", date(2025, 9, 30))),
        ("Q1 2025/26", Period("Q1 2025/26", date(2025, 6, 30))),
        ("Q2 2025-26", Period("Q2 2025/26", date(2025, 9, 30))),
        ("q3 2025/26", Period("Q3 2025/26", date(2025, 12, 31))),
        ("2025/26 Q4", Period("Q4 2025/26", date(2026, 3, 31))),
    ],
)
def test_months_and_quarters_of_councils_sheets(label, period):
    # A month or quarter is the same whichever day the indicator's year ends.
    assert read_year(label, MARCH) == period
    assert read_year(label, SEPTEMBER) == period


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("0", '"0" is not a year, quarter or month label. Write a year as "2025"'),
        ("", "A blank label is not a year"),
        ("1066", '"1066" is not a year between 1990 and 2100.'),
        ("2014-61", '"2014-61" is neither one year (such as "2024-25") nor a span'),
        ("2016-15", '"2016-15" is neither one year'),
        ("Q1 2025", '"Q1 2025" could be a quarter of the calendar or the financial year.'),
        ("Q1 2025/27", '"Q1 2025/27" does not name one financial year.'),
        ("2013/14-13/14", '"2013/14-13/14" is neither one year'),
        ("2013/15-15/16", '"2013/15-15/16" is not a span of financial years'),
        ("Foo 2025", '"Foo 2025" is not a year, quarter or month label.'),
        ("next year", '"next year" is not a year'),
    ],
)
def test_unreadable_labels_say_what_is_expected(label, message):
    with pytest.raises(ValueError) as raised:
        read_year(label, MARCH)
    assert str(raised.value).startswith(message)


def test_the_same_year_from_every_source_is_one_period():
    # LAIT's "2025", EES's "202425" and a council's "2024/25" must meet in the store.
    periods = {read_year(label, MARCH) for label in ("2025", "202425", "2024/25", "2024-25")}
    assert periods == {Period("2024-25", date(2025, 3, 31))}
