"""The council's next full inspection: its type, its window, the chance it starts within 30,
91 and 182 days, and the reasons in plain English.

Built from the council's own history (readiness.inspection.history) and, where it has been
imported, the national record: the hazard learned from it (readiness.inspection.hazard), the
gaps and types that followed inspections like the council's last (intervals), Ofsted's recent
pace and the council's place in the queue. As at a date, it uses only what was published (or,
for the council's own events, had happened) before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection import intervals
from readiness.inspection.calendar import CalendarRules, blackouts, earliest_start
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS, Inspection
from readiness.inspection.hazard import FallbackHazard, HazardModel, fit_hazard, weeks_ahead, within
from readiness.inspection.next_type import NextType, next_type
from readiness.inspection.outlook import Window, window
from readiness.inspection.queue import Waiting, by_council, known_at, last_full, queue
from readiness.inspection_timing import MONTH_DAYS, PUBLISHED_WINDOW, rule_window
from readiness.settings import InspectionSettings
from readiness.text import format_date

HORIZONS = (30, 91, 182)


@dataclass(frozen=True)
class Prediction:
    as_at: date
    last: Inspection | None  # None: no full inspection known, so nothing to predict from
    next: NextType | None
    window: Window
    chances: tuple[tuple[date, float], ...]  # (first day of a week, chance fieldwork starts in it)
    within: dict[int, float]  # days -> chance fieldwork starts within them
    reasons: tuple[str, ...]
    learned: bool  # from the national record (else the configured interval)
    # The day Ofsted's published window opens (readiness.inspection_timing.rule_window):
    # from then on Ofsted may come any week, so the readiness checklist and the plan's actions
    # are judged against it. The predicted window itself always lies ahead of the as-at date.
    opens: date | None = None

    def by_month(self) -> list[tuple[date, float]]:
        months: dict[date, float] = {}
        for week, p in self.chances:
            months[week.replace(day=1)] = months.get(week.replace(day=1), 0.0) + p
        return sorted(months.items())


def _same_event(a: Inspection, b: Inspection) -> bool:
    return a.kind == b.kind and a.start and b.start and abs((a.start - b.start).days) <= 7


def council_history(own: Sequence[Inspection], national: Sequence[Inspection], la_code: str):
    """The council's own events, and the national record's for it that they do not repeat."""
    theirs = [i for i in national if i.la_code == la_code]
    return [*own, *(i for i in theirs if not any(_same_event(i, o) for o in own))]


def _grades(inspection: Inspection) -> str:
    return (
        "; ".join(
            f"{AREA_SHORT_LABELS.get(area, area).lower()} {GRADE_LABELS[grade].lower()}"
            for area, grade in inspection.grades.items()
        )
        or "no grades recorded"
    )


def _a(grade: str) -> str:
    words = GRADE_LABELS[grade].lower()
    return f"an {words}" if words[0] in "aeiou" else f"a {words}"


def _month(day: date | None) -> str:
    return f"{day:%B %Y}" if day else "unknown"


def predict(
    own: Sequence[Inspection],
    national: Sequence[Inspection],
    la_code: str,
    as_at: date,
    settings: InspectionSettings,
    rules: CalendarRules,
) -> Prediction:
    history = known_at(council_history(own, national, la_code), as_at, own=la_code)
    found = last_full(history)
    if found is None:
        why = (
            "No full inspection of this council is recorded before "
            f"{format_date(as_at)}, so there is nothing to count the next one from: add its "
            "last inspection on the Inspection page."
        )
        return Prediction(as_at, None, None, Window(None, None, None), (), {}, (why,), False)
    last, start, estimated = found
    kind = next_type(last, settings.no_overall_grade_rule)
    grouped = by_council(i for i in national if i.la_code != la_code)
    hazard = fit_hazard(grouped, as_at, rules) if national else None
    learned = hazard is not None
    hazard = hazard or FallbackHazard(
        settings.fallback_earliest_months,
        settings.fallback_likely_months,
        settings.fallback_latest_months,
        pace=0.0,
    )
    others = queue(grouped, as_at)
    waited = (as_at - start).days
    rank = sum(1 for w in others if w.waited_days > waited)
    waiting = Waiting(la_code, last, start, estimated, waited, rank)
    earliest = earliest_start(as_at, rules)  # not called yet: the call is a notice period ahead
    chances = weeks_ahead(hazard, waiting, earliest, kind.kind, rules)
    shown = window(chances)
    reasons = _reasons(
        last, estimated, kind, waiting, shown, history, grouped, len(others), as_at, hazard
    )
    reasons += _calendar(earliest, shown, rules)
    return Prediction(
        as_at,
        last,
        kind,
        shown,
        tuple(chances),
        {days: within(chances, as_at, days) for days in HORIZONS},
        tuple(reasons),
        learned,
        rule_window(start)[0],
    )


def _reasons(
    last: Inspection,
    estimated: bool,
    kind: NextType,
    waiting: Waiting,
    shown: Window,
    history: list[Inspection],
    grouped: dict[str, list[Inspection]],
    queued: int,  # the other councils in the queue on `as_at`
    as_at: date,
    hazard: HazardModel | FallbackHazard,
) -> list[str]:
    start = waiting.last_start
    dates = f"from {format_date(start)}" + (
        " (estimated from its publication date)" if estimated else ""
    )
    reasons = [
        f"Last full inspection: {EVENT_KINDS[last.kind].lower()} {dates}; {_grades(last)}.",
        f"{waiting.waited_months:.1f} months have passed since it started "
        f"(as at {format_date(as_at)}).",
        f"Next type: {kind.why}.",
    ]
    opens, closes = rule_window(start)
    reasons.append(
        f"The published rule: {PUBLISHED_WINDOW.words}, so {format_date(opens)} to "
        f"{format_date(closes)}."
    )
    all_pairs = intervals.pairs(grouped, as_at)
    grade = intervals.grade_key(last)
    gaps = intervals.similar_gaps(all_pairs, grade)
    if gaps:
        like = f"after {_a(gaps.grade)} grade" if gaps.grade else "after any grade"
        reasons.append(
            f"In the national record's current cycle, the next full inspection came a median "
            f"{gaps.median:.1f} months {like} (shortest {gaps.shortest:.1f}, longest "
            f"{gaps.longest:.1f}; {gaps.count} pairs of inspections)."
        )
        reasons += _outside_gaps(start, shown, gaps, like)
        types = intervals.types_after(all_pairs, grade)
        if types and grade:
            reasons.append(
                f"After {_a(grade)} grade the record shows "
                f"{types['short']} short and {types['standard']} standard inspections next."
            )
    if isinstance(hazard, HazardModel) and (latest := _latest_report(grouped, as_at)):
        reasons.append(
            f"The national record runs to reports published by {format_date(latest)}: "
            "inspections since are not in it, so the queue ahead may be shorter than it shows."
        )
    if isinstance(hazard, HazardModel):
        reasons.append(
            f"Ofsted's recent pace: {hazard.pace:.1f} full inspections start a week, in weeks "
            f"fieldwork can start. This council is {waiting.rank + 1} in the queue: "
            f"{waiting.rank} of the {queued} other councils waiting on {format_date(as_at)} "
            "have waited longer."
        )
        reasons.append(
            f"Chances learned from {hazard.council_weeks:,} council-weeks of the national "
            f"record ({hazard.starts} inspection starts, {_month(hazard.first_week)} to "
            f"{_month(hazard.last_week)}), published before {format_date(as_at)}."
        )
    else:
        reasons.append(
            "Estimated from the usual gap between full inspections (from "
            f"{hazard.earliest:g} to {hazard.latest:g} months after the last one started, most "
            f"likely {hazard.likely:g}), not from the national record of Ofsted's recent pace "
            "and the queue of councils, which is not loaded: less sure."
        )
    visits = [i for i in history if i.kind == "focused_visit" and i.start and i.start > start]
    for visit in visits:
        theme = f" on {visit.theme}" if visit.theme else ""
        reasons.append(f"Focused visit{theme} in {_month(visit.start)}, since the last inspection.")
    if shown.latest is None:
        reasons.append(
            "The chances over the next three years do not reach 90%: the latest date is open."
        )
    return reasons


def _outside_gaps(start: date, shown: Window, gaps: intervals.Gaps, like: str) -> list[str]:
    """A line for each of the most likely and latest dates that lies outside every gap the
    record shows after a grade like the last (intervals.similar_gaps): the chances are not
    changed, but the reader is told the record has never seen such a gap."""
    said = []
    for label, day in (("Most likely", shown.likely), ("Latest", shown.latest)):
        months = (day - start).days / MONTH_DAYS if day else None
        if months is None or gaps.shortest <= months <= gaps.longest:
            continue
        side, length = ("later", "long") if months > gaps.longest else ("earlier", "short")
        said.append(
            f"{label} {months:.1f} months after the last started: {side} than all "
            f"{gaps.count} gaps seen {like} in the record's current cycle ({gaps.shortest:.1f} "
            f"to {gaps.longest:.1f} months), so the record has not yet shown a gap this {length}."
        )
    return said


def _latest_report(grouped: dict[str, list[Inspection]], as_at: date) -> date | None:
    return max(
        (
            i.published
            for items in grouped.values()
            for i in items
            if i.published and i.published < as_at
        ),
        default=None,
    )


def _calendar(earliest: date, shown: Window, rules: CalendarRules) -> list[str]:
    end = shown.latest or earliest + timedelta(days=365)
    periods = sorted({label.split(":")[0] for _a, _b, label in blackouts(earliest, end, rules)})
    if not periods:
        return []
    return [
        "Calendar: no chance of fieldwork starting in "
        + ", ".join(periods)
        + " (as in every year of the record); those weeks move the chances later."
    ]
