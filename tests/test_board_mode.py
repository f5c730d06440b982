"""Board mode through Streamlit's AppTest: the board's own screens without the sidebar, its
position indicator and controls, the lead and the as-at date from the link; the rules that turn
the board (when the timer moves it on, how an area's recommendations and the late actions by
lead are split across screens); and, in a real browser, every screen for several links at
1920x1080 and 1366x768: it fits, its type is 24 px or more on the wall, nothing asks to be
hovered over and no developer's words show."""

from __future__ import annotations

import html
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import delete
from streamlit.testing.v1 import AppTest

from components.board import Turn, move_on
from components.board_lead_screen import (
    LINE_REM,
    MORE_REM,
    ROW_REM,
    SCREEN_REM,
    LateRow,
    LeadGroup,
    action_screens,
    lead_screens,
    more_leads,
    screen_tables,
)
from components.board_screens import AREA_LINES, LINE_CHARS, group_for_screens
from components.cards import short_title
from components.inspection_charts import BOARD_TEXT, timeline_chart
from components.safe_text import LABEL_LIMIT
from readiness.db.engine import make_engine
from readiness.db.models import InspectionEvent, InspectionGrade, KpiCouncil
from readiness.demo.prepare import prepare_database
from readiness.inspection.events import Inspection
from readiness.inspection.outlook import Window
from readiness.palette import Rag
from readiness.plan.lead_actions import lead_pairs, pairs_note
from readiness.plan.status import plan_status
from readiness.settings import load_settings
from readiness.text import INVISIBLE, format_date
from tests.conftest import AS_AT, open_app, stored_plan
from tests.html_tables import page_tables
from tests.page_text import shown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402

RAG_LABELS = {rag.label for rag in Rag}
# The demo's late actions by lead, a row for each of its 17 leads with any, fill one screen.
LATE_SCREENS = ["Overdue and due soon by lead"]
AREAS = ["Impact of leaders", "Help and protection", "Children in care", "Care leavers"]
SCREENS = ["Overview", *AREAS, *LATE_SCREENS, "KPIs", "Next inspection"]
COUNT = len(SCREENS)
# The demo's recommendations by judgement area (a recommendation can bear on two).
AREA_REFS = {
    "Impact of leaders": ["REC 2", "AFD 1", "AFD 3"],
    "Help and protection": ["REC 1", "REC 2", "REC 3", "AFD 2"],
    "Children in care": ["REC 1", "REC 3", "REC 4", "AFD 3"],
    "Care leavers": ["REC 5"],
}
# A demo lead with many actions: 28, of which 6 are overdue and 3 due soon on AS_AT.
BUSY_LEAD = "Rebecca Hollis"


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
    """The position indicator as read: "2 of 8 · Impact of leaders"."""
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
    assert shown == [f"{n} of {COUNT} · {title}" for n, title in enumerate(SCREENS, 1)]


def test_each_screen_shows_what_it_is_for_with_rag_words_and_symbols(open_board):
    at = open_board()
    for where, screen in each_screen(at):
        title = where.split(" · ", 1)[1]
        body = board_html(screen)
        if title == "Overview":
            assert "Judgement areas" in body and "✖ Overdue" in body
            assert all(area in body for area in AREA_REFS)
            assert "Next inspection: a standard inspection" in body
            # The cards name recommendations by their short titles, never by refs alone.
            assert "Effectiveness of management oversight and supervision" in body
            assert "REC 2, AFD 1" not in body
            assert "Ofsted&#x27;s published window opened 20 Nov 2026" in body
            assert "8 of 10 readiness tasks not ready." in body
        elif title in AREA_REFS:
            table = page_tables(screen)[0]
            assert [row["Ref"] for row in table] == AREA_REFS[title]
            assert {row["Status"] for row in table} <= RAG_LABELS
            assert all(row["Complete"].endswith("%") for row in table)
            assert "Key indicators" in body
        elif title in LATE_SCREENS:
            assert "10 actions overdue; 31 lead-action pairs" in body
            # Each row's colour is said in its symbol and words, not by colour alone.
            whens = [row["When"] for row in page_tables(screen)[0]]
            assert whens and all(re.fullmatch(r"(✖ \d+ days? overdue|▲ due .+)", w) for w in whens)
        elif title == "KPIs":
            # The tiles go to those furthest behind, and the screen says by what rule.
            assert re.search(r"the 8 of \d+ furthest behind, counting Red or Amber", body)
            assert "The others" in body
            first_tile = body.split('class="kpi-tile"', 2)[1]
            assert Rag.RED.label in first_tile  # the furthest behind first
            assert "on last year" in first_tile  # the arrow is last year's, said in words
        else:
            assert "Next: a standard inspection, most likely from" in body
            assert "Ofsted&#x27;s published window opened 20 Nov 2026" in body
            assert "8 of 10 readiness tasks not ready." in body
            assert [m.label for m in screen.metric] == [
                "Chance within 30 days",
                "Chance within 91 days (3 months)",
                "Chance within 182 days (6 months)",
            ]
            # Nobody hovers over a wall screen: no metric carries a help icon.
            assert not any(m.proto.help for m in screen.metric)
            assert "less sure" in screen.caption[0].value
        if title in AREA_REFS or title in ("Overview", "KPIs"):
            assert any(label in body for label in RAG_LABELS)
        assert seen_line(screen).startswith("Marshcombe Borough Council · data as at 22 Nov 2026")
        assert "last refreshed" in seen_line(screen)


