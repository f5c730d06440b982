"""The indicators councils report to their boards, each defined once: what it measures, its unit,
which way is better, the Ofsted judgement area it bears on, and where DfE publishes it.

Polarity is DfE's, from the LAIT data dictionary's `Polarity` column (High: higher is better;
Low: lower is better; "-": context only, neither good nor bad by itself);
tests/test_kpi_indicators.py checks each against the dictionary file. Names and definitions
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
from dataclasses import dataclass, field
from typing import Literal

from readiness.text import squash

Polarity = Literal["high", "low", "context"]
Unit = Literal["percent", "rate", "days", "count", "cases"]

UNIT_LABELS: dict[str, str] = {
    "percent": "%",
    "rate": "per 10,000 children",
    "days": "days",
    "count": "",  # a council's own count ("foster carers recruited"): the figure says it all
    "cases": "cases per social worker",
}
POLARITY_LABELS: dict[str, str] = {
    "high": "higher is better",
    "low": "lower is better",
    "context": "context: neither good nor bad by itself",
}
MARCH, SEPTEMBER = (3, 31), (9, 30)


@dataclass(frozen=True)
class EesSource:
    """Where an explore-education-statistics file holds the indicator."""

    file: str  # the file's name as DfE publishes it, without the ".csv"
    column: str  # the column holding the value
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) pairs that pick the row
    # A percentage's count, and what it is out of: a column of the same row (`denominator`), or
    # the `numerator` column of the row these filters pick instead (`total`: a breakdown file's
    # "Total" row). Both give the 95% interval (readiness.kpi.comparison.proportion_interval).
    numerator: str | None = None
    denominator: str | None = None
    total: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: Unit
    polarity: Polarity
    area: str  # a judgement-area code of readiness.framework
    definition: str
    source: str
    lait: str | None = None
    ees: EesSource | None = None
    year_end: tuple[int, int] = MARCH
    local: bool = False  # a council's own indicator, not a DfE one
    aliases: tuple[str, ...] = field(default=())  # other names councils' own tables use

    @property
    def unit_label(self) -> str:
        """The unit in words, for axis titles and headings ("number" for a plain count)."""
        return UNIT_LABELS[self.unit] or "number"


CIN = "DfE children in need census (table C1/D3/D5/B1), year to 31 March"
CLA = "DfE children looked after in England (SSDA903), year to 31 March"
CSWW = "DfE children's social work workforce census, at 30 September"

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
    Indicator(
        "cla_rate",
        "Children in care rate",
        "rate",
        "context",
        "children_in_care",
        "Children looked after at 31 March per 10,000 children aged under 18.",
        CLA,
        lait="LAC",
        ees=EesSource(
            "cla_number_and_rate_per_10k_children",
            "rate_per_10000",
            (("population_type", "Children looked after on 31 March each year"),),
        ),
        aliases=("CLA rate", "Children looked after rate", "Looked after children per 10,000"),
    ),
    Indicator(
        "placements_3_plus",
        "Children in care with 3 or more placements in the year",
        "percent",
        "low",
        "children_in_care",
        "Children looked after at 31 March who had three or more placements during the year, "
        "as a percentage of all children looked after at 31 March (short-term stability).",
        CLA,
        lait="LACStable_2016on",
        ees=EesSource(
            "la_cla_placement_stability",
            "children_percent",
            (
                ("cla_group", "CLA on 31 March"),
                ("placement_stability", "With 3 or more placements during the year"),
            ),
            numerator="children_count",
            total=(("placement_stability", "Total children"),),
        ),
        aliases=("3+ placements", "Short-term placement stability", "Placement stability"),
    ),
    Indicator(
        "long_term_stability",
        "Long-term placement stability",
        "percent",
        "high",
        "children_in_care",
        "Children under 16 looked after for at least 2.5 years who had lived with the same "
        "carer for at least 2 years.",
        CLA,
        lait="LAC_LongStable%",
        ees=EesSource(
            "la_cla_placement_stability",
            "children_percent",
            (
                (
                    "cla_group",
                    "Children looked after continuously for at least 2.5 years on 31 March "
                    "aged under 16 years",
                ),
                ("placement_stability", "Living with the same carer for at least 2 years"),
            ),
            numerator="children_count",
            total=(("placement_stability", "Total children"),),
        ),
        aliases=("Long term placement stability", "Long-term stability"),
    ),
    Indicator(
        "care_leavers_eet",
        "Care leavers aged 19 to 21 in education, employment or training",
        "percent",
        "high",
        "care_leavers",
        "Care leavers aged 19 to 21 in education, employment or training, as a percentage of "
        "all care leavers of that age.",
        CLA,
        lait="CareLeaverEET",
        ees=EesSource(
            "la_care_leavers_activity",
            "care_leaver_percent",
            (
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Total in education, employment or training"),
            ),
            numerator="care_leaver_count",
            total=(("breakdown", "Total"),),
        ),
        aliases=("Care leavers EET", "Care leavers in EET"),
    ),
    Indicator(
        "care_leavers_accommodation",
        "Care leavers aged 19 to 21 in suitable accommodation",
        "percent",
        "high",
        "care_leavers",
        "Care leavers aged 19 to 21 whose accommodation is considered suitable, as a percentage "
        "of all care leavers of that age.",
        CLA,
        lait="CareLeaverAcc",
        ees=EesSource(
            "la_care_leavers_accommodation_suitability",
            "care_leaver_percent",
            (
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Accommodation considered suitable"),
            ),
            numerator="care_leaver_count",
            total=(("breakdown", "Suitability total"),),
        ),
        aliases=("Care leavers in suitable accommodation", "Suitable accommodation"),
    ),
    Indicator(
        "sw_turnover",
        "Social worker turnover",
        "percent",
        "low",
        "leaders",
        "Children and family social workers (FTE) who left in the year to 30 September, as a "
        "percentage of those in post.",
        CSWW,
        lait="Work_Force_TO_Rate",
        ees=EesSource("csww_indicators_2017_to_2025", "turnover_rate_fte"),
        year_end=SEPTEMBER,
        aliases=("Turnover", "Social worker turnover rate"),
    ),
    Indicator(
        "sw_vacancy",
        "Social worker vacancy rate",
        "percent",
        "low",
        "leaders",
        "Vacant children and family social worker posts (FTE) at 30 September, as a percentage "
        "of vacancies and posts filled.",
        CSWW,
        lait="Work_Force_Vac_Rate",
        ees=EesSource("csww_indicators_2017_to_2025", "vacancy_rate_fte"),
        year_end=SEPTEMBER,
        aliases=("Vacancy rate", "Vacancies"),
    ),
    Indicator(
        "sw_agency",
        "Agency social worker rate",
        "percent",
        "low",
        "leaders",
        "Agency children and family social workers (FTE) at 30 September, as a percentage of "
        "agency and directly employed social workers.",
        CSWW,
        lait="Work_Force_Agecy_Rate",
        ees=EesSource("csww_indicators_2017_to_2025", "agency_rate_fte"),
        year_end=SEPTEMBER,
        aliases=("Agency rate", "Agency workers"),
    ),
    Indicator(
        "sw_caseload",
        "Average social worker caseload",
        "cases",
        "low",
        "leaders",
        "Cases held at 30 September per case-holding children and family social worker (FTE).",
        CSWW,
        lait="Work_Force_AvgNumCase_SW",
        ees=EesSource("csww_indicators_2017_to_2025", "caseload_fte"),
        year_end=SEPTEMBER,
        aliases=("Caseload", "Average caseload"),
    ),
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
