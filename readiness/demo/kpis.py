"""The fictional demo council's KPI history: eight years of every indicator, with targets,
England, a region and ten statistical neighbours, so a first run shows the KPIs page working.

Every figure is invented. Each series starts near a plausible national level and moves by a
seeded random walk; the council's own series are given a story a board would recognise
(re-referrals climbing above target then falling back, agency use rising, care leavers' activity
improving), so the page shows each colour and each direction. The codes are not DfE's: the
council is "900" and its neighbours "901" to "910", numbers no English council has.
"""

from __future__ import annotations

import random
from datetime import date

from readiness.kpi.council import DEMO_COUNCIL as COUNCIL
from readiness.kpi.indicators import BY_ID, SEPTEMBER, Indicator
from readiness.kpi.values import ENGLAND, KpiValue, Period

NEIGHBOURS = [f"9{n:02d}" for n in range(1, 11)]
YEARS = 8
SOURCE = "demo data (invented)"

# (a typical level, the council's own drift per year relative to it): invented round figures.
# The series are drawn from one seeded stream in this order; indicators added later come last, so
# that adding one leaves the others' figures as they were.
_LEVELS: dict[str, tuple[float, float]] = {
    "rereferrals": (22.0, 0.3),
    "assessments_45_days": (84.0, -0.4),
    "repeat_cp_plans": (23.0, 0.2),
    "cp_plans_2_years": (3.5, -0.1),
    "cin_rate": (330.0, 4.0),
    "cla_rate": (70.0, 1.5),
    "placements_3_plus": (10.0, 0.2),
    "long_term_stability": (69.0, -0.5),
    "care_leavers_eet": (53.0, 1.5),
    "care_leavers_accommodation": (88.0, 0.4),
    "sw_turnover": (16.0, 0.2),
    "sw_vacancy": (17.0, 0.3),
    "sw_agency": (17.0, 0.5),
    "sw_caseload": (16.0, 0.1),
    "referral_rate": (520.0, 5.0),
    "s47_rate": (185.0, 2.0),
    "icpc_15_days": (80.0, 0.6),
    "cpp_rate": (42.0, 0.5),
    "cp_plans_ended_2_years": (4.0, -0.1),
    "social_workers_3_plus": (27.0, -0.6),
    "care_leavers_neet": (39.0, -1.2),
    "sw_absence": (3.4, 0.05),
}
# How many children a percentage is out of in the council (invented, of a plausible size for a
# council of ~60,000 children): it gives the demo's 95% intervals. England's cohort is 150 times
# the council's, the region's 12 times, each neighbour's the same.
_COHORTS: dict[str, int] = {
    "rereferrals": 3400,
    "repeat_cp_plans": 380,
    "cp_plans_2_years": 330,
    "placements_3_plus": 420,
    "long_term_stability": 150,
    "care_leavers_eet": 160,
    "care_leavers_accommodation": 160,
    "icpc_15_days": 300,
    "cp_plans_ended_2_years": 400,
    "social_workers_3_plus": 420,
    "care_leavers_neet": 160,
}
_COHORT_SCALE = {ENGLAND: 150, "region": 12}

# The council's targets and tolerances (in the indicator's unit): invented, and set so that the
# demo shows green, amber and red.
TARGETS: dict[str, tuple[float, float]] = {
    "rereferrals": (24.0, 2.0),
    "assessments_45_days": (88.0, 3.0),
    "repeat_cp_plans": (22.0, 2.0),
    "cp_plans_2_years": (4.0, 1.0),
    "placements_3_plus": (10.0, 1.0),
    "long_term_stability": (70.0, 3.0),
    "care_leavers_eet": (55.0, 5.0),
    "care_leavers_accommodation": (90.0, 3.0),
    "sw_turnover": (16.0, 2.0),
    "sw_vacancy": (17.0, 2.0),
    "sw_agency": (17.0, 3.0),
    "sw_caseload": (17.0, 1.0),
    "icpc_15_days": (85.0, 3.0),
    "cp_plans_ended_2_years": (4.0, 1.0),
    "social_workers_3_plus": (25.0, 3.0),
    "care_leavers_neet": (38.0, 4.0),
    "sw_absence": (3.5, 0.5),
}


