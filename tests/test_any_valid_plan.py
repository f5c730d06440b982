"""Every page renders for every plan the importer accepts, not only for the demo council's.

Each case below is a small plan file, written the way a council would fill it in (the canonical
template, a CSV saved from it, or a committee-paper table), at an edge the demo never reaches:
no judgement areas, one action, no dates at all, each status, only areas for development, a
theme or an action with no lead, every action complete, everything at once. Each is imported
through readiness.plan.importing.read_plan and readiness.plan.sync.apply.apply_import into its
own SQLite file, then every page is opened with Streamlit's AppTest: Overview, Improvement plan
(every recommendation opened), My actions (for everyone, then for one of the plan's leads with one
action opened) and Data. Each page must run without an exception and show the plan's content.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.importing import read_plan
from readiness.vocabulary import ACTION_STATUS_LABELS, ACTION_STATUSES
from tests.conftest import AS_AT, ROOT, store_of, stored_plan
from tests.html_tables import page_tables
from tests.import_fixtures import (
    canonical_row,
    canonical_workbook,
    committee_workbook,
    save_as_csv,
)
from tests.page_text import shown

PAGES = ("views/overview.py", "views/plan.py", "views/my_actions.py", "views/loading.py")
REC = "Improve the quality of written plans for children in need."


def row(**values) -> list:
    """One canonical row: a complete, dated action unless `values` say otherwise."""
    defaults = dict(
        ref="REC 1",
        recommendation=REC,
        judgement_areas="Help and protection",
        theme="Plan template",
        action="Review the plan template with practitioners.",
        service_leads="Daniel Okafor (Principal Social Worker)",
        start=datetime(2026, 4, 1),
        due=datetime(2027, 3, 31),
        status="In progress",
        progress_note="Working group has met twice.",
        progress_date=datetime(2026, 11, 1),
    )
    return canonical_row(**(defaults | values))


def undated(**values) -> list:
    """A row with no dates at all: no start, due, completion or progress date."""
    return row(start=None, due=None, progress_date=None, **values)


def every_state() -> list[list]:
    """One action in each state at AS_AT, over a REC, an AFD and an APA."""
    return [
        row(action="Overdue: audit visits.", due=datetime(2026, 10, 1)),
        row(action="Due soon: agree checklist.", due=datetime(2026, 12, 1)),
        row(action="Stale: redesign the role.", progress_date=datetime(2026, 6, 1)),
        row(action="Not started: train champions.", status="Not started", progress_note=None),
        undated(action="No due date: review the offer.", due_text="by the spring"),
        row(
            action="Complete: publish the summary.",
            status="Complete",
            completed=datetime(2026, 9, 1),
            evidence="Summary read by every team.",
        ),
        row(
            ref="AFD 1",
            recommendation="Develop contextual safeguarding.",
            judgement_areas="Care leavers, Children in care",
            theme="Exploitation",
            action="On track: move the exploitation post.",
            service_leads="Tom Brennan",
            other_leads="Team managers",
        ),
        row(
            ref="APA 1",
            recommendation="Make sure leaders know frontline practice.",
            judgement_areas="Impact of leaders",
            theme="Audit",
            action="Completed after the as-at date.",
            service_leads="Priya Chandran",
            status="Complete",
            completed=datetime(2027, 1, 15),
        ),
    ]


@dataclass(frozen=True)
class Case:
    """A plan file to write into a folder, and the date to view it on."""

    write: Callable[[Path], Path]
    as_at: date = AS_AT


def canonical(rows: list[list]) -> Callable[[Path], Path]:
    return lambda folder: canonical_workbook(folder / "plan.xlsx", rows)


def as_csv(rows: list[list]) -> Callable[[Path], Path]:
    return lambda folder: save_as_csv(
        canonical_workbook(folder / "plan.xlsx", rows), folder / "plan.csv"
    )


def status_rows(code: str) -> list[list]:
    """Two actions with the status `code`, one dated and one not."""
    label = ACTION_STATUS_LABELS[code]
    done = {"completed": datetime(2026, 8, 1)} if code == "complete" else {}
    return [
        row(action=f"{label}, dated.", status=label, **done),
        undated(action=f"{label}, undated.", status=label),
    ]


NO_AREAS = [row(judgement_areas=None), row(action="Second action.", judgement_areas=None)]
NO_DATES = [undated(), undated(action="Also undated.", status="Not started", progress_note=None)]
AFDS = [
    row(ref="AFD 1", kind="AFD", recommendation="Develop contextual safeguarding."),
    row(ref="AFD 2", recommendation="Widen domestic abuse support.", theme="Support"),
]
THEME_WITH_NO_LEAD = [
    row(),
    row(theme="Shared work", action="Led by others.", service_leads="N/A", other_leads="Ann Lee"),
]
NO_LEAD_ANYWHERE = [row(service_leads="None"), row(action="Nobody leads.", service_leads="N/A")]
GROUP_LEADS = [row(service_leads="Team managers", other_leads="Consultant social workers")]
ALL_COMPLETE = [
    row(status="Complete", completed=datetime(2026, 9, 1)),
    row(action="Done too, undated.", status="Done", due=None),
]
MANY_RECS = [
    row(ref=f"REC {n}", recommendation=f"Recommendation {n}.", action=f"Action {n}.")
    for n in range(1, 46)
]

CASES: dict[str, Case] = {
    "judgement-areas-empty": Case(canonical(NO_AREAS)),
    "exactly-one-action": Case(canonical([row()])),
    "no-dates-at-all": Case(canonical(NO_DATES)),
    **{f"every-action-{code}": Case(canonical(status_rows(code))) for code in ACTION_STATUSES},
    "status-left-blank": Case(canonical([row(status=None, progress_note=None)])),
    "only-areas-for-development": Case(canonical(AFDS)),
    "only-an-area-for-priority-action": Case(canonical([row(ref="APA 1")])),
    "a-theme-with-no-lead": Case(canonical(THEME_WITH_NO_LEAD)),
    "no-lead-anywhere": Case(canonical(NO_LEAD_ANYWHERE)),
    "only-group-leads": Case(canonical(GROUP_LEADS)),
    "every-action-complete": Case(canonical(ALL_COMPLETE)),
    "every-state-at-once": Case(canonical(every_state())),
    "every-state-csv": Case(as_csv(every_state())),
    "every-state-seen-in-2019": Case(canonical(every_state()), as_at=date(2019, 6, 1)),
    "every-state-seen-in-2024": Case(canonical(every_state()), as_at=date(2024, 6, 1)),
    "forty-five-recommendations": Case(canonical(MANY_RECS)),
    "committee-paper": Case(lambda folder: committee_workbook(folder / "plan.xlsx")),
}


@dataclass
class Stored:
    """A case's plan, imported into a database of its own."""

    url: str
    plan: object  # readiness.plan.records.PlanData


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request, tmp_path, monkeypatch) -> tuple[Case, Stored]:
    case = CASES[request.param]
    result = read_plan(case.write(tmp_path), imported_on=AS_AT)  # raises if it is refused
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    store_of(engine).import_plan(result.plan, AS_AT, by=LOCAL_USER)
    plan = stored_plan(engine)
    engine.dispose()
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    return case, Stored(url, plan)


