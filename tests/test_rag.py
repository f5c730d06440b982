"""The BRAG rules, case by case, at their boundaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from readiness.palette import Rag
from readiness.plan.rag import DueInForce, State, due_in_force, rag_for_action, roll_up
from readiness.plan.records import ActionRecord, UpdateRecord
from readiness.settings import RagSettings

AS_AT = date(2026, 3, 16)
RULES = RagSettings()  # due soon 14 days, stale 42 days, worst case, data gaps amber


def day(offset: int) -> date:
    return AS_AT + timedelta(days=offset)


def action(
    due: int | None = 60,
    start: int | None = -30,
    completed: int | None = None,
    updates: tuple[int, ...] = (-5,),
    status: str = "in_progress",
    evidence: str | None = None,
    due_text: str | None = None,
) -> ActionRecord:
    """An action described by day offsets from AS_AT."""
    return ActionRecord(
        id=1,
        theme_id=1,
        text="Review the plans.",
        position=0,
        version=1,
        retired_on=None,
        service_leads=("A Lead",),
        other_leads=(),
        start=None if start is None else day(start),
        due=None if due is None else day(due),
        completed=None if completed is None else day(completed),
        status=status,
        evidence=evidence,
        due_text=due_text,
        updates=tuple(UpdateRecord(day(u), "Progress.", "A Lead", status) for u in updates),
    )


@pytest.mark.parametrize(
    ("facts", "rag", "state", "reason"),
    [
        # Due dates around the as-at date.
        (action(due=0), Rag.AMBER, State.DUE_SOON, "Amber: due 16 Mar 2026, today"),
        (action(due=-1), Rag.RED, State.OVERDUE, "Red: due 15 Mar 2026, 1 day overdue"),
        (action(due=-32), Rag.RED, State.OVERDUE, "Red: due 12 Feb 2026, 32 days overdue"),
        (action(due=14), Rag.AMBER, State.DUE_SOON, "Amber: due 30 Mar 2026, in 14 days"),
        (action(due=15), Rag.GREEN, State.ON_TRACK, "Green: on track; due 31 Mar 2026 (in 15"),
        # Completion: late or early, it is complete (Blue), and the reason says which.
        (
            action(due=-10, completed=-3),
            Rag.BLUE,
            State.COMPLETE,
            "Blue: completed 13 Mar 2026, 7 days after its due date",
        ),
        (
            action(due=10, completed=-3),
            Rag.BLUE,
            State.COMPLETE,
            "Blue: completed 13 Mar 2026, on time",
        ),
        # Completed after the as-at date: on the as-at date it was still open, and overdue.
        (action(due=-5, completed=3), Rag.RED, State.OVERDUE, "Red: due 11 Mar 2026, 5 days"),
        # Marked complete without a date: trusted, and said so.
        (
            action(status="complete", updates=()),
            Rag.BLUE,
            State.COMPLETE,
            "Blue: marked complete (no completion date recorded)",
        ),
        # No due date is a data problem, never green.
        (
            action(due=None),
            Rag.AMBER,
            State.NO_DUE_DATE,
            "Amber: no due date set; the plan owner should add one",
        ),
        (
            action(due=None, due_text="at the end of April"),
            Rag.AMBER,
            State.NO_DUE_DATE,
            'the plan says "at the end of April"',
        ),
        # Overdue beats undated-ness and staleness; due soon beats stale.
        (action(due=-1, updates=(-90,)), Rag.RED, State.OVERDUE, "1 day overdue"),
        (action(due=3, updates=(-90,)), Rag.AMBER, State.DUE_SOON, "in 3 days"),
        # Stale: 42 days without an update is stale, 41 is not.
        (
            action(updates=(-42,)),
            Rag.AMBER,
            State.STALE,
            "Amber: no progress update for 42 days (last 2 Feb 2026)",
        ),
        (action(updates=(-41,)), Rag.GREEN, State.ON_TRACK, "last update 3 Feb 2026"),
        # No updates ever: stale counts from the start date.
        (
            action(start=-61, updates=()),
            Rag.AMBER,
            State.STALE,
            "Amber: no progress update since it started on 14 Jan 2026 (61 days)",
        ),
        (action(start=-20, updates=()), Rag.GREEN, State.ON_TRACK, "Green: on track"),
        # Not started and not yet due is grey; a future start says when.
        (
            action(start=10, updates=(), status="not_started"),
            Rag.GREY,
            State.NOT_STARTED,
            "Grey: starts 26 Mar 2026, due 15 May 2026 (in 60 days)",
        ),
        (
            action(start=None, updates=(), status="not_started"),
            Rag.GREY,
            State.NOT_STARTED,
            "Grey: not started yet, due 15 May 2026",
        ),
        # Not started but due: the due date rules win.
        (action(due=-2, updates=(), status="not_started"), Rag.RED, State.OVERDUE, "2 days"),
        # Updates after the as-at date are not known on the as-at date.
        (action(updates=(-50, 5)), Rag.AMBER, State.STALE, "no progress update for 50 days"),
    ],
)
def test_rag_for_action(facts, rag, state, reason):
    result = rag_for_action(facts, AS_AT, RULES)
    assert (result.rag, result.state) == (rag, state)
    assert reason in result.reason
    assert result.reason.startswith(rag.word + ":")


@pytest.mark.parametrize(
    ("rules", "facts", "rag", "reason"),
    [
        (
            replace(RULES, blue_requires_evidence=True),
            action(completed=-1, evidence=None),
            Rag.GREEN,
            "awaiting evidence of impact",
        ),
        (
            replace(RULES, blue_requires_evidence=True),
            action(completed=-1, evidence="Audit shows better plans"),
            Rag.BLUE,
            "completed",
        ),
        (replace(RULES, data_gap_rag="red"), action(due=None), Rag.RED, "no due date"),
        (replace(RULES, due_soon_days=7), action(due=8), Rag.GREEN, "on track"),
        (replace(RULES, stale_days=30), action(updates=(-30,)), Rag.AMBER, "30 days"),
    ],
)
def test_settings_change_the_rule(rules, facts, rag, reason):
    result = rag_for_action(facts, AS_AT, rules)
    assert result.rag == rag
    assert reason in result.reason


def rags(*colours: str):
    """Action results of the given colours (state chosen to match)."""
    state = {
        "blue": action(completed=-1),
        "green": action(),
        "amber": action(due=5),
        "red": action(due=-5),
        "grey": action(start=5, updates=(), status="not_started"),
    }
    return [rag_for_action(state[c], AS_AT, RULES) for c in colours]


WORST = RULES
PROPORTION = replace(RULES, rollup="proportion")


@pytest.mark.parametrize(
    ("rules", "colours", "empty_themes", "rag", "reason"),
    [
        (WORST, ["green", "red", "blue"], 0, Rag.RED, "Red: 1 of 3 actions red (worst case rule)"),
        (WORST, ["green", "amber", "blue"], 0, Rag.AMBER, "Amber: 1 of 3 actions amber, none red"),
        (WORST, ["green", "blue"], 0, Rag.GREEN, "none red or amber"),
        (WORST, ["blue", "blue"], 0, Rag.BLUE, "Blue: all 2 actions complete"),
        (WORST, ["grey", "grey"], 0, Rag.GREY, "Grey: no action started yet"),
        (WORST, ["grey", "blue"], 0, Rag.GREEN, "1 of 2 actions complete, the rest not started"),
        # A theme with no actions is a gap in the plan, never green.
        (WORST, [], 1, Rag.AMBER, "Amber: no actions recorded; 1 theme with no actions"),
        (WORST, ["blue"], 1, Rag.AMBER, "1 theme with no actions"),
        # Proportion-based: green needs 75% fine and no red; red from 25% red.
        (PROPORTION, ["green"] * 3 + ["amber"], 0, Rag.GREEN, "3 of 4 actions"),
        (PROPORTION, ["green"] * 2 + ["amber"] * 2, 0, Rag.AMBER, "green needs 75%"),
        (PROPORTION, ["green"] * 7 + ["red"], 0, Rag.AMBER, "none red"),
        (PROPORTION, ["green"] * 3 + ["red"], 0, Rag.RED, "1 of 4 actions red (25%"),
        (PROPORTION, ["blue"] * 4, 0, Rag.BLUE, "all 4 actions complete"),
        (PROPORTION, ["grey"] * 2, 0, Rag.GREY, "no action started yet"),
    ],
)
def test_roll_up(rules, colours, empty_themes, rag, reason):
    result = roll_up(rags(*colours), rules, empty_themes=empty_themes)
    assert result.rag == rag
    assert reason in result.reason


def test_only_open_actions_have_days_overdue():
    assert rag_for_action(action(due=-10), AS_AT, RULES).days_overdue == 10
    assert rag_for_action(action(due=-10, completed=-3), AS_AT, RULES).days_overdue is None
    assert rag_for_action(action(due=3), AS_AT, RULES).days_overdue is None


def test_roll_up_counts_and_percent_complete():
    result = roll_up(rags("blue", "blue", "red", "amber", "green"), RULES)
    assert result.actions == 5
    assert result.pct_complete == 40
    assert result.counts[State.COMPLETE] == 2
    assert result.counts[State.OVERDUE] == 1
    assert sum(result.counts.values()) == result.actions


def test_every_colour_has_a_word_and_a_distinct_symbol():
    assert len({rag.symbol for rag in Rag}) == len(Rag)
    assert all(rag.label.endswith(rag.word) for rag in Rag)


def revised(facts: ActionRecord, *revisions: tuple[int, int | None]) -> ActionRecord:
    """The action with revisions of its due date, each (recorded on, revised to) in day
    offsets from AS_AT, recorded in that order after its other updates."""
    notes = tuple(
        UpdateRecord(day(on), f"Back on track by day {to}.", "A Lead", facts.status, day(to))
        for on, to in revisions
    )
    return replace(facts, updates=tuple(sorted(facts.updates + notes, key=lambda u: u.recorded_on)))


@pytest.mark.parametrize(
    ("facts", "rag", "state", "reason"),
    [
        # A revision recorded on the as-at day counts: the revised date is the one judged.
        (
            revised(action(due=-10), (0, 30)),
            Rag.GREEN,
            State.ON_TRACK,
            "Green: on track; due 15 Apr 2026 (revised from 6 Mar 2026 on 16 Mar 2026), in 30 "
            "days, last update 16 Mar 2026",
        ),
        # Recorded the day after, it is not known yet: the plan's date, overdue.
        (
            revised(action(due=-10), (1, 30)),
            Rag.RED,
            State.OVERDUE,
            "Red: due 6 Mar 2026, 10 days overdue",
        ),
        # Two revisions: the later wins, and the plan's date is the one named.
        (
            revised(action(due=-10), (-20, 5), (-2, 12)),
            Rag.AMBER,
            State.DUE_SOON,
            "Amber: due 28 Mar 2026 (revised from 6 Mar 2026 on 14 Mar 2026), in 12 days",
        ),
        # Two on one day: the one recorded last wins.
        (
            revised(action(due=-10), (-2, 40), (-2, 12)),
            Rag.AMBER,
            State.DUE_SOON,
            "due 28 Mar 2026 (revised from 6 Mar 2026 on 14 Mar 2026), in 12 days",
        ),
        # A revision to a date already past is overdue from that date.
        (
            revised(action(due=-30), (-20, -3)),
            Rag.RED,
            State.OVERDUE,
            "Red: due 13 Mar 2026 (revised from 14 Feb 2026 on 24 Feb 2026), 3 days overdue",
        ),
        # Complete stays Blue, late or not by the revised date, which it names.
        (
            revised(action(due=-30, completed=-3), (-20, -5)),
            Rag.BLUE,
            State.COMPLETE,
            "Blue: completed 13 Mar 2026, 2 days after its due date (11 Mar 2026, revised from "
            "14 Feb 2026 on 24 Feb 2026)",
        ),
        (
            revised(action(due=-30, completed=-3), (-20, 10)),
            Rag.BLUE,
            State.COMPLETE,
            "Blue: completed 13 Mar 2026, on time (26 Mar 2026, revised from 14 Feb 2026",
        ),
        # Not started, with a revised date: Grey, and the count follows the revision's bracket.
        (
            revised(action(due=10, start=5, updates=(), status="not_started"), (-1, 50)),
            Rag.GREY,
            State.NOT_STARTED,
            "Grey: starts 21 Mar 2026, due 5 May 2026 (revised from 26 Mar 2026 on 15 Mar 2026), "
            "in 50 days",
        ),
        # An undated action given a date by a revision is judged by it, never as a data gap.
        (
            revised(action(due=None), (-1, 3)),
            Rag.AMBER,
            State.DUE_SOON,
            "Amber: due 19 Mar 2026 (set on 15 Mar 2026; the plan gave none), in 3 days",
        ),
    ],
)
def test_a_revised_due_date_is_judged_from_the_day_it_is_recorded(facts, rag, state, reason):
    result = rag_for_action(facts, AS_AT, RULES)
    assert (result.rag, result.state) == (rag, state)
    assert reason in result.reason
    assert result.reason.startswith(rag.word + ":")


def test_the_due_date_in_force_keeps_the_plans_date_and_the_note():
    facts = revised(action(due=-10), (-20, 5), (-2, 12))
    assert due_in_force(facts, AS_AT) == DueInForce(
        day(12), day(-10), day(-2), "Back on track by day 12."
    )
    assert due_in_force(facts, day(-3)).day == day(5)  # before the second revision
    assert due_in_force(facts, day(-21)) == DueInForce(day(-10))  # before either
    assert facts.due == day(-10)  # the plan's own date is never changed
