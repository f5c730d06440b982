"""The options of `python -m readiness self-evaluation` (kept apart from readiness.cli.parser,
which holds most commands' options, so that file stays readable; it imports nothing heavy
either)."""

from __future__ import annotations

from readiness.cli.args import ArgumentParser, add_common


def self_evaluation_options(sub: ArgumentParser) -> None:
    add_common(
        sub,
        date_help="draft it as at this date: the plan as it stood, the indicators published by "
        "then, the framework then in force and the narrative written by then",
    )
    sub.add_argument(
        "path", metavar="OUT", help="the file to write: .docx to edit in Word, or .pdf to send"
    )
    sub.add_argument(
        "--version",
        type=int,
        metavar="ID",
        help="write this version as it was submitted to Ofsted, not the current draft "
        "(--as-at is then the version's own)",
    )
