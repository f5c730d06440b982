"""What the exported self-evaluation says, in reading order, as plain blocks (headings, paragraphs,
lists, tables) that the Word writer (export_docx) and the PDF writer (export_pdf) each lay out
their own way. Deciding the words once here keeps the two files saying the same things in the
same order.

The order follows Ofsted's three questions within each judgement area (../shared/domain.md
§1.8): what leaders know (the strengths and priorities), how they know it (the evidence tables)
and what they will do (the priorities as the council's plans), each with the leaders' own
narrative, or a marked place for it where none is written yet. Then the last annual engagement
meeting's feedback points, and the notes on what could not be drafted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from readiness.self_evaluation.document import (
    QUESTIONS,
    AreaSection,
    Line,
    Meeting,
    SelfEvaluation,
)
from readiness.text import format_date, plural, visible

TITLE = "Self-evaluation of social work practice"
BODY, SUBTITLE, NOTE, PLACEHOLDER = "body", "subtitle", "note", "placeholder"
NOT_WRITTEN = "Leaders' narrative: not yet written."
# What each question's narrative is for, said in its placeholder so the writer knows what to add.
ASKS = (
    "Add the leaders' own account of the quality and impact of practice in this area.",
    "Add how leaders know it: audits, what children, families and staff say, and the figures.",
    "Add the leaders' plans to keep what works and improve what does not.",
)
CAPTION_WORDS = 110  # characters of a line's text that a table's caption quotes
# Characters: a column's share of a table's width is its longest text, within these bounds, so
# a long action gets the room and a date is not squeezed.
NARROWEST, WIDEST = 8, 60


@dataclass(frozen=True)
class Heading:
    level: int  # 0 the title, 1 a part (a judgement area), 2 a question, 3 within a question
    text: str
    new_page: bool = False


@dataclass(frozen=True)
class Text:
    text: str
    kind: str = BODY  # BODY, SUBTITLE, NOTE (small, under what it is about) or PLACEHOLDER


@dataclass(frozen=True)
class Item:
    """A list entry: its words, then where they came from in small text."""

    text: str
    note: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Grid:
    """A table under its caption; `widths` are the columns' shares of the page's width."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]


Block = Heading | Text | Bullets | Grid


def _day(day: date | None) -> str:
    return format_date(day) if day else "an unknown date"


def status_words(document: SelfEvaluation) -> str:
    """ "Submitted to Ofsted on 1 Dec 2026 by Jo Bloggs", or that it is a draft."""
    if document.submitted_on:
        return f"Submitted to Ofsted on {_day(document.submitted_on)} by {document.submitted_by}"
    return "Draft: not yet submitted to Ofsted"


