"""Read an Ofsted ILACS inspection report PDF: council, dates, type, lead inspector, grades, points.

Both report schemas are read: five judgements with an overall grade (to March 2026) and four
with none (from April 2026), and the single "children in care and care leavers" judgement of
2018-2022 reports (domain.md §1.2). Page 1 holds the title, the dates, the lead inspector and
the judgement table; the "What needs to improve?" points follow, usually on page 2, so pages are
read only until those points end. Anything that is not a readable ILACS report raises
ReportUnreadable with a message for the user; pypdf's own errors never escape.

The PDF is read in a limited child process (readiness.files.isolation, as a plan is), so a file
built to cost (a compressed bomb, a page tree of 100,000 pages, drawings nested forty deep) costs
that process, never the server; report_limits refuses most such files before their pages are
read, and refuses a list of points no report holds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from readiness.files.isolation import Reader
from readiness.files.limits import DEFAULT_MAX_BYTES, Limits, out_of_memory, out_of_time
from readiness.files.problems import ImportFailed
from readiness.files.reading import RAISE_LIMIT, over_limit
from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.events import grade_of
from readiness.inspection.report_dates import kind_of, read_dates
from readiness.inspection.report_limits import (
    AS_PUBLISHED,
    MB,
    OFSTED_REPORTS,
    REPORT_LIMITS,
    content_refusal,
    pages_refusal,
    points_refusal,
    size_refusal,
    unpacked_refusal,
)
from readiness.inspection.report_points import ImprovePoint, PointsReading, read_points
from readiness.inspection.report_text import Line, page_lines

__all__ = ["ImprovePoint", "ReportReading", "ReportUnreadable", "read_report"]

# Judgement titles as the tables print them. The leaders title lost "social work" in some 2026
# reports; some print "children care leavers" for "care leavers".
_TITLES = {
    "overall": r"overall effectiveness",
    "leaders": r"the impact of leaders on (?:social work )?practice with children and families",
    "help_protection": r"the experiences and progress of children who need help and protection",
    "children_in_care_and_care_leavers": (
        r"the experiences and progress of children in care and care leavers"
    ),
    "children_in_care": r"the experiences and progress of children in care",
    "care_leavers": r"the experiences and progress of (?:children )?care leavers",
}
# In the table a grade follows its title directly; section headings put a colon between.
_GRADE = r"\s+(outstanding|good|requires improvement(?: to be good)?|inadequate)\b"
_TABLE = {area: re.compile(title + _GRADE, re.IGNORECASE) for area, title in _TITLES.items()}
_SEPARATE = ("children_in_care", "care_leavers")
_COMBINED = ("children_in_care_and_care_leavers",)
_JSON_AREAS = {
    "leaders": "leaders",
    "help_protection": "help_and_protection",
    "children_in_care": "in_care",
    "children_in_care_and_care_leavers": "in_care",
    "care_leavers": "care_leavers",
    "overall": "overall",
}
_COUNCIL = re.compile(r"inspection of\s+(.+?)\s+inspection dates?\b", re.IGNORECASE)
_SERVICES = re.compile(r"\s+(?:local authority\s+)?children['’]s services$", re.IGNORECASE)
_LEAD = re.compile(r"lead inspectors?\s*:\s*([^,]+)", re.IGNORECASE)
_TITLE_END = re.compile(r"inspection dates?\b", re.IGNORECASE)


class ReportUnreadable(Exception):
    """A file that cannot be read as an ILACS report; the message says which file and what to do."""

    def __init__(self, name: str, problem: str, action: str) -> None:
        super().__init__(f"{name} {problem}. {action}")
        self.file_name = name
        self._parts = (name, problem, action)

    def __reduce__(self):
        """Pickled by its parts, as it comes back from the reading process."""
        return (ReportUnreadable, self._parts)


@dataclass(frozen=True)
class ReportReading:
    """What one ILACS report says, and the pages each part was read from."""

    local_authority: str | None  # as the report's title names it ("Kent County Council")
    start: date  # first day of fieldwork
    end: date  # last day of fieldwork
    kind: str  # "short" or "standard"
    kind_said_by: str  # "report" (its own words) or "days on site"
    lead_inspector: str | None
    grades: dict[str, str]  # area code -> grade word; "overall" only up to March 2026
    improve: tuple[ImprovePoint, ...]
    pages: dict[str, int] = field(default_factory=dict)  # "dates", "grades", ... -> page

    def as_json(self) -> dict:
        """The reading as plain JSON: ISO dates, grade words with spaces.

        A 2018-2022 report's single "children in care and care leavers" grade goes under
        "in_care" with no "care_leavers", as the scraped history keeps it.
        """
        return {
            "local_authority": self.local_authority,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "type": self.kind,
            "lead_inspector": self.lead_inspector,
            "grades": {
                _JSON_AREAS[area]: grade.replace("_", " ") for area, grade in self.grades.items()
            },
            "improve": [
                {"text": point.text, "framework_ref": point.framework_ref} for point in self.improve
            ],
        }


def read_report(
    path_or_bytes: str | Path | bytes,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = REPORT_LIMITS,
) -> ReportReading:
    """Read an ILACS report from a file or its bytes; `name` is the file name for messages. A
    file over `max_bytes` (the setting imports.max_file_mb) or over a report's size is not read;
    any other is read in a child process within `limits`."""
    data = _bytes_of(path_or_bytes, name, max_bytes)
    if b"%PDF-" not in data[:1024]:
        raise ReportUnreadable(
            name,
            "is not a PDF file",
            f"Download the inspection report from {OFSTED_REPORTS} and use the PDF as it comes.",
        )
    reader = None
    try:
        reader = Reader(name, limits, ReportReader, data, name)
        read = reader.call("read")
    except ImportFailed as failed:
        raise _stopped(name, failed, limits) from None
    finally:
        if reader is not None:
            reader.close()
    if isinstance(read, ReportUnreadable):
        raise read
    return read


def _stopped(name: str, failed: ImportFailed, limits: Limits) -> ReportUnreadable:
    """Why the reading process stopped before it answered, in a report's words."""
    if failed.problems == [out_of_time(name, limits)]:
        found = f"took longer than the {limits.seconds:g} seconds a report may take to read"
    elif failed.problems == [out_of_memory(name, limits)]:
        found = f"needed more than the {limits.memory_bytes // MB:,} MB a report may use to read"
    else:
        found = "stopped the reader unexpectedly"
    return ReportUnreadable(
        name,
        f"{found}, so reading it was stopped: a report as Ofsted publishes it reads in under a "
        "second",
        AS_PUBLISHED,
    )


