"""Progress updates in a real browser reach only the action chosen: on My actions (a table the
user can sort, which re-sorts itself after a save), on the Improvement plan and on What changed.

Each save is checked in the database: exactly one action changed, the one whose words were on
the row the user ticked (or the entry they chose), and its new update holds the note typed.
The app serves a demo database of this module's own, since these tests write to it.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from readiness.db.engine import make_engine
from readiness.db.models import Action, ProgressUpdate
from tests.browser_support import chromium, demo_app, require_chromium, settled
from tests.conftest import AS_AT

pytestmark = pytest.mark.browser
require_chromium()

WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
LEAD = "Rebecca+Hollis"
QUERY = f"as_at={AS_AT.isoformat()}"
HEADER_PX = 35  # the grid's heading row
TICKS_PX = 32  # the grid's column of row ticks
# The grid's columns left of Due (Status, Ref, Action), from components.action_table.WIDTHS.
DUE_PX = TICKS_PX + 90 + 65 + 290 + 50


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with demo_app(tmp_path_factory.mktemp("progress_app"), AS_AT) as (url, database_url):
        yield url, database_url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, tmp_path) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()
    yield tab
    with contextlib.suppress(Exception):
        tab.screenshot(path=str(tmp_path / "final.png"))
    context.close()


def snapshot(database_url: str) -> dict[int, tuple]:
    """Each action's (status, version, number of updates), by id."""
    engine = make_engine(database_url)
    with engine.connect() as conn:
        actions = {r.id: (r.status, r.version) for r in conn.execute(select(Action))}
        counts: dict[int, int] = {}
        for (action_id,) in conn.execute(select(ProgressUpdate.action_id)):
            counts[action_id] = counts.get(action_id, 0) + 1
    engine.dispose()
    return {i: (*state, counts.get(i, 0)) for i, state in actions.items()}


def changed(before: dict, after: dict) -> list[int]:
    return [i for i in after if after[i] != before.get(i)]


def action_id_of(database_url: str, words: str) -> int:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        ids = conn.execute(select(Action.id).where(Action.text == words)).scalars().all()
    engine.dispose()
    assert len(ids) == 1, f"{words!r} names {len(ids)} actions"
    return ids[0]


def latest_note(database_url: str, action_id: int) -> tuple[str, str]:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        row = conn.execute(
            select(ProgressUpdate.text, ProgressUpdate.status)
            .where(ProgressUpdate.action_id == action_id)
            .order_by(ProgressUpdate.id.desc())
        ).first()
    engine.dispose()
    return tuple(row)


# --- The grid on My actions --------------------------------------------------------------------


def grid(page: Page):
    return page.locator('[data-testid="stDataFrame"]')


def grid_rows(page: Page) -> list[tuple[bool, str]]:
    """(ticked, action words) of each row, in the order shown (the grid's accessible table)."""
    rows = grid(page).locator("tbody tr")
    return [
        (row.get_attribute("aria-selected") == "true", row.locator("td").nth(2).inner_text())
        for row in rows.all()
    ]


def bring_grid_into_view(page: Page) -> dict:
    """The grid's top a little below the app's top bar; its box."""
    grid(page).evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.move(800, 400)
    page.mouse.wheel(0, -250)
    page.wait_for_timeout(500)
    return grid(page).bounding_box()


def tick_row(page: Page, n: int) -> str:
    """Tick row `n` (0: the first shown) as a user does; the words of its action."""
    box = bring_grid_into_view(page)
    rows = grid_rows(page)
    height = (box["height"] - HEADER_PX) / len(rows)
    page.mouse.click(box["x"] + TICKS_PX / 2, box["y"] + HEADER_PX + height * (n + 0.5))
    return rows[n][1]


def sort_by_due(page: Page) -> None:
    """Click the Due heading (the grid sorts in the browser; twice: latest due first)."""
    for _ in range(2):
        box = bring_grid_into_view(page)
        page.mouse.click(box["x"] + DUE_PX, box["y"] + HEADER_PX / 2)
        page.wait_for_timeout(500)


