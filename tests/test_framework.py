"""Which judgement areas apply at a date (domain.md §1.1-1.2)."""

from datetime import date

import pytest

from readiness.framework import framework_in_force


@pytest.mark.parametrize(
    ("as_at", "code", "areas", "overall"),
    [
        (
            date(2019, 6, 1),
            "ilacs_2018",
            ["leaders", "help_protection", "children_in_care_and_care_leavers"],
            True,
        ),
        (
            date(2022, 12, 31),
            "ilacs_2018",
            ["leaders", "help_protection", "children_in_care_and_care_leavers"],
            True,
        ),
        (
            date(2023, 1, 1),
            "ilacs_2023",
            ["leaders", "help_protection", "children_in_care", "care_leavers"],
            True,
        ),
        (
            date(2026, 3, 31),
            "ilacs_2023",
            ["leaders", "help_protection", "children_in_care", "care_leavers"],
            True,
        ),
        (
            date(2026, 4, 1),
            "ilacs_2026",
            ["leaders", "help_protection", "children_in_care", "care_leavers"],
            False,
        ),
    ],
)
def test_framework_in_force(as_at, code, areas, overall):
    framework = framework_in_force(as_at)
    assert framework.code == code
    assert [a.code for a in framework.areas] == areas
    assert framework.has_overall_grade is overall


def test_leaders_title_drops_social_work_from_april_2026():
    before = framework_in_force(date(2026, 3, 31)).areas[0].title
    after = framework_in_force(date(2026, 4, 1)).areas[0].title
    assert "social work practice" in before
    assert "social work" not in after


def test_combined_area_covers_both_tags():
    combined = framework_in_force(date(2020, 1, 1)).areas[2]
    assert set(combined.covers) == {"children_in_care", "care_leavers"}


def test_framework_can_be_chosen_in_config():
    assert framework_in_force(date(2026, 11, 1), "ilacs_2018").code == "ilacs_2018"
    with pytest.raises(ValueError, match="Unknown framework"):
        framework_in_force(date(2026, 11, 1), "ilacs_1999")
