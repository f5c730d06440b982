"""The board pack's overdue actions by lead, by the one rule for "a lead officer's actions"
(readiness.plan.lead_actions): an action is listed under every lead who answers for it, with their
role on it, so each lead's rows are exactly the overdue actions My actions shows for them.

Counts by lead are of lead-action pairs and add up to more than the overdue actions; the page
and the cover say both, and why (`lead_actions.pairs_note`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.board.pack_tables import Column, Table
from readiness.plan.lead_actions import lead_pairs, pairs_note
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import format_date, plural

NO_LEAD = "No lead named"
OVERDUE_COLUMNS = (
    Column("Lead", 16),
    Column("Role", 11),
    Column("Ref", 7),
    Column("Action", 38),
    Column("Due", 12),
    Column("Days overdue", 9),
    Column("With", 17),
)
TOTAL_COLUMNS = (Column("Lead", 30), Column("Overdue actions", 12))


@dataclass(frozen=True)
class OverdueByLead:
    table: Table  # one row per lead-action pair
    totals: Table  # one row per lead: how many overdue actions they answer for
    note: str  # the overdue actions and the lead-action pairs, in words
    how: str  # how the table is laid out


def _note(actions: int, pairs: int, unowned: int, lead: str | None) -> str:
    if not actions:
        return f"No action led by {lead} is overdue." if lead else "No action is overdue."
    if lead:
        return f"{plural(actions, 'overdue action')} led by {lead}."
    said = pairs_note(actions, pairs)
    if unowned:
        said += f"; {unowned} with no lead named"
    return said[0].upper() + said[1:] + "."


def _how(leads: int, lead: str | None, revised: bool) -> str:
    roles = (
        "Role says whether {who} the action's service lead (or its theme's), an other lead, or "
        "both; With names the others who answer for it."
    )
    if revised:  # the rule: readiness.plan.rag.due_in_force
        roles += " Due is the date an action is judged by: a revised one names the plan's date."
    if lead:
        return "Longest overdue first. " + roles.format(who=f"{lead} is")
    return (
        f"{plural(leads, 'lead officer')} with overdue actions, the one with most first, each "
        "one's longest overdue first. An action is listed under every lead who answers for it, "
        "as My actions lists it. " + roles.format(who="the lead is")
    )


def _due(row: dict) -> str:
    """'30 Jun 2027', or '30 Jun 2027 (revised from 31 Mar 2027)' with the plan's date."""
    if pd.isna(row["original_due"]):
        return format_date(row["due"])
    return f"{format_date(row['due'])} (revised from {format_date(row['original_due'])})"


def overdue_by_lead(plan: PlanData, status: PlanStatus, refs: set[str] | None) -> OverdueByLead:
    """The overdue actions (of the recommendations `refs`, None for all) under each lead who
    answers for them: for a lead's pack (`status.lead`), that lead's only. The lead with most
    first, each one's longest overdue first; "With" names the others who answer for it."""
    overdue = status.overdue
    if refs is not None:
        overdue = overdue[overdue["ref"].isin(refs)]
    rows = overdue.to_dict("records")  # longest overdue first
    leads: dict[int, list] = {row["action_id"]: [] for row in rows}
    for pair in lead_pairs(plan):
        if pair.action_id in leads:
            leads[pair.action_id].append(pair)
    by_lead: dict[str, list[tuple]] = {}
    for row in rows:
        pairs = leads[row["action_id"]]
        for pair in pairs or [None]:
            lead = pair.lead if pair else NO_LEAD
            if status.lead is not None and lead != status.lead:
                continue
            others = ", ".join(p.lead for p in pairs if p.lead != lead)
            by_lead.setdefault(lead, []).append(
                (
                    lead,
                    pair.role if pair else "—",
                    row["ref"],
                    row["action"],
                    _due(row),
                    int(row["days_overdue"]),
                    others,
                )
            )
    order = sorted(by_lead, key=lambda lead: (-len(by_lead[lead]), lead.casefold()))
    table_rows = tuple(r for lead in order for r in by_lead[lead])
    unowned = len(by_lead.get(NO_LEAD, ()))
    note = _note(len(rows), len(table_rows) - unowned, unowned, status.lead)
    return OverdueByLead(
        table=Table("Overdue by lead", OVERDUE_COLUMNS, table_rows),
        totals=Table(
            "Overdue totals by lead",
            TOTAL_COLUMNS,
            tuple((lead, len(by_lead[lead])) for lead in order),
        ),
        note=note,
        how=_how(len(order), status.lead, overdue["original_due"].notna().any()),
    )
