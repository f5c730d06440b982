"""The plan store: the only module that runs SQL against the plan tables.

It decides which plan is current, reads a plan into readiness.plan.records in a handful of set-based
queries (a 10,000-action plan loads in one pass), and writes plans and their parts in bulk. Every
function takes a SQLAlchemy Connection and never commits: readiness.store owns the transaction,
and decides what is kept together.
"""

from readiness.plan.store.load import (
    current_plan_id,
    list_plans,
    load_plan,
    lock_current_plan,
    make_current,
)
from readiness.plan.store.save import (
    action_fields,
    action_version,
    add_plan,
    add_updates,
    ensure_leads,
    indicators_of,
    insert_actions,
    insert_recommendations,
    insert_themes,
    link_events,
    retire,
    set_action_leads,
    set_areas,
    set_indicators,
    set_positions,
    set_theme_leads,
    update_action,
    update_part,
)

__all__ = [
    "action_fields",
    "action_version",
    "add_plan",
    "add_updates",
    "current_plan_id",
    "ensure_leads",
    "indicators_of",
    "insert_actions",
    "insert_recommendations",
    "insert_themes",
    "link_events",
    "list_plans",
    "load_plan",
    "lock_current_plan",
    "make_current",
    "retire",
    "set_action_leads",
    "set_indicators",
    "set_areas",
    "set_positions",
    "set_theme_leads",
    "update_action",
    "update_part",
]
