"""Builders of PDFs made to cost whoever reads them, shared by the tests
(tests/test_report_bombs.py) and the benchmark (scripts/bench_report_bombs.py). Each is written
at run time, small on disk: no bomb is kept in the repository.

The structural bombs are written byte by byte (a page tree of 100,000 pages, drawings nested 40
deep, a compressed stream of 1,000 MB); the reports that list too much are written by
tests.test_report_pdf.pdf_of, as a real report is laid out.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from tests.test_report_pdf import page_one, pdf_of

MB = 1024 * 1024
PAGE_BOX = b"/MediaBox [0 0 595 842]"


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalogue), with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _one_page(content: bytes, resources: bytes = b"<< >>") -> list[bytes]:
    """Catalogue, page tree and one page drawn by `content` (object 4)."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Resources %s /Contents 4 0 R >>" % (PAGE_BOX, resources),
        content,
    ]


def nested_drawings(depth: int = 40) -> bytes:
    """A page drawing form 1 twice, which draws form 2 twice, ... `depth` deep: 2^40 drawings."""
    first = 5  # objects 1-4 are the catalogue, the page tree, the page and its content
    forms = []
    for level in range(depth):
        last = level == depth - 1
        draws = b"0 0 m 1 1 l S" if last else b"q /X Do Q q /X Do Q"
        resources = (
            b"" if last else b" /Resources << /XObject << /X %d 0 R >> >>" % (first + level + 1)
        )
        forms.append(
            _stream(draws, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842]" + resources)
        )
    page_resources = b"<< /XObject << /X %d 0 R >> >>" % first
    return _pdf(_one_page(_stream(b"q /X Do Q q /X Do Q"), page_resources) + forms)


def deep_content(depth: int = 200_000) -> bytes:
    """A page whose instructions open `depth` arrays inside each other, and saved states."""
    return _pdf(_one_page(_stream(b"q " * depth + b"[" * depth + b"]" * depth)))


def huge_content(megabytes: int = 60) -> bytes:
    """A page of `megabytes` of text-drawing instructions (each a word), compressed."""
    line = b"BT /F1 12 Tf 72 700 Td (word) Tj ET\n"
    data = line * (megabytes * MB // len(line))
    return _pdf(_one_page(_stream(data)))


def flate_bomb(megabytes: int = 1000) -> bytes:
    """A page whose content unpacks from about 1 MB to `megabytes` of zeros: one compressed MB
    of zeros, repeated (each copy stands alone after a full flush), in a zlib wrapper."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(bytes(MB)) + squeeze.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(bytes(MB), checksum)
    packed = b"\x78\xda" + block * megabytes + squeeze.flush() + checksum.to_bytes(4, "big")
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
    return _pdf(_one_page(body))


def page_tree(pages: int = 100_000, count: int | None = None) -> bytes:
    """A page tree of `pages` pages, all one page object; its /Count says `count` (the truth
    unless told)."""
    kids = b" ".join([b"3 0 R"] * pages)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages if count is None else count),
            b"<< /Type /Page /Parent 2 0 R %s /Contents 4 0 R >>" % PAGE_BOX,
            _stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET"),
        ]
    )


def object_streams(pages: int = 100_000) -> bytes:
    """A page tree of `pages` distinct pages, every object packed into compressed object
    streams, found through a cross-reference stream: 100,000 pages in a few hundred KB."""
    page_numbers = range(3, 3 + pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % n for n in page_numbers), pages),
        *(b"<< /Type /Page /Parent 2 0 R %s >>" % PAGE_BOX for _ in page_numbers),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    entries = [b"\x00\x00\x00\x00\x00\xff\xff"]  # object 0, free
    per_stream = 10_000
    stream_number = len(objects) + 1
    for first in range(0, len(objects), per_stream):
        batch = objects[first : first + per_stream]
        heads, bodies, offset = [], [], 0
        for index, body in enumerate(batch):
            heads.append(b"%d %d" % (first + index + 1, offset))
            bodies.append(body)
            offset += len(body) + 1
        head = b" ".join(heads) + b"\n"
        entries += [
            b"\x02" + stream_number.to_bytes(4, "big") + i.to_bytes(2, "big")
            for i in range(len(batch))
        ]
        streams_at = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (
            stream_number,
            _stream(
                head + b"\n".join(bodies),
                b" /Type /ObjStm /N %d /First %d" % (len(batch), len(head)),
            ),
        )
        stream_number += 1
        entries.append(b"\x01" + streams_at.to_bytes(4, "big") + b"\x00\x00")
    # Entries in object-number order: the objects, then each object stream in turn.
    packed = [entries[0]]
    packed += [e for e in entries[1:] if e[:1] == b"\x02"]
    packed += [e for e in entries[1:] if e[:1] == b"\x01"]
    xref_number = stream_number
    packed.append(b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00")
    xref_at = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (
        xref_number,
        _stream(
            b"".join(packed),
            b" /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % (xref_number + 1),
        ),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _report_with_points(texts: list[str], per_page: int) -> bytes:
    """Page 1 of a report (tests.test_report_pdf.page_one), then "What needs to improve?" and a
    line per text, `per_page` lines to a page, each 12pt as body text is, 15pt apart (running
    below the page's foot when there are many: text is read wherever it is drawn)."""
    pages = [page_one()]
    runs = [(72, 800, 14, "What needs to improve?")]
    for text in texts:
        if len(runs) >= per_page:
            pages.append(runs)
            runs = []
        runs.append((72, 785 - 15 * len(runs), 12, text))
    return pdf_of(*pages, runs)


def many_points(count: int = 5_000) -> bytes:
    """A report listing `count` points, a hundred to a page."""
    return _report_with_points(
        [f"• Point {n} to improve. (outcome 1, national framework)" for n in range(count)], 100
    )


def long_point(characters: int = 1_000_000) -> bytes:
    """A report whose one point runs to `characters` characters, in lines of 2,000."""
    words = "The quality of practice with children and families " * (characters // 50 + 1)
    text = "• " + words[: characters - 2]
    lines = [text[start : start + 2_000] for start in range(0, len(text), 2_000)]
    return _report_with_points(lines, 25)


# Every bomb by name, as the tests and the benchmark list them.
BOMBS: dict[str, Callable[[], bytes]] = {
    "nested drawings (40 deep, 2^40 draws)": nested_drawings,
    "deep content (200,000 nested arrays)": deep_content,
    "huge content (60 MB of instructions)": huge_content,
    "flate bomb (1,000 MB of zeros)": flate_bomb,
    "page tree (100,000 pages)": page_tree,
    "page tree (100,000 pages, /Count 1)": lambda: page_tree(count=1),
    "object streams (100,000 pages)": object_streams,
    "5,000 points": many_points,
    "a point of 1,000,000 characters": long_point,
}
