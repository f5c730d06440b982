"""Writing the board pack as a PDF for committee papers, with ReportLab.

Everything is real text in a font embedded in the file (searchable, selectable, read aloud by a
screen reader) and real tables; the only pictures are the trend charts, each followed by its
figures in words (or, without the optional vl-convert, tables of figures instead). The document
carries its title, author, subject and language, an outline entry per section, and on every
page a footer with the date and "Page N of M".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from readiness.board.pack import AreaSection, BoardPack
from readiness.board.pack_charts import UNDRAWN, TrendChartBuilder, chart_pngs, trend_table
from readiness.board.pack_fonts import PackFonts, pack_fonts
from readiness.board.pack_tables import Column, Status, Table, Value
from readiness.board.pdf_pages import MARGIN, QUIET, a4_pdf
from readiness.kpi.pressing import PRESSING_RULE
from readiness.palette import RAG_COLOURS

FRAME_WIDTH = A4[0] - 2 * MARGIN
GUTTER = 4 * mm  # between the two charts of a row, and the cover's two tables
PADDING = 4  # points either side of a cell's text
# A column is widened to fit its longest word, but never past this share of the table: a word
# longer than that (a pasted web address) is broken rather than squeeze the others to nothing.
WIDEST_WORD = 0.4
# Characters: a cell this long may be taller than a page (an action is rarely over 400).
TALL_CELL = 2000
KEEP_WHOLE = 11  # characters: a cell's text up to this long is kept on one line
LINE = colors.HexColor("#b1b4b6")  # GOV.UK mid-grey: table rules
HEAD_FILL = colors.HexColor("#f3f2f1")  # GOV.UK light grey: table headings
CELL_SIZE = 8.5  # points: the tables' lettering
NO_RECOMMENDATION = "No recommendation in the plan bears on this area."


class PackStyles:
    """The pack's paragraph styles in its embedded font."""

    def __init__(self, fonts: PackFonts) -> None:
        def style(name: str, size: float, bold: bool = False, **more) -> ParagraphStyle:
            font = fonts.bold if bold else fonts.regular
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **more)

        self.title = style("Title", 20, True, spaceAfter=4 * mm)
        self.h1 = style("Heading1", 16, True, spaceAfter=2 * mm)
        self.h2 = style("Heading2", 12, True, spaceBefore=3 * mm, spaceAfter=1.5 * mm)
        self.body = style("Body", 10, spaceAfter=2 * mm)
        self.bullet = style(
            "Bullet",
            10,
            leftIndent=5 * mm,
            bulletIndent=1 * mm,
            spaceAfter=1 * mm,
            bulletFontName=fonts.regular,
        )
        self.cell = style("Cell", CELL_SIZE)
        self.head = style("Head", CELL_SIZE, True)
        self.caption = style("Caption", 7.5, textColor=QUIET)
        # A colour's cell: its word in bold, in the text colour that passes contrast on its fill.
        self.status = {
            code: style(f"Status {code}", CELL_SIZE, True, textColor=colors.HexColor(text))
            for code, (_fill, text) in RAG_COLOURS.items()
        }
        self.fonts = fonts


def markup(value: Value, fonts: PackFonts) -> str:
    """A value as Paragraph markup: its text (only characters the font can draw), escaped."""
    return escape(fonts.drawable(value))


def _cell(value: Value, styles: PackStyles) -> Paragraph:
    if isinstance(value, Status) and value.colour:
        return Paragraph(markup(value, styles.fonts), styles.status[value.colour])
    return Paragraph(markup("" if value is None else value, styles.fonts), styles.cell)


def _unbroken(text: str) -> list[str]:
    """The pieces of a cell's text that must not break across lines: its words, or the whole
    of a short text (a ref "REC 1", a date "13 Sep 2026"), which reads badly broken."""
    return [text] if len(text) <= KEEP_WHOLE else text.split()


