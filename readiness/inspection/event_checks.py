"""What makes a council's own inspection event impossible, in words: checked before one is
stored, whether it is entered on the Inspection page or read from a report.

An event ends and is published no earlier than its fieldwork starts; only full inspections are
graded; and a grade names a judgement of the ILACS framework in force on the first day of
fieldwork (readiness.framework: e.g. no separate care leavers judgement before January 2023, no
overall grade from April 2026).
"""

from __future__ import annotations

from readiness.framework import AREA_SHORT_LABELS, OVERALL, framework_in_force
from readiness.inspection.events import CYCLE_KINDS, EVENT_KINDS
from readiness.plan.input import EventInput
from readiness.text import format_date


def event_problems(event: EventInput) -> list[str]:
    """What stops the event being stored; empty if nothing."""
    problems = []
    start = event.fieldwork_start
    for day, words in ((event.fieldwork_end, "ended"), (event.published, "was published")):
        if day is not None and day < start:
            problems.append(
                f"It {words} on {format_date(day)}, before fieldwork started "
                f"({format_date(start)})."
            )
    if event.grades and event.event_type not in CYCLE_KINDS:
        problems.append(
            f"A {EVENT_KINDS[event.event_type].lower()} is not graded: set every grade to Not "
            "graded."
        )
    elif event.grades:
        framework = framework_in_force(start)
        judged = {a.code for a in framework.areas} | (
            {OVERALL} if framework.has_overall_grade else set()
        )
        problems += [
            f"{AREA_SHORT_LABELS[a]} is not a judgement of {framework.name}, in force on "
            f"{format_date(start)}: set it to Not graded."
            for a in event.grades
            if a not in judged
        ]
    return problems
