"""Reading the app's HTML tables back in page tests: each table as a list of {heading: text}.

A row's "row-more" line (components.tables: the row's narrow-screen copy of its columns that
give way) is left out: each value is read once, from its own column."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skipping = False

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "row-more") in attrs:
            self._skipping = True
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "div" and self._skipping:
            self._skipping = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None and not self._skipping:
            self._cell.append(data)


def tables_in(markup: str) -> list[list[dict[str, str]]]:
    """Every <table> in `markup`: its body rows keyed by the header row's headings."""
    parser = _Tables()
    parser.feed(markup)
    tables = []
    for rows in parser.tables:
        if rows:
            heads, *body = rows
            tables.append([dict(zip(heads, row, strict=True)) for row in body])
    return tables


def page_tables(at) -> list[list[dict[str, str]]]:
    """Every table an AppTest run drew with st.html, in page order."""
    return [table for element in at.get("html") for table in tables_in(element.proto.body)]
