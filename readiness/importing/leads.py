"""The lead officers a plan names, one entry per person however the file spells them."""

from __future__ import annotations

from readiness.importing.text import looks_like_person, split_leads

# A "name" of this many capitalised words is more likely several people with no separator.
RUN_TOGETHER_WORDS = 4
# The message and fix of the warning about such a name.
RUN_TOGETHER = (
    "is read as one lead, but looks like several names with nothing between them.",
    "If it is several people, separate them with '/' or a new line and import again.",
)


class LeadBook:
    """Collects lead names across a whole file.

    Names are first normalised (text.normalise_name); then two spellings that differ only in
    letter case ("Team Managers", "Team managers") are one lead, spelt as first seen. The role
    kept for a person is the first one given in brackets.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self.roles: dict[str, str | None] = {}
        self._reported: set[str] = set()
        self._cells: dict[str, list[tuple[str, str | None]]] = {}

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

    def run_together(self, names: list[str]) -> list[str]:
        """Names not reported before that look like several people written with no separator.

        "Aisha Rahman Tom Brennan" cannot be split safely ("Mary Ann Van Dyke" is one person),
        so it imports as one lead and is reported for the data owner to check.
        """
        found = []
        for name in names:
            if name in self._reported or self.roles.get(name):
                continue
            if len(name.split()) >= RUN_TOGETHER_WORDS and looks_like_person(name):
                self._reported.add(name)
                found.append(name)
        return found