def test_previous_next_and_pause(open_board):
    at = open_board()
    assert position(press(at, "board_previous")) == f"{COUNT} of {COUNT} · Next inspection"
    assert position(press(at, "board_next")) == f"1 of {COUNT} · Overview"
    assert at.button(key="board_pause").label == "Pause"
    press(at, "board_pause")
    assert position(at) == f"1 of {COUNT} · Overview · paused"
    assert at.button(key="board_pause").label == "Resume"
    # Paused, the board still steps by hand.
    assert position(press(at, "board_next")) == f"2 of {COUNT} · Impact of leaders · paused"
    press(at, "board_pause")
    assert position(at) == f"2 of {COUNT} · Impact of leaders"
    assert at.button(key="board_pause").label == "Pause"


def test_the_lead_in_the_link_limits_the_board(open_board):
    at = open_board(lead="Tom Brennan")
    # He leads the 14 actions of REC 3 alone, which bears on help and protection and children in
    # care: the other areas have nothing of his to show, so no screen; none of his is late.
    titles = [
        "Overview",
        "Help and protection",
        "Children in care",
        "Overdue and due soon by lead",
        "KPIs",
        "Next inspection",
    ]
    shown = []
    for where, screen in each_screen(at):
        shown.append(where)
        assert "only the actions Tom Brennan leads" in seen_line(screen)
        if where.endswith(("Help and protection", "Children in care")):
            assert [row["Ref"] for row in page_tables(screen)[0]] == ["REC 3"]
        if where.endswith("Overview"):
            assert "of 14 actions complete" in board_html(screen)
        if where.endswith("by lead"):
            assert (
                "None of the actions Tom Brennan leads is overdue or due soon as at 22 Nov 2026."
                in board_html(screen)
            )
    assert shown == [f"{n} of 6 · {title}" for n, title in enumerate(titles, 1)]


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
    assert position(at) == f"1 of {COUNT} · Overview"
    assert at.query_params["board"] == "1"
    # The way out is a plain link to the same view without board mode.
    exit_link = re.search(r'class="board-exit" href="([^"]*)"', board_html(at)).group(1)
    assert html.unescape(exit_link) == f"?as_at={AS_AT.isoformat()}"


@pytest.mark.parametrize("board", ["1", "true", "yes", "on", "TRUE"])
def test_the_link_turns_board_mode_on(open_app_with, board):
    at = open_app_with(board=board)
    assert position(at) == f"1 of {COUNT} · Overview"


@pytest.mark.parametrize("board", ["0", "false", "no", ""])
def test_the_link_leaves_board_mode_off(open_app_with, board):
    at = open_app_with(board=board)
    assert "board-position" not in board_html(at)
    assert [t.value for t in at.title] == ["Overview"]


@pytest.fixture
def board_timer(monkeypatch):
    """The seconds the board's timer (st.fragment's run_every) was set to, run by run."""
    timers, fragment = [], st.fragment

    def spy(func=None, *, run_every=None, **kwargs):
        timers.append(run_every)
        return fragment(func, run_every=run_every, **kwargs)

    monkeypatch.setattr(st, "fragment", spy)
    return timers


