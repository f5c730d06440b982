"""Inspection: the council's predicted next full inspection (its type, window, chances and why),
its own inspection history with a way to add and remove events, and the national outlook."""

import streamlit as st

from components import data
from components.checklist import show_checklist
from components.inspection_events import show_own_events
from components.inspection_panels import (
    no_record_message,
    show_by_month,
    show_chances,
    show_outlook,
    show_reasons,
    show_timeline,
)
from components.layout import page_frame
from components.safe_text import md
from readiness.inspection.wording import headline, published_window_note
from readiness.text import format_date

filters = page_frame(
    "Inspection",
    "the next inspection is predicted from the reports published and the council's own "
    "inspections started before that date",
)
council = data.current_inspections(filters.as_at)
prediction = council.prediction
plan = data.current_plan().plan
# Without a plan, the council its indicators were loaded for (the same stored council).
kpis = None if plan else data.current_kpis(filters.as_at)
name = data.get_settings().branding.council(
    plan.council if plan else None, kpis.council_name if kpis else "Council"
)
st.caption(
    f"{md(name)} · the next full inspection as at **{format_date(filters.as_at)}**, from the "
    "council's own events below and, where imported, the national record"
)

if prediction.last is None:
    st.warning(md(prediction.reasons[0]), icon=":material/event_busy:")
else:
    st.markdown(f"**{headline(prediction)}**.")
    st.markdown(f"{published_window_note(prediction)}.")
    show_chances(prediction)
    show_timeline(council, name, filters.today)
    show_by_month(prediction)
    st.subheader("Why")
    show_reasons(prediction)

st.subheader("Readiness checklist")
st.caption(
    "What must be ready when Ofsted calls: the call comes the week before fieldwork. A task not "
    "done is Red once past its due date; Amber when it has no due date, falls due within the "
    "due-soon days, or Ofsted's published window has opened (Ofsted may call any week)."
)
show_checklist(filters.today, filters.as_at)

st.subheader("The council's inspections and visits")
show_own_events(council, filters.today, key_prefix="inspection_event")

st.subheader("National outlook")
record = data.current_record()
if record is None:
    no_record_message()
else:
    rows = data.current_outlook(filters.as_at)
    show_outlook(rows, record, council.la_code, filters.as_at)
