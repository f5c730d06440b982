"""Tables of recommendations, themes, actions and leads, drawn the same way on every page.

They are plain HTML tables, not data grids, because a board reads them: every row is shown (long
lists a page at a time, with the page named), long text wraps between words, the RAG cell carries
colour, symbol and word, and the least needed columns give way on narrow screens. Every value is
escaped: plan text is shown as text, never as markup.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.kept import kept_for_read
from components.labels import rag_badge, status_label
from readiness.text import format_date

PAGE_SIZE = 50


@dataclass(frozen=True)
class Col:
    key: str
    heading: str
    kind: str = "text"  # text, code (never wrapped), long, rag, date, number, percent, status
    # 1: always a column; 2 and 3: a column where the table has room, else a line under the
    # row's main text (TABLE_CSS), so nothing a page promises is ever out of sight.
    priority: int = 1


ACTION_COLUMNS = {
    c.key: c
    for c in (
        Col("rag", "Status", "rag"),
        Col("ref", "Ref", "code"),
        Col("action", "Action", "long"),
        Col("theme", "Theme", "long", 3),
        Col("service_leads", "Service lead"),
        Col("other_leads", "Other leads", priority=2),
        Col("start", "Start", "date", 3),
        Col("due", "Due", "date"),
        Col("days_overdue", "Days overdue", "number"),
        Col("status", "Progress", "status", 2),
        Col("last_update", "Last update", "date", 2),
        Col("last_note", "Last progress note", "long", 3),
        Col("reason", "Why", "long"),
    )
}
# The counts a board asks about first: what is late, or about to be.
ATTENTION_COUNTS = (
    Col("overdue", "Overdue", "number"),
    Col("due_soon", "Due soon", "number"),
    Col("stale", "Stale", "number"),
)
RECOMMENDATION_COLUMNS = (
    Col("rag", "Status", "rag"),
    Col("ref", "Ref", "code"),
    Col("title", "Recommendation", "long"),
    Col("pct_complete", "Complete", "percent"),
    *ATTENTION_COUNTS,
    Col("no_due_date", "No due date", "number", 2),
    Col("actions", "Actions", "number"),
    Col("reason", "Why", "long", 2),
)
LEAD_COLUMNS = (
    Col("lead", "Lead officer"),
    *ATTENTION_COUNTS,
    Col("no_due_date", "No due date", "number"),
    Col("actions", "Actions", "number"),
    Col("complete", "Complete", "number"),
)

TABLE_CSS = """
<style>
table.plan-table { width: 100%; border-collapse: collapse; margin: 0.25rem 0 1rem; }
table.plan-table th, table.plan-table td {
  text-align: left; vertical-align: top; padding: 0.35rem 0.5rem;
  border-bottom: 1px solid #d8dadc; overflow-wrap: normal; word-break: normal; hyphens: manual;
}
/* A long web address or a word with no break in a text cell wraps anywhere rather than widening
   the table past the page; a floor keeps narrow text columns (a lead's name) readable. */
