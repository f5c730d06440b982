"""The monthly re-import, end to end on SQLite and PostgreSQL: each kind of edit a performance
officer makes in the plan file shows in the preview in words and is stored in place, with the
action's identity and history kept."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from openpyxl import load_workbook

from readiness.bootstrap import prepare_database
from readiness.canonical import CANONICAL_COLUMNS
from readiness.db import make_engine
from readiness.demo import demo_plan
from readiness.importing import read_plan
from readiness.plan_input import ActionInput, RecommendationInput, ThemeInput
from readiness.plan_sync import apply_import, preview_import
from readiness.progress import ProgressEntry, record_update, revision_words
from readiness.rag import format_date
from readiness.settings import Settings
from readiness.status import plan_status
from readiness.writing.plan_workbook import HEADER_ROW, export_plan
from readiness.writing.template import write_template
from tests.conftest import AS_AT, stored_plan
from tests.test_plan_sync import snapshot

LATER = AS_AT + timedelta(days=30)


def _first_action(plan):
    return plan.recommendations[0].themes[0].actions[0]


def test_changing_an_actions_leads_is_previewed_and_stored(engine):
    before = stored_plan(engine).actions[0]
    plan = demo_plan(AS_AT)
    action = _first_action(plan)
    action.service_leads = ["Priya Shah"]
    action.other_leads = ["Team managers"]
    preview = preview_import(engine, plan)
    assert [c.details for c in preview.changed] == [
        (
            "Service leads: Daniel Okafor → Priya Shah",
            "Other leads: Aisha Rahman / Consultant social workers / Team managers → Team managers",
        )
    ]
    apply_import(engine, plan, LATER, expected=preview)
    after = stored_plan(engine).actions[0]
    assert (after.id, after.updates) == (before.id, before.updates)
    assert after.service_leads == ("Priya Shah",) and after.other_leads == ("Team managers",)
    assert after.version == before.version + 1


def test_changing_areas_kind_evidence_and_due_wording(engine):
    plan = demo_plan(AS_AT)
    rec = plan.recommendations[0]
    rec.kind, rec.areas = "APA", ["leaders"]
    action = _first_action(plan)
    old_evidence = action.evidence
    action.evidence = "Audit in March showed every plan rated good."
    undated = next(
        a for r in plan.recommendations for t in r.themes for a in t.actions if not a.due
    )
    undated.due_text = "by the end of the spring term"
    preview = preview_import(engine, plan)
    assert [(c.ref, c.details) for c in preview.part_changes] == [
        (
            "REC 1",
            (
                "Kind: Recommendation → Area for priority action",
                "Areas: Children in care / Help and protection → Impact of leaders",
            ),
        )
    ]
    details = {c.action: c.details for c in preview.changed}
    assert details[action.text] == ("Evidence changed" if old_evidence else "Evidence added",)
    assert details[undated.text][0].startswith("Due wording: ")
    assert details[undated.text][0].endswith('→ "by the end of the spring term"')
    apply_import(engine, plan, LATER, expected=preview)
    stored = stored_plan(engine)
    assert (stored.recommendations[0].kind, stored.recommendations[0].areas) == (
        "APA",
        ("leaders",),
    )
    by_text = {a.text: a for a in stored.actions}
    assert by_text[action.text].evidence == action.evidence
    assert by_text[undated.text].due_text == "by the end of the spring term"
    # Nothing else changed: re-importing the same file finds nothing to do.
    assert not preview_import(engine, plan).has_changes


def test_a_recommendation_added_then_retired_by_reimport(engine):
    plan = demo_plan(AS_AT)
    plan.recommendations.append(
        RecommendationInput(
            "AFD 4",
            "AFD",
            "Timely return-home conversations for children who go missing.",
            ["help_protection"],
            [
                ThemeInput(
                    "Return-home conversations",
                    ["Tom Brennan"],
                    [
                        ActionInput(
                            "Offer every child a conversation within 72 hours.", ["Tom Brennan"]
                        )
                    ],
                )
            ],
        )
    )
    preview = preview_import(engine, plan)
    assert preview.summary().startswith("Update of the stored plan: 1 added, 0 changed")
    apply_import(engine, plan, LATER, expected=preview)
    assert stored_plan(engine).recommendations[-1].ref == "AFD 4"

    without = copy.deepcopy(plan)
    without.recommendations.pop()
    preview = preview_import(engine, without)
    assert [(c.change, c.ref) for c in preview.removed] == [("removed", "AFD 4")]
    apply_import(engine, without, LATER + timedelta(days=1), expected=preview)
    assert "AFD 4" not in {r.ref for r in stored_plan(engine).recommendations}
    retired = stored_plan(engine, retired=True).recommendations[-1]
    assert (retired.ref, retired.retired_on) == ("AFD 4", LATER + timedelta(days=1))


def test_a_new_plan_is_current_and_the_old_one_can_be_made_current_again(engine):
    from readiness.plan_store import list_plans, make_current

    first = stored_plan(engine)
    plan = demo_plan(AS_AT)
    plan.title = "Refreshed plan"
    apply_import(engine, plan, LATER, as_new_plan=True)
    with engine.connect() as conn:
        listed = list_plans(conn)
    assert [(p.title, p.current, p.stored_on) for p in listed] == [
        ("Refreshed plan", True, LATER),
        (first.title, False, AS_AT),
    ]
    with engine.begin() as conn:
        make_current(conn, first.id)
    assert stored_plan(engine).id == first.id
    with engine.connect() as conn:
        assert [p.current for p in list_plans(conn)] == [True, False]
    # An update now goes to the plan everyone sees.
    update = demo_plan(AS_AT)
    _first_action(update).due = LATER
    preview = preview_import(engine, update)
    assert preview.plan_title == first.title
    assert preview.changed[0].details[0].endswith(f"→ {format_date(LATER)}")


# --- A revised due date and its recovery note, through the file and back ----------------------

NOTE = "A second worker starts in January; every plan rewritten by March."
COLUMN = {c.key: number for number, c in enumerate(CANONICAL_COLUMNS, start=1)}


def export(engine, path, as_at=AS_AT):
    plan = stored_plan(engine)
    export_plan(plan, plan_status(plan, as_at, Settings()), path)
    return path


def test_template_import_export_and_reimport_keep_the_revision(any_db_url, tmp_path):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=False)
    # The blank template, its example row typed over with an action off track.
    template = write_template(tmp_path / "template.xlsx")
    book = load_workbook(template)
    sheet = book["Plan"]
    values = {
        "ref": "REC 1",
        "recommendation": "Improve plans.",
        "theme": "Templates",
        "action": "Rewrite every child in need plan on the new template.",
        "service_leads": "Daniel Okafor",
        "due": date(2026, 9, 30),
        "revised_due": date(2027, 3, 31),
        "recovery_note": NOTE,
        "status": "In progress",
    }
    headings = [cell.value for cell in sheet[1]]
    assert {"Revised due date", "Recovery note"} <= set(headings)
    for key, number in COLUMN.items():
        sheet.cell(2, number).value = values.get(key)
    book.save(template)

    apply_import(engine, read_plan(template, imported_on=AS_AT).plan, AS_AT)
    (action,) = stored_plan(engine).actions
    assert action.due == date(2026, 9, 30)  # the plan's date, kept
    assert [(u.recorded_on, u.text, u.revised_due) for u in action.updates] == [
        (AS_AT, NOTE, date(2027, 3, 31))  # dated the day of the import
    ]
    row = plan_status(stored_plan(engine), AS_AT, Settings()).actions.iloc[0]
    assert (row["rag"], row["due"], row["original_due"]) == ("green", date(2027, 3, 31), action.due)

    # The export writes the revision; the file imports back to the same plan.
    exported = export(engine, tmp_path / "export.xlsx")
    out = load_workbook(exported).active
    cells = {key: out.cell(HEADER_ROW + 1, n).value for key, n in COLUMN.items()}
    assert (cells["due"].date(), cells["revised_due"].date()) == (action.due, date(2027, 3, 31))
    assert cells["recovery_note"] == NOTE
    before = snapshot(engine)
    later = AS_AT + timedelta(days=30)
    preview = preview_import(engine, read_plan(exported, imported_on=later).plan)
    assert not preview.has_changes, preview.table()
    apply_import(engine, read_plan(exported, imported_on=later).plan, later)
    assert snapshot(engine) == before  # nothing at all was written

    # The file revises the date again, with the same note: previewed in words, stored as a new
    # entry dated the import, the plan's date still kept.
    out.cell(HEADER_ROW + 1, COLUMN["revised_due"]).value = date(2027, 4, 30)
    out.parent.save(exported)
    incoming = read_plan(exported, imported_on=later).plan
    preview = preview_import(engine, incoming)
    assert [c.details for c in preview.changed] == [
        ("Due date revised to 30 Apr 2027 from 31 Mar 2027, with a recovery note",)
    ]
    apply_import(engine, incoming, later, expected=preview)
    (action,) = stored_plan(engine).actions
    assert action.due == date(2026, 9, 30)
    assert [(u.recorded_on, u.revised_due) for u in action.updates] == [
        (AS_AT, date(2027, 3, 31)),
        (later, date(2027, 4, 30)),
    ]
    assert revision_words(action)[-1] == "Due date revised to 30 Apr 2027 from 31 Mar 2027"
    # Only the note changes: a new entry all the same, saying the date stays.
    out.cell(HEADER_ROW + 1, COLUMN["recovery_note"]).value = "Recruitment took longer."
    out.parent.save(exported)
    preview = preview_import(engine, read_plan(exported, imported_on=later).plan)
    assert [c.details for c in preview.changed] == [
        ("New recovery note; the due date stays 30 Apr 2027",)
    ]
    engine.dispose()


def test_reimporting_an_export_after_revisions_and_later_notes_changes_nothing(engine, tmp_path):
    """A revision saved in the app, then a plain progress note after it: the export's progress
    note is the later note and its recovery note the revision's; neither is stored again."""
    overdue = plan_status(stored_plan(engine), AS_AT, Settings()).overdue.iloc[:2]
    for number, row in enumerate(overdue.to_dict("records")):
        on = AS_AT - timedelta(days=3)
        revision = ProgressEntry(
            action_id=row["action_id"],
            version=row["version"],
            text=NOTE,
            status="in_progress",
            recorded_on=on,
            author="Rebecca Hollis",
            revised_due=date(2027, 3, 31),
        )
        version = record_update(engine, revision)
        if number:
            later = ProgressEntry(
                row["action_id"], version, "Interviews held.", "in_progress", AS_AT, "R Hollis"
            )
            record_update(engine, later)
    exported = export(engine, tmp_path / "export.xlsx")
    before = snapshot(engine)
    incoming = read_plan(exported, imported_on=AS_AT + timedelta(days=7)).plan
    preview = preview_import(engine, incoming)
    assert not preview.has_changes, preview.table()
    apply_import(engine, incoming, AS_AT + timedelta(days=7))
    assert snapshot(engine) == before
