"""What a reader sees of Markdown the app escaped with components.safe_text.md."""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(markdown: str) -> str:
    """The text as drawn: backslash escapes and word joiners gone."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u2060", "")
