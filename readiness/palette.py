"""The RAG scale in one place, for the plan's rules, the indicators' rules, the app and the
exports alike: each colour's word, symbol and severity, and how it is drawn.

GOV.UK Design System colours, familiar to councils; each pairs with a text colour that passes
WCAG AA contrast. Status is never shown by colour alone: every use also shows the word and
symbol (`Rag.label`).
"""

from enum import StrEnum


class Rag(StrEnum):
    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def word(self) -> str:
        return self.value.capitalize()

    @property
    def symbol(self) -> str:
        """A shape per colour, so status never rests on colour alone."""
        return _SYMBOLS[self]

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.word}"


_SYMBOLS = {
    Rag.BLUE: "✔",
    Rag.GREEN: "●",
    Rag.AMBER: "▲",
    Rag.RED: "✖",
    Rag.GREY: "○",
}
# Worst first: the order used by worst-case roll-up and by urgency sorting.
SEVERITY = {Rag.RED: 4, Rag.AMBER: 3, Rag.GREEN: 2, Rag.GREY: 1, Rag.BLUE: 0}


RAG_COLOURS = {
    "blue": ("#1d70b8", "#ffffff"),
    "green": ("#00703c", "#ffffff"),
    "amber": ("#f47738", "#0b0c0c"),
    "red": ("#d4351c", "#ffffff"),
    "grey": ("#b1b4b6", "#0b0c0c"),
}