@pytest.mark.parametrize(("advance", "seconds"), [("5", 5), ("3600", 3600), ("0012", 12)])
def test_the_links_advance_sets_the_boards_timer(open_board, board_timer, advance, seconds):
    at = open_board(advance=advance)
    assert not at.warning
    assert board_timer == [seconds]


@pytest.mark.parametrize(
    ("advance", "why"),
    [
        ("soon", "is not a whole number of seconds (5 to 3600 seconds)"),
        ("²", "is not a whole number of seconds (5 to 3600 seconds)"),  # int() refuses it
        ("１２", "is not a whole number of seconds (5 to 3600 seconds)"),  # int() reads 12
        ("1.5", "is not a whole number of seconds (5 to 3600 seconds)"),
        ("-5", "is not a whole number of seconds (5 to 3600 seconds)"),
        ("<b>5</b>", "is not a whole number of seconds (5 to 3600 seconds)"),
        ("0", "is below 5, the fewest seconds allowed (5 to 3600 seconds)"),
        ("2", "is below 5, the fewest seconds allowed (5 to 3600 seconds)"),
        # Over 2^31 - 1 ms the browser's timer fires at once: the board reran without pause.
        ("2147484", "is above 3600, the most seconds allowed (5 to 3600 seconds)"),
        ("9" * 10_000, "is above 3600, the most seconds allowed (5 to 3600 seconds)"),
    ],
)
def test_an_advance_the_board_cannot_use_is_said_and_the_configured_one_kept(
    open_board, board_timer, advance, why
):
    at = open_board(advance=advance)  # no exception on the way
    assert position(at) == f"1 of {COUNT} · Overview"
    warnings = [shown(w.value) for w in at.warning]
    said = f"advance “{advance[: LABEL_LIMIT - 1]}"
    assert any(said in w and f"{why}, so each screen stays 30 seconds." in w for w in warnings), (
        warnings
    )
    assert board_timer == [30]


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
    titles = [*SCREENS[:5], *LATE_SCREENS, "Next inspection"]
    assert shown == [f"{n} of {len(titles)} · {title}" for n, title in enumerate(titles, 1)]
    assert "Key indicators" not in board_html(press(at, "board_next"))
    at = press(at, "board_previous")
    at = press(at, "board_previous")
    assert position(at) == f"{len(titles)} of {len(titles)} · Next inspection"
    assert "no full inspection" in at.warning[0].value.lower()


# Who owns what is late --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_status(demo_url):
    """The demo plan and its whole status on AS_AT, read as the app reads them."""
    engine = make_engine(demo_url)
    plan = stored_plan(engine)
    engine.dispose()
    return plan, plan_status(plan, AS_AT, load_settings())


def late_screens(at: AppTest) -> tuple[list[dict[str, str]], str, str]:
    """Every row of the late-by-lead screens, their markup, and the Overview's."""
    rows, bodies, overview = [], [], ""
    for where, screen in each_screen(at):
        if where.endswith("Overview"):
            overview = board_html(screen)
        if "by lead" in where:
            bodies.append(board_html(screen))
            rows += page_tables(screen)[0]
    return rows, "\n".join(bodies), overview


def late_pairs(plan, status, lead: str | None = None) -> dict[str, list[dict]]:
    """Each lead's overdue and due-soon actions (status rows), by the rule of
    readiness.plan.lead_actions."""
    actions = status.actions.set_index("action_id", drop=False)
    found: dict[str, list[dict]] = {}
    for pair in lead_pairs(plan):
        row = actions.loc[pair.action_id]
        if row["state"] in ("overdue", "due_soon") and lead in (None, pair.lead):
            found.setdefault(pair.lead, []).append(row)
    return found


def most_urgent_when(late: list[dict]) -> str:
    """How late a lead's most urgent action is, as the board words it."""
    overdue = [int(r["days_overdue"]) for r in late if r["state"] == "overdue"]
    if overdue:
        days = max(overdue)
        return f"✖ {days} day{'s' * (days != 1)} overdue"
    days = min(int(r["days_to_due"]) for r in late)
    return "▲ due today" if days == 0 else f"▲ due in {days} day{'s' * (days != 1)}"


