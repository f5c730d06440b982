"""The names plans give Ofsted's judgement areas ("Help and protection", "CLA", "Leadership and
management"), read into the area codes of readiness.framework: for the canonical layout's
judgement-areas cell and the committee layout's section rows alike."""

from __future__ import annotations

from functools import lru_cache

from readiness.framework import AREA_CODES, AREA_SHORT_LABELS, FRAMEWORKS
from readiness.text import squash

# Names plans give an area beyond the frameworks' own titles: an older framework's
# ("Leadership, management and governance", SIF 2013-2017) and everyday ones.
_MORE_NAMES = {
    "leadershipandmanagement": ("leaders",),
    "leadershipmanagementandgovernance": ("leaders",),
    "childrenwhoneedhelpandprotection": ("help_protection",),
    "childrenlookedafter": ("children_in_care",),
    "lookedafterchildren": ("children_in_care",),
}


def _area_lookup() -> dict[str, tuple[str, ...]]:
    lookup: dict[str, tuple[str, ...]] = {}
    for code in AREA_CODES:
        lookup[squash(code)] = (code,)
        lookup[squash(AREA_SHORT_LABELS[code])] = (code,)
    both = ("children_in_care", "care_leavers")
    lookup[squash(AREA_SHORT_LABELS["children_in_care_and_care_leavers"])] = both
    lookup[squash("children_in_care_and_care_leavers")] = both
    for framework in FRAMEWORKS:
        for area in framework.areas:
            lookup[squash(area.title)] = area.covers
    lookup.update({"leadership": ("leaders",), "cic": ("children_in_care",)})
    lookup.update({"cla": ("children_in_care",), "lac": ("children_in_care",)})
    lookup.update(_MORE_NAMES)
    return lookup


_AREAS = _area_lookup()
AREA_NAMES = ", ".join(AREA_SHORT_LABELS[c] for c in AREA_CODES)


@lru_cache(maxsize=1024)
def parse_areas(cell: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(area codes, unrecognised names) from a judgement-areas cell."""
    codes: list[str] = []
    unknown: list[str] = []
    for token in cell.replace(";", ",").replace("/", ",").replace("\n", ",").split(","):
        token = token.strip()
        if not token:
            continue
        found = _AREAS.get(squash(token))
        if found is None:
            unknown.append(token)
        else:
            codes.extend(c for c in found if c not in codes)
    return tuple(codes), tuple(unknown)