def open_app(as_at: date, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"as_at": as_at.isoformat(), **params})
    return at.run()


def ran(at: AppTest, where: str) -> AppTest:
    assert not at.exception, f"{where}: {at.exception}"
    return at


def html_text(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def table_column(at: AppTest, heading: str) -> list[str]:
    return [r[heading] for table in page_tables(at) for r in table if heading in r]


def test_every_page_renders_the_plan(case):
    case, stored = case
    plan = stored.plan
    refs = [r.ref for r in plan.recommendations]
    texts = {a.text.strip() for a in plan.actions}

    at = ran(open_app(case.as_at), "Overview")
    assert [t.value for t in at.title] == ["Overview"]
    assert set(table_column(at, "Ref")) == set(refs)
    assert any(shown(c.value).find(plan.title) >= 0 for c in at.caption)

    at = ran(at.switch_page(PAGES[1]).run(), "Improvement plan")
    if len(refs) > 40:  # a page of 40 recommendations at a time
        assert "Recommendations 1–40 of 45" in [c.value for c in at.caption]
    at = ran(at.toggle(key="plan_expand").set_value(True).run(), "Improvement plan, expanded")
    shown_refs = {
        shown(e.label).split(" · ")[1].split(" — ")[0].strip("*") for e in at.main.expander
    }
    assert shown_refs == set(refs[:40])
    if len(refs) <= 40:
        assert set(table_column(at, "Action")) == texts

    at = ran(at.switch_page(PAGES[2]).run(), "My actions for everyone")
    assert set(table_column(at, "Lead officer")) == set(plan.lead_names)

    at = ran(at.switch_page(PAGES[3]).run(), "Data")
    assert html.escape(plan.title) in html_text(at)

    if not plan.lead_names:
        return
    lead = plan.lead_names[0]
    at = ran(open_app(case.as_at, lead=lead), f"Overview for {lead}")
    assert at.selectbox(key="lead").value == lead
    at = ran(at.switch_page(PAGES[2]).run(), f"My actions for {lead}")
    assert shown(at.subheader[0].value).startswith(lead)
    at = ran(at.toggle(key="my_show_completed").set_value(True).run(), "with completed actions")
    mine = at.dataframe[0].value
    leads_actions = {a.text for a in plan.actions if lead in _leads_of(plan, a)}
    assert set(mine["action"]) == leads_actions
    chosen = int(mine.iloc[0]["action_id"])
    at.session_state["my_open_action"] = chosen  # as a click on its row does
    at = ran(at.run(), "one action opened")
    assert len(at.get("form")) == 1
    opened = next(a for a in plan.actions if a.id == chosen)
    assert shown(at.subheader[1].value) == " ".join(opened.text.split())


def _leads_of(plan, action) -> set[str]:
    """Who answers for an action: its own leads and its theme's service leads."""
    theme = next(t for t in plan.themes if t.id == action.theme_id)
    return set(action.leads) | set(theme.service_leads)
