"""What changed since the version submitted to Ofsted: strengths and priorities that are new or
no longer there, and indicator figures that moved, compared line by line by key (a line's key
names what it is about, so the same indicator or recommendation is matched across versions, in
each judgement area it is in)."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.kpi.rules import same
from readiness.self_evaluation.document import PRIORITY, STRENGTH, Line, SelfEvaluation
from readiness.text import plural


@dataclass(frozen=True)
class Moved:
    area: str
    before: Line
    now: Line

    @property
    def words(self) -> str:
        was, now = self.before.measure, self.now.measure
        name = self.now.source.removeprefix("Indicator: ").split(" (")[0]
        return f"{name}: {was.shown} ({was.period}) → {now.shown} ({now.period})"


@dataclass(frozen=True)
class SinceSubmitted:
    new: dict[str, list[tuple[str, Line]]]  # by kind: (area title, line)
    gone: dict[str, list[tuple[str, Line]]]
    moved: list[Moved]

    @property
    def nothing(self) -> bool:
        return not (any(self.new.values()) or any(self.gone.values()) or self.moved)

    @property
    def words(self) -> str:
        """ "2 new strengths, 1 new priority, 3 figures moved", or "Nothing has changed"."""
        parts = [
            plural(len(self.new[STRENGTH]), "new strength"),
            plural(len(self.new[PRIORITY]), "new priority", "new priorities"),
            plural(len(self.gone[STRENGTH]), "strength") + " no longer listed",
            plural(len(self.gone[PRIORITY]), "priority", "priorities") + " no longer listed",
            plural(len(self.moved), "figure") + " moved",
        ]
        if self.nothing:
            return "Nothing has changed since the submitted version"
        return (
            ", ".join(p for p in parts if not p.startswith("0 ")) + " since the submitted version"
        )


def _moved(before: Line, now: Line) -> bool:
    was, is_ = before.measure, now.measure
    if was is None or is_ is None:
        return False
    return was.period != is_.period or not same(was.value, is_.value)


def since_submitted(submitted: SelfEvaluation, current: SelfEvaluation) -> SinceSubmitted:
    """`current` against `submitted`: a line whose kind changed (a strength now a priority) is
    new in its new kind and gone from its old one."""
    titles = {a.code: a.title for a in (*submitted.areas, *current.areas)}
    then, now = submitted.lines(), current.lines()
    new: dict[str, list[tuple[str, Line]]] = {STRENGTH: [], PRIORITY: []}
    gone: dict[str, list[tuple[str, Line]]] = {STRENGTH: [], PRIORITY: []}
    moved = []
    for (area, key), line in now.items():
        earlier = then.get((area, key))
        if earlier is None or earlier.kind != line.kind:
            new[line.kind].append((titles[area], line))
        if earlier is not None and _moved(earlier, line):
            moved.append(Moved(titles[area], earlier, line))
    for (area, key), line in then.items():
        later = now.get((area, key))
        if later is None or later.kind != line.kind:
            gone[line.kind].append((titles[area], line))
    return SinceSubmitted(new, gone, moved)
