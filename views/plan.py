"""Improvement plan: recommendation → theme → action, with each colour and why.

Only an opened recommendation's themes and actions are drawn: a closed one costs one line.
"""

import pandas as pd
import streamlit as st

from components import data
from components.action_opener import open_an_action
from components.impact import linked_line, show_flags
from components.labels import badge_line, kind_label
from components.layout import page_start
from components.safe_text import LABEL_LIMIT, md
from components.tables import paginate, show_actions
from readiness.inspection.plan_flags import after_window_caption, flag_after_window
from readiness.palette import Rag
from readiness.plan.impact import impact_flags, linked
from readiness.text import plural

filters, plan, status, loaded = page_start("Improvement plan", param="colour")

COLUMNS = ["rag", "action", "service_leads", "other_leads", "start", "due", "status"]
COLUMNS += ["last_update", "last_note", "reason"]
with st.container(horizontal=True, vertical_alignment="bottom"):
    # The URL holds the word ("?colour=Red"), so a board can bookmark its red list.
    colour = st.pills(
        "Show only",
        [rag.value for rag in Rag],
        format_func=lambda value: Rag(value).word,
        key="colour",
        bind="query-params",
        help="Pick a colour to see only those actions and the recommendations they are in; "
        "pick it again to see everything.",
    )
    expand_all = st.toggle("Expand all", key="plan_expand")

prediction = data.current_prediction(filters.as_at)
actions = flag_after_window(status.actions, prediction.opens)
recs = status.recommendations
if late := after_window_caption(status.actions, prediction):
    st.caption(late)
if colour is not None:
    actions = actions[actions["rag"] == colour]
    recs = recs[recs["ref"].isin(set(actions["ref"]))]
    st.caption(
        f"Showing the {plural(len(actions), 'action')} that are {Rag(colour).word}, in "
        f"{plural(len(recs), 'recommendation')} of {len(status.recommendations)}."
    )
    if recs.empty:
        st.info(f"No action is {Rag(colour).word}.", icon=":material/filter_alt_off:")

open_an_action(plan, actions, filters, key_prefix="plan")

themes = status.themes
kpis = data.current_kpis(filters.as_at)
links = data.current_links(loaded)
flags = impact_flags(themes, status.actions, kpis, links) if kpis and links else []
if flags and colour is None:
    with st.expander(f"Is the plan moving its indicators? {plural(len(flags), 'flag')}"):
        show_flags(flags)
# A chosen colour opens every recommendation that has such actions: they are what was asked for.
open_all = expand_all or colour is not None
# A plan of hundreds of recommendations is shown a page at a time, so each page stays quick.
for rec in paginate(recs, "plan_recs", "Recommendations", size=40).to_dict("records"):
    rag = Rag(rec["rag"])
    label = f"{rag.symbol} {rag.word} · **{md(rec['ref'])}** — {md(rec['title'], LABEL_LIMIT)}"
    expander = st.expander(
        label, expanded=open_all, key=f"plan_rec_{rec['ref']}_{open_all}", on_change="rerun"
    )
    if not expander.open:
        continue
    with expander:
        st.html(badge_line(rec["rag"], rec["reason"]))
        pct = rec["pct_complete"]
        st.caption(
            f"{kind_label(rec['kind'])} · {plural(rec['actions'], 'action')} · "
            f"{0 if pd.isna(pct) else pct}% complete"
        )
        for theme in themes[themes["ref"] == rec["ref"]].to_dict("records"):
            rows = actions[actions["theme_id"] == theme["theme_id"]]
            if rows.empty and colour is not None:
                continue
            st.markdown(f"##### {md(theme['theme'], LABEL_LIMIT)}")
            leads = f"Service lead: {theme['service_leads'] or '—'}"
            st.html(badge_line(theme["rag"], theme["reason"], leads))
            every = status.actions[status.actions["theme_id"] == theme["theme_id"]]["action_id"]
            line = linked_line(kpis, linked(every, links))
            if line:
                st.html(line)
            show_flags([f for f in flags if f.theme_id == theme["theme_id"]])
            if rows.empty:
                st.caption("No actions in this theme yet.")
                continue
            show_actions(rows, COLUMNS, key=f"plan_theme_{theme['theme_id']}")