class ReportReader:
    """In the reading process: the report's bytes, read once into a ReportReading, or the
    ReportUnreadable saying why not (returned, not raised: the process reports a raised error as
    a fault of its own)."""

    def __init__(self, data: bytes, name: str) -> None:
        self._data, self._name = data, name

    def read(self, progress=None) -> ReportReading | ReportUnreadable:
        try:
            return _read(self._data, self._name)
        except ReportUnreadable as unreadable:
            return unreadable


def _read(data: bytes, name: str) -> ReportReading:
    reader = _open(data, name)
    lines: list[Line] = []
    found = _Found()
    for number in range(1, len(reader.pages) + 1):
        page_text = _page(reader, number, name)
        lines.extend(page_text)
        found.look_at(page_text, number)
        if found.dates and found.grades and read_points(lines).ended:
            break
    if not lines:
        raise ReportUnreadable(
            name,
            "has no text to read: it looks like a scanned image of a report",
            f"Use the report as published on {OFSTED_REPORTS} (its words can be selected), "
            "or enter the inspection by hand.",
        )
    return _reading(found, read_points(lines), name)


def _bytes_of(path_or_bytes: str | Path | bytes, name: str, max_bytes: int) -> bytes:
    """The report's bytes; a file's size is checked before it is read."""
    if isinstance(path_or_bytes, bytes):
        _check_size(len(path_or_bytes), name, max_bytes)
        return path_or_bytes
    path = Path(path_or_bytes)
    try:
        _check_size(path.stat().st_size, name, max_bytes)
        return path.read_bytes()
    except OSError as error:
        raise ReportUnreadable(
            name, f"could not be opened ({error.strerror})", "Check the file and try again."
        ) from error


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if too_big := over_limit(size, max_bytes):
        raise ReportUnreadable(
            name, too_big, f"Use the report as published on {OFSTED_REPORTS}, or {RAISE_LIMIT}."
        )
    if refused := size_refusal(size):
        raise ReportUnreadable(name, *refused)


@contextmanager
def _pypdf_errors(name: str) -> Iterator[None]:
    """pypdf raises many kinds of error on a broken file (its own, KeyError, zlib's, ...); a
    damaged upload is the user's problem to fix, not a crash, whatever the error. Its own limit
    on unpacking is a refusal; running out of memory is the reading process's limit, not
    damage: it ends the process."""
    try:
        yield
    except LimitReachedError:
        raise ReportUnreadable(name, *unpacked_refusal()) from None
    except MemoryError:
        raise
    except Exception as error:
        raise _damaged(name, error) from error


