"""Finding the canonical layout's heading row, in the template's words or a council's own.

A heading matches a column (readiness.plan.canonical) when it equals the column's heading or one of
its aliases, ignoring case, spaces, punctuation and a final plural "s": "Action(s) required",
"Lead officer(s)", "When?" and "RAG" all match. A row is the header when it holds every required
column in the template's own headings (as before), or when, in any words, it names the action,
the lead and either the recommendation or a ref, and the committee-paper reader
(committee_header) does not claim it: that layout's own reader knows its merged, multi-line
cells better.

What such a plan leaves out is filled in, and each gap is said once (gap_warnings):

- no ref column: refs REC 1, REC 2, ... are given in the order recommendations first appear;
- bare numbered refs: a ref cell "1", "1.", "1.1", "2a" or "2(b)" is recommendation 1, 1, 1, 2
  and 2 (REC 1 ...): the number before the point or letter is the recommendation's, what
  follows it is the action's own number within it, which the dashboard does not keep;
- no theme column: each recommendation's actions form one theme named after its ref ("REC 1
  actions"), a short label that does not repeat the recommendation shown above it and stays
  the same if the recommendation is reworded, so a re-import matches it;
- no recommendation column (a "No. / What? / Who? / When?" plan): a row whose ref is a whole
  number and which names no lead ("1 | Improve planning") is the recommendation's own row and
  gives its text; a recommendation without one is called "Recommendation 1".

A RAG column is read as the action's status (rag_status): Blue, Complete or Done as Complete;
Green, Amber and Red as In progress, since a colour says how an action is going, not that it
has not started. The dashboard then works out each action's colour by its own rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.files.reading import Cell
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import committee_header
from readiness.plan.importing.mapping import (
    IGNORE,
    FoundHeadings,
    heading_key,
    row_headings,
    signature,
)
from readiness.text import squash
from readiness.vocabulary import COMPLETE, IN_PROGRESS

REQUIRED = tuple(c.key for c in CANONICAL_COLUMNS if c.required)
# In any words, a plan needs these, and the recommendation or a ref (see the docstring).
NEEDED = ("action", "service_leads")


BY_HEADING = {heading_key(c.heading): c for c in CANONICAL_COLUMNS}
BY_ALIAS = {heading_key(a): c for c in CANONICAL_COLUMNS for a in c.aliases}


@dataclass
class Header:
    index: int  # 0-based row index of the headings
    columns: dict[str, int]
    headings: dict[str, str]
    aliased: bool = False  # found in a council's own words, not the template's
    unused: list[str] = field(default_factory=list)  # other headings on the row, not imported


def _read_row(
    row: list[Cell], chosen: dict[str, str] | None = None
) -> tuple[dict[str, int], dict[str, str], bool, list[str]]:
    """(columns, headings, any alias used, other headings) for one row.

    `chosen` is the user's mapping (heading key -> field, see mapping): it wins over our own
    reading of a heading, and a column it marks IGNORE is neither read nor reported as unused."""
    columns: dict[str, int] = {}
    headings: dict[str, str] = {}
    texts = row_headings(row)
    ignored: set[int] = set()
    for position, text in enumerate(texts):
        field = chosen.get(heading_key(text)) if chosen and text else None
        if field == IGNORE:
            ignored.add(position)
        elif field and field not in columns:
            columns[field], headings[field] = position, text
    # The template's own heading wins over an alias anywhere on the row: an exported plan's
    # "Status" is read, not the "RAG" column the export adds after it.
    for lookup in (BY_HEADING, BY_ALIAS):
        for position, text in enumerate(texts):
            column = lookup.get(heading_key(text)) if text and position not in ignored else None
            if column and column.key not in columns and position not in columns.values():
                columns[column.key] = position
                headings[column.key] = text
    aliased = bool(chosen) or any(heading_key(h) not in BY_HEADING for h in headings.values())
    taken = set(columns.values()) | ignored
    unused = [t for i, t in enumerate(texts) if t and i not in taken]
    return columns, headings, aliased, unused


def _enough(columns: dict[str, int]) -> bool:
    return all(k in columns for k in NEEDED) and ("recommendation" in columns or "ref" in columns)


def find_header(
    rows: list[list[Cell]], limit: int = 30, chosen: dict[str, str] | None = None
) -> Header | None:
    """The first row, among the first `limit`, that is the canonical layout's heading row.

    With the user's mapping (`chosen`), a row it names a heading of is read as they said, even
    where the committee-paper reader would otherwise claim it."""
    for index in range(min(limit, len(rows))):
        columns, headings, aliased, unused = _read_row(rows[index], chosen)
        if all(k in columns for k in REQUIRED) and not aliased:
            return Header(index, columns, headings)
        if not _enough(columns):
            continue
        mapped = chosen and any(heading_key(t) in chosen for t in row_headings(rows[index]) if t)
        if mapped or committee_header.header_at(rows, index) is None:
            return Header(index, columns, headings, True, unused)
    return None


def not_on_row(row: list[Cell], written: list[str]) -> list[str]:
    """The headings of the user's mapping (as they wrote them) that the heading row lacks."""
    present = {heading_key(t) for t in row_headings(row) if t}
    return [h for h in written if heading_key(h) not in present]


# --- What a plan in its own words leaves out -------------------------------------------------

_BARE_REF = re.compile(r"^(\d{1,3})(?:\.\d{1,3})*(?:\.?[a-z]|\([a-z]\))?[.)]?$", re.IGNORECASE)
_WHOLE_REF = re.compile(r"^(\d{1,3})[.)]?$")


def bare_ref(text: str) -> str | None:
    """ "REC 2" for a bare numbered ref ("2", "2.", "2.1", "2a"), else None."""
    match = _BARE_REF.match(text.strip())
    return f"REC {int(match.group(1))}" if match else None


