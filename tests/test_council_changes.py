"""Abolished councils leave the queue on the day they ceased, and their successors join it then
(issue 21): on the real national record, Northamptonshire (abolished 1 April 2021) and Cumbria
(1 April 2023) are not waiting for an inspection that will never come."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from readiness.inspection.council_changes import exists
from readiness.inspection.national_files import read_national
from readiness.inspection.predict import predict
from readiness.inspection.queue import by_council, queue
from readiness.settings import InspectionSettings
from tests.kpi_data import OFSTED_DATA, shared_file
from tests.test_cli import run
from tests.test_inspection_predict import HISTORY, LOOKUP, OFFICIAL, RULES

NORTHAMPTONSHIRE, NORTH_NORTHANTS, WEST_NORTHANTS = "928", "940", "941"
CUMBRIA, CUMBERLAND, WESTMORLAND = "909", "942", "943"


def _files() -> list[str]:
    return [str(shared_file(OFSTED_DATA / name)) for name in (HISTORY, LOOKUP, OFFICIAL)]


@pytest.fixture(scope="module")
def grouped():
    return by_council(read_national(_files()).inspections)


def _waiting(grouped, day: date) -> dict:
    return {w.la_code: w for w in queue(grouped, day)}


@pytest.mark.parametrize(
    ("abolished", "successors", "ended", "last_start"),
    [
        (NORTHAMPTONSHIRE, (NORTH_NORTHANTS, WEST_NORTHANTS), date(2021, 4, 1), date(2019, 6, 17)),
        (CUMBRIA, (CUMBERLAND, WESTMORLAND), date(2023, 4, 1), date(2022, 9, 20)),
    ],
)
def test_an_abolished_council_leaves_the_queue_and_its_successors_join(
    grouped, abolished, successors, ended, last_start
):
    before, on = (
        _waiting(grouped, date.fromordinal(ended.toordinal() - 1)),
        _waiting(grouped, ended),
    )
    assert abolished in before and before[abolished].last_start == last_start
    assert not set(successors) & set(before)
    assert abolished not in on
    # The successors wait from the last inspection of the services they took on.
    assert [on[code].last_start for code in successors] == [last_start, last_start]


def test_successors_wait_from_their_own_inspection_once_published(grouped):
    waiting = _waiting(grouped, date(2026, 11, 1))
    assert waiting[CUMBERLAND].last_start == date(2024, 10, 7)
    assert waiting[WESTMORLAND].last_start == date(2024, 4, 22)
    assert not exists(CUMBRIA, date(2026, 11, 1)) and exists(CUMBERLAND, date(2026, 11, 1))


def test_the_outlook_leaves_out_abolished_councils(capsys):
    history, lookup, official = _files()
    args = ["outlook", "--history", history, "--lookup", lookup, "--official", official]
    result = run(capsys, *args, "--as-at", "2026-11-01")
    assert result.code == 0, result.err
    names = [row["local_authority"] for row in csv.DictReader(io.StringIO(result.out))]
    # They were first and third, with 42% and 38% chances of a call by February 2027.
    assert "Northamptonshire" not in names and "Cumbria" not in names
    assert {"North Northamptonshire", "West Northamptonshire", "Cumberland"} <= set(names)
    assert names[0] == "Nottingham"  # waiting since July 2022, an inadequate grade
    assert len(names) == 153  # England's 153 councils: the lookup's 156 less the abolished 3


def test_the_queue_count_leaves_out_abolished_councils(grouped):
    inspections = [i for items in grouped.values() for i in items]
    as_at = date(2026, 11, 29)
    leeds = predict([], inspections, "383", as_at, InspectionSettings(), RULES)
    rank = 1 + sum(
        w.waited_days > (as_at - date(2025, 6, 30)).days for w in queue(grouped, as_at)
    )  # Leeds' last started 30 June 2025, later than both abolished councils'
    said = [r for r in leeds.reasons if "in the queue" in r]
    # 152: the other 152 of England's 153 councils; it said 154, counting the two abolished.
    assert said and f"{rank - 1} of the 152 other councils waiting on 29 Nov 2026" in said[0]
