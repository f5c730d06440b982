"""Which kind of full inspection comes next, from the last one's grades.

Until March 2026 the previous overall grade decides (domain.md §1.3): good or outstanding, a
one-week short inspection; requires improvement, a two-week standard one; inadequate, monitoring
visits and then a standard re-inspection. From April 2026 reports give no overall grade, and no
published rule says what decides the next type; a secondary source (the JT-39 scraper's README,
citing Ofsted's April 2026 summary of changes, domain.md §1.3) ties a short inspection to
leaders being good or better and at least two of the three practice judgements good or better.
That rule is a setting (`[inspection] no_overall_grade_rule`), dated and sourced, not code.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS, SHORT, STANDARD, Inspection

GOOD_OR_BETTER = ("outstanding", "good")
PRACTICE = ("help_protection", "children_in_care", "care_leavers")
# The [inspection] no_overall_grade_rule settings and what each does.
NO_OVERALL_RULES = {
    "leaders_and_two": "short if leaders and at least two of the three practice judgements are "
    "good or outstanding, else standard",
    "standard": "always standard",
    "short": "always short",
}
NO_OVERALL_SOURCE = (
    "JT-39/ofsted-ilacs-scrape-tool README (2026), citing Ofsted's April 2026 summary of "
    "framework changes; a secondary source, not yet confirmed (domain.md §1.3, §1.2a)"
)


@dataclass(frozen=True)
class NextType:
    kind: str  # SHORT or STANDARD
    monitoring_first: bool  # inadequate: monitoring visits come before the re-inspection
    why: str


def _grade(inspection: Inspection, area: str) -> str:
    return GRADE_LABELS[inspection.grades[area]].lower()


def next_type(last: Inspection, no_overall_rule: str = "leaders_and_two") -> NextType:
    """The kind of the next full inspection after `last`, and why, in words."""
    when = f"the last full inspection ({EVENT_KINDS[last.kind].lower()}"
    when += f", {last.start:%B %Y})" if last.start else ")"
    overall = last.grades.get("overall")
    if overall in GOOD_OR_BETTER:
        return NextType(SHORT, False, f"{when} found services {overall}: a short inspection next")
    if overall == "requires_improvement":
        why = f"{when} found services require improvement: a standard inspection next"
        return NextType(STANDARD, False, why)
    if overall == "inadequate":
        why = (
            f"{when} found services inadequate: quarterly monitoring visits, then a standard "
            "re-inspection when Ofsted judges progress enough"
        )
        return NextType(STANDARD, True, why)
    return _without_overall(last, when, no_overall_rule)


def _without_overall(last: Inspection, when: str, rule: str) -> NextType:
    if rule not in NO_OVERALL_RULES:
        raise ValueError(
            f"no_overall_grade_rule {rule!r} is not one of {', '.join(NO_OVERALL_RULES)}"
        )
    if rule != "leaders_and_two":
        kind = SHORT if rule == "short" else STANDARD
        return NextType(
            kind, False, f"{when} gave no overall grade; the setting says {NO_OVERALL_RULES[rule]}"
        )
    if "leaders" not in last.grades:
        return NextType(
            STANDARD,
            False,
            f"{when} has no grades recorded, so the type cannot be worked out: a standard "
            "inspection is assumed, the longer one to prepare for",
        )
    good = [a for a in PRACTICE if last.grades.get(a) in GOOD_OR_BETTER]
    leaders = last.grades["leaders"]
    kind = SHORT if leaders in GOOD_OR_BETTER and len(good) >= 2 else STANDARD
    good_words = ", ".join(AREA_SHORT_LABELS[a].lower() for a in good) or "none"
    why = (
        f"{when} gave no overall grade (from April 2026); leaders {_grade(last, 'leaders')}, "
        f"practice judgements good or better: {good_words}. Rule: {NO_OVERALL_RULES[rule]} "
        f"(source: {NO_OVERALL_SOURCE}), so a {kind} inspection next"
    )
    return NextType(kind, False, why)
