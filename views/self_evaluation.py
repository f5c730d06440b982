"""Self-evaluation: the evidence pack leaders send Ofsted each year (../shared/domain.md §1.8),
drafted from the plan and the indicators at the as-at date, one section per judgement area of
the framework then in force, with the leaders' own narrative; its submitted versions; and the
annual engagement meeting where it is discussed."""

import streamlit as st

from components import data
from components.engagement import show_engagement
from components.layout import page_frame
from components.safe_text import md
from components.self_evaluation import show_area
from components.self_evaluation_versions import downloads, submit, versions
from components.signin import acting_person
from readiness.access.roles import Change
from readiness.self_evaluation.document import QUESTIONS
from readiness.text import format_date

filters = page_frame(
    "Self-evaluation", "it is drafted from what the plan and the figures showed on that date"
)
person = acting_person()
loaded = data.current_plan()
document = data.store().self_evaluation(
    filters.as_at,
    drafted=data.self_evaluation_draft(loaded, filters.as_at),
    council=data.get_settings().branding.council(loaded.plan.council if loaded.plan else None),
)
st.caption(
    f"{md(document.council)} · as at **{format_date(document.as_at)}** · {document.framework}"
)
st.markdown(
    "Ofsted asks three questions of each judgement area: "
    + " ".join(f"**{n}.** {q}" for n, q in enumerate(QUESTIONS, start=1))
    + " The strengths and priorities below are drafted from the stored plan and indicators; "
    "each says where it came from, with the evidence under *How we know*. Leaders add their "
    "own narrative; a person's words are kept with their name and date, and never overwritten "
    "when the draft is made again."
)
for note in document.notes:
    st.info(note, icon=":material/info:")
st.caption("Drafted from: " + "; ".join(md(s) for s in document.sources))

downloads(document, "sef_draft", f"self-evaluation-{document.as_at.isoformat()}")
editable = person.may(Change.SELF_EVALUATION)
if not editable:
    st.caption(
        "You can read the self-evaluation and download it. Editors write the narrative and "
        "submit it to Ofsted."
    )

for area in document.areas:
    show_area(area, person, editable)

st.header("Submitted to Ofsted")
versions(document)
submit(document, person, filters.today)

st.header("Annual engagement meeting")
show_engagement(filters.as_at, filters.today, person)
