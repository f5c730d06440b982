"""Writing the self-evaluation as a PDF (ReportLab), to send or print: the same words in the same
order as the Word document (export_content), laid out as the board pack is (readiness.board
.pack_pdf): its embedded font, paragraph styles, tables whose columns fit their words and whose
long cells wrap, its footer with "Page N of M" and an outline entry per judgement area.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from readiness.board.pack_fonts import pack_fonts
from readiness.board.pack_pdf import HEAD_FILL, LINE, PackStyles, markup, para, pdf_table
from readiness.board.pack_tables import Column, Table
from readiness.board.pdf_pages import a4_pdf
from readiness.self_evaluation.document import SelfEvaluation
from readiness.self_evaluation.export_content import (
    NOTE,
    PLACEHOLDER,
    SUBTITLE,
    TITLE,
    Block,
    Bullets,
    Grid,
    Heading,
    Text,
    blocks,
    save,
    status_words,
)
from readiness.text import format_date

# A heading this near the page's foot goes to the next page with what it heads.
HEADING_ROOM = 30 * mm


class _Look:
    """The board pack's styles, and the few this document adds."""

    def __init__(self) -> None:
        self.styles = styles = PackStyles(pack_fonts())
        self.subtitle = ParagraphStyle("Subtitle", parent=styles.h2, fontSize=14, leading=18)
        self.h3 = ParagraphStyle(
            "Heading3", parent=styles.h2, fontSize=10.5, leading=13.5, spaceBefore=2 * mm
        )
        # A line's source and a narrative's author, set in small grey under what they are about.
        self.note = ParagraphStyle("Note", parent=styles.caption, spaceAfter=1.5 * mm)
        self.item_note = ParagraphStyle("Item note", parent=self.note, leftIndent=5 * mm)
        self.placeholder = ParagraphStyle(
            "Placeholder",
            parent=styles.body,
            fontName=styles.fonts.bold,
            backColor=HEAD_FILL,
            borderColor=LINE,
            borderWidth=0.5,
            borderPadding=2 * mm,
            spaceBefore=2 * mm,
            spaceAfter=4 * mm,
        )
        self.headings = (styles.title, styles.h1, styles.h2, self.h3)
        self.texts = {SUBTITLE: self.subtitle, NOTE: self.note, PLACEHOLDER: self.placeholder}


def _heading(block: Heading, look: _Look) -> list[Flowable]:
    heading = para(block.text, look.headings[block.level], look.styles)
    if block.new_page:
        return [PageBreak(), heading]
    # Not left alone at a page's foot: the heading moves on with what follows it.
    return [CondPageBreak(HEADING_ROOM), heading]


def _bullets(block: Bullets, look: _Look) -> list[Flowable]:
    story: list[Flowable] = []
    for item in block.items:
        bullet = Paragraph(markup(item.text, look.styles.fonts), look.styles.bullet, bulletText="•")
        if item.note:
            story.append(KeepTogether([bullet, para(item.note, look.item_note, look.styles)]))
        else:
            story.append(bullet)
    return story


def _grid(block: Grid, look: _Look) -> list[Flowable]:
    columns = tuple(Column(h, w) for h, w in zip(block.columns, block.widths, strict=True))
    table = pdf_table(Table(block.caption, columns, block.rows), look.styles)
    caption = para(block.caption, look.styles.head, look.styles)
    # The caption stays with the table's first rows; a long table runs on, its headings repeated.
    return [CondPageBreak(HEADING_ROOM), caption, Spacer(0, 1 * mm), table, Spacer(0, 4 * mm)]


def _flowables(block: Block, look: _Look) -> list[Flowable]:
    if isinstance(block, Heading):
        return _heading(block, look)
    if isinstance(block, Text):
        return [para(block.text, look.texts.get(block.kind, look.styles.body), look.styles)]
    if isinstance(block, Bullets):
        return _bullets(block, look)
    return _grid(block, look)


def pdf_bytes(document: SelfEvaluation) -> bytes:
    look = _Look()
    story = [f for block in blocks(document) for f in _flowables(block, look)]
    state = "submitted" if document.submitted_on else "draft"
    dated = f"self-evaluation as at {format_date(document.as_at)}"
    return a4_pdf(
        story,
        title=f"{document.council}: {TITLE}",
        author=document.council,
        subject=f"{document.framework}; {status_words(document)}",
        footer=f"{document.council} · {dated} · {state}",
        fonts=look.styles.fonts,
    )


def write_pdf(document: SelfEvaluation, out: BinaryIO | Path | str) -> None:
    """The self-evaluation as a PDF, to a path or an open binary file."""
    save(pdf_bytes(document), out)
