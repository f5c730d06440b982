"""`python -m readiness status`: the plan's RAG status at a date, as a table or JSON: each
recommendation and judgement area, the overdue actions with who leads each, and each lead
officer's counts, by the same rules and in the same numbers as the Overview and My actions."""

from __future__ import annotations

import json

import pandas as pd

from readiness.cli.args import UsageError
from readiness.cli.database import open_store, stored_plan
from readiness.cli.tables import Column, Row, terminal_width, text_table, wrapped
from readiness.palette import Rag
from readiness.plan.lead_actions import RULE_WORDS, lead_pairs, overdue_note
from readiness.plan.records import PlanData
from readiness.plan.status import (
    PlanStatus,
    UnknownLeadError,
    plan_status,
    status_json,
    workload_by_lead,
)
from readiness.text import format_date, plural

_COUNTS = (
    ("overdue", "OVERDUE"),
    ("due_soon", "DUE SOON"),
    ("stale", "STALE"),
    ("no_due_date", "NO DATE"),
)


def run_status(args, settings, out) -> int:
    plan = stored_plan(open_store(args, settings))
    try:
        status = plan_status(plan, args.day, settings, lead=args.lead)
    except UnknownLeadError as error:
        names = ", ".join(plan.lead_names)
        raise UsageError(f"{error} Known leads: {names}") from None
    if args.format == "json":
        entry = {**status_json(status), "overdue": overdue_with_leads(plan, status)}
        json.dump(entry, out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    # The lead table counts every lead's actions, so it needs the whole plan's status.
    whole = status if status.lead is None else plan_status(plan, args.day, settings)
    width = terminal_width()
    for part in (
        _recommendations(status, plan, width),
        _areas(status, width),
        _overdue(plan, status, width),
        _leads(plan, status, whole, width),
    ):
        print("\n".join(part), file=out)
    return 0


def _leads_by_action(plan: PlanData) -> dict[int, list[dict]]:
    """Who leads each action and as what (the one rule: readiness.plan.lead_actions), A to Z."""
    leads: dict[int, list[dict]] = {}
    for pair in lead_pairs(plan):
        leads.setdefault(pair.action_id, []).append({"name": pair.lead, "role": pair.role})
    return leads


def overdue_with_leads(plan: PlanData, status: PlanStatus) -> list[dict]:
    """The overdue actions, longest overdue first, each with who leads it, for JSON."""
    leads = _leads_by_action(plan)
    return [
        {
            "action_id": int(row["action_id"]),
            "ref": row["ref"],
            "action": row["action"],
            "due": row["due"].isoformat(),
            "days_overdue": int(row["days_overdue"]),
            # Set when the due date was revised (readiness.plan.rag): the plan's date and the note.
            "original_due": _known(row["original_due"]) and row["original_due"].isoformat(),
            "recovery_note": _known(row["recovery_note"]),
            "leads": leads.get(row["action_id"], []),
        }
        for row in status.overdue.to_dict("records")
    ]


def _recommendations(status: PlanStatus, plan: PlanData, width: int) -> list[str]:
    who = f"actions led by {status.lead}" if status.lead else "all lead officers"
    columns = [
        Column("REF"),
        Column("STATUS"),
        Column("DONE", right=True),
        Column("ACTIONS", right=True),
        *(Column(heading, right=True) for _, heading in _COUNTS),
    ]
    rows = [
        Row(
            [r["title"]],
            [
                r["ref"],
                Rag(r["rag"]).label,
                "" if pd.isna(r["pct_complete"]) else f"{r['pct_complete']}%",
                str(r["actions"]),
                *(str(r[count]) for count, _ in _COUNTS),
            ],
        )
        for r in status.recommendations.to_dict("records")
    ]
    return [
        *wrapped(f"{plan.council or ''} — {plan.title}", width),
        *wrapped(f"As at {format_date(status.as_at)} · {status.framework.name} · {who}", width),
        "",
        *text_table("TITLE", columns, rows, width, text_first=False),
    ]


def _areas(status: PlanStatus, width: int) -> list[str]:
    rows = [
        Row([a["reason"]], [Rag(a["rag"]).label, a["label"]])
        for a in status.areas.to_dict("records")
    ]
    overall = status.overall
    whole = (
        f"{status.overall_label}: {overall.rag.label} — {overall.reason}; "
        f"{overall.pct_complete or 0}% of {plural(overall.actions, 'action')} complete"
    )
    columns = [Column("STATUS"), Column("JUDGEMENT AREA")]
    return [
        "",
        *text_table("WHY", columns, rows, width, text_first=False),
        "",
        *wrapped(whole, width),
    ]


def _overdue(plan: PlanData, status: PlanStatus, width: int) -> list[str]:
    if status.overdue.empty:
        return ["", "No action is overdue."]
    leads = _leads_by_action(plan)
    rows = [
        Row(
            [
                row["action"],
                *_revision_in_words(row),
                "Leads: " + _leads_in_words(leads.get(row["action_id"], [])),
            ],
            [row["ref"], format_date(row["due"]), str(row["days_overdue"])],
        )
        for row in status.overdue.to_dict("records")
    ]
    columns = [Column("REF"), Column("DUE"), Column("DAYS OVERDUE", right=True)]
    title = f"Overdue actions, longest overdue first ({len(rows)})"
    return ["", title, *text_table("ACTION", columns, rows, width, text_first=False)]


def _known(value):
    """The value, or None for a missing one (pandas gives NaN for a missing text)."""
    return None if pd.isna(value) else value


def _revision_in_words(row: dict) -> list[str]:
    """'Due date revised from 31 Mar 2027. Recovery note: ...', for an action whose due date
    was revised; nothing otherwise."""
    if pd.isna(row["original_due"]):
        return []
    return [
        f"Due date revised from {format_date(row['original_due'])}. "
        f"Recovery note: {row['recovery_note']}"
    ]


def _leads_in_words(leads: list[dict]) -> str:
    return ", ".join(f"{lead['name']} ({lead['role']})" for lead in leads) or "none named"


def _leads(plan: PlanData, status: PlanStatus, whole: PlanStatus, width: int) -> list[str]:
    """Each lead officer's actions by state, most overdue first: lead-action pairs, so the
    overdue column adds up to more than the overdue actions (said beside it)."""
    table = workload_by_lead(plan, whole)
    overdue = len(whole.overdue)
    note = overdue_note(overdue, int(table["overdue"].sum()), status.lead, len(status.overdue))
    if status.lead:
        table = table[table["lead"] == status.lead]
    counts = [*_COUNTS, ("actions", "ACTIONS"), ("complete", "COMPLETE")]
    columns = [Column(heading, right=True) for _, heading in counts]
    rows = [
        Row([row["lead"]], [str(row[count]) for count, _ in counts])
        for row in table.to_dict("records")
    ]
    return [
        "",
        "Lead officers, most overdue first",
        *wrapped(f"{RULE_WORDS}. {note}", width),
        *text_table("LEAD OFFICER", columns, rows, width),
    ]
