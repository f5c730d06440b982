"""Children's services authorities abolished since ILACS began, with the day each ceased and the
councils that took its services on: a council that no longer exists is no longer waiting to be
inspected, and its successors wait from their first day.

Neither the LA lookup (`la_lookup_provider_data.csv`, which keeps Cumbria, Northamptonshire and
Poole among its rows) nor its README dates an abolition, so the dates are written here, each
with its structural changes order on legislation.gov.uk. Keys are DfE's 3-digit numbers, the
record's. Only changes that ended a children's services authority or changed its number are
listed. Left out: North Yorkshire and Somerset (S.I. 2022/328 and 2022/329, 1 April 2023), where
the districts went and the county council stayed, under the same numbers (815, 933); and
Buckinghamshire (S.I. 2019/957, 1 April 2020), whose county council was wound up but whose
successor, Buckinghamshire Council, covers the same area under the same number (825) and the
same Ofsted URN, so the record keeps one council waiting from one last inspection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Abolished:
    la_code: str
    name: str
    ended: date  # the first day it no longer existed
    successors: tuple[str, ...]  # the councils that took its area on that day
    source: str


_DORSET_ORDER = (
    "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (S.I. 2018/648), "
    "articles 4, 5 and 8: abolished on 1 April 2019; "
    "https://www.legislation.gov.uk/uksi/2018/648"
)
ABOLISHED = (
    # Bournemouth, Christchurch and Poole Council (839); Dorset Council (838) for the rest of the
    # county, Christchurch going to BCP.
    Abolished("837", "Bournemouth", date(2019, 4, 1), ("839",), _DORSET_ORDER),
    Abolished("836", "Poole", date(2019, 4, 1), ("839",), _DORSET_ORDER),
    Abolished("835", "Dorset County Council", date(2019, 4, 1), ("838", "839"), _DORSET_ORDER),
    Abolished(
        "928",
        "Northamptonshire",
        date(2021, 4, 1),
        ("940", "941"),  # North Northamptonshire, West Northamptonshire
        "The Northamptonshire (Structural Changes) Order 2020 (S.I. 2020/156): the county "
        "council wound up on 1 April 2021; https://www.legislation.gov.uk/uksi/2020/156",
    ),
    Abolished(
        "909",
        "Cumbria",
        date(2023, 4, 1),
        ("942", "943"),  # Cumberland, Westmorland and Furness
        "The Cumbria (Structural Changes) Order 2022 (S.I. 2022/331): the county abolished and "
        "its council wound up on 1 April 2023; https://www.legislation.gov.uk/uksi/2022/331",
    ),
)
_BY_CODE = {a.la_code: a for a in ABOLISHED}


def exists(la_code: str, on: date) -> bool:
    """Whether the council was a children's services authority on `on`: not yet abolished, and
    not a successor before its first day."""
    ended = _BY_CODE.get(la_code)
    if ended is not None and on >= ended.ended:
        return False
    return all(on >= a.ended for a in ABOLISHED if la_code in a.successors)


def predecessors(la_code: str) -> tuple[str, ...]:
    """The abolished councils whose area this council took on."""
    return tuple(a.la_code for a in ABOLISHED if la_code in a.successors)