def test_the_whole_plans_late_screen_has_a_row_per_late_lead_with_their_counts(
    open_board, demo_status
):
    plan, status = demo_status
    rows, body, overview = late_screens(open_board())
    expected = late_pairs(plan, status)
    # One row for each lead with anything overdue or due soon, each lead once: 17 on the demo,
    # on one screen (the screens' titles are asserted above).
    assert sorted(r["Lead"] for r in rows) == sorted(expected) and len(rows) == 17
    for row in rows:
        late = expected[row["Lead"]]
        assert int(row["Overdue"]) == sum(r["state"] == "overdue" for r in late), row["Lead"]
        assert int(row["Due soon"]) == sum(r["state"] == "due_soon" for r in late), row["Lead"]
        # Their most urgent action, how late it is, and that action's last note.
        assert row["When"] == most_urgent_when(late), row["Lead"]
        action = next(r for r in late if r["action"] == row["Most urgent action"])
        assert row["Its last progress note"].startswith(
            f"{format_date(action['last_update'])}, {action['last_author']}: "
        )
    # The most overdue first.
    overdue = [int(r["Overdue"]) for r in rows]
    assert overdue == sorted(overdue, reverse=True)
    first = rows[0]
    assert (first["Lead"], first["Overdue"], first["Due soon"]) == (BUSY_LEAD, "6", "3")
    assert first["When"] == "✖ 73 days overdue"
    assert first["Its last progress note"].startswith("26 Oct 2026, Rebecca Hollis: Joint course")
    # The totals agree with the Overview's overdue tile and say why the pairs are more.
    tile = re.search(r'✖ Overdue</div><div class="count-value">(\d+)<', overview)
    pairs = sum(int(r["Overdue"]) for r in rows)
    assert (int(tile.group(1)), pairs) == (10, 31)
    assert html.escape(pairs_note(10, pairs)) in body
    assert "8 actions due soon (25 lead-action pairs)" in body
    assert "more lead" not in body


def test_for_a_lead_the_late_screen_lists_exactly_their_late_actions(open_board, demo_status):
    plan, status = demo_status
    rows, body, _overview = late_screens(open_board(lead=BUSY_LEAD))
    late = late_pairs(plan, status, BUSY_LEAD)[BUSY_LEAD]
    assert sorted(r["Action"] for r in rows) == sorted(r["action"] for r in late)
    assert sum(r["When"].endswith("overdue") for r in rows) == 6
    assert "Rebecca Hollis leads 6 actions overdue and 3 due soon." in body
    # Each with its last progress note: when, by whom and what; the longest overdue first.
    assert rows[0]["When"] == "✖ 73 days overdue"
    assert rows[0]["Last progress note"].startswith("26 Oct 2026, Rebecca Hollis: Joint course")


def _leads(count: int, text: str) -> list[LeadGroup]:
    """`count` leads, the most overdue first, each with one late action and note of `text`."""
    row = LateRow(1, "red", "1 day overdue", text, text)
    return [LeadGroup(f"Lead {n}", count - n, 1, (row,)) for n in range(count)]


