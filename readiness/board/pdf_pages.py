"""An A4 PDF in the house layout, shared by the board pack (readiness.board.pack_pdf) and the
self-evaluation (readiness.self_evaluation.export_pdf): the margins, the document's title,
author, subject and language (read by screen readers and shown as the window's title), a
bookmark at each section's heading, and a footer with "Page N of M" on every page."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from readiness.board.pack_fonts import PackFonts
from readiness.text import visible

MARGIN = 18 * mm
QUIET = colors.HexColor("#505a5f")  # GOV.UK secondary text: captions and the footer
OUTLINED = ("Title", "Heading1")  # the styles whose paragraphs start a section


def numbered_canvas(footer: str, fonts: PackFonts) -> type[Canvas]:
    """A canvas that holds back each page until the last, so its footer can say "of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._sections: list[str] = []  # the headings that start a section on this page

        def start_section(self, title: str) -> None:
            """An outline entry (a PDF bookmark) for this page, made when the page is."""
            self._sections.append(title)

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._sections = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                # A bookmark names the page being made: made while the pages were held back,
                # every one named the first.
                for index, title in enumerate(self._sections):
                    key = f"section-{number}-{index}"
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level=0)
                self.setFont(fonts.regular, 8)
                self.setFillColor(QUIET)
                self.drawString(MARGIN, MARGIN / 2, fonts.drawable(footer))
                self.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


class PackDocument(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        """An outline entry at each section's heading, to move around by."""
        if isinstance(flowable, Paragraph) and flowable.style.name in OUTLINED:
            self.canv.start_section(flowable.getPlainText())


def a4_pdf(
    story: list[Flowable], *, title: str, author: str, subject: str, footer: str, fonts: PackFonts
) -> bytes:
    """`story` as an A4 PDF with its title, author and subject set and `footer` on every page."""
    buffer = BytesIO()
    document = PackDocument(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=visible(title),
        author=visible(author),
        subject=visible(subject),
        creator="Inspection readiness",
        lang="en-GB",
        displayDocTitle=True,
    )
    document.build(story, canvasmaker=numbered_canvas(footer, fonts))
    return buffer.getvalue()
