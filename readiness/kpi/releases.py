"""When each figure became public, so that looking back at a date shows only what was known then.

DfE publishes each year's figures months after the year ends, one release per collection:

- the children in need census (year to 31 March), in late October or early November;
- children looked after, SSDA903 (year to 31 March; care leavers and placement stability too),
  in November;
- the children's social work workforce census (at 30 September), at the end of February.

RELEASES lists the releases found, each with its source. The day is "confirmed" where a source
gives it; otherwise the source confirms the week or month and the day is DfE's usual Thursday in
it (said in `how_sure`). For a year not listed, the release is estimated as the period's end plus
the longest lag listed for the collection (so never earlier than any listed release came), and
said as an estimate ("expected Oct 2026").

A figure counts as public from its release, or from the day it was loaded if that is earlier:
a council's own figure (its KPI tables, the demo) is public to the dashboard from its load, and
a council's own figure for DfE's statistical year is the return DfE published, so public by the
release at the latest. Months, quarters and local indicators have no DfE release: their load day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from readiness.kpi.indicator_types import CIN, CLA, CSWW, Collection
from readiness.kpi.indicators import BY_ID, Indicator
from readiness.kpi.periods import read_year
from readiness.text import format_date


@dataclass(frozen=True)
class Release:
    collection: Collection
    period_end: date  # the end of the year the release gives figures for
    published: date
    how_sure: str  # "confirmed", or what the source does confirm
    source: str


_EES = "https://explore-education-statistics.service.gov.uk/find-statistics/"
_LAIT = "LAIT data dictionary (../shared/data/kpi/lait_data_dictionary.csv), Last Update"
RELEASES: tuple[Release, ...] = (
    Release(
        CIN,
        date(2023, 3, 31),
        date(2023, 10, 26),
        "not confirmed: DfE's usual late-October Thursday",
        _EES + "children-in-need/2023",
    ),
    Release(
        CIN,
        date(2024, 3, 31),
        date(2024, 10, 31),
        "after 8 Oct 2024, when news still quoted 2022-23 as the latest",
        "http://smartinvestornews.com/2024/10/08/urgent-call-for-funding-as-record-617-child-"
        "protection-investigations-carried-out-a-day; " + _EES + "children-in-need/2024",
    ),
    Release(
        CIN,
        date(2025, 3, 31),
        date(2025, 10, 30),
        "October 2025 (LAIT); reported by 3 Nov 2025",
        f"{_LAIT} Oct 2025; https://www.socialworktoday.co.uk/News/calls-to-better-support-"
        "parents-as-children-in-need-numbers-rise (3 Nov 2025)",
    ),
    Release(
        CLA,
        date(2023, 3, 31),
        date(2023, 11, 16),
        "the week of 13 Nov 2023 ('issued last week' on 20 Nov)",
        "https://www.communitycare.co.uk/2023/11/20/15th-rise-in-care-population-england/",
    ),
    Release(
        CLA,
        date(2024, 3, 31),
        date(2024, 11, 14),
        "confirmed",
        "https://becomecharity.org.uk/dfe-stats-nov-2024/ ('released today (14 November 2024)')",
    ),
    Release(
        CLA,
        date(2025, 3, 31),
        date(2025, 11, 20),
        "the week of 17 Nov 2025 ('published this week' on 21 Nov); November 2025 (LAIT)",
        "https://www.socialworktoday.co.uk/News/councils-urge-budget-rescue-for-overstretched-"
        f"services-as-new-figures-released (21 Nov 2025); {_LAIT} Nov 2025",
    ),
    Release(
        CSWW,
        date(2022, 9, 30),
        date(2023, 2, 23),
        "confirmed",
        "https://socialcare.today/2023/02/23/dfe-figures-for-childrens-social-work-workforce-"
        "show-vacancies-up-21/",
    ),
    Release(
        CSWW,
        date(2023, 9, 30),
        date(2024, 2, 29),
        "confirmed",
        "https://gov.uk/government/statistics/childrens-social-work-workforce-2023 ('Published "
        "29 February 2024')",
    ),
    Release(
        CSWW,
        date(2024, 9, 30),
        date(2025, 2, 27),
        "not confirmed: DfE's usual last Thursday of February",
        _EES + "children-s-social-work-workforce/2024",
    ),
    Release(
        CSWW,
        date(2025, 9, 30),
        date(2026, 2, 26),
        "not confirmed: DfE's usual last Thursday of February; LAIT updated March 2026",
        f"{_EES}children-s-social-work-workforce/2025; {_LAIT} Mar 2026",
    ),
)
_LISTED: dict[tuple[Collection, date], Release] = {
    (r.collection, r.period_end): r for r in RELEASES
}


def usual_lag(collection: Collection) -> timedelta:
    """The longest time from a year's end to its release among those listed for `collection`."""
    return max(r.published - r.period_end for r in RELEASES if r.collection == collection)


