"""The indicators councils report to their boards, each defined once: what it measures, its unit,
which way is better, the Ofsted judgement area it bears on, and where DfE publishes it.

The help and protection indicators are here, the rest in indicators_care_workforce.py, the
types they are made of in indicator_types.py; INDICATORS is all of them, in the order the KPIs
page shows them.

Polarity is DfE's, from the LAIT data dictionary's `Polarity` column (High: higher is better;
Low: lower is better; "-": context only, neither good nor bad by itself);
tests/test_kpi_more_indicators.py checks each against the dictionary file. Names and definitions
follow DfE's statistical releases (children in need census, children looked after SSDA903,
children's social work workforce census); ../shared/domain.md §3.2 lists them with England's
figures.

Each indicator names its sources: `lait` is the measure key (`Short Desc`) in DfE's LAIT data set;
`ees` the explore-education-statistics file, the column holding the value and, for the long
"breakdown" files, the filter that picks the row. The year a value belongs to ends on 31 March
(census and SSDA903 years) or 30 September (the workforce census), `year_end`.

A council's own local indicators come from its KPI tables (readiness.kpi.own_tables) and are
stored with its figures; targets are set on the Data page, with `kpi-target`, or in those tables.
"""

from __future__ import annotations

import re

from readiness.kpi.indicator_types import (
    CIN,
    MARCH,
    POLARITY_LABELS,
    SEPTEMBER,
    UNIT_LABELS,
    EesSource,
    Indicator,
    Polarity,
    Unit,
)
from readiness.kpi.indicators_care_workforce import CARE_AND_WORKFORCE
from readiness.text import squash

