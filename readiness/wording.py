"""Small pieces of English shared by the domain's messages and the pages."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 action', '3 actions'; `many` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"
