"""The words of a lead cell: which name a post, a group of people, a service or an acronym, and
what a person's name looks like. leads.py splits cells with these tests.

Text reaching these tests may hold bracket placeholders (PLACEHOLDER) where leads.py has set a
role aside; the words of a piece never include them.
"""

from __future__ import annotations

import re

from readiness.text import squash

PLACEHOLDER = re.compile(r"\x01(\d+)\x02")

# Said outright that there is no lead ("N/A", "-"), as opposed to not known yet ("TBC", "?").
_NO_LEAD = {"na", "none", "nil", "nobody", "notapplicable"}
_NOT_YET = {"tbc", "tba", "tbd", "tobeconfirmed", "tobeagreed", "tobedecided", "unknown"}
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "bin"}
# Posts an acronym names; each is a lead on its own ("DCS / PSW" is two).
ROLE_ACRONYMS = {"dcs", "ddcs", "ad", "psw", "hos", "iro", "lado", "dsl", "vsh", "senco", "pa"}
# Acronyms kept upper case when a name written all in one case is title-cased.
_ACRONYMS = ROLE_ACRONYMS | {
    "mash", "sa", "cp", "cin", "lac", "cla", "cic", "send", "sen", "yos", "yjs", "yot", "qa", "hr",
    "edt", "nhs", "camhs", "uasc", "ehcp", "it", "ict", "icb", "scp", "lscb", "fgc", "sgo", "sw",
}  # fmt: skip
_TITLES = {"mr", "mrs", "ms", "mx", "dr", "st"}  # no vowel, but not acronyms
# The word that makes a phrase one post ("Planning Manager", "Head of Service")...
_POSTS = {
    "manager", "head", "director", "officer", "lead", "leader", "worker", "coordinator",
    "co-ordinator", "adviser", "advisor", "assistant", "deputy", "chief", "commissioner",
    "consultant", "practitioner", "chair", "supervisor", "administrator", "analyst", "principal",
}  # fmt: skip
# ... and the words that make a phrase a group of people ("Team managers"), a lead of its own.
_GROUPS = {
    "managers", "heads", "directors", "officers", "leads", "leaders", "workers", "coordinators",
    "co-ordinators", "advisers", "advisors", "practitioners", "consultants", "staff", "team",
    "teams", "panel", "board", "group", "partners", "partnership",
}  # fmt: skip
# Words naming a service, never a surname or forename: "Health, Education" is two leads.
_SERVICES = {
    "health", "education", "police", "housing", "finance", "legal", "schools", "school", "social",
    "care", "help", "commissioning", "probation", "fostering", "adoption", "safeguarding",
    "performance", "quality", "practice", "children", "family", "families", "youth", "justice",
    "workforce", "training", "learning", "development", "council", "all", "everyone",
}  # fmt: skip
_NOT_NAMES = _POSTS | _GROUPS | _SERVICES | _ACRONYMS | _NOT_YET | _NO_LEAD


def words(text: str) -> list[str]:
    """The words of a piece, its bracket placeholders left out."""
    return PLACEHOLDER.sub(" ", text).split()


def _key(word: str) -> str:
    return word.strip(".,:;'’").lower()


def blank_kind(text: str) -> str | None:
    """ "none" for text saying there is no lead ("N/A", "-", "None"), "not yet" for a lead still
    to be named ("TBC", "?"), None for anything else."""
    if not re.search(r"[^\W_]", text):
        return "not yet" if "?" in text else "none"
    key = squash(text)
    return "not yet" if key in _NOT_YET else "none" if key in _NO_LEAD else None


def looks_like_person(name: str) -> bool:
    """True for two or more capitalised words ("Daniel Okafor", "Ben van Dijk").

    Lower-case name particles (van, de, ...) may sit between them. "Team managers" and
    "A and I team managers" are not people by this test, which is what keeps them whole.
    """
    found = words(name)
    if len(found) < 2:
        return False
    if not (found[0][:1].isupper() and found[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in found)


def is_acronym(letters: str) -> bool:
    """A known acronym, or three or more letters with no vowel ("DCS", "PSW", "SCP")."""
    key = letters.lower()
    if key in _ACRONYMS:
        return True
    return len(key) >= 3 and key not in _TITLES and not re.search("[aeiouy]", key)


def is_post(text: str) -> bool:
    """Whether the text names one post ("Planning Manager", "Head of Service", "PSW"); a
    phrase ending in a group ("Team managers", "Fostering team") names people, not a post."""
    keys = [_key(w) for w in words(text)]
    if len(keys) == 1 and keys[0] in ROLE_ACRONYMS:
        return True
    return bool(keys) and keys[-1] not in _GROUPS and any(k in _POSTS for k in keys)


def _names_service(word: str) -> bool:
    """An acronym of a service or team ("MASH", "SA"), or a word naming a service."""
    is_short_acronym = word.isalpha() and word.isupper() and len(word) <= 6
    return (is_short_acronym or _key(word) in _SERVICES) and _key(word) not in ROLE_ACRONYMS


# What ends the service a post names after its "/": the next lead starts after these.
_NEXT_LEAD = re.compile(r"\s*(?:[,&(]|\band\b)", re.IGNORECASE)


def shares_post(left: str, right: str) -> bool:
    """Whether the "/" in "left/right" is inside one post's title, between the services it
    covers ("Head of Service MASH/ SA", "Head of CP/LAC", "Team Manager MASH/Assessment",
    "Head of Early Help/ Family Support"), not between two leads.

    The left is a post (a post or group word, or an acronym such as HoS, among two or more
    words) ending in a service's acronym or name; the right, up to the next lead, is a service
    of one to three words: none a post, a group or a post's acronym ("Head of CP / DCS" is two
    posts), and not a person's name ("Head of Service / Aisha Rahman" is two leads).
    """
    before = words(left.split(",")[-1])
    service = _NEXT_LEAD.split(right, maxsplit=1)[0]
    after = words(service)
    if len(before) < 2 or not 1 <= len(after) <= 3 or not _names_service(before[-1]):
        return False
    if not any(_key(w) in _POSTS | _GROUPS | ROLE_ACRONYMS for w in before[:-1]):
        return False
    keys = [_key(w) for w in after]
    if any(k in _POSTS or k in _GROUPS or k in ROLE_ACRONYMS for k in keys):
        return False
    return not looks_like_person(service) or any(_names_service(w) for w in after)


def surname_first(left: str, right: str) -> bool:
    """Whether "left, right" is one person written surname first ("Smith, John", "Okafor, D.").

    Only a single surname (particles aside) and one forename, with a middle initial at most,
    and none of them a post, group, service or acronym: "Health, Education" stays two leads.
    """
    surname = [w for w in left.split() if w.lower() not in NAME_PARTICLES]
    given = words(right)
    return (
        not PLACEHOLDER.search(left)
        and len(surname) == 1
        and 1 <= len(given) <= 2
        and all(len(w.strip(".")) == 1 for w in given[1:])
        and all(w[:1].isupper() and _key(w) not in _NOT_NAMES for w in surname + given)
    )