def opened_heading(page: Page, words: str):
    """The open action's heading (its words, cut at 300 characters)."""
    return page.locator('[data-testid="stMain"] [data-testid="stHeading"]').filter(
        has_text=words[:60]
    )


def record(page: Page, note: str, status: str) -> None:
    """Fill the open action's progress form and save it, as a lead does."""
    page.get_by_label("What has happened since the last update?").fill(note)
    page.get_by_role("combobox", name="Status").click()
    page.get_by_role("option", name=status, exact=True).click()
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text(re.compile("^Update saved")).first).to_be_visible()
    settled(page)


def status_shown(page: Page) -> str:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Status")
    return box.get_by_role("combobox").input_value() or box.inner_text().split("\n")[-1]


def test_saves_on_a_sorted_table_reach_only_the_ticked_action(page, app):
    base, database_url = app
    page.goto(f"{base}/my-actions?{QUERY}&lead={LEAD}")
    expect(page.get_by_text("Tick the box")).to_be_visible()
    sort_by_due(page)
    words = tick_row(page, 0)
    chosen = action_id_of(database_url, words)
    expect(opened_heading(page, words)).to_be_visible()

    before = snapshot(database_url)
    note = "Visits agreed with the members' office."
    record(page, note, "Complete")
    after = snapshot(database_url)
    assert changed(before, after) == [chosen]
    assert latest_note(database_url, chosen) == (
        "Visits agreed with the members' office.",
        "complete",
    )
    # The list re-sorted (the action is complete now), and the same action is still open, with
    # a fresh form: no note, its own new status, its row still ticked.
    expect(opened_heading(page, words)).to_be_visible()
    expect(page.get_by_label("What has happened since the last update?")).to_have_value("")
    assert [w for ticked, w in grid_rows(page) if ticked] == [words]

    # A second save goes to the same action, never to the row now where it was.
    before = after
    record(page, "Correction: the visits start in January.", "In progress")
    after = snapshot(database_url)
    assert changed(before, after) == [chosen]
    assert latest_note(database_url, chosen)[1] == "in_progress"

    # Ticking another row opens that one, and its form starts from its own status.
    other = tick_row(page, 2)
    assert other != words
    other_id = action_id_of(database_url, other)
    expect(opened_heading(page, other)).to_be_visible()
    settled(page)
    assert after[other_id][0] != "complete" and "Complete" not in status_shown(page)
    record(page, "Draft shared with the children in care council.", "In progress")
    assert changed(after, snapshot(database_url)) == [other_id]


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("plan", "Open an action to see its history and record progress"),
        # A month of changes, so the list has several actions in it.
        (
            "changes?since=2026-10-22",
            "Open one of these actions to see its history and record progress",
        ),
    ],
)
def test_an_action_opened_from_a_page_s_list_is_the_one_saved(page, app, path, label):
    base, database_url = app
    page.goto(f"{base}/{path}{'&' if '?' in path else '?'}{QUERY}&lead={LEAD}")
    expect(page.get_by_role("combobox", name=label)).to_be_visible()
    box = page.get_by_role("combobox", name=label)
    # Its list closes when the page scrolls, and a click scrolls a box below the fold into view
    # first: scroll, let two frames pass, then click.
    box.scroll_into_view_if_needed()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    box.click()
    option = page.get_by_role("option").nth(1)
    words = option.inner_text().split(" · ", 1)[1].rstrip("…")
    option.click()
    expect(opened_heading(page, words)).to_be_visible()
    engine = make_engine(database_url)
    with engine.connect() as conn:
        ids = conn.execute(select(Action.id).where(Action.text.startswith(words))).scalars().all()
    engine.dispose()
    assert len(ids) == 1
    before = snapshot(database_url)
    note = f"Progress noted from the {path.split('?')[0]} page."
    record(page, note, "In progress")
    assert changed(before, snapshot(database_url)) == ids
    assert latest_note(database_url, ids[0])[0] == note
