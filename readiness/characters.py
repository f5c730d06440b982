"""Characters that change how text looks, or whether it can be stored, without being seen.

Removed from every piece of text a plan file or a form brings in, before it is stored:
- bidirectional controls, which reorder text on screen (a right-to-left override after "Reb"
  shows "Rebecca Hollis" as something else), so a note or a name cannot disguise itself;
- zero-width and other invisible format characters, so "Rebecca Hollis" and the same name with
  a zero-width space inside are one lead officer, not two that look alike;
- control characters other than tab and line breaks: PostgreSQL refuses a NUL in text, which
  SQLite stores, so without this one database would take a file the other refuses.
Source: Unicode Standard Annex #9 (bidi controls) and the Unicode "Cf" format characters.
"""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates; marks; zero-width space, joiners and the word joiner;
# invisible operators; the byte-order mark used inside text; soft hyphen; Mongolian vowel sep.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
)
INVISIBLE = re.compile(f"[{_INVISIBLE}]")


def visible(text: str) -> str:
    """The text without invisible and control characters (tabs and line breaks are kept)."""
    return INVISIBLE.sub("", text)