def _open(data: bytes, name: str) -> PdfReader:
    with _pypdf_errors(name):
        reader = PdfReader(io.BytesIO(data))
        locked = _is_locked(reader)
        too_many = None if locked else pages_refusal(reader)
        if not (locked or too_many):
            len(reader.pages)  # walks the page tree: a truncated file fails here, not mid-read
    if locked:
        raise ReportUnreadable(
            name,
            "is password-protected, so its text cannot be read",
            f"Use the report as published on {OFSTED_REPORTS}, which has no password.",
        )
    if too_many:
        raise ReportUnreadable(name, *too_many)
    return reader


def _is_locked(reader: PdfReader) -> bool:
    """Encrypted with a password; a file locked only against editing opens with an empty one."""
    if not reader.is_encrypted:
        return False
    try:
        return not reader.decrypt("")
    except Exception:  # an encryption pypdf cannot undo is as locked as a password
        return True


def _page(reader: PdfReader, number: int, name: str) -> list[Line]:
    """The page's lines, once its drawing instructions are known to be a report page's."""
    with _pypdf_errors(name):
        page = reader.pages[number - 1]
        too_much = content_refusal(page, number)
        lines = None if too_much else page_lines(page, number)
    if too_much:
        raise ReportUnreadable(name, *too_much)
    return lines


def _damaged(name: str, error: Exception) -> ReportUnreadable:
    return ReportUnreadable(
        name,
        f"is a damaged or incomplete PDF ({error.__class__.__name__}: {error})",
        f"Download the report again from {OFSTED_REPORTS} and use the new copy.",
    )


class _Found:
    """The page-1 facts as they are found, each with its page; the first page to give one wins."""

    def __init__(self) -> None:
        self.dates: tuple[date, date] | None = None
        self.title = ""
        self.council: str | None = None
        self.lead: str | None = None
        self.grades: dict[str, str] = {}
        self.pages: dict[str, int] = {}
        self.text: list[str] = []

    def look_at(self, lines: list[Line], number: int) -> None:
        text = " ".join(line.text for line in lines)
        self.text.append(text)
        if self.dates is None and (dates := read_dates(text)):
            self.dates, self.pages["dates"] = dates, number
            self.title = _TITLE_END.split(text, maxsplit=1)[0]
        if self.council is None and (council := _COUNCIL.search(text)):
            self.council = _SERVICES.sub("", council.group(1)).strip()
            self.pages["local_authority"] = number
        if self.lead is None and (lead := _lead_inspector(lines)):
            self.lead, self.pages["lead_inspector"] = lead, number
        if not self.grades and (grades := _table_grades(text)):
            self.grades, self.pages["grades"] = grades, number


def _lead_inspector(lines: list[Line]) -> str | None:
    for line in lines:
        if found := _LEAD.search(line.text):
            return found.group(1).strip() or None
    return None


def _table_grades(text: str) -> dict[str, str]:
    grades = {}
    for area, table in _TABLE.items():
        if found := table.search(text):
            grade = grade_of(found.group(1))
            if grade:
                grades[area] = grade
    return grades


def _reading(found: _Found, points: PointsReading, name: str) -> ReportReading:
    if refused := points_refusal(points.points):
        raise ReportUnreadable(name, *refused)
    if found.dates is None or not found.grades:
        missing = " and ".join(
            part
            for part, absent in (
                ("no inspection dates", found.dates is None),
                ("no judgement table", not found.grades),
            )
            if absent
        )
        raise ReportUnreadable(
            name,
            f"does not look like an Ofsted inspection report on a council's children's services "
            f"(ILACS): it has {missing}",
            "Focused visits, monitoring visits and joint inspections have no judgements to read: "
            "enter those by hand. For a full inspection, use its report as published on "
            f"{OFSTED_REPORTS}.",
        )
    missing_areas = _missing_areas(found.grades)
    if missing_areas:
        raise ReportUnreadable(
            name,
            f"has a judgement table on page {found.pages['grades']} without "
            + ", ".join(f"“{AREA_SHORT_LABELS[area]}”" for area in missing_areas)
            + " (it could not be read)",
            "Enter the inspection by hand, and tell the dashboard's maintainers which report "
            "this was.",
        )
    start, end = found.dates
    kind, said_by = kind_of(start, end, found.title, " ".join(found.text))
    pages = dict(found.pages)
    if points.page is not None:
        pages["improve"] = points.page
    return ReportReading(
        local_authority=found.council,
        start=start,
        end=end,
        kind=kind,
        kind_said_by=said_by,
        lead_inspector=found.lead,
        grades=found.grades,
        improve=points.points,
        pages=pages,
    )


def _missing_areas(grades: dict[str, str]) -> list[str]:
    """The judgements a complete table has and this one lacks (care in one or two judgements)."""
    care = _COMBINED if _COMBINED[0] in grades else _SEPARATE
    return [area for area in ("leaders", "help_protection", *care) if area not in grades]
