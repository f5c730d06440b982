"""The indicators of children in care, care leavers and the workforce (judgement areas
children_in_care, care_leavers, leaders), each defined as readiness.kpi.indicators describes;
that module joins them to the help and protection ones, and is where to look them up."""

from __future__ import annotations

from readiness.kpi.indicator_types import CLA, CSWW, EesSource, Indicator

CARE_AND_WORKFORCE: tuple[Indicator, ...] = (
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
        "social_workers_3_plus",
        "Children in care with 3 or more social workers in the year",
        "percent",
        "low",
        "children_in_care",
        "Children looked after at 31 March who had three or more social workers during the "
        "year, as a percentage of all children looked after at 31 March.",
        CLA,
        lait="Stability_SocialWorker",
        ees=EesSource(
            "la_cla_swcount",
            "percentage",
            (
                ("cla_group", "CLA on 31 March"),
                ("sw_stability", "3 or more social workers during the year"),
            ),
            numerator="number",
            total=(("sw_stability", "Total children"),),
        ),
        aliases=("3+ social workers", "Social worker stability", "Social worker instability"),
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
        "care_leavers_neet",
        "Care leavers aged 19 to 21 not in education, employment or training",
        "percent",
        "low",
        "care_leavers",
        "Care leavers aged 19 to 21 not in education, employment or training, as a percentage "
        "of all care leavers of that age.",
        CLA,
        lait="CareLeaversNEET",
        ees=EesSource(
            "la_care_leavers_activity",
            "care_leaver_percent",
            (
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Total not in education, employment or training"),
            ),
            numerator="care_leaver_count",
            total=(("breakdown", "Total"),),
        ),
        aliases=("Care leavers NEET", "Care leavers not in EET"),
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
        aliases=("Caseload", "Average caseload"),
    ),
    Indicator(
        "sw_absence",
        "Social worker absence rate",
        "percent",
        "low",
        "leaders",
        "Working days lost to sickness absence by children and family social workers (FTE) in "
        "the year to 30 September, as a percentage of working days available.",
        CSWW,
        lait="Work_Force_SWAbsence",
        ees=EesSource("csww_indicators_2017_to_2025", "absence_rate_fte"),
        aliases=("Absence rate", "Sickness absence", "Social worker sickness absence"),
    ),
)
