"""A Word document's tables as rows of cell text, read by python-docx, like a workbook's sheets.

Councils often keep the improvement plan as a table in a committee paper's appendix. Each
top-level table is one "sheet", named "Table 1", "Table 2", ... in document order, so the plan
readers (template.py, committee.py) and their messages work on it unchanged. Merged cells are
resolved as python-docx resolves them (grid_rows): every cell of a merge gives the merge's text,
as a merged range does in a workbook; but a span is cut to the table's grid, so a cell claiming
two billion columns costs nothing, and a vertical merge is followed without python-docx's walk.
A cell's paragraphs are its lines; a Word list paragraph (bulleted or numbered) starts with "• ",
so the action splitter (text.split_actions) sees one action per list item. A table inside a cell
is read as more lines of that cell. A cell's shading, when a RAG colour, is read by fills.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell

from readiness.files.fills import Fill, fill_of

RowProgress = Callable[[int, int], None]
TABLE_PREFIX = "Table "
# Word's tables have at most 63 columns; a span is counted up to this many (see _grid_width).
WORD_MAX_COLUMNS = 64


def table_name(number: int) -> str:
    return f"{TABLE_PREFIX}{number}"


class WordTables:
    """A .docx file's table names, and each table's rows of cell text on demand."""

    def __init__(self, path) -> None:
        self._tables: list[Table] = list(docx.Document(str(path)).tables)

    @property
    def sheet_names(self) -> list[str]:
        return [table_name(n) for n in range(1, len(self._tables) + 1)]

    def close(self) -> None:
        """Nothing to release: python-docx reads the whole document when it opens it."""

    def rows(
        self,
        name: str,
        convert: Callable[[str | None], object] = lambda value: value,
        progress: RowProgress | None = None,
        every: int = 200,
    ) -> list[list]:
        """The table's rows, all as wide as the widest, each cell given as `convert(text)`."""
        table = self._tables[self.sheet_names.index(name)]
        rows = []
        total = len(table._tbl.tr_lst)
        empty = convert(None)
        # Each cell's text, read once: a merged cell fills many grid cells, in many rows. Keyed
        # by id, the cell kept alive beside its text so that no other takes its id.
        texts: dict[int, tuple[_Cell, object]] = {}
        for number, cells in enumerate(grid_rows(table), 1):
            for cell in cells:
                if cell and id(cell) not in texts:
                    texts[id(cell)] = (cell, convert(_cell_text(cell) or None))
            rows.append([texts[id(cell)][1] if cell else empty for cell in cells])
            if progress and number % every == 0:
                progress(number, total)
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            row.extend([empty] * (width - len(row)))
        return rows

    def fills(self, name: str, height: int, width: int) -> dict[tuple[int, int], Fill]:
        """The RAG colour each cell of the table is shaded with (see fills), by (row, column)
        from 0, within its first `height` rows and `width` columns; every grid cell of a
        merged cell has its colour."""
        table = self._tables[self.sheet_names.index(name)]
        colours: dict[int, tuple[_Cell, Fill | None]] = {}  # by id, as rows keeps texts
        found = {}
        for row, cells in enumerate(grid_rows(table)):
            if row >= height:
                break
            for column, cell in enumerate(cells[:width]):
                if cell and id(cell) not in colours:
                    colours[id(cell)] = (cell, _shading(cell))
                if cell and (colour := colours[id(cell)][1]):
                    found[(row, column)] = colour
        return found


def _shading(cell: _Cell) -> Fill | None:
    """The cell's shading, if a RAG colour (else None): w:shd's fill (Word writes the colour
    there even when it comes from the theme), or its pattern colour where the pattern is
    solid (which covers the fill, as older writers shade a cell)."""
    properties = cell._tc.tcPr
    shading = None if properties is None else properties.find(qn("w:shd"))
    if shading is None:
        return None
    solid = shading.get(qn("w:val")) == "solid"
    return fill_of(shading.get(qn("w:color" if solid else "w:fill")))


