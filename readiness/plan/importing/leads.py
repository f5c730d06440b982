"""The lead officers a plan names, one entry per person however the file spells them.

split_leads and normalise_name read one cell's text; LeadBook keeps one spelling per person
across a whole file and says what in a cell is not a lead (TBC, a date, a number, #REF!).
"""

from __future__ import annotations

import re

from readiness.files.debris import CellProblem, garbage_problem
from readiness.files.free_text import clean_text
from readiness.plan.importing.dates import looks_like_date
from readiness.plan.importing.lead_words import (
    PLACEHOLDER,
    blank_kind,
    is_acronym,
    is_post,
    looks_like_person,
    shares_post,
    surname_first,
    words,
)
from readiness.text import NAME_MAX, ROLE_MAX, same_person_key

# A lead cell's problem has the shape of every cell's problem.
NameProblem = CellProblem

_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "on", "at", "with", "from"}
# What belongs in a lead cell, for the message about a number there.
_EXPECTS = "a lead officer's name (or post)"
_PARTS = re.compile(r"\s*([/;\n])\s*")
_COMMA = re.compile(r"\s*,\s*")
# A "/" that is part of a value, not a separator: "N/A", and numeric dates such as 31/03/2026.
_SLASHED_VALUE = re.compile(r"(?<![\w/])(?:n\s*/\s*a|\d{1,4}/\d{1,2}/\d{1,4})(?![\w/])", re.I)
_KEPT_SLASH = "\x05"
_AND = re.compile(r"(\s+and\s+)", re.IGNORECASE)
_AMPERSAND = re.compile(r"(\s*&\s*)")
_AFTER_ROLE = re.compile(r"(?<=\x02)(\s*)(?=[^\s\x01])")
_EDGE_JUNK = re.compile(r"^[\s\-–—:;,.]+|[\s\-–—:;,.]+$")


def _title_word(word: str, first: bool) -> str:
    if not first and word.lower() in _SMALL_WORDS:
        return word.lower()
    return re.sub(
        r"[^\W\d_]+",
        lambda m: m.group(0).upper() if is_acronym(m.group(0)) else m.group(0).capitalize(),
        word,
    )


