"""A Word document's tables as rows of cell text, read by python-docx, like a workbook's sheets.

Councils often keep the improvement plan as a table in a committee paper's appendix. Each
top-level table is one "sheet", named "Table 1", "Table 2", ... in document order, so the plan
readers (template.py, committee.py) and their messages work on it unchanged. python-docx resolves
merged cells: every cell of a merge gives the merge's text, as a merged range does in a workbook.
A cell's paragraphs are its lines; a Word list paragraph (bulleted or numbered) starts with "• ",
so the action splitter (text.split_actions) sees one action per list item. A table inside a cell
is read as more lines of that cell.
"""

from __future__ import annotations

from collections.abc import Callable

import docx
from docx.table import Table, _Cell

RowProgress = Callable[[int, int], None]
TABLE_PREFIX = "Table "


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
        total = len(table.rows)
        for number, row in enumerate(table.rows, 1):
            rows.append([convert(_cell_text(cell) or None) for cell in row.cells])
            if progress and number % every == 0:
                progress(number, total)
        width = max((len(row) for row in rows), default=0)
        empty = convert(None)
        for row in rows:
            row.extend([empty] * (width - len(row)))
        return rows


def _cell_text(cell: _Cell) -> str:
    lines = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if text:
            typed_bullet = text[0] in "•-*–"
            lines.append(f"• {text}" if _is_list_item(paragraph) and not typed_bullet else text)
    for inner in cell.tables:
        for row in inner.rows:
            # A merged cell appears once per grid column it spans: its text is taken once.
            lines.extend(t for t in dict.fromkeys(_cell_text(c) for c in row.cells) if t)
    return "\n".join(lines)


def _is_list_item(paragraph) -> bool:
    """A bulleted or numbered paragraph: numbering set on it, or a Word "List ..." style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = paragraph.style
    return style is not None and style.name.startswith("List") and style.name != "List Paragraph"
