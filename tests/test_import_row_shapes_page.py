"""The Data page reads councils' own tables with rows that are not one action each (issue 26):
each shape of tests/row_shape_fixtures.py uploaded, checked and stored; the box that turns
splitting an action cell by lines off; a table in headings we do not know, after one mapping
step. The command line's reading of the same files: test_import_row_shapes.py."""

from __future__ import annotations

import pytest

from tests.conftest import open_app
from tests.page_text import shown
from tests.row_shape_fixtures import (
    LINES,
    LINES_KEPT_WHOLE,
    MAPPED,
    SHAPES,
    counts_of,
    summary,
    write,
)
from tests.test_import_journey import plan_in


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def upload(at, path):
    at.file_uploader(key="data_upload").set_value((path.name, path.read_bytes(), "x")).run()
    assert not at.exception, at.exception


def checks(at) -> str:
    """The "things to check" the page lists, as one text."""
    return "\n".join(t.value for t in at.text)


@pytest.mark.parametrize("name", ["sections", "outline", "lines"])
def test_data_page_reads_each_shape_and_stores_it(name, data_page, tmp_path, sqlite_url):
    shape = SHAPES[name]
    upload(data_page, write(shape, "docx", tmp_path))
    assert not data_page.error, [e.value for e in data_page.error]
    assert summary(shape.counts) in shown(data_page.success[0].value)
    said = {
        "sections": "repeats the heading row (a table broken across pages), so it was skipped",
        "outline": "numbering was read as its structure",
        "lines": "3 actions were read from this one cell",
    }[name]
    assert said in checks(data_page)
    data_page.checkbox(key="data_as_new").check().run()
    data_page.button(key="data_store").click().run()
    assert counts_of(plan_in(sqlite_url)) == shape.counts


def test_data_page_box_turns_splitting_off(data_page, tmp_path, sqlite_url):
    upload(data_page, write(LINES, "xlsx", tmp_path))
    assert "6 actions" in shown(data_page.success[0].value)
    data_page.checkbox(key="data_split").uncheck().run()
    assert summary(LINES_KEPT_WHOLE) in shown(data_page.success[0].value)
    data_page.checkbox(key="data_as_new").check().run()
    data_page.button(key="data_store").click().run()
    assert counts_of(plan_in(sqlite_url)) == LINES_KEPT_WHOLE


def test_data_page_reads_a_table_in_its_own_headings_after_one_mapping_step(
    data_page, tmp_path, sqlite_url
):
    upload(data_page, write(MAPPED, "csv", tmp_path))
    assert "say below what each column holds" in data_page.error[0].value
    fields = ["ref", "action", "service_leads", "due", "progress_note"]
    for index, field in enumerate(fields):
        data_page.selectbox(key=f"data_mapping_{index}").set_value(field)
    data_page.button(key="FormSubmitter:data_mapping-Read the file with these columns").click()
    data_page.run()
    assert not data_page.error, [e.value for e in data_page.error]
    assert summary(MAPPED.counts) in shown(data_page.success[0].value)
    data_page.checkbox(key="data_as_new").check().run()
    data_page.button(key="data_store").click().run()
    assert counts_of(plan_in(sqlite_url)) == MAPPED.counts
