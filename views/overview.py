"""Overview: the board view of the whole plan at the as-at date."""

import streamlit as st

from components import data
from components.cards import CARD_CSS, area_cards, overall_card
from components.changes import WEEK, changes_between, show_summary_link
from components.kept import kept_for_read
from components.kpi_tiles import TILE_CSS, area_summary
from components.labels import count_tiles, state_tiles
from components.layout import page_start
from components.tables import show_actions, show_recommendations
from readiness.inspection.wording import next_inspection, published_window_note
from readiness.plan.lead_actions import RULE_WORDS, overdue_note
from readiness.plan.rag import URGENCY
from readiness.plan.status import overdue_pairs
from readiness.text import plural

filters, plan, status, loaded = page_start("Overview")
# What names the tables' content, so each page of them is written once per plan read.
read = (loaded.load, filters.as_at, status.lead)


def whole_overdue() -> tuple[int, int]:
    """The whole plan's overdue actions and lead-action pairs, for the note over the table."""
    whole = data.current_status(loaded, filters.as_at, None)
    return len(whole.overdue), overdue_pairs(plan, whole)


overall = status.overall
counts = overall.counts
left, right = st.columns([1, 3], vertical_alignment="center")
left.html(CARD_CSS + overall_card(status.overall_label, overall))
done = f"{overall.complete} of {plural(overall.actions, 'action')} complete"
tiles = [("Complete", f"{overall.pct_complete or 0}%", None, done)]
tiles += state_tiles(counts, URGENCY[:4], data.get_settings().rag)
right.html(count_tiles(tiles))

prediction = data.current_prediction(filters.as_at)
st.page_link(
    "views/inspection.py",
    label=f"**Next inspection:** {next_inspection(prediction)}",
    icon=":material/event:",
    help="The Inspection page: why, the chances by month and the national outlook",
)
if published := published_window_note(prediction):
    checklist = data.current_checklist(filters.as_at).summary
    st.caption(f"{published}. Readiness checklist: {checklist.words}.")
engagement = data.current_engagement(filters.as_at)
st.page_link(
    "views/self_evaluation.py",
    label=f"**Engagement meeting with Ofsted:** {engagement.words}",
    icon=":material/handshake:",
    help="The Self-evaluation page: the annual engagement meeting and its feedback points",
)
if engagement.warnings:  # under the link, where a long line can wrap
    st.caption(" ".join(f":material/warning: {warning}." for warning in engagement.warnings))
show_summary_link(changes_between(filters, loaded, status.lead, filters.as_at - WEEK))

st.subheader("Judgement areas")
st.caption(
    "A recommendation can bear on more than one judgement area, so its actions count in each: "
    f"the areas' counts can add up to more than the plan's {plural(overall.actions, 'action')}."
)
recs = status.recommendations
if not recs.empty and not any(recs["areas"].map(len)):
    st.info(
        "The plan names no judgement area for any recommendation, so every area shows Grey. "
        "The plan template's *Judgement areas* column holds them (download it on the **Data** "
        "page).",
        icon=":material/info:",
    )
st.html(area_cards(status.areas))

kpis = data.current_kpis(filters.as_at)
if kpis is not None and kpis.positions:
    st.subheader("Indicators by judgement area")
    st.html(TILE_CSS + area_summary(kpis))
    st.page_link("views/kpis.py", label="Each indicator against its target and comparators")

st.subheader("Recommendations and areas for development")
if status.recommendations.empty:
    st.info("No recommendations to show for this lead officer.")
else:
    show_recommendations(status.recommendations, key="overview_recs", read=read)

st.subheader("Overdue actions")
overdue = status.overdue
if overdue.empty:
    st.success("No action is overdue.", icon=":material/task_alt:")
else:
    plan_overdue, pairs = kept_for_read(loaded.load, ("overdue", filters.as_at), whole_overdue)
    st.caption(f"{overdue_note(plan_overdue, pairs, status.lead, len(overdue))} {RULE_WORDS}.")
    show_actions(
        overdue,
        ["rag", "ref", "action", "service_leads", "other_leads", "due", "days_overdue"],
        key="overview_overdue",
        read=read,
    )
