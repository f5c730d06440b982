"""What changed between two dates: the plan's colours, the indicators and the predicted inspection
window at an earlier date and at the as-at date, compared.

Nothing here is logged as it happens. Both sides come from the stored history by the same as-at
rules every page uses (readiness.plan.status.plan_status, readiness.kpi.positions.kpi_status,
readiness.inspection.record_store.stored_prediction), so "what changed since 22 Nov" is the
plan as at 22 Nov set beside the plan as at today, and it agrees with what each page showed on
either date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import takewhile

import pandas as pd

from readiness.inspection.predict import Prediction
from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.rules import KpiRag, Trend
from readiness.kpi.travel import Travel
from readiness.palette import SEVERITY, Rag
from readiness.plan.rag import State
from readiness.plan.records import PlanData
from readiness.plan.status import ActionColours, PlanStatus
from readiness.text import format_date, plural

# Getting worse is turning amber or red from a milder colour; grey to green is an action
# starting, not a slip.
_WARNING_COLOURS = (Rag.AMBER, Rag.RED)


@dataclass(frozen=True)
class ActionChange:
    """One action at the earlier date and at the as-at date."""

    action_id: int
    ref: str
    action: str
    service_leads: str
    due: date | None
    completed: date | None
    days_overdue: int | None
    rag_then: str  # Rag codes, as the status tables hold them
    rag_now: str
    reason_now: str  # why it has its colour now, in words

    @property
    def worse(self) -> bool:
        now = Rag(self.rag_now)
        return now in _WARNING_COLOURS and SEVERITY[now] > SEVERITY[Rag(self.rag_then)]


@dataclass(frozen=True)
class ProgressNote:
    """A progress update recorded between the two dates."""

    action_id: int
    ref: str
    action: str
    recorded_on: date
    author: str | None
    text: str
    status: str  # the action's progress status as recorded with it


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator whose colour or direction of travel differs between the two dates; its
    `_then` fields are None when it had no figure by the earlier date."""

    indicator: str  # the indicator's id
    name: str
    period_then: str | None
    period_now: str | None
    rag_then: KpiRag | None
    rag_now: KpiRag
    # Last year's move beside the longer trend (readiness.kpi.travel): never one arrow a reader
    # takes for last year's when it is the longer trend's.
    direction_then: Travel | None
    direction_now: Travel

    @property
    def worse(self) -> bool:
        """Its colour got worse, or it kept its colour and turned worse on last year."""
        then, now = self.rag_then.colour if self.rag_then else None, self.rag_now.colour
        if then is not None and now is not None and then != now:
            return SEVERITY[now] > SEVERITY[then]
        was = self.direction_then.last_year.trend if self.direction_then else None
        now_trend = self.direction_now.last_year.trend
        return now_trend is Trend.WORSENING and was is not Trend.WORSENING


# The dates compared, named apart: the app's predicted start and Ofsted's published window.
EARLIEST = "Predicted earliest likely start"
LIKELY = "Predicted most likely start"
LATEST = "Predicted latest likely start"
PUBLISHED = "Ofsted's published window opens"


@dataclass(frozen=True)
class WindowMove:
    """The predicted next inspection then and now: its window and the published window's
    opening (30 months after the last full inspection started)."""

    then: Prediction
    now: Prediction

    def edges(self) -> list[tuple[str, date | None, date | None, int | None]]:
        """(what, then, now, days later: negative is earlier) for each edge of the window and
        for the published window's opening; a date is None where none is predicted."""
        was, now = self.then.window, self.now.window
        dates = [
            (EARLIEST, was.earliest, now.earliest),
            (LIKELY, was.likely, now.likely),
            (LATEST, was.latest, now.latest),
            (PUBLISHED, self.then.opens, self.now.opens),
        ]
        return [(what, then, now, _days_between(then, now)) for what, then, now in dates]

    def words(self) -> str:
        """'the predicted dates moved 7 days later', by the most likely week when both dates
        have one, and whether Ofsted's published window opened in between."""
        if self.now.last is None:
            return "no dates are predicted now" if self.then.last else "no dates are predicted"
        if self.then.last is None:
            return "dates are now predicted"
        moved = _days_between(self.then.window.likely, self.now.window.likely)
        what = "the predicted dates"
        if moved is None:
            # A most likely week over three years away is not predicted; the published window's
            # opening always is, once a full inspection is known.
            moved = _days_between(self.then.opens, self.now.opens)
            what = "Ofsted's published window"
        said = f"{what} moved {moved_words(moved)}" if moved else f"{what} did not move"
        opens = self.now.opens
        if opens and self.then.as_at < opens <= self.now.as_at:
            said += f"; Ofsted's published window opened on {format_date(opens)}"
        return said


