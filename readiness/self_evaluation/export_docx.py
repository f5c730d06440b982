"""Writing the self-evaluation as a Word document (python-docx), for leaders to edit and send to
Ofsted: its words and their order are export_content's, laid out with Word's own styles (Title,
Headings 1-3, List Bullet, Caption), so the navigation pane lists the areas and questions and a
council's template restyles it in one go.

Tables are real Word tables whose heading row repeats on each page; a leaders' narrative not yet
written is marked in words, highlighted only to be found quickly; RAG colours are words.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

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

MARGIN = Mm(20)
QUIET = RGBColor(0x50, 0x5A, 0x5F)  # GOV.UK secondary text, as the board pack's captions
NOTE_SIZE = Pt(8.5)
CELL_SIZE = Pt(9)
CAPTION_SPACE = Pt(12)


def _note(paragraph, text: str) -> None:
    """Small italic words after what they are about: a line's source, a narrative's author."""
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = NOTE_SIZE
    run.font.color.rgb = QUIET


def _text(doc, block: Text) -> None:
    if block.kind == SUBTITLE:
        doc.add_paragraph(block.text, style="Subtitle")
    elif block.kind == NOTE:
        _note(doc.add_paragraph(), block.text)
    elif block.kind == PLACEHOLDER:
        run = doc.add_paragraph().add_run(block.text)
        run.bold = True
        run.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    else:
        doc.add_paragraph(block.text)


def _bullets(doc, block: Bullets) -> None:
    for item in block.items:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(item.text)
        if item.note:
            paragraph.add_run().add_break()
            _note(paragraph, item.note)


def _repeat_heading_row(row) -> None:
    """Word repeats this row at the top of each page the table runs onto (w:tblHeader)."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _cell(cell, text: str, width, bold: bool = False) -> None:
    cell.width = width
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = CELL_SIZE


def _grid(doc, block: Grid, width) -> None:
    caption = doc.add_paragraph(block.caption, style="Caption").paragraph_format
    caption.keep_with_next = True
    caption.space_before = CAPTION_SPACE  # apart from the table before: none is left after one
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.autofit = False
    total = sum(block.widths)
    widths = [int(width * share / total) for share in block.widths]
    for cell, heading, across in zip(table.rows[0].cells, block.columns, widths, strict=True):
        _cell(cell, heading, across, bold=True)
    _repeat_heading_row(table.rows[0])
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, value, across in zip(row.cells, values, widths, strict=True):
            _cell(cell, value, across)


def _write(doc, block: Block, width) -> None:
    if isinstance(block, Heading):
        heading = doc.add_heading(block.text, level=block.level)
        heading.paragraph_format.page_break_before = block.new_page
    elif isinstance(block, Text):
        _text(doc, block)
    elif isinstance(block, Bullets):
        _bullets(doc, block)
    else:
        _grid(doc, block, width)


def docx_bytes(document: SelfEvaluation) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    width = section.page_width - 2 * MARGIN
    properties = doc.core_properties
    properties.title = f"{document.council}: {TITLE}, as at {document.as_at.isoformat()}"
    properties.author = document.council
    properties.subject = f"{document.framework}; {status_words(document)}"
    properties.language = "en-GB"
    for block in blocks(document):
        _write(doc, block, width)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_docx(document: SelfEvaluation, out: BinaryIO | Path | str) -> None:
    """The self-evaluation as a .docx, to a path or an open binary file."""
    save(docx_bytes(document), out)