TWO_LINES = int(SCREEN_REM // (2 * LINE_REM + ROW_REM))  # leads a screen holds at two lines
ONE_LINE = int(SCREEN_REM // (LINE_REM + ROW_REM))
LAST_SCREEN = int((SCREEN_REM - MORE_REM) // (LINE_REM + ROW_REM))  # with the line of the rest
LONG = "x" * 200  # two lines' worth of an action or a note, and more


@pytest.mark.parametrize(
    ("leads", "text", "pages", "lines"),
    [
        # As many as fit, with two lines of action and note each.
        (TWO_LINES, LONG, [TWO_LINES], 2),
        # One more: one line each keeps them on one screen.
        (TWO_LINES + 1, LONG, [TWO_LINES + 1], 1),
        (ONE_LINE, LONG, [ONE_LINE], 1),
        # Short actions and notes take one line even where two are allowed.
        (ONE_LINE, "short", [ONE_LINE], 2),
        # Past one screen even at one line: two screens, with two lines if they fit.
        (ONE_LINE + 1, LONG, [TWO_LINES, ONE_LINE + 1 - TWO_LINES], 2),
        (2 * TWO_LINES + 1, LONG, [ONE_LINE, 2 * TWO_LINES + 1 - ONE_LINE], 1),
        (2 * ONE_LINE, LONG, [ONE_LINE, ONE_LINE], 1),
        # Past two screens: the most overdue leads, then a line for the rest.
        (2 * ONE_LINE + 5, LONG, [ONE_LINE, LAST_SCREEN], 1),
    ],
)
def test_the_whole_plans_leads_take_two_screens_at_most(leads, text, pages, lines):
    groups = _leads(leads, text)
    screens = lead_screens(groups)
    assert [len(page) for page in screens.pages] == pages and screens.lines == lines
    shown = [g for page in screens.pages for g in page]
    # None left out without a word: the rest are the least overdue, said on the last screen.
    assert shown + list(screens.left) == groups
    tables = screen_tables(groups, one_lead=False)
    assert len(tables) == len(pages)
    if screens.left:
        left = groups[len(shown) :]
        said = more_leads(left)
        assert said == (
            f"And {len(left)} more leads with {sum(g.overdue for g in left)} overdue and "
            f"{len(left)} due soon: see My actions."
        )
        assert said in tables[-1] and "more lead" not in tables[0]
    else:
        assert not any("more lead" in t for t in tables)


def test_a_leads_late_actions_go_on_over_screens():
    rows = tuple(LateRow(n, "red", "1 day overdue", LONG, LONG) for n in range(TWO_LINES * 2 + 1))
    pages = action_screens(LeadGroup("A", len(rows), 0, rows))
    assert [len(page) for page in pages] == [TWO_LINES, TWO_LINES, 1]
    assert [row for page in pages for row in page] == list(rows)
    assert screen_tables([], one_lead=True) == screen_tables([], one_lead=False) == [""]


@pytest.mark.parametrize(
    ("title", "short"),
    [
        (
            "The quality of written plans for children in need, children on child protection "
            "plans and children in care, so that each action is specific.",
            "Quality of written plans for children in need",
        ),
        (
            "The effectiveness of management oversight and supervision, so that the direction "
            "given to social workers is recorded.",
            "Effectiveness of management oversight and supervision",
        ),
        # Cut between words, never on a little word.
        (
            "The stability of the social work workforce and the strength of corporate parenting.",
            "Stability of the social work workforce…",
        ),
        ("Audit activity", "Audit activity"),
    ],
)
def test_short_title(title, short):
    assert short_title(title) == short


def _font_sizes(spec) -> list[float]:
    """Every font size a Vega-Lite spec sets, wherever it sets it."""
    if isinstance(spec, dict):
        found = [v for k, v in spec.items() if k.lower().endswith("fontsize")]
        return found + [s for v in spec.values() for s in _font_sizes(v)]
    if isinstance(spec, list):
        return [s for v in spec for s in _font_sizes(v)]
    return []


def test_the_boards_timeline_sets_every_text_at_24_px_or_more():
    events = [
        Inspection("900", "standard", date(2024, 5, 20)),
        Inspection("900", "focused_visit", date(2025, 9, 23)),
    ]
    window = Window(date(2027, 4, 19), date(2027, 9, 27), date(2028, 1, 24))
    spec = timeline_chart(events, window, AS_AT, [], title="t", text=BOARD_TEXT).to_dict()
    texts = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    # Every text mark, the axes (labels and titles) and the title name their size.
    assert all(mark["fontSize"] >= 24 for mark in texts)
    assert spec["config"]["axis"] == {"labelFontSize": 24, "titleFontSize": 24}
    assert spec["title"]["fontSize"] >= 24
    assert min(_font_sizes(spec)) >= 24
    # The Inspection page's chart keeps its own sizes.
    page = timeline_chart(events, window, AS_AT, [], title="t").to_dict()
    assert "config" not in page or "axis" not in page["config"]


# In a real browser ------------------------------------------------------------------------------

WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}
LINKS = {
    "whole-plan": {},
    "lead": {"lead": BUSY_LEAD},
    "past": {"as_at": "2026-06-01"},
    "lead-past": {"lead": BUSY_LEAD, "as_at": "2026-06-01"},
}
# What a screen measures in the browser: how tall and wide its content is against the window,
# on how many lines "Exit board mode" sits, every visible text smaller than 24 px (its size as
# drawn: a zoomed chart's type counts zoomed), the help icons in sight, and its text.
MEASURE = """
main => {
  const small = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!node.textContent.trim() || !box.width || !box.height || style.visibility !== 'visible')
      continue;
    const size = parseFloat(style.fontSize) * (element.currentCSSZoom || 1);
    if (size < 24) small.push(`${node.textContent.trim().slice(0, 40)} (${size.toFixed(1)}px)`);
  }
  const exit = document.createRange();
  exit.selectNodeContents(document.querySelector('a.board-exit'));
  const help = [...document.querySelectorAll(
    '[data-testid="stTooltipIcon"], [data-testid="stTooltipHoverTarget"], ' +
    '[data-testid="stElementToolbar"]')].filter(e => e.getBoundingClientRect().width > 0);
  return {tall: main.scrollHeight, shown: main.clientHeight,
          wide: main.scrollWidth - main.clientWidth, exitLines: exit.getClientRects().length,
          small, help: help.length, text: main.textContent};
}
"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not serve.CHROMIUM.exists():
        pytest.skip(f"{serve.CHROMIUM} not found: the browser tests drive Debian's Chromium")
    folder = tmp_path_factory.mktemp("board_app")
    url = serve.demo_database(folder, AS_AT)
    with serve.serve_app(url, log_path=folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser(app_url):
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_tab(browser, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def settled(page: Page) -> None:
    """Until the screen is drawn: the last one's elements gone (Streamlit keeps them, marked
    stale, until the run ends), no placeholder, every chart drawn, the fonts loaded."""
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
        expect(chart.locator("svg.marks")).to_be_visible()
    page.evaluate("document.fonts.ready.then(() => true)")


@pytest.mark.browser
@pytest.mark.slow  # every screen x link x size: CI and make test-all run it
@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize("size", SIZES)
def test_every_board_screen_fits_the_wall_and_reads_from_across_the_room(
    browser, app_url, tmp_path, size, link
):
    """Each screen, for each link: nothing to scroll, down or across; no sidebar, header or
    toolbar; "Exit board mode" on one line; at 1920x1080 no text under 24 px; no help icon or
    hover toolbar; no developer's words or invisible characters; and after the round, still the
    board. A screenshot of each in tmp_path."""
    width, height = SIZES[size]
    page = open_tab(browser, width, height)
    query = {"board": "1", "advance": "600", "as_at": AS_AT.isoformat(), **LINKS[link]}
    page.goto(f"{app_url}/?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    position = page.locator(".board-position")
    expect(position).to_have_text(re.compile("^1 of "))
    count = int(re.search(r" of (\d+)", position.inner_text()).group(1))
    for n in range(1, count + 1):
        expect(position).to_have_text(re.compile(f"^{n} of {count} · "))
        settled(page)
        # Drawn to its end: on a busy machine the measure once ran before the exit link was there.
        expect(page.locator("a.board-exit")).to_be_visible()
        where = position.inner_text()
        page.screenshot(path=str(tmp_path / f"board-{size}-{link}-{n:02}.png"))
        seen = page.locator('[data-testid="stMain"]').evaluate(MEASURE)
        assert seen["tall"] <= seen["shown"] == height, f"{where}: {seen['tall']}px tall"
        assert seen["wide"] <= 0, f"{where}: {seen['wide']}px too wide"
        assert seen["exitLines"] == 1, f"{where}: Exit board mode on {seen['exitLines']} lines"
        for chrome in ("stSidebar", "stHeader", "stToolbar"):
            expect(page.locator(f'[data-testid="{chrome}"]')).to_be_hidden()
        if size == "1920x1080":
            assert not seen["small"], f"{where}: text under 24 px: {seen['small'][:5]}"
        assert not seen["help"], f"{where}: {seen['help']} help icons or hover toolbars"
        assert "config.toml" not in seen["text"] and "python -m" not in seen["text"], where
        assert not INVISIBLE.search(seen["text"]), f"{where}: an invisible character"
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.get_by_role("button", name="Next").click()
    expect(position).to_have_text(re.compile(f"^1 of {count} · Overview"))
    assert "board=1" in page.url, f"the link lost board mode: {page.url}"
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "heading"), [("", "Overview"), ("kpis", "KPIs"), ("inspection", "Inspection")]
)
def test_the_pages_for_directors_carry_no_invisible_characters_or_setup_advice(
    browser, app_url, path, heading
):
    """A figure copied from the page into a briefing paper is the figure: no word joiner or
    other invisible character; and the command line and config file stay on the Data page."""
    page = open_tab(browser, 1920, 1080)
    page.goto(f"{app_url}/{path}?as_at={AS_AT.isoformat()}")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    settled(page)
    text = page.locator('[data-testid="stMain"]').evaluate("main => main.textContent")
    assert not INVISIBLE.search(text), INVISIBLE.findall(text)
    assert "config.toml" not in text and "python -m" not in text
    page.context.close()
