"""ILACS framework versions and the judgement areas each one grades.

Source: ../shared/domain.md §1.1-1.2. ILACS 2018-Dec 2022 grades overall effectiveness plus three
areas (children in care and care leavers together); Jan 2023-Mar 2026 adds a separate care
leavers judgement (five); from Apr 2026 there is no overall effectiveness grade (four).

Recommendations are tagged with the four *practice* area codes below, which every version can
place: under ILACS 2018 children in care and care leavers fold into one combined area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The tags a recommendation can carry, stable across framework versions.
AREA_CODES = ("leaders", "help_protection", "children_in_care", "care_leavers")
AREA_SHORT_LABELS = {
    "leaders": "Impact of leaders",
    "help_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "children_in_care_and_care_leavers": "Children in care and care leavers",
    "overall": "Overall effectiveness",
}
OVERALL = "overall"


@dataclass(frozen=True)
class JudgementArea:
    code: str
    title: str
    # Which recommendation tags (AREA_CODES) roll up into this area.
    covers: tuple[str, ...]

    @property
    def short_label(self) -> str:
        return AREA_SHORT_LABELS[self.code]


@dataclass(frozen=True)
class Framework:
    code: str
    name: str
    in_force_from: date
    has_overall_grade: bool
    areas: tuple[JudgementArea, ...]
    source: str


_LEADERS = JudgementArea(
    "leaders",
    "The impact of leaders on social work practice with children and families",
    ("leaders",),
)
_HELP = JudgementArea(
    "help_protection",
    "The experiences and progress of children who need help and protection",
    ("help_protection",),
)
_CIC = JudgementArea(
    "children_in_care", "The experiences and progress of children in care", ("children_in_care",)
)
_CL = JudgementArea(
    "care_leavers", "The experiences and progress of care leavers", ("care_leavers",)
)

FRAMEWORKS: tuple[Framework, ...] = (
    Framework(
        code="ilacs_2018",
        name="ILACS 2018 (overall effectiveness and three judgements)",
        in_force_from=date(2018, 1, 1),
        has_overall_grade=True,
        areas=(
            _LEADERS,
            _HELP,
            JudgementArea(
                "children_in_care_and_care_leavers",
                "The experiences and progress of children in care and care leavers",
                ("children_in_care", "care_leavers"),
            ),
        ),
        source="domain.md §1.2; ILACS from Jan 2018 (e.g. Leicestershire 2019 report)",
    ),
    Framework(
        code="ilacs_2023",
        name="ILACS Jan 2023 (overall effectiveness and four judgements)",
        in_force_from=date(2023, 1, 1),
        has_overall_grade=True,
        areas=(
            _LEADERS,
            _HELP,
            _CIC,
            _CL,
        ),
        source="domain.md §1.1-1.2; separate care leavers judgement from Jan 2023 (consultation "
        "outcome 2 Dec 2022)",
    ),
    Framework(
        code="ilacs_2026",
        name="ILACS Apr 2026 (four judgements, no overall grade)",
        in_force_from=date(2026, 4, 1),
        has_overall_grade=False,
        areas=(
            JudgementArea(
                "leaders",
                "The impact of leaders on practice with children and families",
                ("leaders",),
            ),
            _HELP,
            _CIC,
            _CL,
        ),
        source="domain.md §1.1-1.2; overall effectiveness removed from April 2026 (Ofsted, "
        "27 Nov 2025); North Northamptonshire report May 2026",
    ),
)


def framework_in_force(as_at: date, choice: str = "auto") -> Framework:
    """The framework whose judgement areas apply at `as_at` (or the one named by `choice`)."""
    if choice != "auto":
        for framework in FRAMEWORKS:
            if framework.code == choice:
                return framework
        raise ValueError(
            f"Unknown framework {choice!r}; use auto or one of "
            f"{', '.join(f.code for f in FRAMEWORKS)}."
        )
    in_force = [f for f in FRAMEWORKS if f.in_force_from <= as_at]
    # Before ILACS began the earliest version is the nearest fit; the plan still needs areas.
    return in_force[-1] if in_force else FRAMEWORKS[0]
