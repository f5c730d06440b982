"""How much one uploaded report may hold and cost to read, and the words for a report over a limit.

Every figure is set from the ten ILACS reports published in 2026 (../shared/data/ofsted/reports,
measured by scripts/bench_report_bombs.py's --measure), with generous room above the largest: a
report as published is never near a limit, while a crafted file is refused early, before its
pages are read where that can be known. The report is read in a limited process
(readiness.files.isolation) with the same memory and time as a plan, which stops what the
checks here cannot see coming.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pypdf import PageObject, PdfReader

from readiness.files.limits import DEFAULT_LIMITS, MB
from readiness.text import plural

if TYPE_CHECKING:
    from readiness.inspection.report_points import ImprovePoint

OFSTED_REPORTS = "reports.ofsted.gov.uk"
# The file: the ten reports are 185-270 KB; 5 MB is eighteen times the largest (the setting
# imports.max_file_mb, 20 MB by default, is for plans and still applies if it is lower).
MAX_REPORT_BYTES = 5 * MB
# Pages: the ten have 11-14; a report of 100 would be seven times the longest.
MAX_PAGES = 100
# A page tree has a node per page plus a few that group them (Word writes one): walking more
# than twice MAX_PAGES nodes is a tree built to be walked, not a report.
MAX_PAGE_TREE_NODES = 2 * MAX_PAGES
# A page's drawing instructions, with any drawings it reuses (form XObjects) unfolded as many
# times as it draws them: the ten's pages hold at most 36 KB, and reuse none; 1 MB is 28 times
# that, and the few levels of reuse a PDF producer writes fit well inside MAX_FORM_DEPTH.
MAX_PAGE_CONTENT_BYTES = MB
MAX_FORM_DEPTH = 8
# "What needs to improve?": the ten list 1-9 points of at most 224 characters (issue 22: reports
# list 1-12 of a few hundred words at most); 30 points, or one of 5,000 characters (some 800
# words), is no report as published.
MAX_POINTS = 30
MAX_POINT_CHARS = 5_000
# Memory and time: a plan's (readiness.files.limits); a report reads in under 0.2 s and 60 MB.
REPORT_LIMITS = DEFAULT_LIMITS

AS_PUBLISHED = (
    f"Use the report as published on {OFSTED_REPORTS} (download it again if this is that "
    "file), or enter the inspection by hand."
)
# A refusal: what was found, as the message goes on from the file's name, and what to do.
Refusal = tuple[str, str]


def size_refusal(size: int) -> Refusal | None:
    if size <= MAX_REPORT_BYTES:
        return None
    return (
        f"is {size / MB:.1f} MB, over the {MAX_REPORT_BYTES // MB} MB a report may be (Ofsted's "
        "reports are about 0.2 MB), so it is not a report as published",
        AS_PUBLISHED,
    )


def pages_refusal(reader: PdfReader) -> Refusal | None:
    """Whether the page tree holds more pages than a report, counted without reading a page;
    a tree is walked only as far as the limit, whatever its /Count claims."""
    pages = reader.trailer["/Root"]["/Pages"].get_object()
    declared = pages.get("/Count")
    if isinstance(declared, int) and declared > MAX_PAGES:
        return _too_many_pages(f"{declared:,}")
    leaves = nodes = 0
    waiting = [pages]
    while waiting:
        node = waiting.pop().get_object()
        nodes += 1
        kids = node.get("/Kids") if hasattr(node, "get") else None
        leaves += kids is None
        if leaves > MAX_PAGES or nodes > MAX_PAGE_TREE_NODES:
            return _too_many_pages(f"more than {MAX_PAGES}")
        if kids is not None:
            waiting.extend(kids.get_object())
    return None


def _too_many_pages(count: str) -> Refusal:
    return (
        f"has {count} pages, over the {MAX_PAGES} a report may have (Ofsted's reports have "
        "11 to 14), so it is not a report as published",
        AS_PUBLISHED,
    )


def content_refusal(page: PageObject, number: int) -> Refusal | None:
    """Whether page `number` asks for more drawing than any report page, reused drawings counted
    each time they are drawn; found from the page's instructions, before their text is read."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    cost = _cost(data, page.get("/Resources"), 0, {})
    if cost <= MAX_PAGE_CONTENT_BYTES:
        return None
    found = (
        "reuses drawings nested too deep to read"
        if cost == _UNBOUNDED
        else (
            f"holds {cost / MB:,.1f} MB of drawing instructions once its reused drawings are "
            "unfolded"
        )
    )
    return (
        f"has a page (page {number}) that {found}: a page of a report as published holds under "
        f"{MAX_PAGE_CONTENT_BYTES // MB} MB, so it is not a report as published",
        AS_PUBLISHED,
    )


_UNBOUNDED = MAX_PAGE_CONTENT_BYTES * 2**40


def _cost(data: bytes, resources, depth: int, costs: dict) -> int:
    """The bytes of `data` plus, for each drawing it draws ("Do"), the largest of the form
    XObjects it may draw (an upper bound: which form each draws is not worked out)."""
    draws = data.count(b"Do")
    if not draws:
        return len(data)
    if depth >= MAX_FORM_DEPTH:
        return _UNBOUNDED
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    largest = 0
    for ref in (xobjects.get_object() if xobjects is not None else {}).values():
        form = ref.get_object()
        if form.get("/Subtype") != "/Form":
            continue
        key = getattr(ref, "idnum", id(form))
        if key not in costs:
            costs[key] = _UNBOUNDED  # a form that draws itself, directly or not, never ends
            costs[key] = _cost(form.get_data(), form.get("/Resources"), depth + 1, costs)
        largest = max(largest, costs[key])
    return min(len(data) + draws * largest, _UNBOUNDED)


def unpacked_refusal() -> Refusal:
    """For a compressed stream that unpacks to more than pypdf will unpack (75 MB, its own limit
    against compression bombs): a report's largest unpacks to 36 KB."""
    return (
        "holds a compressed stream that unpacks to more than any report holds (a compression "
        "bomb, or a file far from a report as published)",
        AS_PUBLISHED,
    )


def points_refusal(points: Sequence[ImprovePoint]) -> Refusal | None:
    """Whether the points are more, or longer, than a report's; `points` may stop at the first
    over a limit (report_points stops reading there)."""
    heading = "“What needs to improve?”"
    if len(points) > MAX_POINTS:
        return (
            f"lists more than {MAX_POINTS} points under {heading} (Ofsted's reports list 1 to "
            "12), so it is not a report as published and would make a draft plan of "
            f"{plural(len(points), 'recommendation')} or more",
            AS_PUBLISHED,
        )
    for number, point in enumerate(points, start=1):
        if len(point.text) > MAX_POINT_CHARS:
            return (
                f"has a point under {heading} (point {number}, on page {point.page}, beginning "
                f"“{' '.join(point.text[:60].split())}…”) of {len(point.text):,} characters or "
                f"more, over the {MAX_POINT_CHARS:,} a point may have (Ofsted's points run to a "
                "few hundred), so it is not a report as published",
                AS_PUBLISHED,
            )
    return None