table.plan-table td.long, table.plan-table td.text { overflow-wrap: anywhere; }
table.plan-table td.text { min-width: 8rem; }
table.plan-table th { background: #f3f2f1; font-weight: 700; }
table.plan-table td.long { min-width: 14rem; }
table.plan-table td.number, table.plan-table th.number,
table.plan-table td.figure, table.plan-table th.figure { text-align: right; white-space: nowrap; }
table.plan-table td.date, table.plan-table td.rag, table.plan-table td.code {
  white-space: nowrap;
}
/* A table too narrow for every column (a laptop beside the sidebar) moves its least needed
   columns under each row's main text, as "Heading: value", rather than dropping them. The
   widths are the table's own (a container query), so a closed sidebar gives the columns back. */
.plan-table-box { container-type: inline-size; }
table.plan-table .row-more { display: none; margin-top: 0.2rem; color: #505a5f; }
table.plan-table .row-more > span { display: none; margin-right: 0.75rem; }
@container (max-width: 1299px) {
  table.plan-table .p3 { display: none; }
  table.plan-table .row-more:has(.more-p3) { display: block; }
  table.plan-table .row-more > .more-p3 { display: inline; }
}
@container (max-width: 999px) {
  table.plan-table .p2 { display: none; }
  table.plan-table .row-more:has(.more-p2) { display: block; }
  table.plan-table .row-more > .more-p2 { display: inline; }
}
</style>
"""


def _cell(value, kind: str) -> str:
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return "" if kind != "rag" else "—"
    if kind == "rag":
        return rag_badge(value)
    if kind == "date":
        return format_date(value)
    if kind == "percent":
        return f"{int(value)}%"
    if kind == "number":
        return str(int(value))
    if kind == "status":
        return html.escape(status_label(value))
    return html.escape(str(value)).replace("\n", "<br>")


def _revised_from(row: dict) -> str:
    """Under a revised due date, the plan's date it replaced (readiness.plan.rag.due_in_force)."""
    original = row.get("original_due")
    if original is None or pd.isna(original):
        return ""
    # The date above stays on one line; this may wrap, so the column need not widen for it.
    return f'<br><span style="white-space: normal">revised from {format_date(original)}</span>'


def _more(row: dict, columns: tuple[Col, ...]) -> str:
    """The row's priority 2 and 3 values as "Heading: value" lines, for a narrow table."""
    cells = ((c, _cell(row.get(c.key), c.kind)) for c in columns if c.priority > 1)
    items = "".join(
        f'<span class="more-p{c.priority}"><b>{html.escape(c.heading)}:</b> {cell}</span>'
        for c, cell in cells
        if cell not in ("", "—")
    )
    return f'<div class="row-more">{items}</div>' if items else ""


def _main_column(columns: tuple[Col, ...]) -> Col:
    """The column that carries a narrow table's moved values: the first long text, else the
    last always shown."""
    return next(
        (c for c in columns if c.kind == "long" and c.priority == 1),
        [c for c in columns if c.priority == 1][-1],
    )


def table_html(rows: list[dict], columns: tuple[Col, ...], caption: str = "") -> str:
    """An escaped HTML table of `rows` (dicts keyed by column key)."""
    head = "".join(
        f'<th scope="col" class="{c.kind} p{c.priority}">{html.escape(c.heading)}</th>'
        for c in columns
    )
    main = _main_column(columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{c.kind} p{c.priority}">{_cell(row.get(c.key), c.kind)}'
            f"{_revised_from(row) if c.key == 'due' else ''}"
            f"{_more(row, columns) if c is main else ''}</td>"
            for c in columns
        )
        + "</tr>"
        for row in rows
    )
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="plan-table-box"><table class="plan-table">{title}<thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


def page_picker(count: int, key: str, noun: str = "Rows", size: int = PAGE_SIZE) -> int:
    """The page (from 1) of `count` items the user chose, `size` a page; the picker, naming the
    page and what it holds, only when there is more than one."""
    pages = max(1, math.ceil(count / size))
    if pages == 1:
        return 1
    with st.container(horizontal=True, vertical_alignment="center"):
        page = st.selectbox(
            "Page",
            range(1, pages + 1),
            key=f"{key}_page",
            width=120,
            format_func=lambda p: f"{p} of {pages}",
        )
        first = (page - 1) * size + 1
        st.caption(f"{noun} {first}–{min(page * size, count)} of {count}")
    return page


def show_table(
    frame: pd.DataFrame | list[dict],
    columns: tuple[Col, ...],
    key: str,
    read: tuple | None = None,
) -> None:
    """Every row of `frame`, a page of PAGE_SIZE at a time with the page named. With `read`
    (the plan read's number and what else names `frame`'s content: the as-at date, the lead),
    each page's table is written once for that read and kept (components.kept)."""
    page = page_picker(len(frame), key)
    if read is None:
        st.html(_page_html(frame, columns, page))
        return
    what = ("table", key, page, tuple(c.key for c in columns), *read[1:])
    st.html(kept_for_read(read[0], what, lambda: _page_html(frame, columns, page)))


def _page_html(frame: pd.DataFrame | list[dict], columns: tuple[Col, ...], page: int) -> str:
    shown = frame[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if isinstance(shown, pd.DataFrame):
        shown = records(shown, table_keys(shown, columns))
    return table_html(shown, columns)


def table_keys(frame: pd.DataFrame, columns: tuple[Col, ...]) -> list[str]:
    """The keys a table of `columns` reads from the frame's rows."""
    keys = [c.key for c in columns]
    if "due" in keys and "original_due" in frame:  # a revised due date names the plan's
        keys.append("original_due")
    return keys


def records(frame: pd.DataFrame, keys: list[str] | None = None) -> list[dict]:
    """The frame's rows as dicts of Python values, for only the `keys` columns.

    Column by column (tolist), which is several times quicker than DataFrame.to_dict on the
    small frames a page draws on every rerun.
    """
    keys = list(frame.columns) if keys is None else keys
    columns = [frame[k].tolist() for k in keys]
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]


def action_columns(names: list[str]) -> tuple[Col, ...]:
    return tuple(ACTION_COLUMNS[c] for c in names)


def show_actions(
    frame: pd.DataFrame, columns: list[str], key: str, read: tuple | None = None
) -> None:
    show_table(frame, action_columns(columns), key, read)


def show_recommendations(frame: pd.DataFrame, key: str, read: tuple | None = None) -> None:
    show_table(frame, RECOMMENDATION_COLUMNS, key, read)
