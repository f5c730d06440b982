"""Board mode's screens, each designed for a 1920x1080 wall screen with nothing to scroll and no
text under 24 px: the overview, one per judgement area (more if its recommendations need them),
the overdue and due-soon actions by lead (a row per lead for the whole plan, two screens at most;
the chosen lead's actions on as many as they need), the KPIs and the inspection.
Each is drawn with the app's own builders (cards, count tiles, tables, KPI tiles, the inspection
panels); only what a room reads from across it is picked, and nothing asks to be hovered over.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from components import board_lead_screen as leads
from components.cards import CARD_CSS, area_cards, overall_card
from components.data import CouncilInspections, get_settings
from components.inspection_panels import show_chances, show_timeline
from components.kpi_tiles import TILE_CSS, indicator_badge, kpi_tiles
from components.labels import count_tiles, rag_badge, state_tiles
from components.tables import RECOMMENDATION_COLUMNS, records, table_html
from readiness.framework import JudgementArea
from readiness.inspection.wording import headline, next_inspection, published_window_note
from readiness.kpi.positions import KpiStatus
from readiness.kpi.pressing import PRESSING_RULE, furthest_behind
from readiness.plan.rag import URGENCY
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import plural

# Two rows of four tiles fill the KPIs screen, and a row of three lines under them names
# the next; one row of four tiles (wide enough for the move on last year and the longer trend
# in two lines) sits under an area's recommendations. Those furthest behind
# come first (readiness.kpi.pressing).
KPI_TILES_SHOWN = 8
KPI_LINES_SHOWN = 3  # one row: each line says last year's move and the longer trend
AREA_TILES_SHOWN = 4
# A recommendation's colour, what it asks, how far it has got and what is late: the rest (its
# actions, why) is on the Overview page.
AREA_COLUMNS = tuple(
    c
    for c in RECOMMENDATION_COLUMNS
    if c.key in ("rag", "ref", "title", "pct_complete", "overdue", "due_soon")
)
# How many lines of recommendation text fit on an area's screen above its indicators, and the
# characters in a line of the table's widest column at 1920x1080 (24 px type): measured on the
# demo's screenshots. An area with more gets a second screen.
AREA_LINES = 11
LINE_CHARS = 100
# The builders' small print (0.85-0.9rem) is for a laptop; on the wall every line is body text.
# A tile keeps its first lines (board-lines-N): period, target and direction; then England,
# region and neighbours, always; then the colour's rule in words, when an area's
# recommendations take at most TILE_RULE_LINES lines.
TILE_RULE_LINES = 4
SCREEN_CSS = """
<style>
.board-screen h2 { font-size: 1.45rem; padding: 0 0 0.4rem; margin: 0; line-height: 1.3; }
.board-screen h2 .board-why { font-size: 1rem; font-weight: 400; margin-left: 0.5rem; }
.board-screen .card p, .board-screen .kpi-tile p, .board-screen .count-label,
.board-screen .kpi-unit { font-size: 1rem; line-height: 1.3; }
.board-screen .card h4, .board-screen .kpi-tile h4 { font-size: 1.05rem; }
.board-screen .rag-badge { font-size: 1rem !important; }
.board-screen .count-tile { min-width: 9rem; }
.board-screen .kpi-tiles { grid-template-columns: repeat(4, 1fr); margin: 0; gap: 0.6rem; }
.board-screen .kpi-tile { padding: 0.5rem 0.8rem; }
.board-screen .kpi-tile img.spark { height: 1.4rem; width: auto; }
.board-lines-2 .kpi-tile p:nth-of-type(n+3),
.board-lines-3 .kpi-tile p:nth-of-type(n+4) { display: none; }
.board-area .kpi-tiles { grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
.board-screen table.plan-table { margin: 0 0 0.4rem; }
.board-screen table.plan-table td, .board-screen table.plan-table th { padding: 0.25rem 0.5rem; }
.board-headline { font-size: 1.2rem; font-weight: 700; margin: 0; }
.board-line { margin: 0.2rem 0 0; line-height: 1.3; }
ul.board-others { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(3, 1fr); gap: 0.2rem 1rem; }
ul.board-others li { margin: 0; line-height: 1.35; }
/* A chart is drawn in pixels, in the board's sizes at 1920x1080 (inspection_charts.BOARD_TEXT);
   on a smaller screen it is zoomed out as the rest of the board's type is, and, zoomed, it
   measures its width unzoomed: it gets the width that zooms to 100%, and its box, wider than
   what it draws, is clipped. */
.st-key-board_timeline { overflow: hidden; }
@media (max-height: 1000px) {
  .st-key-board_timeline [data-testid="stVegaLiteChart"] { zoom: 0.83; width: 120.5% !important; }
}
@media (max-height: 860px) {
  .st-key-board_timeline [data-testid="stVegaLiteChart"] { zoom: 0.7; width: 142.8% !important; }
}
@media (max-height: 740px) {
  .st-key-board_timeline [data-testid="stVegaLiteChart"] { zoom: 0.64; width: 156% !important; }
}
/* A chart's toolbar (show data, download, full screen) appears on hover: not on a wall. */
[data-testid="stElementToolbar"] { display: none !important; }
</style>
"""


@dataclass(frozen=True)
class BoardData:
    """What every screen reads, read afresh on each turn of the board."""

    today: date
    plan: PlanData
    status: PlanStatus
    kpis: KpiStatus | None
    council: CouncilInspections
    council_name: str
    checklist: str  # how many readiness tasks are not ready, in words


@dataclass(frozen=True)
class Screen:
    title: str
    draw: Callable[[BoardData], None]


def _heading(title: str, rest: str = "") -> str:
    return f"<h2>{html.escape(title)} {rest}</h2>"


def _block(body: str, kind: str = "") -> None:
    """One screen section as HTML, with the board's sizes."""
    st.html(f'{SCREEN_CSS}<div class="board-screen {kind}">{body}</div>')


def _inspection_lines(board: BoardData) -> str:
    """Ofsted's published window, and how many readiness tasks are not ready, as HTML lines."""
    lines = [
        published_window_note(board.council.prediction),
        board.checklist[:1].upper() + board.checklist[1:],
    ]
    return "".join(f'<p class="board-line">{html.escape(line)}.</p>' for line in lines if line)


def _overview(board: BoardData) -> None:
    status = board.status
    overall = status.overall
    done = f"{overall.complete} of {plural(overall.actions, 'action')} complete"
    tiles = [("Complete", f"{overall.pct_complete or 0}%", None, done)]
    tiles += state_tiles(overall.counts, URGENCY[:4], get_settings().rag)
    left, right = st.columns([1, 2.2], vertical_alignment="center")
    with left:
        _block(CARD_CSS + overall_card(status.overall_label, overall))
    with right:
        _block(count_tiles(tiles))
    titles = {rec.ref: rec.text for rec in board.plan.recommendations}
    _block(_heading("Judgement areas") + CARD_CSS + area_cards(status.areas, titles))
    coming = next_inspection(board.council.prediction)
    _block(
        f'<p class="board-headline">Next inspection: {html.escape(coming)}</p>'
        + _inspection_lines(board)
    )


def _in_area(frame: pd.DataFrame, area: JudgementArea) -> pd.DataFrame:
    covered = set(area.covers)
    return frame.loc[[bool(covered & set(tags)) for tags in frame["areas"]]]


def _chosen(shown: int, total: int) -> str:
    """Which indicators the tiles show, and the rule that chose them, beside the heading."""
    return (
        _aside(f"the {shown} of {total} furthest behind, {PRESSING_RULE}") if shown < total else ""
    )


def _aside(words: str) -> str:
    """Words beside a heading, in body type."""
    return f'<span class="board-why">{html.escape(words)}</span>'


def _lines(titles) -> int:
    """The lines recommendation `titles` take in an area screen's table."""
    return sum(math.ceil(len(title) / LINE_CHARS) for title in titles)


def _area(board: BoardData, area: JudgementArea, refs: tuple[str, ...]) -> None:
    """An area's colour and why, the recommendations `refs`, and the indicators furthest behind,
    with as many of each tile's lines as the recommendations leave room for."""
    status = board.status
    row = records(status.areas[status.areas["area"] == area.code])[0]
    done = "" if pd.isna(row["pct_complete"]) else f"{row['pct_complete']}% complete · "
    why = _aside(done + row["reason"])
    recs = status.recommendations[status.recommendations["ref"].isin(refs)]
    body = _heading(area.short_label, rag_badge(row["rag"]) + why)
    body += table_html(records(recs, [c.key for c in AREA_COLUMNS]), AREA_COLUMNS)
    kpis = board.kpis
    positions = [p for p in kpis.positions if p.indicator.area in area.covers] if kpis else []
    if positions:
        shown = furthest_behind(positions)[:AREA_TILES_SHOWN]
        body += TILE_CSS + _heading("Key indicators", _chosen(len(shown), len(positions)))
        body += kpi_tiles(kpis, shown, bare=True)
    tile_lines = 3 if _lines(recs["title"]) <= TILE_RULE_LINES else 2
    _block(body, f"board-area board-lines-{tile_lines}")


def _kpis(board: BoardData) -> None:
    """The indicators furthest behind as tiles, then the next ones in a line each."""
    kpis = board.kpis
    ordered = furthest_behind(kpis.positions)
    tiles, lines = ordered[:KPI_TILES_SHOWN], ordered[KPI_TILES_SHOWN:]
    body = _heading("Key indicators", _chosen(len(tiles), len(ordered))) + TILE_CSS
    body += kpi_tiles(kpis, tiles, bare=True)
    if lines:
        shown = lines[:KPI_LINES_SHOWN]
        items = "".join(f"<li>{indicator_badge(p)}</li>" for p in shown)
        more = len(ordered) - KPI_TILES_SHOWN - len(shown)
        body += _heading("The others", _aside(f"and {more} more") if more else "")
        body += f'<ul class="board-others">{items}</ul>'
    _block(body, "board-lines-2")


def _inspection(board: BoardData) -> None:
    """The predicted next inspection, Ofsted's published window, the readiness checklist's
    count, the chances and the timeline."""
    prediction = board.council.prediction
    if prediction.last is None:
        st.warning(prediction.reasons[0], icon=":material/event_busy:")
        _block(_inspection_lines(board))
        return
    _block(
        f'<p class="board-headline">{html.escape(headline(prediction))}.</p>'
        + _inspection_lines(board)
    )
    show_chances(prediction, board=True)
    with st.container(key="board_timeline"):  # zoomed on a smaller screen by SCREEN_CSS
        show_timeline(board.council, board.council_name, board.today, board=True)


def _late(board: BoardData, groups: list[leads.LeadGroup], table: str) -> None:
    """The late actions' counts, then `table`: a screen's part of the late actions by lead."""
    said = leads.summary(board.status, groups) if groups else leads.nothing_late(board.status)
    body = (
        f'{_heading("Overdue and due soon by lead")}<p class="board-pairs">{html.escape(said)}</p>'
    )
    _block(leads.LEAD_CSS + body + table)


def _lead_screens(board: BoardData) -> list[Screen]:
    groups = leads.late_by_lead(board.plan, board.status)
    tables = leads.screen_tables(groups, one_lead=bool(board.status.lead))
    title = "Overdue and due soon by lead"
    return [
        Screen(
            title if len(tables) == 1 else f"{title} ({n} of {len(tables)})",
            partial(_late, groups=groups, table=table),
        )
        for n, table in enumerate(tables, 1)
    ]


def group_for_screens(recs: pd.DataFrame) -> list[tuple[str, ...]]:
    """The recommendations' refs in groups that each fit one screen (AREA_LINES)."""
    pages: list[tuple[str, ...]] = [()]
    lines = 0
    for ref, title in zip(recs["ref"], recs["title"], strict=True):
        need = _lines([title])
        if pages[-1] and lines + need > AREA_LINES:
            pages.append(())
            lines = 0
        pages[-1] += (ref,)
        lines += need
    return pages


def _area_screens(status: PlanStatus, area: JudgementArea) -> list[Screen]:
    recs = _in_area(status.recommendations, area)
    if recs.empty:  # nothing in view bears on it: its card on the overview says so
        return []
    pages = group_for_screens(recs)
    return [
        Screen(
            area.short_label if len(pages) == 1 else f"{area.short_label} ({n} of {len(pages)})",
            partial(_area, area=area, refs=refs),
        )
        for n, refs in enumerate(pages, 1)
    ]


def board_screens(board: BoardData) -> list[Screen]:
    """The screens in their order: the overview, each judgement area with recommendations in
    view (for the lead, if one is chosen), the overdue and due-soon actions by lead, the KPIs if
    any are loaded, the next inspection."""
    screens = [Screen("Overview", _overview)]
    for area in board.status.framework.areas:
        screens += _area_screens(board.status, area)
    screens += _lead_screens(board)
    if board.kpis is not None and board.kpis.positions:
        screens.append(Screen("KPIs", _kpis))
    screens.append(Screen("Next inspection", _inspection))
    return screens
