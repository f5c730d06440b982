"""BRAG rules: the colour of one action at an as-at date, and how colours roll up.

Action rule (settings in `[rag]` of config.toml; conventions from domain.md §4.3), first match wins:
  Blue   complete on or before the as-at date;
  Red    past its due date and not complete (overdue);
  Amber  due within `due_soon_days` (due today included);
  Amber  no due date: a data problem for the plan owner, never silently green (`data_gap_rag`);
  Grey   not started and not yet due;
  Amber  no progress update for `stale_days` or more (stale);
  Green  on track.
A lead's proposed completion awaiting sign-off is still open: judged by the rules after Blue, its
reason saying so (readiness.access.signoff).
Every result carries the rule that fired, in words, so the board can see *why*.

The due date these rules use on the as-at date is the due date in force (`due_in_force`): the
latest revision recorded on or before the as-at date, else the plan's own due date. A revision is
a progress update carrying a revised due date and a recovery note ("back on track by 30 Jun
2027"), as directors asked of an overdue action; the plan's date is never overwritten, and the
reason names both: "Red: due 30 Jun 2027 (revised from 31 Mar 2027 on 2 Dec 2026), 3 days
overdue". Looking back to a date before the revision, the plan's date applies, as it did then.
Source: directors' request for an overdue action's "back on track by X" (issue 19); Green means
"within timescale" and Red "off track or overdue" (domain.md §4.3), so a revised timescale is
the one judged, and said, never hidden: the board sees both dates and when it moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from readiness.palette import SEVERITY, Rag
from readiness.plan.proposals import pending_proposal, pending_words
from readiness.plan.records import ActionRecord
from readiness.settings import RagSettings
from readiness.text import format_date
from readiness.vocabulary import COMPLETE, IN_PROGRESS, NOT_STARTED


class State(StrEnum):
    """Why an action has its colour; exactly one per action, so counts add up."""

    COMPLETE = "complete"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NO_DUE_DATE = "no_due_date"
    NOT_STARTED = "not_started"
    STALE = "stale"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# Most urgent first: the order of "My actions" and of the counts everywhere.
URGENCY = (
    State.OVERDUE,
    State.DUE_SOON,
    State.STALE,
    State.NO_DUE_DATE,
    State.ON_TRACK,
    State.NOT_STARTED,
    State.COMPLETE,
)


@dataclass(frozen=True)
class DueInForce:
    """The due date the rules use on a date, and where it came from."""

    day: date | None
    original: date | None = None  # the plan's due date, when a revision is in force
    revised_on: date | None = None  # the day the revision in force was recorded
    note: str | None = None  # its recovery note

    @property
    def revised(self) -> bool:
        return self.revised_on is not None

    @property
    def how(self) -> str:
        """Where a revised date came from: 'revised from 31 Mar 2027 on 2 Dec 2026'."""
        if self.original is None:
            return f"set on {format_date(self.revised_on)}; the plan gave none"
        return f"revised from {format_date(self.original)} on {format_date(self.revised_on)}"

    @property
    def words(self) -> str:
        """'due 30 Jun 2027', or 'due 30 Jun 2027 (revised from 31 Mar 2027 on 2 Dec 2026)'."""
        day = f"due {format_date(self.day)}"
        return f"{day} ({self.how})" if self.revised else day

    def in_days(self, days: int) -> str:
        """'(in 40 days)' after the due date; after a revision's bracket, ', in 40 days'."""
        return f", in {_days(days)}" if self.revised else f" (in {_days(days)})"


def due_in_force(action: ActionRecord, as_at: date) -> DueInForce:
    """The latest revision of the due date recorded on or before `as_at`, else the plan's date."""
    revision = action.revision_at(as_at)
    if revision is None:
        return DueInForce(action.due)
    return DueInForce(revision.revised_due, action.due, revision.recorded_on, revision.text)


@dataclass(frozen=True)
class ActionRag:
    rag: Rag
    state: State
    reason: str
    status: str  # the action's status at the as-at date
    last_update: date | None
    days_overdue: int | None
    days_to_due: int | None
    days_since_update: int | None
    due: DueInForce


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def status_at(action: ActionRecord, as_at: date) -> str:
    """The action's status on `as_at`: its latest update by then, else what its dates imply."""
    if action.completed and action.completed <= as_at:
        return COMPLETE
    known = [u for u in action.updates if u.recorded_on <= as_at]
    if known:
        latest = max(known, key=lambda u: u.recorded_on).status
        # A completion recorded without a date we can place is trusted only up to `completed`.
        return IN_PROGRESS if latest == COMPLETE and action.completed else latest
    if action.start and action.start > as_at:
        return NOT_STARTED
    if action.status == COMPLETE and action.completed:
        return IN_PROGRESS
    return action.status


