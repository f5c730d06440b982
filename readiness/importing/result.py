"""What an importer hands back: the plan, or every problem found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from readiness.importing.problems import Problem
from readiness.plan_input import PlanInput, RecommendationInput
from readiness.wording import plural

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

    def summary(self) -> str:
        where = f' (sheet "{self.sheet}")' if self.sheet else ""
        if self.sheet and self.file.lower().endswith(".docx"):
            where = f" ({self.sheet.lower()} of the document)"
        return (
            f"{self.file}{where}, {self.shape} layout: "
            f"{plural(self.recommendations, 'recommendation')}, {plural(self.themes, 'theme')}, "
            f"{plural(self.actions, 'action')}, {self.undated_actions} with no due date."
        )
