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

Some headings are read only where nothing else is:

- "How?" is the action when no other column is ("Objective / How? / Who? / When?"); where
  "What?" is the action, "How?" holds the method and is not imported. "What? / How?" with no
  recommendation or ref column reads "What?" as the recommendation and "How?" as its actions,
  which a plan of that shape means, rather than refusing it.
- a progress column dated by its heading ("Progress at March 2026", "Update 01/03/2026") is a
  progress column; several are each a note of their own (progress_dates dates them).

A RAG or BRAG column is read as the action's status (statuses reads its words).

The user's mapping (mapping.ColumnMap) names columns by heading, letter or position; it is read
against each row (ColumnMap.resolve), and what it could have meant otherwise is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from readiness.files.reading import Cell, Fills
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import committee_header
from readiness.plan.importing.colour_columns import colour_only
from readiness.plan.importing.dates import looks_like_date
from readiness.plan.importing.mapping import (
    IGNORE,
    ColumnMap,
    FoundHeadings,
    column_at,
    column_label,
    column_name,
    heading_key,
    row_headings,
    signature,
)
from readiness.plan.importing.progress_dates import heading_date
from readiness.plan.importing.statuses import rag_status as rag_status  # tests read it here

REQUIRED = tuple(c.key for c in CANONICAL_COLUMNS if c.required)
# In any words, a plan needs these, and the recommendation or a ref (see the docstring).
NEEDED = ("action", "service_leads")


BY_HEADING = {heading_key(c.heading): c for c in CANONICAL_COLUMNS}
BY_ALIAS = {heading_key(a): c for c in CANONICAL_COLUMNS for a in c.aliases}
_KNOWN = BY_HEADING.keys() | BY_ALIAS.keys()
_COLUMNS = {c.key: c for c in CANONICAL_COLUMNS}
# "How?" is the action only where no other column is (see the docstring); never an alias, so
# that in "What? / Who? / How? / When?" plans "What?" stays the action.
_HOW, _WHAT = heading_key("How?"), heading_key("What?")


