"""The lead officers a plan names, one entry per person however the file spells them.

split_leads and normalise_name read one cell's text; LeadBook keeps one spelling per person
across a whole file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from readiness.importing.text import clean_text, squash
from readiness.limits import NAME_MAX, ROLE_MAX

_NO_LEAD = {"", "na", "none", "nil", "nobody", "notapplicable"}
_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "bin"}
_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "on", "at", "with", "from"}
_HARD_SEPARATORS = re.compile(r"\s*[/,;\n]\s*")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AMPERSAND = re.compile(r"\s*&\s*")
_PLACEHOLDER = re.compile(r"\x01(\d+)\x02")
_EDGE_JUNK = re.compile(r"^[\s\-–—:;,.]+|[\s\-–—:;,.]+$")


def looks_like_person(name: str) -> bool:
    """True for two or more capitalised words ("Daniel Okafor", "Ben van Dijk").

    Lower-case name particles (van, de, ...) may sit between them. "Team managers" and
    "A and I team managers" are not people by this test, which is what keeps them whole.
    """
    words = _PLACEHOLDER.sub("", name).split()
    if len(words) < 2:
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def _title_word(word: str, first: bool) -> str:
    if not first and word.lower() in _SMALL_WORDS:
        return word.lower()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def normalise_name(name: str) -> str:
    """One spelling per person: spaces collapsed, role brackets and stray dashes dropped.

    Title-cases only a name written all in upper or all in lower case ("DANIEL OKAFOR",
    "daniel okafor" -> "Daniel Okafor"); a mixed-case name is kept as written. Initials are never
    expanded or guessed.
    """
    text = clean_text(name).replace("\u2019", "'").replace("\u2018", "'")
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\s*\([^()]*\)?\s*$", "", text)
        text = _EDGE_JUNK.sub("", text)
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    if letters and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        text = " ".join(_title_word(w, i == 0) for i, w in enumerate(text.split()))
    return text


def _protect_brackets(text: str) -> tuple[str, list[str]]:
    """Replace each top-level (...) with a placeholder so separators inside roles are kept."""
    out, groups, depth, current = [], [], 0, []
    for char in text:
        if char == "(":
            if depth == 0:
                current = []
            else:
                current.append(char)
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(f"\x01{len(groups)}\x02")
                groups.append("".join(current))
            else:
                current.append(char)
        elif depth:
            current.append(char)
        else:
            out.append(char)
    if depth:  # an unclosed bracket: its text is still the role
        out.append(f"\x01{len(groups)}\x02")
        groups.append("".join(current))
    return "".join(out), groups


def _join_unless(pieces: list[str], joiner: str, split_ok) -> list[str]:
    """Re-join neighbouring pieces that `split_ok(left, right)` says should not have split."""
    result = [pieces[0]]
    for piece in pieces[1:]:
        if split_ok(result[-1], piece):
            result.append(piece)
        else:
            result[-1] = f"{result[-1]}{joiner}{piece}"
    return result


def _is_initial(text: str) -> bool:
    words = _PLACEHOLDER.sub("", text).split()
    return len(words) == 1 and len(words[0].strip(".")) <= 2


def split_leads(cell: str) -> list[tuple[str, str | None]]:
    """The people or groups named in a lead cell, each with the role in brackets after it.

    Separators: "/", ",", ";", line breaks, "&" and " and ". Heuristics, in order:
    - text in brackets is never split, and a bracket that ends a name is that name's role
      ("Daniel Okafor (Principal Social Worker)"); a role follows only the name just before it,
      so in "A / B (Head of Service)" only B gets the role;
    - a new name may start straight after a role bracket with no separator
      ("A (role) B (role)"), but only when what follows looks like a person's name;
    - " and " splits only when both sides look like personal names (two or more capitalised
      words), or when a role bracket has just closed the name before it; so
      "A and I team managers" and "Help and protection team" stay whole;
    - "&" splits unless one side is a bare initial ("A & I team managers" stays whole).
    Names run together with no separator at all ("Daniel Okafor Aisha Rahman") cannot be told
    apart from a long name and are kept as one lead. Empty, "N/A" and "None" give no leads.
    """
    text = clean_text(cell, "\n")
    if squash(text) in _NO_LEAD or text.strip(" -–—") == "":
        return []
    protected, groups = _protect_brackets(text)
    pieces: list[str] = []
    for part in _HARD_SEPARATORS.split(protected):
        if not part.strip():
            continue
        by_and = _join_unless(_AND.split(part), " and ", _and_splits)
        for chunk in by_and:
            by_amp = _join_unless(
                _AMPERSAND.split(chunk),
                " & ",
                lambda a, b: not (_is_initial(a) or _is_initial(b)),
            )
            for item in by_amp:
                pieces.extend(_split_after_roles(item))
    leads: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for piece in pieces:
        name, role = _name_and_role(piece, groups)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            leads.append((name, role))
    return leads


def _and_splits(left: str, right: str) -> bool:
    """Whether "left and right" names two leads (see split_leads)."""
    if re.search(r"\x02\W*$", left):  # a role bracket has already closed the name on the left
        return True
    return looks_like_person(left) and looks_like_person(right)


def _split_after_roles(item: str) -> list[str]:
    parts = re.split(r"(?<=\x02)\s*(?=[^\s\x01])", item)
    return _join_unless(parts, " ", lambda _a, b: looks_like_person(b))


def _name_and_role(piece: str, groups: list[str]) -> tuple[str, str | None]:
    piece = piece.strip()
    role = None
    end = re.search(r"\x01(\d+)\x02\W*$", piece)
    if end:
        role = " ".join(groups[int(end.group(1))].split()) or None
        piece = piece[: end.start()]
    # A bracket inside the name ("Team manager (SCP) North") stays part of it.
    piece = _PLACEHOLDER.sub(lambda m: f"({groups[int(m.group(1))]})", piece)
    return normalise_name(piece), role


# A "name" of this many capitalised words is more likely several people with no separator.
RUN_TOGETHER_WORDS = 4


# The message and fix of the warning about such a name.
class NameProblem(NamedTuple):
    """A lead cell's problem: the value to quote, what is wrong, what to do, and whether the
    file can still be stored (a warning) or not."""

    value: str
    message: str
    fix: str
    warning: bool


RUN_TOGETHER = (
    "is read as one lead, but looks like several names with nothing between them.",
    "If it is several people, separate them with '/' or a new line and import again.",
)


class LeadBook:
    """Collects lead names across a whole file.

    Names are first normalised (normalise_name); then two spellings that differ only in
    letter case ("Team Managers", "Team managers") are one lead, spelt as first seen. The role
    kept for a person is the first one given in brackets.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self.roles: dict[str, str | None] = {}
        self._cells: dict[str, list[tuple[str, str | None]]] = {}
        self._checked: set[str] = set()

    def read(self, cell: str) -> list[str]:
        """The leads named in a cell, in order, each in its one spelling."""
        found = self._cells.get(cell)
        if found is None:  # lead cells repeat down a plan; each is split once
            found = self._cells[cell] = split_leads(cell)
        names: list[str] = []
        for name, role in found:
            key = name.casefold()
            known = self._names.setdefault(key, name)
            if role and not self.roles.get(known):
                self.roles[known] = role
            if known not in names:
                names.append(known)
        return names

    def problems(self, names: list[str]) -> list[NameProblem]:
        """What to report about names not looked at before: too long to store, or run together.

        "Aisha Rahman Tom Brennan" cannot be split safely ("Mary Ann Van Dyke" is one person),
        so it imports as one lead and is reported for the data owner to check (a warning). A
        name or role longer than the database holds is an error on either database, so SQLite
        and PostgreSQL refuse the same files.
        """
        found = []
        for name in names:
            if name in self._checked:
                continue
            self._checked.add(name)  # lead names repeat down a plan; each is looked at once
            role = self.roles.get(name)
            if len(name) > NAME_MAX:
                found.append(NameProblem(_clip(name), *_long_name(len(name)), False))
            elif role and len(role) > ROLE_MAX:
                found.append(NameProblem(_clip(role), *_long_role(len(role)), False))
            elif not role and len(name.split()) >= RUN_TOGETHER_WORDS and looks_like_person(name):
                found.append(NameProblem(name, *RUN_TOGETHER, True))
        return found


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _long_name(length: int) -> tuple[str, str]:
    return (
        f"is {length:,} characters long: a lead officer's name can be at most {NAME_MAX}.",
        "Write only the person's name (or post) here; put their role in brackets after it.",
    )


def _long_role(length: int) -> tuple[str, str]:
    return (
        f"is a role of {length:,} characters: a lead officer's role can be at most {ROLE_MAX}.",
        "Shorten the role in brackets after the name.",
    )
