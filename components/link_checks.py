"""What a link (the page's address) asks for that cannot be used, said in words, never dropped in
silence: a lead nobody of that name, a date that is not a date or lies outside the dates the
dashboard shows, a colour that is not one, a parameter it does not read. Every date and choice
is read by components.link_values, the one reader of link values (board mode's `advance` too,
in components.board): dates as 2026-03-31 in the digits 0-9 only, whatever else Python or
Streamlit would take.

Read once, when a session opens a link (Streamlit drops a bound widget's bad value from the
address on the first drawing, so later there is nothing left to read). A mis-cased lead or
colour is mended rather than refused. Each problem names the parameters whose page shows it:
the colour on the Improvement plan, the "since" date on What changed, the rest on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from components.link_values import LinkValue, Refusal, choice, iso_date
from components.safe_text import LABEL_LIMIT, md
from readiness.framework import FRAMEWORKS
from readiness.palette import Rag
from readiness.plan.records import PlanData

# The dates a plan can be judged on: from the first ILACS framework (the rules have none before
# it) to three years ahead, the predictor's horizon.
EARLIEST_AS_AT = FRAMEWORKS[0].in_force_from
AHEAD = timedelta(days=3 * 365)
# What a link may say for board mode: on or off (components.filters reads it).
BOARD_MODES = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off"), False),
}
COLOURS = {key: rag.value for rag in Rag for key in (rag.value, rag.word.casefold())}
# Every parameter the dashboard reads, and the page whose widgets read it (None: every page).
PARAMS = {
    "lead": None,
    "as_at": None,
    "board": None,
    "advance": None,  # board mode's, read and checked there (components.board)
    "screen": None,  # a wall-screen link's token, checked by components.signin
    "colour": "colour",
    "since": "since",
}


@dataclass(frozen=True)
class LinkProblem:
    text: str
    param: str | None = None  # None: shown on every page; else only where that is read


def latest_as_at(today: date) -> date:
    return today + AHEAD


def said(refusal: Refusal) -> str:
    """A refused link value in words, the value shown as written (never as Markdown)."""
    return refusal.words(lambda given: md(given, LABEL_LIMIT))


def read_as_at(given: str, today: date) -> LinkValue[date | None]:
    """The link's as-at date, if the dashboard shows that date."""
    return iso_date(
        "as-at date", given, EARLIEST_AS_AT, latest_as_at(today), "today's position is shown"
    )


def read_board(given: str) -> LinkValue[bool]:
    """Whether the link asks for board mode."""
    return choice(
        "board",
        given,
        BOARD_MODES,
        False,
        "is neither on (board=1) nor off (board=0)",
        "the page is shown, not the board",
    )


def read_since(given: str, as_at: date) -> LinkValue[date | None]:
    """The link's "since" date on What changed, if the page compares with that date."""
    return iso_date(
        "since date",
        given,
        EARLIEST_AS_AT,
        as_at - timedelta(days=1),
        "the changes since a week before the as-at date are shown",
    )


def _lead(given: str, plan: PlanData | None) -> str:
    if plan is None:
        return ""
    chosen = plan.choose_lead(given)
    if not chosen.unknown:
        st.session_state["lead"] = chosen.name
        return ""
    return (
        f"The link asks for lead officer “{md(given, LABEL_LIMIT)}”, but nobody of that name "
        "leads an action in this plan, so everyone's actions are shown. Choose a name under "
        "*Lead officer*."
    )


def _colour(given: str) -> Refusal | None:
    words = ", ".join(r.word for r in Rag)
    read = choice("colour", given, COLOURS, None, f"is not one of {words}", "every action is shown")
    if read.value is not None:
        st.session_state["colour"] = read.value
    return read.refusal


def _refusal(name: str, given: str, as_at: date, today: date) -> Refusal | None:
    """Why the link's `name` cannot be used, if it cannot (`advance`: components.board)."""
    if name == "as_at":
        return read_as_at(given, today).refusal
    if name == "since":
        return read_since(given, as_at).refusal
    if name == "colour":
        return _colour(given)
    if name == "board":
        return read_board(given).refusal
    return None


def check_link(query: dict[str, str], plan: PlanData | None, today: date) -> list[LinkProblem]:
    """Mend what can be mended in the link's `query`; the rest, in words."""
    problems = []
    as_at = read_as_at(query.get("as_at", ""), today).value or today
    for name, given in query.items():
        if name not in PARAMS:
            known = ", ".join(PARAMS)
            problems.append(
                LinkProblem(
                    f"The link's “{md(name, LABEL_LIMIT)}” is not something this dashboard "
                    f"reads, so it was left out. It reads: {known}."
                )
            )
            continue
        if not given:
            continue
        if name == "lead":
            text = _lead(given, plan)
        else:
            refusal = _refusal(name, given, as_at, today)
            text = said(refusal) if refusal else ""
        if text:
            problems.append(LinkProblem(text, PARAMS[name]))
    return problems
