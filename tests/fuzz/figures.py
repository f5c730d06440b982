"""The closing figures of a fuzz run: files accepted, refused, crashed and hung, the slowest,
what failed and what is worth fixing.
"""

from __future__ import annotations

import statistics

from readiness.text import plural
from tests.fuzz.judge import HUNG_SECONDS, SLOW_SECONDS, Outcome

NAMES_SHOWN = 5
VERDICTS = ("accepted", "refused", "crashed", "hung")


def _notes(outcomes: list[Outcome]) -> list[str]:
    """The notes (worth fixing, not failures), each once with how many files and a few names."""
    groups: dict[str, list[str]] = {}
    for o in sorted(outcomes, key=lambda o: -o.seconds):
        for note in o.notes:
            slow = note.startswith("slow:")
            key = f"slow (over {SLOW_SECONDS:g} s)" if slow else note
            groups.setdefault(key, []).append(
                f"{o.case.name} ({o.seconds:.1f} s)" if slow else o.case.name
            )
    if not groups:
        return []
    lines = [f"Worth fixing, not failures: {plural(sum(1 for o in outcomes if o.notes), 'file')}:"]
    for key, names in groups.items():
        shown = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
        lines.append(f"  {key}: {plural(len(names), 'file')}: {shown}")
    return lines


def _verdicts(outcomes: list[Outcome]) -> dict[str, int]:
    """How many of the outcomes were accepted, refused, crashed and hung, in that order."""
    return {v: sum(1 for o in outcomes if o.verdict == v) for v in VERDICTS}


def summarise(outcomes: list[Outcome], seed: int, *, by_kind: bool = False) -> str:
    """The closing figures: files accepted, refused, crashed and hung, the slowest, what failed."""
    if not outcomes:
        return "Import fuzz: no files were run."
    count = _verdicts(outcomes)
    times = [o.seconds for o in outcomes]
    slowest = max(outcomes, key=lambda o: o.seconds)
    lines = [
        f"Import fuzz: {len(outcomes)} files (seed {seed}): {count['accepted']} accepted, "
        f"{count['refused']} refused, {count['crashed']} crashed, {count['hung']} hung "
        f"(over {HUNG_SECONDS:g} s of CPU time).",
        f"Time: {sum(times):.1f} s in all, median {statistics.median(times):.2f} s, slowest "
        f"{slowest.seconds:.1f} s ({slowest.case.name}).",
    ]
    slow = sum(1 for o in outcomes if o.seconds > SLOW_SECONDS)
    lines[-1] += f" Over {SLOW_SECONDS:g} s: {plural(slow, 'file')}."
    failed = [o for o in outcomes if o.failures]
    lines.append(f"Failed checks: {plural(len(failed), 'file')}" + (":" if failed else "."))
    lines += [f"  {o.verdict}: {o.case.name}: {o.failures[0].splitlines()[0]}" for o in failed]
    lines += _notes(outcomes)
    if by_kind:
        lines.append("")
        lines.append(
            f"{'Mutation':<28} {'files':>5} {'accepted':>8} {'refused':>7} "
            f"{'crashed':>7} {'hung':>4} {'max s':>6}"
        )
        for kind in sorted({o.case.kind for o in outcomes}):
            mine = [o for o in outcomes if o.case.kind == kind]
            figures = list(_verdicts(mine).values())
            lines.append(
                f"{kind:<28} {len(mine):>5} {figures[0]:>8} {figures[1]:>7} {figures[2]:>7} "
                f"{figures[3]:>4} {max(o.seconds for o in mine):>6.1f}"
            )
    return "\n".join(lines)
