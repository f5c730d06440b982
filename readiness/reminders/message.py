"""A digest as an email: its subject, a plain-text body and an HTML body saying the same, in one
message (the text first, so a mail program that reads no HTML shows it). Every action is given
with its reference, its text cut short, its due date, its colour as symbol and word and why, and
the lead's own My actions view is linked; everything taken from the plan is escaped in the HTML.
"""

from __future__ import annotations

import textwrap
from email.message import EmailMessage
from email.utils import formataddr
from html import escape

from readiness.palette import RAG_COLOURS
from readiness.plan.importing.committee_dates import short
from readiness.plan.rag import State
from readiness.reminders.digest import CHASED, ChaseItem, Digest
from readiness.settings import RagSettings
from readiness.text import format_date, plural

TEXT_WIDTH = 72  # the plain-text line every mail program shows unwrapped
ACTION_TEXT_LIMIT = 160  # about two lines of a mail window: enough to know the action again
_COUNTED = {State.OVERDUE: "overdue", State.DUE_SOON: "due soon", State.STALE: "stale"}


def counts_in_words(digest: Digest) -> str:
    """'2 overdue, 1 due soon': the states it holds, most urgent first."""
    return ", ".join(
        f"{digest.count(state)} {_COUNTED[state]}" for state in CHASED if digest.count(state)
    )


def subject(digest: Digest) -> str:
    return f"Your plan actions to chase: {counts_in_words(digest)}"


def _heading(state: State, rules: RagSettings, count: int) -> str:
    """A section's heading, with the rule that puts an action in it."""
    rule = {
        State.OVERDUE: "past their due date",
        State.DUE_SOON: f"due within {rules.due_soon_days} days",
        State.STALE: f"no progress update for {rules.stale_days} days or more",
    }[state]
    return f"{state.label} ({count}): {rule}"


def _why(item: ChaseItem) -> str:
    """The reason without its leading colour word, which the badge beside it gives."""
    return item.reason.removeprefix(f"{item.rag.word}: ")


def _opening(digest: Digest) -> str:
    return (
        f"As at {format_date(digest.as_at)}, "
        f"{plural(len(digest.items), 'improvement plan action')} you lead "
        f"{'needs' if len(digest.items) == 1 else 'need'} chasing: {counts_in_words(digest)}."
    )


def _closing(digest: Digest) -> str:
    return (
        f"You get this as {digest.lead}, a lead officer in the plan, signing in as "
        f"{digest.person.email}. An admin can turn these reminders off for you."
    )


def _wrapped(text: str, indent: str = "") -> list[str]:
    """Lines of at most TEXT_WIDTH, a link never broken (a mail program makes it clickable)."""
    return textwrap.wrap(
        text,
        TEXT_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def text_body(digest: Digest, rules: RagSettings, signed: str) -> str:
    lines = [
        f"Dear {digest.person.name},",
        "",
        *_wrapped(_opening(digest)),
        "",
        "Your actions, most urgent first, and where to record progress:",
        digest.link,
        "",
    ]
    for state in CHASED:
        items = digest.of(state)
        if not items:
            continue
        heading = _heading(state, rules, len(items))
        lines += [heading, "-" * len(heading)]
        for item in items:
            lines += [
                *_wrapped(f"{item.ref}: {short(item.action, ACTION_TEXT_LIMIT)}"),
                *_wrapped(f"Due {format_date(item.due)}. {item.rag.symbol} {item.reason}", "    "),
                "",
            ]
    lines += ["Record progress:", digest.link, "", *_wrapped(_closing(digest)), "", "-- ", signed]
    return "\n".join(lines) + "\n"


_CELL = "padding:6px 8px;border-bottom:1px solid #b1b4b6;vertical-align:top;text-align:left"


def _cell(content: str, tag: str = "td", extra: str = "") -> str:
    """A table cell with the digest's padding and rule (mail programs ignore style sheets)."""
    scope = ' scope="col"' if tag == "th" else ""
    return f'<{tag}{scope} style="{_CELL}{extra}">{content}</{tag}>'


def _badge(item: ChaseItem) -> str:
    """The colour as symbol and word on its own colour (never the colour alone)."""
    fill, ink = RAG_COLOURS[item.rag.value]
    return (
        f'<span style="background:{fill};color:{ink};padding:1px 6px;white-space:nowrap">'
        f"{escape(item.rag.label)}</span>"
    )


def _html_row(item: ChaseItem, link: str) -> str:
    # Each reference links to the lead's view, where the action opens with its history.
    cells = (
        _cell(f'<a href="{escape(link)}">{escape(item.ref)}</a>'),
        _cell(escape(short(item.action, ACTION_TEXT_LIMIT))),
        _cell(escape(format_date(item.due)), extra=";white-space:nowrap"),
        _cell(f"{_badge(item)} {escape(_why(item))}"),
    )
    return f"<tr>{''.join(cells)}</tr>"


def html_body(digest: Digest, rules: RagSettings, signed: str) -> str:
    link = escape(digest.link)
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(subject(digest))}</title></head>",
        '<body style="font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c">',
        f"<p>Dear {escape(digest.person.name)},</p>",
        f"<p>{escape(_opening(digest))}</p>",
        f'<p><a href="{link}">Open your actions, most urgent first, and record progress</a></p>',
    ]
    for state in CHASED:
        items = digest.of(state)
        if not items:
            continue
        parts += [
            f'<h2 style="font-size:19px">{escape(_heading(state, rules, len(items)))}</h2>',
            '<table style="border-collapse:collapse">',
            "<thead><tr>",
            *(_cell(name, "th") for name in ("Reference", "Action", "Due", "Colour and why")),
            "</tr></thead><tbody>",
            *(_html_row(item, digest.link) for item in items),
            "</tbody></table>",
        ]
    parts += [
        f"<p>{escape(_closing(digest))}</p>",
        f'<p style="color:#505a5f">{escape(signed)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def email_message(digest: Digest, sender: str, rules: RagSettings, signed: str) -> EmailMessage:
    """The digest as one email from `sender`, plain text with its HTML alternative."""
    message = EmailMessage()
    message["Subject"] = subject(digest)
    message["From"] = sender
    message["To"] = formataddr((digest.person.name, digest.person.email))
    # RFC 3834: a machine's message, so out-of-office replies are not sent back to it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text_body(digest, rules, signed))
    message.add_alternative(html_body(digest, rules, signed), subtype="html")
    return message
