"""Improvement plan: recommendation → theme → action, with each colour and why.

Only an opened recommendation's themes and actions are drawn: a closed one costs one line. What
is drawn is worked out once for everyone who asks for the same plan, date, lead and colour
(components.plan_view), so a click redraws the page without working it out again.
"""

import pandas as pd
import streamlit as st

from components import data
from components.action_opener import open_an_action
from components.impact import linked_line, show_flags
from components.labels import badge_line, kind_label
from components.layout import page_start
from components.plan_view import ViewKey, ids_of, plan_view, theme_table
from components.safe_text import LABEL_LIMIT, md
from components.tables import PAGE_SIZE, page_picker
from readiness.palette import Rag
from readiness.plan.impact import impact_flags, linked
from readiness.text import plural

REC_PAGE = 40  # recommendations a page

filters, plan, status, loaded = page_start("Improvement plan", param="colour")

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
key = ViewKey(loaded.load, status.as_at, status.lead, prediction.opens, colour)
view = plan_view(key, status, prediction)
recs = view.recommendations
if view.late:
    st.caption(view.late)
if colour is not None:
    st.caption(
        f"Showing the {plural(len(view.actions), 'action')} that are {Rag(colour).word}, in "
        f"{plural(len(recs), 'recommendation')} of {len(status.recommendations)}."
    )
    if recs.empty:
        st.info(f"No action is {Rag(colour).word}.", icon=":material/filter_alt_off:")

# A plan of hundreds of recommendations is shown a page at a time, so each page stays quick; the
# list to open an action from holds the actions of the recommendations on the page.
page = page_picker(len(recs), "plan_recs", "Recommendations", size=REC_PAGE)
shown = view.rec_rows[(page - 1) * REC_PAGE : page * REC_PAGE]
on_page = None if len(shown) == len(recs) else ids_of(view, [rec["ref"] for rec in shown])
label = "Open an action" + (" on this page" if on_page is not None else "")
open_an_action(
    plan,
    view.actions,
    filters,
    key_prefix="plan",
    only=on_page,
    label=f"{label} to see its history and record progress",
    names=view.names,
)

kpis = data.current_kpis(filters.as_at)
links = data.current_links(loaded)
flags = impact_flags(status.themes, status.actions, kpis, links) if kpis and links else []
if flags and colour is None:
    with st.expander(f"Is the plan moving its indicators? {plural(len(flags), 'flag')}"):
        show_flags(flags)
# A chosen colour opens every recommendation that has such actions: they are what was asked for.
open_all = expand_all or colour is not None
for rec in shown:
    expander = st.expander(
        view.labels[rec["ref"]],
        expanded=open_all,
        key=f"plan_rec_{rec['ref']}_{open_all}",
        on_change="rerun",
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
        for theme in view.themes.get(rec["ref"], []):
            count = len(view.rows.get(theme["theme_id"], ()))
            if not count and colour is not None:
                continue
            st.markdown(f"##### {md(theme['theme'], LABEL_LIMIT)}")
            leads = f"Service lead: {theme['service_leads'] or '—'}"
            st.html(badge_line(theme["rag"], theme["reason"], leads))
            line = linked_line(kpis, linked(view.every.get(theme["theme_id"], ()), links))
            if line:
                st.html(line)
            show_flags([f for f in flags if f.theme_id == theme["theme_id"]])
            if not count:
                st.caption("No actions in this theme yet.")
                continue
            page = page_picker(count, f"plan_theme_{theme['theme_id']}")
            st.html(theme_table(view, theme["theme_id"], page, PAGE_SIZE))
