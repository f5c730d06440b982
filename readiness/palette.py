"""Colours for RAG status, in one place, for the app and the Excel export alike.

GOV.UK Design System colours, familiar to councils; each pairs with a text colour that passes
WCAG AA contrast. Status is never shown by colour
alone: every use also shows the word and symbol from readiness.rag.Rag.
"""

RAG_COLOURS = {
    "blue": ("#1d70b8", "#ffffff"),
    "green": ("#00703c", "#ffffff"),
    "amber": ("#f47738", "#0b0c0c"),
    "red": ("#d4351c", "#ffffff"),
    "grey": ("#b1b4b6", "#0b0c0c"),
}