def _days_between(was: date | None, now: date | None) -> int | None:
    return (now - was).days if was and now else None


def moved_words(days: int) -> str:
    """'7 days later', '1 day earlier', 'no change'."""
    if not days:
        return "no change"
    return f"{plural(abs(days), 'day')} {'later' if days > 0 else 'earlier'}"


@dataclass(frozen=True)
class ChangesSince:
    """What changed from `since` to `as_at`: the plan's from changes_since, then the indicators'
    and the window's from `with_indicators` and `with_window`."""

    since: date
    as_at: date
    lead: str | None
    colour_changes: tuple[ActionChange, ...]  # most urgent now first
    newly_overdue: tuple[ActionChange, ...]  # longest overdue first
    completed: tuple[ActionChange, ...]  # latest completed first
    updates: tuple[ProgressNote, ...]  # newest first
    indicators: tuple[IndicatorChange, ...] | None = None  # None: not compared (none loaded)
    window: WindowMove | None = None  # None: not compared

    @cached_property
    def worse_colours(self) -> int:
        # Counted once per object: the app keeps one for every rerun (components.changes), and
        # a 10,000-action plan can change a thousand colours in a week.
        return sum(c.worse for c in self.colour_changes)

    def with_indicators(self, then: KpiStatus | None, now: KpiStatus | None) -> ChangesSince:
        """These changes and the indicators' (from kpi_status at both dates; None before any
        indicators are loaded)."""
        if now is None:
            return self
        self._check_dates(then.as_at if then else self.since, now.as_at)
        return replace(self, indicators=_indicator_changes(then, now))

    def with_window(self, then: Prediction, now: Prediction) -> ChangesSince:
        """These changes and the predicted inspection window's move (stored_prediction at both
        dates)."""
        self._check_dates(then.as_at, now.as_at)
        return replace(self, window=WindowMove(then, now))

    def _check_dates(self, then: date, now: date) -> None:
        if (then, now) != (self.since, self.as_at):
            raise ValueError(
                f"these changes are from {self.since} to {self.as_at}, not {then} to {now}"
            )

    def summary(self) -> str:
        """The changes in one line, as the Overview and the board pack give them."""
        colours = _count(len(self.colour_changes), "action", "no action") + " changed colour"
        if worse := self.worse_colours:
            colours += f" ({worse} worse)"
        parts = [
            colours,
            f"{_count(len(self.newly_overdue), None, 'none')} newly overdue",
            f"{_count(len(self.completed), None, 'none')} completed",
            _count(len(self.updates), "progress update", "no progress updates"),
        ]
        if self.indicators is not None:
            changed = _count(len(self.indicators), "indicator", "no indicator") + " changed"
            if worse := sum(i.worse for i in self.indicators):
                changed += f" ({worse} worse)"
            parts.append(changed)
        line = f"Since {format_date(self.since)}: {', '.join(parts)}"
        return f"{line}; {self.window.words()}" if self.window else line

    def lines(self) -> list[str]:
        """The summary, then each change in a line of words: the board pack's section."""
        lines = [self.summary() + "."]
        lines += [
            f"{c.ref}: {Rag(c.rag_then).word} to {Rag(c.rag_now).word}: {c.action} ({c.reason_now})"
            for c in self.colour_changes
        ]
        lines += [
            f"Newly overdue: {c.ref}: {c.action} (due {format_date(c.due)}; "
            f"{c.service_leads or 'no lead'})"
            for c in self.newly_overdue
        ]
        lines += [
            f"Completed {format_date(c.completed)}: {c.ref}: {c.action}" for c in self.completed
        ]
        lines += [
            f"Progress {format_date(u.recorded_on)}, {u.author or 'no author'}: {u.ref}: {u.text}"
            for u in self.updates
        ]
        for i in self.indicators or ():
            was = i.rag_then.word if i.rag_then else "no figure"
            moved = i.direction_now.words
            lines.append(f"{i.name}: {was} to {i.rag_now.word}; {moved[:1].lower() + moved[1:]}")
        return lines


