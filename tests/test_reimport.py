"""The monthly re-import, end to end on SQLite and PostgreSQL: each kind of edit a performance
officer makes in the plan file shows in the preview in words and is stored in place, with the
action's identity and history kept.

Each kind of edit is one row of EDITS: the preview must list it in words, and storing it must
write exactly what the preview listed (tests.reimport_check), so the preview and the write
cannot drift apart."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.plan import demo_plan
from readiness.demo.prepare import prepare_database
from readiness.exports.blank_template import write_template
from readiness.exports.plan_workbook import HEADER_ROW, export_plan
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import read_plan
from readiness.plan.input import ActionInput, RecommendationInput, ThemeInput, UpdateInput
from readiness.plan.progress import ProgressEntry, revision_words
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from tests.conftest import AS_AT, store_of, stored_plan
from tests.reimport_check import apply_as_previewed
from tests.test_plan_sync import LATER, actions_of, newer_version, snapshot


def _first_action(plan):
    return plan.recommendations[0].themes[0].actions[0]


# --- The edits: each changes the demo plan in place and returns the preview's rows ----------------


def _changed(ref, theme, action, words) -> tuple:
    return ("changed", ref, theme.text, action.text, words)


def edit_newer_version(plan):
    """Many edits at once (newer_version)."""
    due = {id(a): a.due for _, _, a in actions_of(plan)}
    texts = newer_version(plan)
    added = [("added", r, t.text, a.text, "") for r, t, a in actions_of(plan) if id(a) not in due]
    by_text = {a.text: (r, t, a) for r, t, a in actions_of(plan)}
    moved, done = by_text[texts["moved"]], by_text[texts["done"]]
    return [
        *added,
        _changed(*moved, f"Due: {format_date(due[id(moved[2])])} → {format_date(moved[2].due)}"),
        _changed(
            *done,
            "Status: In progress → Complete; "
            f"Completed: none → {format_date(LATER - timedelta(days=2))}; New progress note",
        ),
        _changed(*by_text[texts["reworded"]], "Text changed"),
        ("removed", texts["gone_ref"], texts["gone_theme"], texts["gone"], ""),
    ]


def edit_spacing_case_and_punctuation(plan):
    """These alone do not make a new action: the same ones, their text changed."""
    rows = []
    for ref, theme, action in actions_of(plan)[:10]:
        action.text = "• " + action.text.upper().replace(",", "")
        rows.append(_changed(ref, theme, action, "Text changed"))
    return rows


def edit_spacing_only(plan):
    """Texts that differ only in spacing read the same: nothing is listed for them and the stored
    texts are kept (tests.reimport_check compares them exactly), beside a due date changed."""
    rec = plan.recommendations[0]
    rec.text = "  " + rec.text.replace(" ", "  ") + "\n"
    rec.themes[0].text = rec.themes[0].text.replace(" ", "\t", 1) + " "
    ref, theme, action = actions_of(plan)[0]
    action.text = action.text.replace(" ", "   ", 1)
    old, action.due = action.due, action.due + timedelta(days=7)
    return [_changed(ref, theme, action, f"Due: {format_date(old)} → {format_date(action.due)}")]


def edit_parts_and_a_move(plan):
    """A theme renamed, a recommendation reworded, an action moved to another theme."""
    rec = plan.recommendations[0]
    old_theme = rec.themes[0].text
    rec.themes[0].text = old_theme + " now"
    rec.text += " Updated after the monitoring visit."
    moving = rec.themes[1].actions.pop(0)
    rec.themes[2].actions.append(moving)
    return [
        ("changed", rec.ref, "", "", "Recommendation text changed"),
        ("changed", rec.ref, rec.themes[0].text, "", f'Theme renamed from "{old_theme}"'),
        _changed(rec.ref, rec.themes[2], moving, f'Moved from theme "{rec.themes[1].text}"'),
    ]


def edit_own_numbering(plan):
    """The council numbers the recommendations its own way, here swapping the first two refs, and
    names no areas (as the committee layout): each is still the same one, areas kept."""
    first, second = plan.recommendations[:2]
    first.ref, second.ref = second.ref, first.ref
    first.areas = []
    return [
        ("changed", first.ref, "", "", f"Ref: {second.ref} → {first.ref}"),
        ("changed", second.ref, "", "", f"Ref: {first.ref} → {second.ref}"),
    ]


def edit_theme_removed(plan):
    """A theme dropped with its actions: they are retired, and the theme with them."""
    rec = plan.recommendations[2]
    theme = rec.themes.pop(1)
    return [("removed", rec.ref, theme.text, a.text, "") for a in theme.actions]


def edit_leads(plan):
    ref, theme, action = actions_of(plan)[0]
    action.service_leads, action.other_leads = ["Priya Shah"], ["Team managers"]
    return [
        _changed(
            ref,
            theme,
            action,
            "Service leads: Daniel Okafor → Priya Shah; Other leads: Aisha Rahman / "
            "Consultant social workers / Team managers → Team managers",
        )
    ]


def edit_kind_areas_evidence_and_due_wording(plan):
    rec = plan.recommendations[0]
    rec.kind, rec.areas = "APA", ["leaders"]
    ref, theme, action = actions_of(plan)[0]
    action.evidence = "Audit in March showed every plan rated good."
    undated = next(x for x in actions_of(plan) if not x[2].due)
    old_wording, undated[2].due_text = undated[2].due_text, "by the end of the spring term"
    return [
        (
            "changed",
            "REC 1",
            "",
            "",
            "Kind: Recommendation → Area for priority action; "
            "Areas: Children in care / Help and protection → Impact of leaders",
        ),
        _changed(ref, theme, action, "Evidence changed"),
        _changed(*undated, f'Due wording: "{old_wording}" → "by the end of the spring term"'),
    ]


def edit_indicators(plan):
    ref, theme, action = actions_of(plan)[0]
    action.indicators = ("rereferrals", "our_own_measure")
    return [
        _changed(
            ref,
            theme,
            action,
            "Indicators it should move: none → Re-referrals within 12 months, our_own_measure",
        )
    ]


def edit_status_without_a_note(plan):
    ref, theme, action = next(x for x in actions_of(plan) if x[2].status == "not_started")
    action.status = "in_progress"
    return [_changed(ref, theme, action, "Status: Not started → In progress")]


def edit_revised_due_date(plan):
    ref, theme, action = next(x for x in actions_of(plan) if x[2].status == "in_progress")
    revised = action.due + timedelta(days=60)
    action.updates.append(
        UpdateInput(LATER, "A second worker starts.", action.status, None, revised)
    )
    words = f"Due date revised to {format_date(revised)} from {format_date(action.due)}"
    return [_changed(ref, theme, action, words + ", with a recovery note")]


EDITS = [
    edit_newer_version,
    edit_spacing_case_and_punctuation,
    edit_spacing_only,
    edit_parts_and_a_move,
    edit_own_numbering,
    edit_theme_removed,
    edit_leads,
    edit_kind_areas_evidence_and_due_wording,
    edit_indicators,
    edit_status_without_a_note,
    edit_revised_due_date,
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.removeprefix("edit_"))
def test_an_edit_is_previewed_in_words_and_stored_as_previewed(engine, edit):
    plan = demo_plan(AS_AT)
    expected = edit(plan)
    preview = store_of(engine).preview_plan_import(plan)
    assert preview.mode == "update"
    assert list(preview.table().itertuples(index=False, name=None)) == expected
    apply_as_previewed(engine, plan, LATER)


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
    preview = apply_as_previewed(engine, plan, LATER)
    assert preview.summary().startswith("Update of the stored plan: 1 added, 0 changed")
    assert stored_plan(engine).recommendations[-1].ref == "AFD 4"

    without = copy.deepcopy(plan)
    without.recommendations.pop()
    preview = apply_as_previewed(engine, without, LATER + timedelta(days=1))
    assert [(c.change, c.ref) for c in preview.removed] == [("removed", "AFD 4")]
    assert "AFD 4" not in {r.ref for r in stored_plan(engine).recommendations}
    retired = stored_plan(engine, retired=True).recommendations[-1]
    assert (retired.ref, retired.retired_on) == ("AFD 4", LATER + timedelta(days=1))


def test_a_new_plan_is_current_and_the_old_one_can_be_made_current_again(engine):
    from readiness.plan.store import list_plans, make_current

    first = stored_plan(engine)
    plan = demo_plan(AS_AT)
    plan.title = "Refreshed plan"
    store_of(engine).import_plan(plan, LATER, as_new_plan=True, by=LOCAL_USER)
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
    preview = store_of(engine).preview_plan_import(update)
    assert preview.plan_title == first.title
    assert preview.changed[0].details[0].endswith(f"→ {format_date(LATER)}")


# --- A revised due date and its recovery note, through the file and back --------------------------

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

    store_of(engine).import_plan(read_plan(template, imported_on=AS_AT).plan, AS_AT, by=LOCAL_USER)
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
    preview = store_of(engine).preview_plan_import(read_plan(exported, imported_on=later).plan)
    assert not preview.has_changes, preview.table()
    store_of(engine).import_plan(read_plan(exported, imported_on=later).plan, later, by=LOCAL_USER)
    assert snapshot(engine) == before  # nothing at all was written

    # The file revises the date again, with the same note: previewed in words, stored as a new
    # entry dated the import, the plan's date still kept.
    out.cell(HEADER_ROW + 1, COLUMN["revised_due"]).value = date(2027, 4, 30)
    out.parent.save(exported)
    incoming = read_plan(exported, imported_on=later).plan
    preview = store_of(engine).preview_plan_import(incoming)
    assert [c.details for c in preview.changed] == [
        ("Due date revised to 30 Apr 2027 from 31 Mar 2027, with a recovery note",)
    ]
    store_of(engine).import_plan(incoming, later, expected=preview, by=LOCAL_USER)
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
    preview = store_of(engine).preview_plan_import(read_plan(exported, imported_on=later).plan)
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
        version = store_of(engine).record_progress(revision, by=LOCAL_USER)
        if number:
            later = ProgressEntry(
                row["action_id"], version, "Interviews held.", "in_progress", AS_AT, "R Hollis"
            )
            store_of(engine).record_progress(later, by=LOCAL_USER)
    exported = export(engine, tmp_path / "export.xlsx")
    before = snapshot(engine)
    incoming = read_plan(exported, imported_on=AS_AT + timedelta(days=7)).plan
    preview = store_of(engine).preview_plan_import(incoming)
    assert not preview.has_changes, preview.table()
    store_of(engine).import_plan(incoming, AS_AT + timedelta(days=7), by=LOCAL_USER)
    assert snapshot(engine) == before
