"""The councils of the national record, from the LA lookup (`la_lookup_provider_data.csv`) or the
ILACS overview workbook (`ofsted_csc_ilacs_overview.xlsx`, or data-to-insight's with `ltla23cd`).

Every national file keys councils its own way: the scraped history by Ofsted URN, Ofsted's
statistics by ONS code (and name), the record by DfE's 3-digit number. The lookup gives all
three; CouncilIndex turns each file's key into the 3-digit number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.inspection.national_cells import cell_text, normalise, row_warning

# Both lookups have these; the ONS code is `la_code_new` in the lookup and JT-39's overview,
# `ltla23cd` in data-to-insight's overview.
LOOKUP_HEADINGS = frozenset({"urn", "la_code", "stat_neighbours"})
ONS_HEADINGS = ("la_code_new", "ltla23cd")
# The overview names councils in lower case and gives only a region code.
REGION_NAMES = {
    "NE": "North East",
    "NW": "North West",
    "YH": "Yorkshire and the Humber",
    "EM": "East Midlands",
    "WM": "West Midlands",
    "E": "East of England",
    "GL": "London",
    "SE": "South East",
    "SW": "South West",
}
_SMALL_WORDS = frozenset({"and", "of", "on", "upon", "with", "the", "in"})
# Words two different councils' names share: no sign that two names are one council's.
_COMMON_WORDS = _SMALL_WORDS | {"city", "county", "borough", "north", "south", "east", "west"}
_THREE_DIGITS = re.compile(r"\d{3}")
# Names Ofsted's statistics may use for a council whose ONS code changed (Barnsley and Sheffield
# are E08000016 and E08000019 there, E08000038 and E08000039 in the lookup). Not also_known_as:
# it lists "Bournemouth" for Bournemouth, Christchurch and Poole, and Bournemouth's own 2018
# inspection is not BCP's.
_NAME_HEADINGS = ("local_authority_ons_name", "local_authority", "ltla23nm", "utla23nm")


@dataclass(frozen=True)
class Council:
    """One local authority: its DfE number, name, ONS code, region and statistical neighbours."""

    la_code: str  # DfE's 3-digit number ("383")
    name: str
    ons_code: str | None
    region: str | None
    neighbours: tuple[str, ...] = ()  # DfE's ten statistical neighbours, closest first
    urn: str | None = None  # Ofsted's unique reference number for the council's children's services


def is_lookup(headings: list[str]) -> bool:
    """Whether a table's headings are the LA lookup's or the overview's."""
    names = set(headings)
    return names >= LOOKUP_HEADINGS and any(heading in names for heading in ONS_HEADINGS)


@dataclass
class CouncilIndex:
    """The councils read so far, and the URNs, ONS codes and names other files key them by."""

    councils: dict[str, Council] = field(default_factory=dict)
    by_urn: dict[str, str] = field(default_factory=dict)
    by_ons: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    words: dict[str, set[str]] = field(default_factory=dict)  # the telling words of its names

    def add_table(self, file: str, rows: list[list[str]], sheet: str | None = None) -> list[str]:
        """Add a lookup table's councils (a council already known keeps what it has; its other
        codes are still learnt) and return a warning for each row not used."""
        headings = [heading.strip().lower() for heading in rows[0]]
        warnings = []
        for number, row in enumerate(rows[1:], start=2):
            cells = dict(zip(headings, (cell_text(value) for value in row), strict=False))
            if not any(cells.values()):
                continue
            la_code = cells.get("la_code", "")
            if not _THREE_DIGITS.fullmatch(la_code):
                warnings.append(
                    row_warning(
                        file,
                        sheet,
                        number,
                        "la_code",
                        la_code,
                        "is not a 3-digit DfE number; the row is left out.",
                    )
                )
                continue
            self._learn(la_code, cells)
            if la_code not in self.councils:
                self.councils[la_code] = _council(la_code, cells)
        return warnings

    def code_for_ons(self, ons_code: str, name: str) -> str | None:
        """The 3-digit number for an ONS code whose council's name agrees with `name`, else for
        the name alone; None if neither.

        The name check stops an abolished council's inspections going to its successor:
        data-to-insight's overview gives Cumberland the ONS code of Cumbria, abolished 2023.
        """
        code = self.by_ons.get(ons_code.upper())
        if code and (not name or _words(name) & self.words.get(code, set())):
            return code
        return self.by_name.get(_name_key(name))

    def _learn(self, la_code: str, cells: dict[str, str]) -> None:
        keys = [
            (self.by_urn, cells.get("urn", "")),
            *((self.by_ons, cells.get(heading, "").upper()) for heading in ONS_HEADINGS),
            *((self.by_name, _name_key(cells.get(heading, ""))) for heading in _NAME_HEADINGS),
        ]
        for index, key in keys:
            if key:
                index.setdefault(key, la_code)
        for heading in _NAME_HEADINGS:
            self.words.setdefault(la_code, set()).update(_words(cells.get(heading, "")))


def lookup_richness(headings: list[str]) -> int:
    """How much a lookup table says about each council: the lookup CSV (region names, proper
    names) is read before an overview, so its words are the ones kept."""
    return sum(heading in headings for heading in ("local_authority_ons_name", "region_name"))


def _council(la_code: str, cells: dict[str, str]) -> Council:
    name = cells.get("local_authority_ons_name") or _display_name(cells.get("local_authority", ""))
    region = cells.get("region_name") or REGION_NAMES.get(cells.get("region_code", ""))
    neighbours = tuple(
        code.strip()
        for code in cells.get("stat_neighbours", "").split(",")
        if _THREE_DIGITS.fullmatch(code.strip())
    )
    ons_code = next((cells[h] for h in ONS_HEADINGS if cells.get(h)), None)
    urn = cells.get("urn") or None
    return Council(la_code, name or la_code, ons_code, region or None, neighbours, urn)


def _display_name(name: str) -> str:
    """The overview's lower-case name as a council writes it ('stoke-on-trent' ->
    'Stoke-on-Trent')."""
    if not name.islower():
        return name

    def word(part: str, first: bool) -> str:
        return part if part in _SMALL_WORDS and not first else part[:1].upper() + part[1:]

    return " ".join(
        "-".join(word(piece, i == 0 and j == 0) for j, piece in enumerate(part.split("-")))
        for i, part in enumerate(name.split())
    )


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", normalise(name)).split())


def _words(name: str) -> set[str]:
    """A name's telling words: "Bristol, City of" and "Bristol" share "bristol"."""
    return set(_name_key(name).split()) - _COMMON_WORDS