# The rest of the code imports the definitions' types from here too: one place to look them up.
__all__ = [
    "BY_ID",
    "BY_LAIT",
    "BY_WORDS",
    "INDICATORS",
    "INDICATOR_FIX",
    "MARCH",
    "POLARITY_LABELS",
    "SEPTEMBER",
    "UNIT_LABELS",
    "UNKNOWN_INDICATOR",
    "EesSource",
    "Indicator",
    "Polarity",
    "Unit",
    "indicators_named",
]

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "rereferrals",
        "Re-referrals within 12 months",
        "percent",
        "low",
        "help_protection",
        "Referrals in the year that came within 12 months of a previous referral, as a "
        "percentage of all referrals.",
        CIN,
        lait="ReReferral",
        ees=EesSource(
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025",
            "rereferral_percent",
            numerator="rereferral_count",
            denominator="referral_count",
        ),
        aliases=("Re-referrals", "Rereferral rate", "Re-referral rate"),
    ),
    Indicator(
        "referral_rate",
        "Referral rate",
        "rate",
        "context",
        "help_protection",
        "Referrals to children's social care in the year per 10,000 children aged under 18.",
        CIN,
        lait="CPP_Total_Rateper10,000",
        aliases=("Referrals per 10,000", "Rate of referrals"),
    ),
    Indicator(
        "assessments_45_days",
        "Assessments completed within 45 working days",
        "percent",
        "high",
        "help_protection",
        "Continuous assessments completed in the year that were authorised within 45 working "
        "days of the referral.",
        CIN,
        lait="Continue_Assess_Comp",
        aliases=("Assessments within 45 days", "Assessment timeliness"),
    ),
    Indicator(
        "s47_rate",
        "Section 47 enquiry rate",
        "rate",
        "context",
        "help_protection",
        "Section 47 enquiries started in the year per 10,000 children aged under 18.",
        CIN,
        lait="Section_47",
        aliases=("Section 47 rate", "S47 rate", "Section 47 enquiries per 10,000"),
    ),
    Indicator(
        "icpc_15_days",
        "Initial child protection conferences within 15 working days",
        "percent",
        "high",
        "help_protection",
        "Initial child protection conferences in the year held within 15 working days of the "
        "strategy discussion that started the section 47 enquiry, as a percentage of all "
        "initial conferences.",
        CIN,
        lait="CP_conf_15days",
        aliases=("ICPCs within 15 days", "ICPC timeliness", "Initial conferences within 15 days"),
    ),
    Indicator(
        "repeat_cp_plans",
        "Second or subsequent child protection plans",
        "percent",
        "low",
        "help_protection",
        "Children who became the subject of a child protection plan in the year who had been "
        "the subject of a plan before, as a percentage of all who started one.",
        CIN,
        lait="PrevRegCPR",
        ees=EesSource(
            "d3_cpps_subsequent_plan_2013_to_2025",
            "CPP_subsequent_percent",
            numerator="CPP_subsequent",
            denominator="CPP_start",
        ),
        aliases=("Repeat CP plans", "Repeat child protection plans"),
    ),
    Indicator(
        "cpp_rate",
        "Child protection plan rate",
        "rate",
        "context",
        "help_protection",
        "Children who were the subject of a child protection plan at 31 March per 10,000 "
        "children aged under 18.",
        CIN,
        lait="CPP_rate",
        aliases=("CP plan rate", "CPP rate", "Child protection plans per 10,000"),
    ),
    Indicator(
        "cp_plans_2_years",
        "Child protection plans lasting 2 years or more",
        "percent",
        "low",
        "help_protection",
        "Child protection plans open at 31 March that had lasted 2 years or more, as a "
        "percentage of all open plans.",
        CIN,
        lait="CPPlans2yrsActive",
        ees=EesSource(
            "d5_cpps_at31march_by_duration_2013_to_2025",
            "2_years_or_more_percent",
            numerator="2_years_or_more",
            denominator="CPP_At31",
        ),
        aliases=("CP plans 2 years or more", "CP plans lasting 2+ years"),
    ),
    Indicator(
        "cp_plans_ended_2_years",
        "Child protection plans ending after 2 years or more",
        "percent",
        "low",
        "help_protection",
        "Child protection plans that ended in the year having lasted 2 years or more, as a "
        "percentage of all plans that ended.",
        CIN,
        lait="CPPlans2yrs",
        aliases=("CP plans ending after 2+ years", "CP plans ceasing after 2 years or more"),
    ),
    Indicator(
        "cin_rate",
        "Children in need rate",
        "rate",
        "context",
        "help_protection",
        "Children in need at 31 March per 10,000 children aged under 18.",
        CIN,
        lait="CIN",
        aliases=("CIN rate", "Children in need per 10,000"),
    ),
    *CARE_AND_WORKFORCE,
)

BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
BY_LAIT: dict[str, Indicator] = {i.lait: i for i in INDICATORS if i.lait}


BY_WORDS: dict[str, Indicator] = {
    squash(name): i for i in INDICATORS for name in (i.id, i.name, *i.aliases)
}


def indicators_named(cell: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(indicator ids, names not known) of a cell naming indicators, separated by commas,
    semicolons or new lines; a name is matched to an id, name or alias ignoring case and
    punctuation. A name may hold commas itself ("... in education, employment or training"):
    the longest run of comma-separated pieces that names an indicator is taken first."""
    found: list[str] = []
    unknown: list[str] = []
    for part in filter(None, (t.strip() for t in re.split(r"[;\n]", cell))):
        pieces = [p.strip() for p in part.split(",")]
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                indicator = BY_WORDS.get(squash(", ".join(pieces[start:end])))
                if indicator is not None:
                    if indicator.id not in found:
                        found.append(indicator.id)
                    start = end
                    break
            else:
                if pieces[start]:
                    unknown.append(pieces[start])
                start += 1
    return tuple(found), tuple(unknown)


UNKNOWN_INDICATOR = "is not one of the indicators, so this action is not linked to it."
INDICATOR_FIX = "Name it as the KPIs page does: " + ", ".join(i.name for i in INDICATORS) + "."
