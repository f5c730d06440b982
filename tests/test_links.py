"""Links a person types, bookmarks or is sent: every part the dashboard cannot use is named on
the page with what was shown instead, a mis-cased lead or colour is mended, and every page
says when it shows a date other than today."""

from __future__ import annotations

from datetime import date

import pytest

from components.safe_text import LABEL_LIMIT
from readiness.text import format_date
from tests.conftest import AS_AT, open_app
from tests.page_text import shown

PAGES = {
    "Overview": None,
    "Improvement plan": "views/plan.py",
    "My actions": "views/my_actions.py",
    "KPIs": "views/kpis.py",
    "Inspection": "views/inspection.py",
    "What changed": "views/changes.py",
    "Data": "views/loading.py",
}


def warnings(at) -> list[str]:
    return [shown(w.value) for w in at.warning]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"as_at": "1990-01-01"}, "as-at date “1990-01-01” is before 1 Jan 2018, the earliest"),
        ({"as_at": "2016-06-01"}, "as-at date “2016-06-01” is before 1 Jan 2018, the earliest"),
        ({"as_at": "2031-01-01"}, "as-at date “2031-01-01” is after "),
        ({"as_at": "31/03/2026"}, "as-at date “31/03/2026” is not a date"),
        ({"board": "maybe"}, "board “maybe” is neither on (board=1) nor off"),
        ({"colur": "Red"}, "link's “colur” is not something this dashboard reads"),
    ],
)
def test_a_bad_part_of_a_link_is_named_with_what_was_shown(demo_url, monkeypatch, params, said):
    at = open_app(demo_url, monkeypatch, **params)
    assert any(said in w for w in warnings(at)), warnings(at)


def test_an_out_of_range_date_shows_today_and_says_so(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch, as_at="1990-01-01")
    said = next(w for w in warnings(at) if "1990-01-01" in w)
    assert said.endswith("so today's position is shown.")
    # Today's position: no past-date banner, as at today.
    assert not any(w.startswith("**Shown as at") for w in warnings(at))


@pytest.mark.parametrize(
    "as_at",
    [
        "２０２６-03-31",  # full-width digits, which Streamlit's date widget reads
        "٢٠٢٦-03-31",  # Arabic-Indic digits, likewise
        "2026/03/31",  # the widget's older form
        "2026-3-31",
        "20260331",  # Python's date.fromisoformat reads it; the widget does not
        "2026-W13-2",  # a week date, likewise
        "<b>2026-03-31</b>",
        "9" * 10_000,
    ],
)
def test_a_date_not_written_2026_03_31_is_refused_and_today_shown(demo_url, monkeypatch, as_at):
    """What the page says it shows is what it shows: no date the message refused."""
    at = open_app(demo_url, monkeypatch, as_at=as_at)
    said = f"The link's as-at date “{as_at[: LABEL_LIMIT - 1]}"
    assert any(
        w.startswith(said)
        and w.endswith(
            "is not a date (it should read like 2026-03-31), so today's position is shown."
        )
        for w in warnings(at)
    ), warnings(at)
    assert not any(w.startswith("**Shown as at") for w in warnings(at)), warnings(at)


def test_a_colour_that_is_not_one_is_named_on_the_plan_page(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch, "views/plan.py", colour="Purple")
    said = next(w for w in warnings(at) if "Purple" in w)
    assert "not one of Blue, Green, Amber, Red, Grey, so every action is shown" in said
    # It belongs to the plan page: the Overview does not repeat it.
    assert not any("Purple" in w for w in warnings(at.switch_page("views/overview.py").run()))


def test_a_colour_in_small_letters_is_understood(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch, "views/plan.py", colour="red")
    assert not any("colour" in w for w in warnings(at))
    assert any(c.value.startswith("Showing the 10 actions that are Red") for c in at.caption)


@pytest.mark.parametrize(
    "since", ["yesterday", "2026-11-22", "2027-01-01", "２０２６-11-01", "2026/11/01", "2026-11-1"]
)
def test_a_bad_since_date_is_named_on_what_changed(demo_url, monkeypatch, since):
    at = open_app(demo_url, monkeypatch, "views/changes.py", since=since)
    said = next(w for w in warnings(at) if f"since date “{since}”" in w)
    assert said.endswith("so the changes since a week before the as-at date are shown.")
    assert any("as at 15 Nov 2026 beside the plan as at 22 Nov 2026" in c.value for c in at.caption)
    # What the page compares with is what its message says, though the date widget took more.
    assert at.date_input(key="since").value == date(2026, 11, 15)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_says_when_it_is_not_today(demo_url, monkeypatch, page):
    at = open_app(demo_url, monkeypatch, PAGES[page])
    assert [t.value for t in at.title] == [page]
    banner = [w for w in warnings(at) if w.startswith("**Shown as at")]
    assert banner and banner[0].startswith(f"**Shown as at {format_date(AS_AT)}, in the past**")