def normalise_name(name: str) -> str:
    """One spelling per person: spaces collapsed, role brackets and stray dashes dropped.

    Title-cases only a name written all in upper or all in lower case ("DANIEL OKAFOR",
    "daniel okafor" -> "Daniel Okafor"), keeping acronyms upper case ("HEAD OF MASH" -> "Head of
    MASH", "dcs" -> "DCS"); a mixed-case name is kept as written. Initials are never expanded or
    guessed.
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


def _join_unless(
    text: str, separator: re.Pattern, split_ok, joiner: str | None = None
) -> list[str]:
    """The text split at `separator` (a pattern with one group), re-joining the neighbours that
    `split_ok(left, right)` says should not have split, with the separator as written (so "CP
    AND LAC" keeps its case) or `joiner`."""
    tokens = separator.split(text)
    result = [tokens[0]]
    for between, piece in zip(tokens[1::2], tokens[2::2], strict=True):
        if split_ok(result[-1], piece):
            result.append(piece)
        else:
            result[-1] = f"{result[-1]}{joiner or between}{piece}"
    return result


def _is_initial(text: str) -> bool:
    found = words(text)
    return len(found) == 1 and len(found[0].strip(".")) <= 2


def split_leads(cell: str) -> list[tuple[str, str | None]]:
    """The people or groups named in a lead cell, each with its role.

    Separators: "/", ",", ";", line breaks, "&" and " and ". Heuristics, in order:
    - text in brackets is never split, and a bracket that ends a name is that name's role
      ("Daniel Okafor (Principal Social Worker)"); a role follows only the name just before it,
      so in "A / B (Head of Service)" only B gets the role;
    - a "/" inside a post's title, between the services it covers, does not split ("Head of
      Service MASH/ SA", "Team Manager MASH/Assessment"; lead_words.shares_post);
    - a post after a person's name and a comma is that person's role ("Liz Price, Planning
      Manager"); a cell of "Surname, Forename" is one person, read as "Forename Surname" so
      that it is the same lead as "Forename Surname" elsewhere ("Smith, John" -> "John Smith");
    - a new name may start straight after a role bracket with no separator
      ("A (role) B (role)"), but only when what follows looks like a person's name;
    - " and " splits only when both sides look like personal names (two or more capitalised
      words), or when a role bracket has just closed the name before it; so
      "A and I team managers" and "Help and protection team" stay whole;
    - "&" splits unless one side is a bare initial ("A & I team managers" stays whole).
    Names run together with no separator at all ("Daniel Okafor Aisha Rahman") cannot be told
    apart from a long name and are kept as one lead. "N/A", "None" and "-" give no leads; nor do
    "TBC", a date, a number or a spreadsheet error, which LeadBook.cell_problems reports.
    """
    return _read_cell(cell)[0]


def _read_cell(cell: str) -> tuple[list[tuple[str, str | None]], list[NameProblem]]:
    """The leads a cell names (see split_leads), and what in it is not a lead."""
    text = clean_text(cell, "\n")
    # The whole cell first, as "#DIV/0!" and "#N/A" hold a "/"; an error before the wording
    # that says there is no lead ("#N/A" is not "N/A"), an empty marker ("nan") after it.
    found = garbage_problem(text, _EXPECTS)
    if found and not found.warning:
        return [], [found]
    if blank_kind(text) == "none":
        return [], []
    if found:
        return [], [found]
    protected, groups = _protect_brackets(text)
    protected = _SLASHED_VALUE.sub(lambda m: m.group(0).replace("/", _KEPT_SLASH), protected)
    pieces: list[str] = []
    for part in _parts(protected):
        for piece in _comma_pieces(part, groups):
            for chunk in _join_unless(piece, _AND, _and_splits):
                by_amp = _join_unless(
                    chunk, _AMPERSAND, lambda a, b: not (_is_initial(a) or _is_initial(b))
                )
                for item in by_amp:
                    pieces.extend(_split_after_roles(item))
    leads: list[tuple[str, str | None]] = []
    problems: list[NameProblem] = []
    seen: set[str] = set()
    for piece in pieces:
        bare = " ".join(words(piece)).replace(_KEPT_SLASH, "/")
        blank = blank_kind(bare)
        if blank == "none":
            continue
        problem = _not_a_lead(bare, _restore(piece, groups), blank)
        if problem:
            if problem not in problems:  # "TBC / TBC" is one problem
                problems.append(problem)
            continue
        name, role = _name_and_role(piece, groups)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            leads.append((name, role))
    return leads, problems


def _not_a_lead(bare: str, shown: str, blank: str | None) -> NameProblem | None:
    """Why a piece (`bare`: its words only) is not a lead, quoting it as written (`shown`)."""
    shown = " ".join(shown.split())
    if blank:
        return NameProblem(shown, *NOT_YET, True)
    found = garbage_problem(bare, _EXPECTS)
    if found:
        return found._replace(value=shown)
    if looks_like_date(bare):
        return NameProblem(shown, *DATE_NOT_LEAD, False)
    return None


def _restore(piece: str, groups: list[str]) -> str:
    """The piece as written: its brackets back in place, its kept slashes back."""
    piece = PLACEHOLDER.sub(lambda m: f"({groups[int(m.group(1))]})", piece)
    return piece.replace(_KEPT_SLASH, "/")


def _parts(text: str) -> list[str]:
    """The text split at "/", ";" and line breaks, keeping "Head of Service MASH/ SA" whole."""
    tokens = _PARTS.split(text)
    parts = [tokens[0]]
    for separator, piece in zip(tokens[1::2], tokens[2::2], strict=True):
        if separator == "/" and shares_post(parts[-1], piece):
            parts[-1] = f"{parts[-1]}/{piece}"
        else:
            parts.append(piece)
    return [part for part in parts if part.strip()]


def _comma_pieces(part: str, groups: list[str]) -> list[str]:
    """The part split at commas, but a post after a name is its role ("Liz Price, Planning
    Manager"), and "Smith, John" is one person, "John Smith". Such a role is kept in `groups`,
    as a bracket's is."""
    pieces = [piece for piece in _COMMA.split(part) if piece]
    if len(pieces) == 2 and surname_first(*pieces):
        surname, given = pieces
        brackets = "".join(re.findall(r"\x01\d+\x02", given))
        return [f"{' '.join(words(given))} {surname} {brackets}".strip()]
    result: list[str] = []
    for piece in pieces:
        before = result[-1] if result else ""
        named = looks_like_person(before) and not is_post(before) and "\x01" not in before
        if named and is_post(piece):
            groups.append(" ".join(_restore(piece, groups).split()))
            result[-1] = f"{before} \x01{len(groups) - 1}\x02"
        else:
            result.append(piece)
    return result


def _and_splits(left: str, right: str) -> bool:
    """Whether "left and right" names two leads (see split_leads)."""
    if re.search(r"\x02\W*$", left):  # a role bracket has already closed the name on the left
        return True
    return looks_like_person(left) and looks_like_person(right)


def _split_after_roles(item: str) -> list[str]:
    return _join_unless(item, _AFTER_ROLE, lambda _a, b: looks_like_person(b), " ")


def _name_and_role(piece: str, groups: list[str]) -> tuple[str, str | None]:
    piece = piece.strip()
    role = None
    end = re.search(r"\x01(\d+)\x02\W*$", piece)
    if end:
        role = " ".join(groups[int(end.group(1))].split()) or None
        piece = piece[: end.start()]
    # A bracket inside the name ("Team manager (SCP) North") stays part of it.
    return normalise_name(_restore(piece, groups)), role


# A "name" of this many capitalised words is more likely several people with no separator.
RUN_TOGETHER_WORDS = 4


# The message and fix of each problem a lead cell can have.
RUN_TOGETHER = (
    "is read as one lead, but looks like several names with nothing between them.",
    "If it is several people, separate them with '/' or a new line and import again.",
)
NOT_YET = (
    "is not a lead officer: the lead is still to be named, so no lead is imported from it.",
    "Name the person or post who leads the action when it is known.",
)
DATE_NOT_LEAD = (
    "is a date, not a lead officer.",
    "Put the date in the due date column, and name the person or post who leads the action here.",
)
NO_LEAD = (
    "says there is no lead, so the action imports with nobody leading it.",
    "Name the person or post who leads the action.",
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
        self._cells: dict[str, tuple[list[tuple[str, str | None]], list[NameProblem]]] = {}
        self._checked: set[str] = set()

    def _read(self, cell: str) -> tuple[list[tuple[str, str | None]], list[NameProblem]]:
        found = self._cells.get(cell)
        if found is None:  # lead cells repeat down a plan; each is split once
            found = self._cells[cell] = _read_cell(cell)
        return found

    def read(self, cell: str) -> list[str]:
        """The leads named in a cell, in order, each in its one spelling."""
        names: list[str] = []
        for name, role in self._read(cell)[0]:
            key = same_person_key(name)
            known = self._names.setdefault(key, name)
            if role and not self.roles.get(known):
                self.roles[known] = role
            if known not in names:
                names.append(known)
        return names

    def cell_problems(self, cell: str, *, lead_needed: bool = False) -> list[NameProblem]:
        """What in a lead cell is not a lead, to report on every row that has it.

        "TBC", "TBA", "?" and an empty-cell marker ("nan") are warnings: the action imports with
        no lead from them. A date, a number, TRUE/FALSE or a spreadsheet error ("#REF!") is an
        error. With `lead_needed`, a cell saying outright there is no lead ("N/A", "-", "None")
        is a warning too.
        """
        leads, problems = self._read(cell)
        if lead_needed and not leads and not problems and cell.strip():
            return [NameProblem(" ".join(cell.split()), *NO_LEAD, True)]
        return problems

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
            elif (
                not role
                and len(name.split()) >= RUN_TOGETHER_WORDS
                and looks_like_person(name)
                and not is_post(name)  # "Front Door Team Manager" is one post, not two people
            ):
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
