"""Whose report it is: an Ofsted report becomes the inspection history and the plan of the council
this dashboard is for, so one for another council is refused before anything is stored.

The council this dashboard is for is the one its KPIs are shown for (set by a KPI load), or,
before a load names one, the council of the plan everyone sees. A database holding only the demo
council, or no council yet, takes any council's report, and that council becomes its own.

Reports and DfE's files spell a council differently ("Kent County Council" and "Kent",
"Bristol City Council" and "Bristol, City of", "Bradford Children and Families Trust" and
"Bradford"): council_key is the one rule that compares them. A report gives only the name;
its DfE number is the stored national record's council of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection

from readiness.inspection.record_store import load_record
from readiness.kpi import store as kpi_store
from readiness.kpi.council import DEMO_COUNCIL
from readiness.kpi.store import Council, council_label
from readiness.kpi.values import region_area
from readiness.text import loose_words

# DfE's files end some names with the kind of council: "Bristol, City of", "Herefordshire,
# County of", "Kingston upon Hull, City of" (the LA lookup, the statistical-neighbour list).
_KIND_LAST = re.compile(r"^(.*),\s*((?:city|county) of)\s*$", re.IGNORECASE)
# The kind of council, or the trust running its children's services, around the place's name:
# reports say "Kent County Council", "Bradford Children and Families Trust", DfE "Kent",
# "County Durham". Longest first, one taken from each end.
_BEFORE = (
    "royal borough of ",
    "london borough of ",
    "metropolitan borough of ",
    "council of the ",
    "borough of ",
    "county of ",
    "city of ",
    "county ",
    "the ",
)
_AFTER = (
    " metropolitan borough council",
    " metropolitan district council",
    " children and families trust",
    " childrens services trust",
    " childrens trust",
    " borough council",
    " county council",
    " district council",
    " city council",
    " corporation",
    " council",
)
# Hull calls itself "Hull City Council"; DfE's files say "Kingston upon Hull, City of".
_SAME_PLACE = {"kingston upon hull": "hull"}


def council_key(name: str) -> str:
    """A council's name compared loosely: "Redcar & Cleveland Borough Council" and "Redcar and
    Cleveland", "Bristol, City of" and "City of Bristol" have one key."""
    name = re.sub(r"['\u2019]", "", name.replace("&", " and "))
    name = _KIND_LAST.sub(r"\2 \1", name.strip())
    key = loose_words(name)
    key = next((key[len(p) :] for p in _BEFORE if key.startswith(p)), key)
    key = next((key[: -len(s)] for s in _AFTER if key.endswith(s)), key)
    return _SAME_PLACE.get(key, key)


DEMO_KEY = council_key(DEMO_COUNCIL.name or "")


@dataclass(frozen=True)
class CouncilCheck:
    """The report's council against the one this dashboard is for."""

    report_name: str | None  # as the report gives it; None if it was not read
    council: Council | None  # the report's council as DfE numbers it, if the record knows it
    stored: str | None  # the dashboard's council ("Gateshead (390)"); None: demo or none
    refused: str | None = None  # why the report is not stored, in words
    sets_up: bool = False  # storing makes the report's council the KPIs' council

    def note(self, stored: bool = False) -> str | None:
        """What storing does (or did) to the council this dashboard is for: said before it is
        stored, as the KPI load says it (readiness.kpi.council.council_change)."""
        becomes = "is now" if stored else "becomes"
        if self.report_name is None:
            where = f" against {self.stored}" if self.stored else ""
            return (
                f"The report's council could not be read, so it was not checked{where}: check "
                "on its first page that the report is this council's before storing it."
            )
        if self.stored is not None and not self.sets_up:
            return None
        if self.council is None:
            return (
                f"This report's council, {self.report_name}, {becomes} the council this "
                "dashboard is for, by name only: no stored national record gives its DfE "
                "council number. "
                f"Load the national record, or {self.report_name}'s KPIs, to link its figures."
            )
        return (
            f"This report's council, {self.council.label}, "
            f"{becomes} the council this dashboard is for."
        )


def check_council(
    report_name: str | None,
    kpi_council: Council | None,
    plan_council: str | None,
    national: dict[str, tuple[str, str, str | None]],
) -> CouncilCheck:
    """Whether the report named `report_name` is for this dashboard's council.

    `kpi_council`: the council the KPIs are shown for; `plan_council`: the current plan's
    council, which stands for it until a KPI load names one; `national`: the stored national
    record's councils as (DfE number, name, region name) by their council_key.
    """
    demo = kpi_council is None or kpi_council.la_code == DEMO_COUNCIL.la_code
    stored = (None if demo else kpi_council.la_code, None if demo else kpi_council.name)
    if demo and plan_council and council_key(plan_council) != DEMO_KEY:
        stored = (None, plan_council)  # known by name only, until a KPI load numbers it
    found = national.get(council_key(report_name)) if report_name else None
    council = None
    if found:
        council = Council(found[0], found[1], region_area(found[2]) if found[2] else None)
    if stored == (None, None):
        return CouncilCheck(report_name, council, None, sets_up=council is not None)
    named = council_label(stored[1], stored[0])
    if report_name is None or _same(report_name, council, stored, national):
        # The plan's council, named by a report, gets its number the first time it is known.
        return CouncilCheck(report_name, council, named, sets_up=demo and council is not None)
    return CouncilCheck(report_name, council, named, _refusal(report_name, council, named))


def _same(
    report_name: str,
    council: Council | None,
    stored: tuple[str | None, str | None],
    national: dict[str, tuple[str, str, str | None]],
) -> bool:
    """Whether the report's council is the stored one: by DfE number where both are known,
    else by any name the stored council goes by."""
    code, name = stored
    if council is not None and code is not None:
        return council.la_code == code
    names = {name or ""} | {n for c, n, _ in national.values() if code and c == code}
    return council_key(report_name) in {council_key(n) for n in names if n}


def _refusal(report_name: str, council: Council | None, stored: str) -> str:
    number = f" (council number {council.la_code})" if council else ""
    return (
        f"This report is for {report_name}; this dashboard is for {stored}. Nothing was stored. "
        f"Import the report into {report_name}'s own dashboard; or, if this dashboard is to be "
        f"{report_name}'s from now on, load {report_name}'s KPIs{number} first, which makes it "
        "the council this dashboard is for, then import the report again."
    )


def council_check(
    conn: Connection, report_name: str | None, plan_council: str | None
) -> CouncilCheck:
    """check_council with the stored council, and the national record's councils, read."""
    national = {
        council_key(c.name): (c.la_code, c.name, c.region)
        for c in load_record(conn).councils.values()
    }
    return check_council(report_name, kpi_store.council(conn), plan_council, national)