def rag_for_action(action: ActionRecord, as_at: date, rules: RagSettings) -> ActionRag:
    """The BRAG colour of one action on `as_at`, with the rule that fired in words."""
    status = status_at(action, as_at)
    updates = [u.recorded_on for u in action.updates if u.recorded_on <= as_at]
    last_update = max(updates) if updates else None
    due = due_in_force(action, as_at)
    days_to_due = (due.day - as_at).days if due.day else None
    # A completed action is never overdue, however late it was finished.
    late = status != COMPLETE and days_to_due is not None and days_to_due < 0
    days_overdue = -days_to_due if late else None
    since = last_update or (action.start if action.start and action.start <= as_at else None)
    days_since = (as_at - since).days if since else None
    due_words = due.words
    proposal = pending_proposal(action, as_at) if status != COMPLETE else None

    def result(rag: Rag, state: State, why: str) -> ActionRag:
        if proposal:  # still open, so judged as open; the reason says what it waits for
            why += f"; {pending_words(proposal)}"
        return ActionRag(
            rag,
            state,
            f"{rag.word}: {why}",
            status,
            last_update,
            days_overdue,
            days_to_due,
            days_since,
            due,
        )

    if status == COMPLETE:
        if action.completed:
            why = f"completed {format_date(action.completed)}"
            if due.day:
                late = (action.completed - due.day).days
                why += f", {_days(late)} after its due date" if late > 0 else ", on time"
                if due.revised:
                    why += f" ({format_date(due.day)}, {due.how})"
        else:
            why = "marked complete (no completion date recorded)"
        if rules.blue_requires_evidence and not (action.evidence or "").strip():
            return result(Rag.GREEN, State.COMPLETE, why + "; awaiting evidence of impact")
        return result(Rag.BLUE, State.COMPLETE, why)
    if days_overdue is not None:
        return result(Rag.RED, State.OVERDUE, f"{due_words}, {_days(days_overdue)} overdue")
    if days_to_due is not None and days_to_due <= rules.due_soon_days:
        when = "today" if days_to_due == 0 else f"in {_days(days_to_due)}"
        return result(Rag.AMBER, State.DUE_SOON, f"{due_words}, {when}")
    if due.day is None:
        why = "no due date set; the plan owner should add one"
        if action.due_text:
            why += f' (the plan says "{action.due_text}")'
        return result(Rag(rules.data_gap_rag), State.NO_DUE_DATE, why)
    if status == NOT_STARTED:
        starts = (
            f"starts {format_date(action.start)}, "
            if action.start and action.start > as_at
            else "not started yet, "
        )
        return result(Rag.GREY, State.NOT_STARTED, f"{starts}{due_words}{due.in_days(days_to_due)}")
    if days_since is not None and days_since >= rules.stale_days:
        if last_update:
            why = f"no progress update for {_days(days_since)} (last {format_date(last_update)})"
        else:
            why = (
                f"no progress update since it started on {format_date(action.start)} "
                f"({_days(days_since)})"
            )
        return result(Rag.AMBER, State.STALE, why)
    why = f"on track; {due_words}{due.in_days(days_to_due)}"
    if last_update:
        why += f", last update {format_date(last_update)}"
    return result(Rag.GREEN, State.ON_TRACK, why)


@dataclass(frozen=True)
class Rollup:
    rag: Rag
    reason: str
    actions: int
    complete: int
    counts: dict[State, int]

    @property
    def pct_complete(self) -> float | None:
        return round(100 * self.complete / self.actions) if self.actions else None


def _share(n: int, total: int) -> str:
    return f"{n} of {total} actions"


def roll_up(actions: Sequence[ActionRag], rules: RagSettings, empty_themes: int = 0) -> Rollup:
    """Combine action colours into one, by the configured rule, with the reason in words.

    A theme with no actions counts as one data gap (coloured `data_gap_rag`), because a gap in
    the plan must show, never pass as green.
    """
    colours = Counter(a.rag for a in actions)
    states = Counter(a.state for a in actions)
    counts = {state: states.get(state, 0) for state in URGENCY}
    total = len(actions)
    complete = counts[State.COMPLETE]
    gap = Rag(rules.data_gap_rag)
    gap_note = (
        f"; {empty_themes} theme{'s' if empty_themes != 1 else ''} with no actions"
        if empty_themes
        else ""
    )
    if empty_themes:
        colours[gap] += empty_themes

    def result(rag: Rag, why: str) -> Rollup:
        return Rollup(rag, f"{rag.word}: {why}{gap_note}", total, complete, counts)

    if not total:
        return result(gap, "no actions recorded")
    if rules.rollup == "proportion":
        return _proportion(colours, total, rules, result)
    return _worst_case(colours, total, result)


def _worst_case(colours: Counter, total: int, result) -> Rollup:
    worst = max(colours, key=SEVERITY.__getitem__)
    if worst == Rag.RED:
        return result(Rag.RED, f"{_share(colours[Rag.RED], total)} red (worst case rule)")
    if worst == Rag.AMBER:
        return result(Rag.AMBER, f"{_share(colours[Rag.AMBER], total)} amber, none red")
    if worst == Rag.GREEN:
        return result(Rag.GREEN, f"none red or amber; {_share(colours[Rag.BLUE], total)} complete")
    if worst == Rag.GREY and colours[Rag.BLUE]:
        return result(
            Rag.GREEN, f"{_share(colours[Rag.BLUE], total)} complete, the rest not started yet"
        )
    if worst == Rag.GREY:
        return result(Rag.GREY, "no action started yet")
    return result(Rag.BLUE, f"all {total} actions complete")


def _proportion(colours: Counter, total: int, rules: RagSettings, result) -> Rollup:
    items = sum(colours.values())
    red = colours[Rag.RED]
    fine = colours[Rag.BLUE] + colours[Rag.GREEN] + colours[Rag.GREY]
    if colours[Rag.BLUE] == items:
        return result(Rag.BLUE, f"all {total} actions complete")
    if colours[Rag.GREY] + colours[Rag.BLUE] == items and not colours[Rag.BLUE]:
        return result(Rag.GREY, "no action started yet")
    if red / items >= rules.proportion_red_share:
        return result(
            Rag.RED,
            f"{_share(red, total)} red ({red / items:.0%}; red from "
            f"{rules.proportion_red_share:.0%})",
        )
    if not red and fine / items >= rules.proportion_green_share:
        return result(
            Rag.GREEN,
            f"{_share(fine, total)} complete, on track or not yet due ({fine / items:.0%}), "
            "none red",
        )
    return result(
        Rag.AMBER,
        f"{_share(fine, total)} complete, on track or not yet due ({fine / items:.0%}; green "
        f"needs {rules.proportion_green_share:.0%} and none red)",
    )