@dataclass
class Header:
    index: int  # 0-based row index of the headings
    columns: dict[str, int]
    headings: dict[str, str]
    aliased: bool = False  # found in a council's own words, not the template's
    unused: list[str] = field(default_factory=list)  # other headings on the row, not imported
    # Every progress column, the progress note's own among them: position -> (heading, the date
    # its heading gives, if any). Each gives a note of its own (progress_dates).
    progress: dict[int, tuple[str, date | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how the row was read, said once


def _read_row(row: list[Cell], chosen: ColumnMap | None = None) -> Header:
    """The row read as a heading row (index 0: find_header sets it).

    `chosen` is the user's mapping (see mapping): it wins over our own reading of a heading, and
    a column it marks IGNORE is neither read nor reported as unused."""
    header = Header(0, {}, {}, aliased=bool(chosen))
    texts = row_headings(row)
    ignored: set[int] = set()
    if chosen:
        resolved = chosen.resolve(row)
        header.notes.extend(resolved.notes)
        for position, key in resolved.fields.items():
            text = column_label(row, position)
            if key == IGNORE:
                ignored.add(position)
            elif key == "progress_note":  # the one field several columns may hold
                header.progress[position] = (text, heading_date(text))
            elif key not in header.columns:
                _take(header, key, position, text)
        _progress_note(header)  # the user's own progress columns, before any we would add
    # The template's own heading wins over an alias anywhere on the row: an exported plan's
    # "Status" is read, not the "RAG" column the export adds after it.
    open_texts = [(p, t) for p, t in enumerate(texts) if t and p not in ignored]
    for lookup in (BY_HEADING, BY_ALIAS, {_HOW: _COLUMNS["action"]}):
        for position, text in open_texts:
            column = lookup.get(heading_key(text))
            if column and column.key not in header.columns and position not in header.progress:
                _take(header, column.key, position, text)
    for position, text in open_texts:
        day = heading_date(text)
        if day and position not in header.columns.values():
            header.progress[position] = (text, day)
    if "progress_note" in header.columns:
        heading = header.headings["progress_note"]
        header.progress.setdefault(header.columns["progress_note"], (heading, None))
    _progress_note(header)
    if not chosen:
        _what_and_how(header, open_texts)
    header.aliased |= any(heading_key(h) not in BY_HEADING for h in header.headings.values())
    taken = set(header.columns.values()) | ignored | set(header.progress)
    header.unused = [t for p, t in enumerate(texts) if t and p not in taken]
    return header


def _progress_note(header: Header) -> None:
    """The progress note's own column, where none is yet: the latest dated, else the first."""
    if header.progress and "progress_note" not in header.columns:
        dated = header.progress
        first = min(dated, key=lambda p: (-(d.toordinal() if (d := dated[p][1]) else 0), p))
        _take(header, "progress_note", first, dated[first][0])


def _take(header: Header, key: str, position: int, text: str) -> None:
    if position not in header.columns.values():
        header.columns[key], header.headings[key] = position, text


def _what_and_how(header: Header, texts: list[tuple[int, str]]) -> None:
    """ "What? / How? / Who? / When?" with no recommendation or ref column: "What?" says what is
    to improve, the recommendation, and "How?" the action (else the plan would be refused)."""
    if "recommendation" in header.columns or "ref" in header.columns:
        return
    how = next(((p, t) for p, t in texts if heading_key(t) == _HOW), None)
    what = header.columns.get("action")
    if how is None or what is None or heading_key(header.headings["action"]) != _WHAT:
        return
    header.columns["recommendation"] = what
    header.headings["recommendation"] = header.headings["action"]
    header.columns["action"], header.headings["action"] = how
    header.notes.append(
        f'The plan has "{header.headings["recommendation"]}" and "{header.headings["action"]}" '
        "columns and no recommendation or ref column: the first was read as each "
        "recommendation, the second as its actions."
    )


def _enough(columns: dict[str, int]) -> bool:
    return all(k in columns for k in NEEDED) and ("recommendation" in columns or "ref" in columns)


def find_header(
    rows: list[list[Cell]], limit: int = 30, chosen: ColumnMap | None = None
) -> Header | None:
    """The first row, among the first `limit`, that is the canonical layout's heading row.

    A row naming all the canonical columns needed (a ref column among them), in the template's
    words or a council's own, is this layout's: the committee paper's has no ref column (its refs
    lead the recommendation cell), so it never reads a plan whose refs stand in a column of their
    own. A row lacking some of them is this layout's only where the committee-paper reader does
    not claim it. With the user's mapping (`chosen`), a row it names a heading of is read as
    they said, even where the committee-paper reader would otherwise claim it; a mapping by
    letters alone is read on the first row of headings (two or more) that it makes complete."""
    for index in range(min(limit, len(rows))):
        header = _read_row(rows[index], chosen)
        header.index = index
        if all(k in header.columns for k in REQUIRED):
            return header
        if not _enough(header.columns):
            continue
        if chosen is not None:
            named = chosen.resolve(rows[index]).named
            if named or signature(rows[index]) is not None:
                # The user's reading wins over the committee paper's, by heading or by letter.
                return header
            continue  # a title or a note above the headings, not the heading row
        if committee_header.header_at(rows, index) is None:
            return header
    return None


def not_on_row(row: list[Cell], written: list[str]) -> list[str]:
    """The names in the user's mapping (as they wrote them) that name no column of the row."""
    return [name for name in written if column_at(row, name).position is None]


# --- What a plan in its own words leaves out -------------------------------------------------

_NOTHING = "Nothing to do; to read the columns another way, map them (--map or the Data page)."

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
    found: list[tuple[str | None, str, str]] = [(None, note, _NOTHING) for note in header.notes]
    progress = header.progress.values()
    if len(progress) > 1 or any(day for _, day in progress):
        named = ", ".join(f'"{h}"' + (f" ({d:%d/%m/%Y})" if d else "") for h, d in progress)
        found.append(
            (
                None,
                f"Each progress column gives a note of its own: {named}. A note is dated by "
                "the row's progress date, else its heading's, else the date it starts with, "
                "else the import date.",
                _NOTHING,
            )
        )
    if "status" not in header.columns and header.progress:
        found.append(
            (
                None,
                "The plan has no status column, so an action with a progress note was read as "
                "In progress, one without as Not started.",
                "Add a Status column (Not started, In progress or Complete) to say each "
                "action's stage.",
            )
        )
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


# --- Saying why no heading row was found -----------------------------------------------------


_NAMES = {"due": "due date", "start": "start date", "status": "status"}


def _field(key: str) -> str:
    column = next(c for c in CANONICAL_COLUMNS if c.key == key)
    examples = [column.heading, *column.aliases[:2]]
    return f"the {column.heading.lower()} (" + " or ".join(f'"{e}"' for e in examples) + ")"


def best_row(rows: list[list[Cell]], limit: int = 30) -> int | None:
    """The index of the likeliest heading row: the one with the most short texts that are not
    a number or a date, each heading we know counting thrice. A row of values is then not taken
    for the headings above it when some of those are blank ("(blank) | Actions Required |
    Lead Officer(s) | (blank)": the row under it has more texts, but numbers and dates)."""
    best, most = None, 0
    for index, row in enumerate(rows[:limit]):
        texts = [t for t in row_headings(row) if t and not bare_ref(t) and not looks_like_date(t)]
        score = sum(3 if heading_key(t) in _KNOWN else 1 for t in texts)
        if score > most:
            best, most = index, score
    return best


def describe_best_header(
    rows: list[list[Cell]], limit: int = 30, chosen: ColumnMap | None = None
) -> str:
    """What the likeliest heading row holds and which needed headings it lacks."""
    best = best_row(rows, limit)
    if best is None:
        return "No row in the first rows looks like headings."
    header = _read_row(rows[best], chosen)
    columns = header.columns
    cells = [c.strip() for c in rows[best] if isinstance(c, str) and c.strip()]
    missing = [_field(k) for k in NEEDED if k not in columns]
    if "recommendation" not in columns and "ref" not in columns:
        missing.insert(0, _field("recommendation") + " or " + _field("ref"))
    if not missing:
        missing = [_field(k) for k in REQUIRED if k not in columns]
    shown = ", ".join(f'"{c}"' for c in cells[:12]) + (", ..." if len(cells) > 12 else "")
    read = ", ".join(
        f'"{h}" as the {_NAMES.get(k, k.replace("_", " "))}' for k, h in header.headings.items()
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
    chosen: ColumnMap | None = None,
    fills: Fills | None = None,
) -> FoundHeadings:
    """Row `index`'s columns (each with a heading, and each without one that holds values or
    colours: `fills`, see colour_columns), what each is read as now, and the first value (or
    colour) under each."""
    row, below = rows[index], [r for r in rows[index + 1 :] if any(r)]
    header = _read_row(row, chosen)
    field_at = {p: k for k, p in header.columns.items()}
    field_at |= dict.fromkeys(header.progress, "progress_note")
    if chosen:
        field_at |= {p: k for p, k in chosen.resolve(row).fields.items() if k == IGNORE}
    # A column a mapping can name lies on the heading row (for a letter too: column_at).
    texts = row_headings(row)
    examples = [next((r[p] for r in below if p < len(r) and r[p]), "") for p in range(len(row))]
    for position, colours in colour_only(rows, fills or {}, index).items():
        if position < len(examples):
            examples[position] = f"{colours[0]} fill"
    positions = [p for p, text in enumerate(texts) if text or examples[p]]
    return FoundHeadings(
        file=file,
        sheet=sheet,
        row=index + 1,
        headings=tuple(column_label(row, p) for p in positions),
        names=tuple(column_name(row, p) for p in positions),
        read_as=tuple(field_at.get(p) for p in positions),
        examples=tuple(_example(examples[p]) for p in positions),
        signature=signature(row),
    )


def _example(cell: Cell) -> str:
    text = " ".join(cell.split()) if isinstance(cell, str) else f"{cell:%d/%m/%Y}"
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"
