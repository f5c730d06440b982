"""Text: every rule that tidies, compares or counts the words people give the dashboard, each
written once, and the few pieces of English the messages share.

Invisible characters. Removed from every piece of text a plan file or a form brings in, before it
is stored:
- bidirectional controls, which reorder text on screen (a right-to-left override after "Reb"
  shows "Rebecca Hollis" as something else), so a note or a name cannot disguise itself;
- zero-width and other invisible format characters, so "Rebecca Hollis" and the same name with
  a zero-width space inside are one lead officer, not two that look alike;
- control characters other than tab and line breaks: PostgreSQL refuses a NUL in text, which
  SQLite stores, so without this one database would take a file the other refuses.
Source: Unicode Standard Annex #9 (bidi controls) and the Unicode "Cf" format characters.

Lengths. How long the database's bounded text columns are: readiness/db/models.py declares the
columns with these lengths, and the importers and forms check text against them first.
PostgreSQL refuses a longer value (SQLite would store it), so checking here makes both databases
take and refuse the same plans, with a message instead of an error.

Comparing. Three keys, for three kinds of likeness: the same person (case and spacing aside),
the same heading or word (only letters and digits count) and the same sentence reworded (words
kept apart, for a similarity ratio).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

NAME_MAX = 200  # a lead officer's name, a progress update's author, a plan's council
EMAIL_MAX = 254  # the longest address RFC 5321 allows
ROLE_MAX = 300  # a lead officer's role, given in brackets after the name
TITLE_MAX = 300  # a plan's title

# Bidi embeddings, overrides and isolates; marks; zero-width space, joiners and the word joiner;
# invisible operators; the byte-order mark used inside text; soft hyphen; Mongolian vowel sep.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
)
INVISIBLE = re.compile(f"[{_INVISIBLE}]")
# Anything but a letter or a digit, in any script (the underscore counts as punctuation here).
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def visible(text: str) -> str:
    """The text without invisible and control characters (tabs and line breaks are kept)."""
    return INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    """The text on one line: every run of spaces, tabs and line breaks one space, ends trimmed."""
    return " ".join(text.split())


def same_person_key(name: str) -> str:
    """Two spellings of a lead with this key are one person: case and spacing ignored, so a
    name whose space was typed as a zero-width space (removed on import) is still the same."""
    return "".join(name.split()).casefold()


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """Letters and digits only, case ignored: a heading, a word or a name compared loosely
    ("Due date", "due-date" and "DUE_DATE" are one heading)."""
    # A regular expression, not a loop over characters: it runs on every cell of a plan.
    return _NOT_LETTER_OR_DIGIT.sub("", text.casefold())


@lru_cache(maxsize=1 << 16)
def loose_words(text: str) -> str:
    """A sentence compared loosely, its words kept apart: case, spacing, punctuation and bullet
    characters ignored, and compatibility forms (a ligature, a full-width letter) as plain."""
    return one_line(_NOT_LETTER_OR_DIGIT.sub(" ", unicodedata.normalize("NFKC", text).casefold()))


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 action', '3 actions'; `many` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def format_date(day: date | None) -> str:
    """'14 Mar 2026', the form committee papers use."""
    return f"{day.day} {day:%b %Y}" if day else ""
