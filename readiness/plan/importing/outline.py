"""A plan's numbering read as its structure, where it has a ref column but no theme column.

Councils number their plans as an outline: 1 / 1.1 / 1.1.2, or 1. / a), b). The first number is
the recommendation (headings.bare_ref); a row numbered 1.1 with rows numbered under it (1.1.1,
1.1.2, or lettered a), b) after it) is a theme, its action cell the theme's name, and the rows
under it are its actions. A row numbered 1.1 with nothing under it is an action, as before; so
with only two levels (1 and 1.1, or 1. and a)) the second level is the actions, in the one theme
headings.theme_for names. A row lettered a) alone takes the number of the row numbered above
it ("1.1" then "a)" is 1.1a), so it belongs to that recommendation.

The whole ref column is read first, once, so a theme is known as a theme on its own row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.files.free_text import clean_text, parse_ref
from readiness.files.reading import Cell
from readiness.text import plural

Path = tuple[str, ...]  # ("1", "1", "2") for 1.1.2; ("AFD 2", "a") for "a)" under AFD 2
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.?([a-z])|\(([a-z])\))?[.)]?$", re.I)
_LETTERED = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)])$", re.I)


def _path(text: str, above: Path | None) -> tuple[Path | None, Path | None]:
    """(the cell's path, the path a lettered row below it hangs from)."""
    match = _NUMBERED.match(text)
    if match:
        numbers = tuple(str(int(n)) for n in match.group(1).split("."))
        letter = (match.group(2) or match.group(3) or "").lower()
        return (numbers + (letter,) if letter else numbers), numbers
    match = _LETTERED.match(text)
    if match:
        if above is None:
            return None, None
        return above + ((match.group(1) or match.group(2)).lower(),), above
    ref = parse_ref(text)[0]
    return ((ref,), (ref,)) if ref else (None, above)


def number_path(text: str) -> Path | None:
    """The path a ref cell's own number gives ("1.1a" -> ("1", "1", "a")), or None."""
    match = _NUMBERED.match(text.strip())
    return _path(text.strip(), None)[0] if match else None


def ref_text(path: Path) -> str:
    """The ref cell a path is read as: "1.1a" (headings.bare_ref reads it as REC 1), "AFD 2"."""
    if not path[0][:1].isdigit():
        return path[0]
    numbers = ".".join(p for p in path if p.isdigit())
    letters = "".join(p for p in path if not p.isdigit())
    return numbers + letters


@dataclass
class Outline:
    paths: dict[int, Path]  # row index -> its number as a path
    parents: set[Path]  # the paths rows are numbered under
    lettered: list[int] = field(default_factory=list)  # row numbers of rows lettered alone
    names: dict[Path, str] = field(default_factory=dict)  # a theme's path -> its name
    theme_rows: list[int] = field(default_factory=list)  # row numbers of the themes' own rows

    def is_theme(self, index: int) -> bool:
        path = self.paths.get(index)
        return path is not None and len(path) == 2 and path in self.parents

    def theme_of(self, index: int) -> Path | None:
        """The path of the theme the row is an action of, if it is numbered under one."""
        path = self.paths.get(index)
        return path[:2] if path and len(path) >= 3 else None

    def theme_name(self, path: Path) -> str:
        return self.names.get(path) or f"Theme {ref_text(path)}"

    def ref_cell(self, index: int) -> str | None:
        """For a row lettered alone ("a)"), the ref it is read under ("1.1a"); else None."""
        path = self.paths.get(index)
        return ref_text(path) if index + 1 in self.lettered and path else None

    def notes(self) -> list[str]:
        """What the numbering was read as, said once for the sheet."""
        said = []
        if self.theme_rows:
            count = len(self.theme_rows)
            shown = ", ".join(str(n) for n in self.theme_rows[:8])
            shown = ("row " if count == 1 else "rows ") + shown + (", ..." if count > 8 else "")
            said.append(
                "The plan has no theme column, so its numbering was read as its structure: a "
                "row numbered like 1.1 with rows numbered under it is a theme, named by its "
                f"action cell, and those rows are its actions ({plural(count, 'theme')}, on "
                f"{shown})."
            )
        if self.lettered:
            said.append(
                f"{plural(len(self.lettered), 'row')} lettered a), b), ... with no number "
                f"{'was' if len(self.lettered) == 1 else 'were'} read as actions of the "
                "recommendation numbered above them."
            )
        return said


def read_outline(rows: list[list[Cell]], start: int, ref_column: int) -> Outline:
    """The outline of the ref column of rows[start:] (see the module's docstring)."""
    paths: dict[int, Path] = {}
    parents: set[Path] = set()
    lettered: list[int] = []
    above: Path | None = None
    for index in range(start, len(rows)):
        row = rows[index]
        cell = row[ref_column] if ref_column < len(row) else ""
        if not isinstance(cell, str) or not cell.strip():
            continue
        text = clean_text(cell)
        path, above = _path(text, above)
        if path is None:
            continue
        if _LETTERED.match(text):
            lettered.append(index + 1)
        paths[index] = path
        parents.update(path[:depth] for depth in range(2, len(path)))
    outline = Outline(paths, parents, lettered)
    outline.theme_rows = [i + 1 for i in paths if outline.is_theme(i)]
    return outline