def _grid(caption: str, columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Grid:
    rows = tuple(tuple(visible(str(v)) for v in row) for row in rows)
    widths = tuple(
        min(max(len(columns[i]), *(len(row[i]) for row in rows), NARROWEST), WIDEST)
        for i in range(len(columns))
    )
    return Grid(visible(caption), tuple(map(visible, columns)), rows, widths)


def _item(line: Line) -> Item:
    note = line.source
    if line.edited_by:
        note += f"; edited by {line.edited_by} on {_day(line.edited_on)}"
    return Item(visible(line.text), visible(note))


def _lines(heading: str, lines: tuple[Line, ...], none: str) -> list[Block]:
    body: Block = Bullets(tuple(map(_item, lines))) if lines else Text(none)
    return [Heading(3, heading), body]


def _narrative(area: AreaSection, question: int) -> list[Block]:
    """The leaders' words under one question, a paragraph a line, signed; or the placeholder."""
    said = area.said(question)
    if said is None:
        placeholder = Text(f"{NOT_WRITTEN} {ASKS[question - 1]}", PLACEHOLDER)
        return [Heading(3, "Leaders' narrative"), placeholder]
    paragraphs = [Text(p.strip()) for p in visible(said.text).splitlines() if p.strip()]
    signed = Text(f"Written by {visible(said.author)} on {_day(said.written_on)}", NOTE)
    return [Heading(3, "Leaders' narrative"), *paragraphs, signed]


def _short(text: str) -> str:
    return text if len(text) <= CAPTION_WORDS else text[: CAPTION_WORDS - 1].rstrip() + "…"


class _Tables:
    """Numbers the evidence tables through the document, so question 3 can point to them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def evidence(self, area: AreaSection) -> list[Block]:
        blocks: list[Block] = []
        for line in (*area.strengths, *area.priorities):
            if line.evidence is None:
                continue
            number = self.numbers.setdefault(f"{area.code} {line.key}", len(self.numbers) + 1)
            caption = f"Table {number}. Evidence for the {line.kind}: {_short(line.text)}"
            blocks.append(_grid(caption, line.evidence.columns, line.evidence.rows))
        return blocks or [Text("No figures or actions stand behind this area's lines yet.")]

    def plans(self, area: AreaSection) -> list[Block]:
        if not area.priorities:
            return [Text("No priority was drafted for this area.")]
        items = []
        for line in area.priorities:
            number = self.numbers.get(f"{area.code} {line.key}")
            where = f"; its evidence is in table {number}" if number else ""
            items.append(Item(visible(line.text), visible(line.source) + where))
        intro = "The council will act on each of this area's priorities, through its plan:"
        return [Text(intro), Bullets(tuple(items))]


def _area(area: AreaSection, tables: _Tables) -> list[Block]:
    first, second, third = (f"{n}. {q}" for n, q in enumerate(QUESTIONS, start=1))
    return [
        Heading(1, visible(area.title), new_page=True),
        Heading(2, first),
        *_lines("Strengths", area.strengths, "No strength was drafted for this area."),
        *_lines("Priorities", area.priorities, "No priority was drafted for this area."),
        *_narrative(area, 1),
        Heading(2, second),
        *tables.evidence(area),
        *_narrative(area, 2),
        Heading(2, third),
        Heading(3, "Priorities as plans"),
        *tables.plans(area),
        *_narrative(area, 3),
    ]


def follow_up_rows(meeting: Meeting) -> tuple[tuple[str, ...], ...]:
    """Each feedback point: what it is, who leads it, when it is due, its status with the RAG
    colour as a word, and why."""
    return tuple(
        (
            p.text,
            p.lead or "no lead",
            format_date(p.due) if p.due else "no due date",
            f"{p.status} ({p.rag})" if p.rag else p.status,
            p.why or "",
        )
        for p in meeting.points
    )


def _meeting(meeting: Meeting) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, "The last annual engagement meeting", new_page=True),
        Text(f"Held on {_day(meeting.held_on)}. Attendees: {visible(meeting.attendees)}."),
    ]
    if not meeting.points:
        return [*blocks, Text("Ofsted's letter after the meeting raised no feedback point.")]
    caption = f"How each of the {plural(len(meeting.points), 'feedback point')} stands"
    columns = ("Feedback point", "Lead", "Due", "Status", "Why")
    return [*blocks, _grid(caption, columns, follow_up_rows(meeting))]


def blocks(document: SelfEvaluation) -> list[Block]:
    """The whole document in reading order."""
    said: list[Block] = [
        Heading(0, TITLE),
        Text(visible(document.council), SUBTITLE),
        Text(f"As at {_day(document.as_at)}"),
        Text(f"Inspection framework: {visible(document.framework)}"),
        Text(visible(status_words(document))),
        Text(
            "Each judgement area follows Ofsted's three questions. The strengths, priorities "
            "and evidence were drafted from the sources below; the leaders' narrative is their "
            "own words."
        ),
        Heading(1, "What it was drafted from"),
    ]
    if document.sources:
        said.append(Bullets(tuple(Item(visible(s), "") for s in document.sources)))
    else:
        said.append(Text("Nothing: no improvement plan or indicator figures were stored."))
    tables = _Tables()
    for area in document.areas:
        said += _area(area, tables)
    if document.last_meeting is not None:
        said += _meeting(document.last_meeting)
    if document.notes:
        said += [
            Heading(1, "Notes"),
            Bullets(tuple(Item(visible(n), "") for n in document.notes)),
        ]
    return said


def counts(document: SelfEvaluation) -> str:
    """ "4 areas, 2 strengths, 29 priorities, narrative under 3 of 12 questions": what was
    written, for the command line to say."""
    strengths = sum(len(a.strengths) for a in document.areas)
    priorities = sum(len(a.priorities) for a in document.areas)
    written = sum(len(a.narrative) for a in document.areas)
    asked = len(document.areas) * len(QUESTIONS)
    return (
        f"{plural(len(document.areas), 'area')}, {plural(strengths, 'strength')}, "
        f"{plural(priorities, 'priority', 'priorities')}, "
        f"leaders' narrative under {written} of {plural(asked, 'question')}"
    )


def save(data: bytes, out: BinaryIO | Path | str) -> None:
    """A written file's bytes to a path or an open binary file, as the writers take either."""
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)