def _widths(table: Table, width: float, fonts: PackFonts) -> list[float]:
    """The columns' widths: their shares of `width`, each widened to fit its heading's longest
    word and its cells' (so "Days overdue" never breaks inside a word), what they gain taken
    from the columns with room to spare, in proportion to it."""
    total = sum(c.width for c in table.columns)
    shares = [width * c.width / total for c in table.columns]
    needs = []
    for index, column in enumerate(table.columns):
        heading = fonts.drawable(column.heading).split()
        widest = max((stringWidth(w, fonts.bold, CELL_SIZE) for w in heading), default=0)
        for row in table.rows:
            value = row[index]
            if value is None:
                continue
            font = fonts.bold if isinstance(value, Status) else fonts.regular  # as _cell draws
            for piece in _unbroken(fonts.drawable(value)):
                widest = max(widest, stringWidth(piece, font, CELL_SIZE))
        needs.append(min(widest + 2 * PADDING + 1, width * WIDEST_WORD))
    short = sum(max(need - share, 0) for need, share in zip(needs, shares, strict=True))
    spare = sum(max(share - need, 0) for need, share in zip(needs, shares, strict=True))
    if short > spare:  # cannot fit every word: keep the shares, and Paragraph breaks the longest
        return shares
    return [
        need if need >= share else share - short * (share - need) / spare
        for need, share in zip(needs, shares, strict=True)
    ]


def pdf_table(table: Table, styles: PackStyles, width: float = FRAME_WIDTH) -> Flowable:
    """A table whose heading row repeats on each page it runs onto, colours filled behind their
    words."""
    if not table.rows:
        return Paragraph("None.", styles.body)
    widths = _widths(table, width, styles.fonts)
    headed = any(c.heading for c in table.columns)
    rows = [[_cell(v, styles) for v in row] for row in table.rows]
    if headed:
        rows.insert(
            0, [Paragraph(markup(c.heading, styles.fonts), styles.head) for c in table.columns]
        )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if headed:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    first = 1 if headed else 0
    for r, row in enumerate(table.rows, start=first):
        for c, value in enumerate(row):
            if isinstance(value, Status) and value.colour:
                fill = colors.HexColor(RAG_COLOURS[value.colour][0])
                commands.append(("BACKGROUND", (c, r), (c, r), fill))
    # splitInRow: a row taller than a page (a plan may hold 10,000-character text) runs on
    # over the next page, where otherwise the whole pack would fail. Only then: it also splits
    # ordinary rows to fill a page's foot, leaving a heading and a row's first line there.
    tall = any(len(str(v)) > TALL_CELL for row in table.rows for v in row)
    pdf = PdfTable(rows, colWidths=widths, repeatRows=first, hAlign="LEFT", splitInRow=tall)
    pdf.setStyle(TableStyle(commands))
    return pdf


def para(text: str, style: ParagraphStyle, styles: PackStyles) -> Paragraph:
    return Paragraph(markup(text, styles.fonts), style)


def _side_by_side(tables: Sequence[Table], styles: PackStyles) -> Flowable:
    """Tables next to each other, each under its heading, at the top of their column."""
    width = (FRAME_WIDTH - GUTTER) / len(tables)
    cells = [
        [[para(t.title, styles.h2, styles), pdf_table(t, styles, width=width)] for t in tables]
    ]
    grid = PdfTable(cells, colWidths=[width + GUTTER] * (len(tables) - 1) + [width])
    grid.hAlign = "LEFT"
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), GUTTER),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return grid


def _cover(pack: BoardPack, styles: PackStyles) -> list[Flowable]:
    # The page's title, not the worksheet's, over the cover's copy of the totals.
    totals = replace(pack.overdue.totals, title="Overdue by lead")
    return [
        para(pack.title, styles.title, styles),
        para(f"{pack.dated} · {pack.plan_title} · {pack.scope}", styles.body, styles),
        pdf_table(pack.summary, styles),
        Spacer(0, 3 * mm),
        _side_by_side([pack.counts, totals], styles),
        para(pack.areas_summary.title, styles.h2, styles),
        pdf_table(pack.areas_summary, styles),
    ]


def _charts(section: AreaSection, pngs: Sequence[bytes], styles: PackStyles) -> Flowable:
    """The area's trend charts two to a row, each with its figures in words beneath."""
    width = (FRAME_WIDTH - GUTTER) / 2
    cells = []
    for trend, png in zip(section.trends, pngs, strict=True):
        # The PNG's own size (its IHDR header), so the chart keeps its shape at the new width.
        across, down = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        image = Image(BytesIO(png), width=width, height=width * down / across)
        cells.append([image, para(trend.words, styles.caption, styles)])
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    grid = PdfTable(rows, colWidths=[width + GUTTER / 2] * 2, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), GUTTER / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return grid