def whole_ref(text: str) -> str | None:
    """ "REC 2" for a ref that is a whole number ("2", "2.", "2)"): a recommendation's own row."""
    match = _WHOLE_REF.match(text.strip())
    return f"REC {int(match.group(1))}" if match else None


def theme_for(ref: str) -> str:
    """The theme given to a recommendation's actions when the plan has no theme column."""
    return f"{ref} actions"


def gap_warnings(header: Header) -> list[tuple[str | None, str, str]]:
    """(column key, message, fix) for each thing the plan's headings leave out, said once."""
    if not header.aliased:
        return []
    found: list[tuple[str | None, str, str]] = []
    if "ref" not in header.columns:
        found.append(
            (
                None,
                "The plan has no ref column, so its recommendations were numbered REC 1, "
                "REC 2, ... in the order they first appear.",
                "Add a Ref column (REC 1, AFD 2, APA 1) to keep the inspection report's numbers.",
            )
        )
    if "recommendation" not in header.columns:
        found.append(
            (
                None,
                "The plan has no recommendation column: a row numbered 1, 2, ... with no lead "
                'gives its recommendation\'s text; without one it is called "Recommendation 1".',
                "Add a Recommendation (or Objective) column holding each recommendation's text.",
            )
        )
    if "theme" not in header.columns:
        found.append(
            (
                None,
                "The plan has no theme column, so each recommendation's actions were put in one "
                f'theme named after its ref ("{theme_for("REC 1")}").',
                "Add a Theme column to group the actions into improvement themes.",
            )
        )
    if header.unused:
        names = ", ".join(f'"{h}"' for h in header.unused)
        found.append(
            (
                None,
                f"These columns were not imported: the dashboard has no place for them: {names}.",
                "Move anything that matters into the action, progress or evidence columns, or "
                "rename the heading (see the template's Columns sheet).",
            )
        )
    return found


_RAG = {"blue": COMPLETE, "green": IN_PROGRESS, "amber": IN_PROGRESS, "red": IN_PROGRESS}
RAG_READ = (
    "was read as a RAG colour (Blue as Complete; Green, Amber and Red as In progress). The "
    "dashboard works out each action's colour from its dates and status by its own rules, so "
    "the plan's colours are replaced by the dashboard's."
)


def rag_status(cell: str) -> str | None:
    """The status a RAG colour stands for ("Amber" is in progress), or None for other words."""
    return _RAG.get(squash(cell))


# --- Saying why no heading row was found -----------------------------------------------------


_NAMES = {"due": "due date", "start": "start date", "status": "status"}


def _field(key: str) -> str:
    column = next(c for c in CANONICAL_COLUMNS if c.key == key)
    examples = [column.heading, *column.aliases[:2]]
    return f"the {column.heading.lower()} (" + " or ".join(f'"{e}"' for e in examples) + ")"


def best_row(rows: list[list[Cell]], limit: int = 30) -> int | None:
    """The index of the likeliest heading row: the one with the most short texts."""
    best, most = None, 0
    for index, row in enumerate(rows[:limit]):
        short = sum(1 for c in row if isinstance(c, str) and 0 < len(c.strip()) <= 40)
        if short > most:
            best, most = index, short
    return best


def describe_best_header(
    rows: list[list[Cell]], limit: int = 30, chosen: dict[str, str] | None = None
) -> str:
    """What the likeliest heading row holds and which needed headings it lacks."""
    best = best_row(rows, limit)
    if best is None:
        return "No row in the first rows looks like headings."
    columns, headings, _, unused = _read_row(rows[best], chosen)
    cells = [c.strip() for c in rows[best] if isinstance(c, str) and c.strip()]
    missing = [_field(k) for k in NEEDED if k not in columns]
    if "recommendation" not in columns and "ref" not in columns:
        missing.insert(0, _field("recommendation") + " or " + _field("ref"))
    if not missing:
        missing = [_field(k) for k in REQUIRED if k not in columns]
    shown = ", ".join(f'"{c}"' for c in cells[:12]) + (", ..." if len(cells) > 12 else "")
    read = ", ".join(
        f'"{h}" as the {_NAMES.get(k, k.replace("_", " "))}' for k, h in headings.items()
    )
    text = f"Headings found on row {best + 1}: {shown}"
    text += f" (read {read})" if read else " (none of them ours)"
    if missing:
        text += "; missing: " + (", ".join(missing[:-1]) + " and " if len(missing) > 1 else "")
        text += missing[-1]
    return text + "."


_EXAMPLE_CHARS = 60


def found_headings(
    file: str,
    sheet: str | None,
    rows: list[list[Cell]],
    index: int,
    chosen: dict[str, str] | None = None,
) -> FoundHeadings:
    """Row `index`'s headings, what each is read as now, and the first value under each."""
    texts = row_headings(rows[index])
    columns, _, _, _ = _read_row(rows[index], chosen)
    field_at = {position: key for key, position in columns.items()}
    if chosen:
        field_at |= {p: IGNORE for p, t in enumerate(texts) if chosen.get(heading_key(t)) == IGNORE}
    below = next((r for r in rows[index + 1 :] if any(r)), [])
    positions = [p for p, t in enumerate(texts) if t]
    return FoundHeadings(
        file=file,
        sheet=sheet,
        row=index + 1,
        headings=tuple(texts[p] for p in positions),
        read_as=tuple(field_at.get(p) for p in positions),
        examples=tuple(_example(below[p] if p < len(below) else "") for p in positions),
        signature=signature(rows[index]),
    )


def _example(cell: Cell) -> str:
    text = " ".join(cell.split()) if isinstance(cell, str) else f"{cell:%d/%m/%Y}"
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"