def _count(n: int, noun: str | None, none: str) -> str:
    if not n:
        return none
    return plural(n, noun) if noun else str(n)


def changes_since(
    plan: PlanData, then: PlanStatus | ActionColours, now: PlanStatus
) -> ChangesSince:
    """What changed in the plan from `then` to `now`: plan_status at the earlier date (or only
    its colours, action_colours, which cost a third as much) and at the as-at date, for the
    same lead. Add the indicators' and the window's with `with_indicators` and `with_window`.

    `plan` gives the progress updates' words; the statuses give every colour, so the caller may
    pass statuses it already holds (the app's are cached) or fresh ones.
    """
    since, as_at = then.as_at, now.as_at
    if since > as_at:
        raise ValueError(f"the earlier date ({since}) is after the as-at date ({as_at})")
    if then.lead != now.lead:
        raise ValueError("both statuses must be for the same lead officer")
    joined = now.actions.merge(
        then.actions[["action_id", "rag", "state"]], on="action_id", suffixes=("", "_then")
    ).sort_values("urgent_rank")
    completed = joined[
        (joined["state"] == State.COMPLETE) & (joined["state_then"] != State.COMPLETE)
    ]
    return ChangesSince(
        since=since,
        as_at=as_at,
        lead=now.lead,
        colour_changes=_action_changes(joined[joined["rag"] != joined["rag_then"]]),
        newly_overdue=_action_changes(
            joined[(joined["state"] == State.OVERDUE) & (joined["state_then"] != State.OVERDUE)]
        ),
        completed=_action_changes(completed.sort_values("completed", ascending=False)),
        updates=_updates(plan, now.actions, since, as_at),
    )


_CHANGE_COLUMNS = ["action_id", "ref", "action", "service_leads", "due", "completed"]
_CHANGE_COLUMNS += ["days_overdue", "rag_then", "rag", "reason"]


def _action_changes(rows: pd.DataFrame) -> tuple[ActionChange, ...]:
    # Column by column (tolist): iterating a frame's text columns row by row is several times
    # slower, and a 10,000-action plan can change hundreds of colours in a week.
    columns = [rows[c].tolist() for c in _CHANGE_COLUMNS]
    return tuple(
        ActionChange(
            int(i), ref, text, leads, _known(due), _known(done), _whole(days), was, now, why
        )
        for i, ref, text, leads, due, done, days, was, now, why in zip(*columns, strict=True)
    )


def _known(value):
    """None for a missing value (pandas may give None, NaT or NA)."""
    return None if pd.isna(value) else value


def _whole(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _updates(
    plan: PlanData, actions: pd.DataFrame, since: date, as_at: date
) -> tuple[ProgressNote, ...]:
    """The progress updates dated after `since`, up to and including `as_at`, of the actions
    shown (a lead's own, when the view is for one lead)."""
    ids = actions["action_id"].tolist()
    shown = dict(
        zip(ids, zip(actions["ref"].tolist(), actions["action"].tolist(), strict=True), strict=True)
    )
    # Each action's updates are held oldest first: read back from the newest to `since`, no
    # further, as a long-running plan holds years of them.
    notes = [
        ProgressNote(a.id, *shown[a.id], u.recorded_on, u.author, u.text, u.status)
        for a in plan.actions
        if a.id in shown
        for u in takewhile(lambda u: u.recorded_on > since, reversed(a.updates))
        if u.recorded_on <= as_at
    ]
    return tuple(sorted(notes, key=lambda n: (n.recorded_on, n.action_id), reverse=True))


def _seen(position: KpiPosition) -> tuple:
    """What a reader sees change: the colour, last year's move and the longer trend."""
    travel = position.travel
    return (position.rag.colour, travel.last_year.trend, travel.longer.trend)


def _indicator_changes(then: KpiStatus | None, now: KpiStatus) -> tuple[IndicatorChange, ...]:
    earlier: dict[str, KpiPosition] = {p.indicator.id: p for p in then.positions} if then else {}
    changes = []
    for p in now.positions:
        was = earlier.get(p.indicator.id)
        if was and _seen(was) == _seen(p):
            continue
        changes.append(
            IndicatorChange(
                indicator=p.indicator.id,
                name=p.indicator.name,
                period_then=was.period if was else None,
                period_now=p.period,
                rag_then=was.rag if was else None,
                rag_now=p.rag,
                direction_then=was.travel if was else None,
                direction_now=p.travel,
            )
        )
    return tuple(changes)