def release_of(collection: Collection, period_end: date) -> tuple[date, bool]:
    """(the day the year ending `period_end` was or will be published, whether it is listed);
    not listed: the period end plus the collection's usual lag, an estimate."""
    listed = _LISTED.get((collection, period_end))
    if listed:
        return listed.published, True
    return period_end + usual_lag(collection), False


@dataclass(frozen=True)
class NextRelease:
    period: str  # the year it gives figures for: "2024-25", or "2025" (at 30 September)
    on: date
    listed: bool  # False: an estimate from the usual lag
    # Out by the as-at date but not loaded: newer than the figure shown.
    not_loaded: bool = False

    def words(self) -> str:
        """'next release: 2024-25 figures, 30 Oct 2025' (or '..., expected Oct 2026'); for a
        release out and not loaded, '2025-26 figures published 30 Oct 2025, not loaded'."""
        if self.not_loaded:
            when = (
                f"published {format_date(self.on)}"
                if self.listed
                else f"expected by {self.on:%b %Y}"
            )
            return f"{self.period} figures {when}, not loaded"
        when = format_date(self.on) if self.listed else f"expected {self.on:%b %Y}"
        return f"next release: {self.period} figures, {when}"


def next_release(
    indicator: Indicator, as_at: date, shown: date | None = None
) -> NextRelease | None:
    """The first release of `indicator`'s collection after `as_at`; or, where the figure shown
    ends on `shown` and the next year's release was out by `as_at`, that release, not loaded.
    None for a council's own indicator, which DfE does not publish."""
    collection = indicator.collection
    if collection is None:
        return None
    year_end = collection.year_end
    if shown is not None and (shown.month, shown.day) == year_end:
        after = date(shown.year + 1, *year_end)
        on, listed = release_of(collection, after)
        if on <= as_at:
            return NextRelease(read_year(str(after.year), year_end).label, on, listed, True)
    # A year's release comes within the year after it ends, so two years back is before it.
    year = as_at.year - 2
    while (found := release_of(collection, date(year, *year_end)))[0] <= as_at:
        year += 1
    return NextRelease(read_year(str(year), year_end).label, *found)


# The labels periods.read_year gives a year ("2024-25"; "2025" at 30 September) or a span of
# years ("2014-16"): a month ("Mar-25") or a quarter ("Q4 2024/25") is no DfE release.
_YEAR_LABEL = re.compile(r"\d{4}(-\d{2})?")


def public_on(values: pd.DataFrame) -> pd.Series:
    """The day each stored figure became public (readiness.kpi.store.load_values' frame, with
    its imported_on): the earlier of its DfE release and its load."""
    keys = values[["indicator", "period_end", "period_label"]].drop_duplicates()
    released = {
        key: when for key in keys.itertuples(index=False) if (when := _released(*key)) is not None
    }
    rows = zip(
        values["indicator"],
        values["period_end"],
        values["period_label"],
        values["imported_on"],
        strict=True,
    )
    return pd.Series(
        [
            min(loaded, when) if (when := released.get((i, end, label))) else loaded
            for i, end, label, loaded in rows
        ],
        index=values.index,
        dtype=object,
    )


def _released(indicator: str, end: date, label: str) -> date | None:
    known = BY_ID.get(indicator)
    collection = known.collection if known else None
    if collection is None or (end.month, end.day) != collection.year_end:
        return None
    if not _YEAR_LABEL.fullmatch(label):
        return None
    return release_of(collection, end)[0]


def known_by(values: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """The figures public by `as_at` whose period had ended by then."""
    if values.empty:
        return values
    return values[(values["period_end"] <= as_at) & (public_on(values) <= as_at)]
