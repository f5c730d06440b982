"""What an indicator is (readiness.kpi.indicators defines each one): its unit, which way is
better, the year it belongs to and where DfE publishes it. Apart from the definitions so that
they can be split over modules (indicators.py, indicators_care_workforce.py) without each
importing the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
class Collection:
    """A DfE data collection: the year its figures run to, and one release a year
    (readiness.kpi.releases lists the release dates)."""

    name: str  # in a sentence: "the next release of the {name}"
    source: str  # as the KPIs page cites it
    year_end: tuple[int, int]


CIN = Collection("children in need census", "DfE children in need census, year to 31 March", MARCH)
CLA = Collection(
    "children looked after (SSDA903)",
    "DfE children looked after in England (SSDA903), year to 31 March",
    MARCH,
)
CSWW = Collection(
    "workforce census",
    "DfE children's social work workforce census, at 30 September",
    SEPTEMBER,
)
COLLECTIONS = (CIN, CLA, CSWW)
LOCAL_SOURCE = "The council's own figures"


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: Unit
    polarity: Polarity
    area: str  # a judgement-area code of readiness.framework
    definition: str
    collection: Collection | None  # None: a council's own indicator, which DfE does not publish
    lait: str | None = None
    ees: EesSource | None = None
    aliases: tuple[str, ...] = field(default=())  # other names councils' own tables use

    @property
    def local(self) -> bool:
        """A council's own indicator, not a DfE one."""
        return self.collection is None

    @property
    def source(self) -> str:
        return self.collection.source if self.collection else LOCAL_SOURCE

    @property
    def year_end(self) -> tuple[int, int]:
        """The day its years end: DfE's collection's; a council's own years run to March."""
        return self.collection.year_end if self.collection else MARCH

    @property
    def unit_label(self) -> str:
        """The unit in words, for axis titles and headings ("number" for a plain count)."""
        return UNIT_LABELS[self.unit] or "number"
