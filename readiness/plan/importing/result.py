"""What an importer hands back: the plan, or every problem found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from readiness.files.problems import Problem
from readiness.plan.importing.mapping import ColumnMap, FoundHeadings
from readiness.plan.input import PlanInput, RecommendationInput
from readiness.text import plural

Shape = Literal["committee", "canonical"]


@dataclass
class Parsed:
    """One sheet read by one shape's parser; `errors` empty means the plan can be kept."""

    title: str | None
    recommendations: list[RecommendationInput]
    lead_roles: dict[str, str | None]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class ImportResult:
    plan: PlanInput
    shape: Shape
    file: str
    sheet: str | None
    recommendations: int
    themes: int
    actions: int
    undated_actions: int
    # Things to check that did not stop the import, such as actions with no due date.
    warnings: list[Problem] = field(default_factory=list)
    # The heading row read (canonical layout only), for the user to check or change its reading.
    headings: FoundHeadings | None = None
    # The user's own reading of the columns, if one was used, and whether it was remembered from
    # an earlier import rather than given for this one.
    mapping: ColumnMap | None = None
    mapping_remembered: bool = False

    def mapping_to_remember(self) -> tuple[FoundHeadings, ColumnMap] | None:
        """The heading row and the mapping the user gave for it, to keep for the next import."""
        if self.mapping is None or self.mapping_remembered or self.headings is None:
            return None
        return self.headings, self.mapping

    def summary(self) -> str:
        where = f' (sheet "{self.sheet}")' if self.sheet else ""
        if self.sheet and self.file.lower().endswith(".docx"):
            where = f" ({self.sheet.lower()} of the document)"
        return (
            f"{self.file}{where}, {self.shape} layout: "
            f"{plural(self.recommendations, 'recommendation')}, {plural(self.themes, 'theme')}, "
            f"{plural(self.actions, 'action')}, {self.undated_actions} with no due date."
        )