def grid_rows(table: Table) -> Iterator[list[_Cell | None]]:
    """Each row of the table as its grid columns: a cell once for each column it spans, None for
    a column the row skips at its start (w:gridBefore).

    As python-docx's row.cells, but safe on what a damaged or hostile file may hold. A span is
    cut to the table's grid: python-docx repeats a cell once per column it spans, so one cell
    spanning 2,000,000,000 columns took seconds and a gigabyte. A cell continuing a vertical
    merge takes the cell above it in the row before, looked up at once: python-docx walks up
    the merge cell by cell, recursively (a merge down a long table ran for a minute and then
    ran out of stack), and fails when there is no cell above.
    """
    tbl = table._tbl
    width = _grid_width(tbl)
    above: dict[int, _Cell] = {}  # the row before's cells, by grid column
    for tr in tbl.tr_lst:
        offset = min(_number(tr.trPr, "gridBefore", 0), width)
        cells: list[_Cell | None] = [None] * offset
        tcs = tr.tc_lst
        for left, tc in enumerate(tcs, 1):
            # Cut to leave a column for each cell after it, so they stay under their headings.
            room = width - offset - (len(tcs) - left)
            span = max(1, min(_number(tc.tcPr, "gridSpan", 1), room))
            cell = above.get(offset) if _continues_merge(tc) else None
            cells.extend([cell or _Cell(tc, table)] * span)
            offset += span
        above = {column: cell for column, cell in enumerate(cells) if cell}
        yield cells


def _grid_width(tbl) -> int:
    """The table's grid columns: as many as its w:tblGrid declares (Word always writes it), or
    more if a row has more cells than that; with no grid declared, as many as its widest row
    spans, each span counted up to the most columns Word allows."""
    grid = tbl.find(qn("w:tblGrid"))
    declared = 0 if grid is None else len(grid.findall(qn("w:gridCol")))
    widest = 0
    for tr in tbl.tr_lst:
        spans = (_number(tc.tcPr, "gridSpan", 1) if not declared else 1 for tc in tr.tc_lst)
        before = _number(tr.trPr, "gridBefore", 0)
        widest = max(widest, sum(min(n, WORD_MAX_COLUMNS) for n in (before, *spans)))
    return max(declared, widest)


def _number(properties, name: str, default: int) -> int:
    """A whole-number property of a row or cell (w:gridBefore, w:gridSpan), read leniently: a
    value that is not a whole number, or has more digits than any count of columns, counts as
    the default (a thousand digits would take Python's int() a while, or be refused by it)."""
    element = None if properties is None else properties.find(qn(f"w:{name}"))
    text = "" if element is None else element.get(qn("w:val"), "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else default


def _continues_merge(tc) -> bool:
    """Whether the cell continues a vertical merge: w:vMerge with no value or "continue"."""
    properties = tc.tcPr
    merge = None if properties is None else properties.find(qn("w:vMerge"))
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _cell_text(cell: _Cell) -> str:
    lines = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if text:
            typed_bullet = text[0] in "•-*–"
            lines.append(f"• {text}" if _is_list_item(paragraph) and not typed_bullet else text)
    for inner in cell.tables:
        for cells in grid_rows(inner):
            # A merged cell appears once per grid column it spans: its text is taken once.
            lines.extend(t for t in dict.fromkeys(_cell_text(c) for c in cells if c) if t)
    return "\n".join(lines)


def _is_list_item(paragraph) -> bool:
    """A bulleted or numbered paragraph: numbering set on it, or a Word "List ..." style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    if properties is None or properties.pStyle is None:
        # The document's default style ("Normal"), not a list: python-docx finds it by reading
        # every style's attributes, milliseconds a paragraph, minutes over a big plan.
        return False
    style = paragraph.style
    return style is not None and style.name.startswith("List") and style.name != "List Paragraph"