def _figures(section: AreaSection, styles: PackStyles) -> list[Flowable]:
    """In place of the area's charts, where vl-convert is not installed: why, then each chart's
    figures as a table across the page under its title, never split over two pages."""
    story = [para(UNDRAWN, styles.caption, styles)]
    for table in map(trend_table, section.trends):
        title = para(table.title, styles.head, styles)
        story.append(KeepTogether([title, pdf_table(table, styles), Spacer(0, 2 * mm)]))
    return story


def _position(label: str, status: Status, reason: str, styles: PackStyles) -> Flowable:
    """A position in one row: what it is of, its colour (filled, with symbol and word), why."""
    row = Table("", (Column("", 30), Column("", 18), Column("", 52)), ((label, status, reason),))
    return pdf_table(row, styles)


def _area(section: AreaSection, pngs: Sequence[bytes | None], styles: PackStyles) -> list[Flowable]:
    story = [
        PageBreak(),
        para(section.label, styles.h1, styles),
        para(section.title, styles.body, styles),
        _position("Status", section.position, section.reason, styles),
        para(section.recommendations.title, styles.h2, styles),
    ]
    if section.recommendations.rows:
        story.append(pdf_table(section.recommendations, styles))
    else:
        story.append(para(NO_RECOMMENDATION, styles.body, styles))
    story.append(para("Key indicators", styles.h2, styles))
    if not section.indicators.rows:
        story.append(para("No indicator for this area is loaded.", styles.body, styles))
        return story
    story.append(pdf_table(section.indicators, styles))
    if section.trends:
        story.append(para("Trends", styles.h2, styles))
        shown, every = len(section.trends), len(section.indicators.rows)
        if shown < every:
            note = (
                f"The {shown} of the area's {every} indicators furthest behind, {PRESSING_RULE}. "
                "The KPIs page has every indicator's trend."
            )
            story.append(para(note, styles.caption, styles))
        story += _figures(section, styles) if None in pngs else [_charts(section, pngs, styles)]
    return story


def _overdue(pack: BoardPack, styles: PackStyles) -> list[Flowable]:
    overdue = pack.overdue
    story = [PageBreak(), para("Overdue actions by lead", styles.h1, styles)]
    story.append(para(overdue.note, styles.body, styles))
    if overdue.table.rows:
        story += [para(overdue.how, styles.body, styles), pdf_table(overdue.table, styles)]
    return story


def _bullets(lines: Sequence[str], styles: PackStyles) -> list[Flowable]:
    return [Paragraph(markup(line, styles.fonts), styles.bullet, bulletText="•") for line in lines]


def _inspection(pack: BoardPack, styles: PackStyles) -> list[Flowable]:
    return [
        PageBreak(),
        para("The next inspection", styles.h1, styles),
        pdf_table(pack.inspection, styles),
        para("Why", styles.h2, styles),
        *_bullets(pack.inspection_reasons, styles),
    ]


def _changes(pack: BoardPack, styles: PackStyles) -> list[Flowable]:
    lines = pack.changes or ()
    return [
        PageBreak(),
        para(pack.changes_heading, styles.h1, styles),
        *(_bullets(lines, styles) if lines else [para("Nothing changed.", styles.body, styles)]),
    ]


def write_pdf(
    pack: BoardPack, path: Path | None = None, *, trend_chart: TrendChartBuilder
) -> bytes:
    """The pack as a PDF: written to `path` if given, and returned (for a download button).
    `trend_chart` draws each indicator's chart (readiness.kpi.charts.trend_chart)."""
    fonts = pack_fonts()
    styles = PackStyles(fonts)
    pngs = chart_pngs([t for area in pack.areas for t in area.trends], trend_chart)
    story = _cover(pack, styles)
    for section in pack.areas:
        story += _area(section, pngs[: len(section.trends)], styles)
        pngs = pngs[len(section.trends) :]
    story += _overdue(pack, styles) + _inspection(pack, styles)
    if pack.changes is not None:
        story += _changes(pack, styles)
    data = a4_pdf(
        story,
        title=pack.full_title,
        author=pack.council,
        subject=f"The improvement plan, key indicators and the next inspection: {pack.scope}",
        footer=f"{pack.title} · {pack.dated}",
        fonts=fonts,
    )
    if path is not None:
        Path(path).write_bytes(data)
    return data
