"""Board mode through Streamlit's AppTest: the board's own screens without the sidebar, its
position indicator and controls, the lead and the as-at date from the link; and the rules that
turn the board (when the timer moves it on, how an area's recommendations are split across
screens)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from sqlalchemy import delete
from streamlit.testing.v1 import AppTest

from components.board import Turn, move_on
from components.board_screens import AREA_LINES, LINE_CHARS, group_for_screens
from readiness.bootstrap import prepare_database
from readiness.db import make_engine
from readiness.models import InspectionEvent, InspectionGrade, KpiCouncil
from readiness.rag import Rag
from tests.conftest import AS_AT, open_app
from tests.html_tables import page_tables

RAG_LABELS = {rag.label for rag in Rag}
SCREENS = [
    "Overview",
    "Impact of leaders",
    "Help and protection",
    "Children in care",
    "Care leavers",
    "KPIs",
    "Inspection window",
]
# The demo's recommendations by judgement area (a recommendation can bear on two).
AREA_REFS = {
    "Impact of leaders": ["REC 2", "AFD 1", "AFD 3"],
    "Help and protection": ["REC 1", "REC 2", "REC 3", "AFD 2"],
    "Children in care": ["REC 1", "REC 3", "REC 4", "AFD 3"],
    "Care leavers": ["REC 5"],
}


@pytest.fixture
def open_board(demo_url, monkeypatch):
    def open_(**params: str) -> AppTest:
        return open_app(demo_url, monkeypatch, board="1", **params)

    return open_


@pytest.fixture
def open_app_with(demo_url, monkeypatch):
    return lambda **params: open_app(demo_url, monkeypatch, **params)


def board_html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def position(at: AppTest) -> str:
    """The position indicator as read: "2 of 7 · Impact of leaders"."""
    found = re.search(r'class="board-position"[^>]*>([^<]*)<', board_html(at))
    return html.unescape(found.group(1))


def seen_line(at: AppTest) -> str:
    found = re.search(r'class="board-seen">(.*?)</p>', board_html(at))
    return re.sub("<[^>]+>", "", html.unescape(found.group(1)))


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def each_screen(at: AppTest):
    """Every screen in turn, by the Next button: (position, the AppTest on that screen)."""
    first = position(at)
    while True:
        yield position(at), at
        if position(press(at, "board_next")) == first:
            return


def test_every_screen_renders_without_the_sidebar_or_page_furniture(open_board):
    at = open_board()
    shown = []
    for where, screen in each_screen(at):
        shown.append(where)
        # No sidebar (no filters, no key, no navigation) and no page title: the board fills it.
        assert not screen.sidebar.children
        assert not screen.title
    assert shown == [f"{n} of 7 · {title}" for n, title in enumerate(SCREENS, 1)]


def test_each_screen_shows_what_it_is_for_with_rag_words_and_symbols(open_board):
    at = open_board()
    for where, screen in each_screen(at):
        title = where.split(" · ", 1)[1]
        body = board_html(screen)
        if title == "Overview":
            assert "Judgement areas" in body and "✖ Overdue" in body
            assert all(area in body for area in AREA_REFS)
            assert "Next inspection: a standard inspection" in body
        elif title in AREA_REFS:
            table = page_tables(screen)[0]
            assert [row["Ref"] for row in table] == AREA_REFS[title]
            assert {row["Status"] for row in table} <= RAG_LABELS
            assert all(row["Complete"].endswith("%") for row in table)
            assert "Key indicators" in body
        elif title == "KPIs":
            assert "the worst 8 of 14" in body and "The others" in body
            first_tile = body.split('class="kpi-tile"', 2)[1]
            assert Rag.RED.label in first_tile  # the worst first
        else:
            assert "Next: a standard inspection, most likely from" in body
            assert [m.label for m in screen.metric] == [
                "Chance within 30 days",
                "Chance within 91 days (3 months)",
                "Chance within 182 days (6 months)",
            ]
        if title != "Inspection window":  # the inspection window has no RAG colour
            assert any(label in body for label in RAG_LABELS)
        assert seen_line(screen).startswith("Marshcombe Borough Council · data as at 22 Nov 2026")
        assert "last refreshed" in seen_line(screen)


def test_previous_next_and_pause(open_board):
    at = open_board()
    assert position(press(at, "board_previous")) == "7 of 7 · Inspection window"
    assert position(press(at, "board_next")) == "1 of 7 · Overview"
    assert at.button(key="board_pause").label == "Pause"
    press(at, "board_pause")
    assert position(at) == "1 of 7 · Overview · paused"
    assert at.button(key="board_pause").label == "Resume"
    # Paused, the board still steps by hand.
    assert position(press(at, "board_next")) == "2 of 7 · Impact of leaders · paused"
    press(at, "board_pause")
    assert position(at) == "2 of 7 · Impact of leaders"
    assert at.button(key="board_pause").label == "Pause"


def test_the_lead_in_the_link_limits_the_board(open_board):
    at = open_board(lead="Tom Brennan")
    # He leads the 14 actions of REC 3 alone, which bears on help and protection and children in
    # care: the other areas have nothing of his to show, so no screen.
    titles = ["Overview", "Help and protection", "Children in care", "KPIs", "Inspection window"]
    shown = []
    for where, screen in each_screen(at):
        shown.append(where)
        assert "only the actions Tom Brennan leads" in seen_line(screen)
        if where.endswith(("Help and protection", "Children in care")):
            assert [row["Ref"] for row in page_tables(screen)[0]] == ["REC 3"]
        if where.endswith("Overview"):
            assert "of 14 actions complete" in board_html(screen)
    assert shown == [f"{n} of 5 · {title}" for n, title in enumerate(titles, 1)]


def test_the_as_at_date_in_the_link_is_the_boards(open_board):
    at = open_board(as_at="2025-06-01")
    assert "data as at 1 Jun 2025" in seen_line(at)
    # In June 2025 nothing was complete or overdue yet.
    assert 'class="count-value">0%<' in board_html(at)


def test_the_toggle_turns_board_mode_on_and_the_link_keeps_it(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch)
    assert at.sidebar.children and "board-position" not in board_html(at)
    at.toggle(key="board").set_value(True).run()
    assert not at.exception
    assert not at.sidebar.children
    assert position(at) == "1 of 7 · Overview"
    assert at.query_params["board"] == "1"
    # The way out is a plain link to the same view without board mode.
    exit_link = re.search(r'class="board-exit" href="([^"]*)"', board_html(at)).group(1)
    assert html.unescape(exit_link) == f"?as_at={AS_AT.isoformat()}"


@pytest.mark.parametrize("board", ["1", "true", "yes", "on", "TRUE"])
def test_the_link_turns_board_mode_on(open_app_with, board):
    at = open_app_with(board=board)
    assert position(at) == "1 of 7 · Overview"


@pytest.mark.parametrize("board", ["0", "false", "no", ""])
def test_the_link_leaves_board_mode_off(open_app_with, board):
    at = open_app_with(board=board)
    assert "board-position" not in board_html(at)
    assert [t.value for t in at.title] == ["Overview"]


def test_a_bad_advance_in_the_link_is_said(open_board):
    assert not open_board(advance="5").warning
    warnings = [w.value for w in open_board(advance="soon").warning]
    assert any("advance “soon” is not a whole number of seconds" in w for w in warnings)
    assert any("each screen stays 30 seconds" in w for w in warnings)


@pytest.mark.parametrize(
    ("turn", "now", "after"),
    [
        # The first drawing: the screen's time starts.
        (Turn(screen=0, since=0.0), 1000.0, Turn(screen=0, since=1000.0)),
        # The timer, on time or a little early: the next screen.
        (Turn(screen=0, since=1000.0), 1030.0, Turn(screen=1, since=1030.0)),
        (Turn(screen=0, since=1000.0), 1029.2, Turn(screen=1, since=1029.2)),
        # A click within half an interval of the last change: no move.
        (Turn(screen=2, since=1000.0), 1014.0, Turn(screen=2, since=1000.0)),
        # At half an interval exactly: the timer's.
        (Turn(screen=2, since=1000.0), 1015.0, Turn(screen=3, since=1015.0)),
        # Paused: never moves on.
        (Turn(screen=2, since=1000.0, paused=True), 1090.0, Turn(2, 1000.0, paused=True)),
        # From the last screen, round to the first.
        (Turn(screen=6, since=1000.0), 1030.0, Turn(screen=0, since=1030.0)),
        # The lead or the data left fewer screens than the one shown: back within the count.
        (Turn(screen=9, since=1000.0), 1001.0, Turn(screen=2, since=1000.0)),
    ],
)
def test_move_on(turn, now, after):
    move_on(turn, now, seconds=30, count=7)
    assert turn == after


def _recs(*lengths: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ref": [f"REC {n}" for n in range(1, len(lengths) + 1)],
            "title": ["x" * n for n in lengths],
        }
    )


@pytest.mark.parametrize(
    ("lengths", "screens"),
    [
        # The demo's: four two-line recommendations share a screen.
        ((200, 180, 190, 130), [("REC 1", "REC 2", "REC 3", "REC 4")]),
        # Exactly the screen's lines, then one more line: a second screen.
        ((LINE_CHARS,) * AREA_LINES, [tuple(f"REC {n}" for n in range(1, AREA_LINES + 1))]),
        (
            (LINE_CHARS,) * (AREA_LINES + 1),
            [tuple(f"REC {n}" for n in range(1, AREA_LINES + 1)), (f"REC {AREA_LINES + 1}",)],
        ),
        # A recommendation longer than a screen has one to itself; none is left out.
        ((LINE_CHARS * 30, 50), [("REC 1",), ("REC 2",)]),
    ],
)
def test_group_for_screens(lengths, screens):
    assert group_for_screens(_recs(*lengths)) == screens


def test_a_board_with_no_indicators_or_inspections_still_goes_round(tmp_path, monkeypatch):
    """A council that has loaded its plan only: no KPIs screen, no tiles, and the inspection
    window says why it cannot be predicted."""
    url = f"sqlite:///{tmp_path / 'plan-only.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    with engine.begin() as conn:
        for model in (InspectionGrade, InspectionEvent, KpiCouncil):
            conn.execute(delete(model))
    engine.dispose()
    at = open_app(url, monkeypatch, board="1")
    shown = [where for where, _screen in each_screen(at)]
    assert shown == [f"{n} of 6 · {title}" for n, title in enumerate(SCREENS[:5], 1)] + [
        "6 of 6 · Inspection window"
    ]
    assert "Key indicators" not in board_html(press(at, "board_next"))
    at = press(at, "board_previous")
    at = press(at, "board_previous")
    assert position(at) == "6 of 6 · Inspection window"
    assert "no full inspection" in at.warning[0].value.lower()