def _period(indicator: Indicator, year: int) -> Period:
    if indicator.year_end == SEPTEMBER:
        return Period(str(year), date(year, 9, 30))
    return Period(f"{year - 1}-{year % 100:02d}", date(year, 3, 31))


def _last_year(indicator: Indicator, as_at: date) -> int:
    """The latest year published by `as_at`: March years come out in the autumn after (the
    children in need and children looked after releases, October to December), September
    years in the February after (the workforce release)."""
    if indicator.year_end == SEPTEMBER:
        return as_at.year - 1 if as_at.month >= 3 else as_at.year - 2
    return as_at.year if as_at.month >= 12 else as_at.year - 1


def demo_kpis(as_at: date) -> list[KpiValue]:
    """Every demo figure published by `as_at`, for the council and its comparators."""
    rng = random.Random(900)
    values: list[KpiValue] = []
    areas = [
        (COUNCIL.la_code, COUNCIL.name, 1.0),
        (ENGLAND, "England", 0.0),
        (COUNCIL.region, "Westmarch (demo region)", 0.3),
        *((code, f"Neighbour {n}", 0.5) for n, code in enumerate(NEIGHBOURS, start=1)),
    ]
    for indicator_id, (level, drift) in _LEVELS.items():
        indicator = BY_ID[indicator_id]
        last = _last_year(indicator, as_at)
        for area, name, own in areas:
            walk = level * (1 + rng.uniform(-0.08, 0.08) * own)
            for year in range(last - YEARS + 1, last + 1):
                walk += drift * own + rng.gauss(0, level * 0.02)
                # The council's story: a bad patch three years back, then recovery.
                if area == COUNCIL.la_code and year == last - 2:
                    walk += drift * 2
                if area == COUNCIL.la_code and year == last:
                    walk -= drift * 2.5
                values.append(_value(indicator, area, name, _period(indicator, year), walk))
    return values


def _value(indicator: Indicator, area: str, name: str, period: Period, walk: float) -> KpiValue:
    """The figure, and for a percentage of a cohort its count: the figure is then the count's
    share at DfE's precision, as a real file's is."""
    figure = round(max(walk, 0.0), 1)
    cohort = _COHORTS.get(indicator.id)
    if cohort is None:
        return KpiValue(indicator.id, area, period, figure, SOURCE, area_name=name)
    scale = _COHORT_SCALE.get("region" if area == COUNCIL.region else area, 1)
    denominator = cohort * scale
    numerator = round(min(figure, 100.0) / 100 * denominator)
    share = round(100 * numerator / denominator, 1)
    return KpiValue(
        indicator.id,
        area,
        period,
        share,
        SOURCE,
        area_name=name,
        numerator=numerator,
        denominator=denominator,
    )


# Words in a demo theme's evidence of impact, and the indicators its actions should move.
_EVIDENCE_LINKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("re-referral", ("rereferrals",)),
    ("referred again", ("rereferrals",)),
    ("assessments completed within timescale", ("assessments_45_days",)),
    ("agency use", ("sw_agency", "sw_turnover", "sw_caseload")),
    ("suitable accommodation", ("care_leavers_accommodation",)),
    ("education, employment or training", ("care_leavers_eet",)),
    ("live within the borough", ("placements_3_plus",)),
)


def demo_links(actions) -> dict[int, tuple[str, ...]]:
    """The indicators each stored demo action should move: those its theme's evidence of impact
    speaks of (the demo records evidence on completed actions only, so the theme's is used)."""
    evidence: dict[int, str] = {}
    for action in actions:
        evidence[action.theme_id] = evidence.get(action.theme_id, "") + (action.evidence or "")
    links = {}
    for action in actions:
        words = evidence[action.theme_id].lower()
        found = [i for phrase, ids in _EVIDENCE_LINKS if phrase in words for i in ids]
        if found:
            links[action.id] = tuple(dict.fromkeys(found))
    return links
