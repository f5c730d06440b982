"""A committee paper's blocks: no block is lost because its heading row has a typo."""

from __future__ import annotations

import copy

import pytest

from readiness.plan.importing import ImportFailed, read_plan
from tests.conftest import AS_AT
from tests.import_fixtures import COMMITTEE_BLOCKS, HEADER_FULL, committee_workbook

MISSPELT = [HEADER_FULL[0], "Improvement Thmee", *HEADER_FULL[2:]]


def _with_header(block: int, header: list[str]):
    blocks = copy.deepcopy(COMMITTEE_BLOCKS)
    rec, merge, _, themes = blocks[block]
    blocks[block] = (rec, merge, [header], themes)
    return blocks


def _problems(path) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    return [str(p) for p in failed.value.problems]


def test_a_misspelt_first_heading_row_refuses_the_file_and_names_every_unread_row(tmp_path):
    # Before: the first block vanished and the plan imported with one recommendation fewer.
    path = committee_workbook(tmp_path / "paper.xlsx", _with_header(0, MISSPELT))
    problems = _problems(path)
    assert problems[0].startswith('paper.xlsx, sheet "Improvement plan", row 3: This looks like')
    assert 'no "Improvement Theme" column' in problems[0]
    assert 'not recognised: "Improvement Thmee"' in problems[0]
    unread = [p for p in problems[1:] if "above the first heading row we recognise" in p]
    assert [p.split(", ")[2].split(":")[0] for p in unread] == ["row 4", "row 5", "row 6"]
    assert all('"REC 1 - Sharpen' in p for p in unread)


def test_a_misspelt_heading_row_between_blocks_is_named(tmp_path):
    path = committee_workbook(tmp_path / "paper.xlsx", _with_header(2, MISSPELT))
    problems = _problems(path)
    assert len(problems) == 1 and "row 12: This looks like a heading row" in problems[0]


def test_a_title_above_the_headings_is_still_just_a_title(tmp_path):
    path = committee_workbook(tmp_path / "paper.xlsx")
    result = read_plan(path, imported_on=AS_AT)
    assert result.recommendations == len(COMMITTEE_BLOCKS)
    assert result.plan.title.startswith("Appendix 1")
