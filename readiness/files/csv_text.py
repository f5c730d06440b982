"""A CSV plan file: the checks on its bytes, then its text and its rows of cells.

Excel alone saves a sheet as CSV in several ways: "CSV UTF-8" (UTF-8 with a byte-order mark),
"CSV (Comma delimited)" in the Windows code page (Windows-1252 in England), "Unicode Text"
(UTF-16 with a mark, tab-separated), and semicolon-separated where the decimal mark is a comma;
other programs write UTF-8 with no mark, or pipes. The encoding is found from the bytes: a mark,
else UTF-8 if the bytes are UTF-8, else Windows-1252 if they hold no UTF-8 sequence at all. A
file that is UTF-8 but for a few stray bytes is not guessed at (decoding it all as Windows-1252
would garble every other accent and dash): each line with such bytes is reported. The separator
is found from the first rows, among , ; tab and |, else a comma.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import re
from collections import Counter

from readiness.files.limits import csv_cells
from readiness.files.problems import ImportFailed, Problem

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars (|)"}
# Default when no separator splits the rows: a file of one column.
_COMMA = ","
# Enough rows to see which separator splits them evenly.
_SAMPLE_CHARS = 64 * 1024
# How far into the file looks_binary looks for a NUL.
_HEAD_BYTES = 4096
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# What surrogateescape puts for each byte that does not decode: U+DC80 to U+DCFF.
_UNDECODED = re.compile("[\udc80-\udcff]")
# A character UTF-8 needed more than one byte for: the file was written as UTF-8.
_MULTIBYTE = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
# Lines reported one by one before the rest are counted in one problem.
_LINES_SHOWN = 10
# Characters of a line shown before its first bad byte: enough to find the place.
_SHOWN_BEFORE = 30
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_SAVE_AS_UTF8 = (
    "Open the file in Excel and save it again as CSV UTF-8 (File > Save As, file type "
    '"CSV UTF-8 (Comma delimited)"), then import it.'
)
_RETYPE_OR_SAVE_AS_UTF8 = (
    "Retype the text there in the program that made the file, or open the file in Excel and "
    'save it again as CSV UTF-8 (File > Save As, file type "CSV UTF-8 (Comma delimited)"); '
    "then import it."
)


def looks_binary(data: bytes) -> bool:
    """Whether the file's first bytes hold a NUL, as no text does (UTF-16's are looked at as
    text: its ASCII characters are half NUL bytes)."""
    if data.startswith(_UTF16_MARKS):
        return "\x00" in data[: _HEAD_BYTES + 2].decode("utf-16", errors="ignore")
    return b"\x00" in data[:_HEAD_BYTES]


def cells_at_most(data: bytes) -> int:
    """At most how many cells and rows the file holds, counted in its bytes before decoding.

    Every separator is counted, as which one the file uses is known only once it is decoded, and
    lone carriage returns too, as they end lines as well. The count is an upper bound (a UTF-16
    character may hold any of these bytes): what matters is that no file of separators or line
    breaks gets past it.
    """
    return csv_cells(data) + sum(data.count(byte) for byte in (b";", b"\t", b"|", b"\r"))


def read_csv(file: str, data: bytes) -> tuple[list[list[str]], list[Problem]]:
    """The file's rows (each cell stripped, trailing blank rows dropped), and a warning naming
    its encoding and separator unless they are UTF-8 and commas.

    Raises ImportFailed for a file whose bytes do not all decode (listing every line with such
    bytes), or with a cell longer than csv reads.
    """
    text, encoding, whole = _decode(file, data)
    delimiter = _separator(text)
    rows, last_lines = _parse(file, text, delimiter)
    if not whole:
        raise ImportFailed(_undecoded_lines(file, text, last_lines, encoding))
    while rows and not any(rows[-1]):
        rows.pop()
    warnings = []
    if encoding != "UTF-8" or delimiter != _COMMA:
        warnings.append(_read_as(file, encoding, delimiter))
    return rows, warnings


def _decode(file: str, data: bytes) -> tuple[str, str, bool]:
    """The text, its encoding's name, and whether every byte decoded (if not, each byte that did
    not is in the text as a surrogate escape)."""
    if data.startswith(_UTF16_MARKS):
        try:
            return data.decode("utf-16"), "UTF-16", True
        except UnicodeDecodeError:
            raise ImportFailed(
                [
                    _problem(
                        file,
                        "The file begins as UTF-16 text (Excel's Unicode Text) but is damaged "
                        "after that, so it cannot be read.",
                        _SAVE_AS_UTF8,
                    )
                ]
            ) from None
    marked = data.startswith(codecs.BOM_UTF8)
    if marked:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), "UTF-8", True
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="surrogateescape")
    if marked or _MULTIBYTE.search(text):
        return text, "UTF-8", False
    # Windows-1252 leaves five bytes undefined: a file holding them is in some other encoding.
    text = data.decode("cp1252", errors="surrogateescape")
    return text, "Windows-1252", not _UNDECODED.search(text)


def _separator(text: str) -> str:
    """The separator that splits the most of the first rows into the same number of cells (the
    more cells the better, on a tie); commas if none splits them at all.

    Not csv.Sniffer: its regular expressions take time that grows with the square of the sample
    (28 s on 64 KB of a plan's empty rows). Splitting the sample with csv itself takes
    milliseconds, and reads quoted cells as the file will be read.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS:  # whole lines only: a cut line splits into fewer cells
        sample = sample[: sample.rfind("\n") + 1] or sample
    best, best_split = _COMMA, (0, 0)
    for delimiter in DELIMITERS:
        # No csv.Error here: the sample is shorter than csv's longest field.
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths = Counter(len(row) for row in reader if len(row) > 1)
        if not widths:
            continue
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]))
        if (rows, width) > best_split:
            best, best_split = delimiter, (rows, width)
    return best


