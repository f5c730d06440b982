"""What a link (the page's address) asks for that cannot be used, said in words, never dropped in
silence: a lead nobody of that name, a date that is not a date or lies outside the dates the
dashboard shows, a colour that is not one, a parameter it does not read.

Read once, when a session opens a link (Streamlit drops a bound widget's bad value from the
address on the first drawing, so later there is nothing left to read). A mis-cased lead or
colour is mended rather than refused. Each problem names the parameters whose page shows it:
the colour on the Improvement plan, the "since" date on What changed, the rest on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from components.safe_text import LABEL_LIMIT, md
from readiness.framework import FRAMEWORKS
from readiness.palette import Rag
from readiness.plan.records import PlanData
from readiness.text import format_date

# The dates a plan can be judged on: from the first ILACS framework (the rules have none before
# it) to three years ahead, the predictor's horizon.
EARLIEST_AS_AT = FRAMEWORKS[0].in_force_from
AHEAD = timedelta(days=3 * 365)
BOARD_ON = ("1", "true", "yes", "on")
BOARD_OFF = ("0", "false", "no", "off")
# Every parameter the dashboard reads, and the page whose widgets read it (None: every page).
PARAMS = {
    "lead": None,
    "as_at": None,
    "board": None,
    "advance": None,  # board mode's, checked there (components.board)
    "colour": "colour",
    "since": "since",
}


@dataclass(frozen=True)
class LinkProblem:
    text: str
    param: str | None = None  # None: shown on every page; else only where that is read


def latest_as_at(today: date) -> date:
    return today + AHEAD


def _day(given: str) -> date | None:
    try:
        return date.fromisoformat(given)
    except ValueError:
        return None


def _date_problem(name: str, given: str, instead: str, earliest: date, latest: date) -> str:
    words = f"The link's {name} “{md(given, LABEL_LIMIT)}”"
    day = _day(given)
    if day is None:
        return f"{words} is not a date (it should read like 2026-03-31), so {instead}."
    if day < earliest:
        return f"{words} is before {format_date(earliest)}, the earliest shown, so {instead}."
    if day > latest:
        return f"{words} is after {format_date(latest)}, the latest shown, so {instead}."
    return ""


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


def _colour(given: str) -> str:
    wanted = given.strip().casefold()
    found = next((r for r in Rag if wanted in (r.value, r.word.casefold())), None)
    if found is not None:
        st.session_state["colour"] = found.value
        return ""
    words = ", ".join(r.word for r in Rag)
    return (
        f"The link asks for colour “{md(given, LABEL_LIMIT)}”, which is not one of {words}, so "
        "every action is shown."
    )


def _board(given: str) -> str:
    if given.lower() in BOARD_ON + BOARD_OFF:
        return ""
    return (
        f"The link's board “{md(given, LABEL_LIMIT)}” is neither on (board=1) nor off "
        "(board=0), so the page is shown, not the board."
    )


def check_link(query: dict[str, str], plan: PlanData | None, today: date) -> list[LinkProblem]:
    """Mend what can be mended in the link's `query`; the rest, in words."""
    problems = []
    as_at = _day(query.get("as_at", "")) or today
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
        elif name == "as_at":
            text = _date_problem(
                "as-at date",
                given,
                "today's position is shown",
                EARLIEST_AS_AT,
                latest_as_at(today),
            )
        elif name == "since":
            text = _date_problem(
                "since date",
                given,
                "the changes since a week before the as-at date are shown",
                EARLIEST_AS_AT,
                as_at - timedelta(days=1),
            )
        elif name == "colour":
            text = _colour(given)
        elif name == "board":
            text = _board(given)
        else:
            text = ""
        if text:
            problems.append(LinkProblem(text, PARAMS[name]))
    return problems
