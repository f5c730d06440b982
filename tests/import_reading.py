"""What the plan-import tests share: the date their plans are imported on, and the problems a
file is refused with."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing import ImportFailed, Problem, read_plan

AS_AT = date(2026, 3, 1)


def refused(path, **kwargs) -> list[Problem]:
    """The problems read_plan refuses `path` with (at least one), each on a line of its own."""
    kwargs.setdefault("imported_on", AS_AT)
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, **kwargs)
    problems = failed.value.problems
    assert problems
    assert str(failed.value).count("\n") == len(problems)  # a head line, then one per problem
    return problems