def _parse(file: str, text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The rows, each cell stripped, and the number of each row's last line in the file (a cell
    holding line breaks makes one row of several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, last_lines = [], []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row])
            last_lines.append(reader.line_num)
    except csv.Error:
        # The one error csv raises on text split into lines (newline=""): a field over its limit.
        raise ImportFailed(
            [
                Problem(
                    file,
                    None,
                    len(rows) + 1,
                    None,
                    None,
                    f"A cell in this row runs on past line {reader.line_num} of the file for "
                    f"more than {csv.field_size_limit():,} characters, longer than any cell of "
                    "a plan: a quotation mark that opens the cell is probably never closed.",
                    "Find the cell's opening quotation mark and close it (or remove it), save, "
                    "and import again.",
                )
            ]
        ) from None
    return rows, last_lines


def _undecoded_lines(file: str, text: str, last_lines: list[int], encoding: str) -> list[Problem]:
    """A problem for each line with bytes that did not decode, at the row Excel shows it on."""
    bad = [
        (number, line)
        for number, line in enumerate(_LINE_BREAK.split(text), 1)
        if _UNDECODED.search(line)
    ]
    problems = []
    for number, line in bad[:_LINES_SHOWN]:
        codes = sorted({f"{ord(char) - 0xDC00:02X}" for char in _UNDECODED.findall(line)})
        one = len(codes) == 1
        shown = f"the byte{'' if one else 's'} shown as \ufffd ({', '.join(codes)} in hex)"
        start = max(0, _UNDECODED.search(line).start() - _SHOWN_BEFORE)
        problems.append(
            Problem(
                file,
                None,
                bisect.bisect_left(last_lines, number) + 1,
                None,
                ("…" if start else "") + _UNDECODED.sub("\ufffd", line[start:]),
                f"is on line {number} of the file: {shown} {'is' if one else 'are'} not "
                f"{encoding} text, so what was written there cannot be known.",
                _RETYPE_OR_SAVE_AS_UTF8,
            )
        )
    if len(bad) > _LINES_SHOWN:
        problems.append(
            _problem(
                file,
                f"{len(bad) - _LINES_SHOWN:,} more lines hold bytes that are not {encoding} text.",
                _RETYPE_OR_SAVE_AS_UTF8,
            )
        )
    return problems


def _read_as(file: str, encoding: str, delimiter: str) -> Problem:
    """The warning that says how the file was read, when not as UTF-8 and commas."""
    fix = ""
    if encoding == "Windows-1252":
        # Guessed, as the file has no mark: a file from a Mac or another code page differs in
        # its accents and dashes.
        fix = (
            "Check that accented letters, dashes and quotation marks read as they should; if "
            "not, save the file again as CSV UTF-8 and import it again."
        )
    return _problem(
        file,
        f"The file was read as {encoding} text with its cells separated by "
        f"{DELIMITERS[delimiter]}.",
        fix,
    )


def _problem(file: str, message: str, fix: str) -> Problem:
    return Problem(file, None, None, None, None, message, fix)
