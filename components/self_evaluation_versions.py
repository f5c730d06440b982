"""The self-evaluation's versions: the downloads (Word and PDF, made only when pressed), "Mark
as submitted to Ofsted" for editors (a frozen copy with the date and who), and what changed
since a submitted version."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import streamlit as st

from components import data
from components.safe_text import md
from components.self_evaluation import SEF_CSS, line_html
from readiness.access.roles import Change, Person, Refused
from readiness.self_evaluation.changes import since_submitted
from readiness.self_evaluation.document import PRIORITY, STRENGTH, SelfEvaluation
from readiness.text import format_date


def downloads(document: SelfEvaluation, key: str, name: str) -> None:
    """Word and PDF buttons for `document`, each made only when its button is pressed."""

    # The document libraries are imported only when a button is pressed: no page waits for them.
    def word() -> bytes:
        from readiness.self_evaluation.export_docx import write_docx

        out = BytesIO()
        write_docx(document, out)
        return out.getvalue()

    def pdf() -> bytes:
        from readiness.self_evaluation.export_pdf import write_pdf

        out = BytesIO()
        write_pdf(document, out)
        return out.getvalue()

    left, right = st.columns(2)
    left.download_button(
        "Word document (.docx)",
        word,
        file_name=f"{name}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/description:",
        key=f"{key}_docx",
        help="Ready to edit and send: the three questions per judgement area, the strengths, "
        "priorities, evidence tables and the leaders' narrative.",
    )
    right.download_button(
        "PDF",
        pdf,
        file_name=f"{name}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"{key}_pdf",
    )


def submit(document: SelfEvaluation, person: Person, today: date) -> None:
    """For editors: freeze this draft as the version sent to Ofsted."""
    if not person.may(Change.SELF_EVALUATION):
        return
    with st.form("sef_submit", border=True):
        st.markdown("**Mark as submitted to Ofsted**")
        st.caption(
            "Keeps this draft exactly as it reads now, with the date and your name. Later "
            "changes make a new draft; the submitted version stays as sent."
        )
        sent = st.date_input("Submitted on", value=today, max_value=today, format="DD/MM/YYYY")
        if st.form_submit_button("Mark as submitted", icon=":material/send:"):
            try:
                data.store().submit_self_evaluation(document, sent, by=person)
            except Refused as error:
                st.error(str(error), icon=":material/lock:")
                return
            data.refresh_engagement()  # the Overview's warning and the checklist's tick
            st.success(f"Marked as submitted to Ofsted on {format_date(sent)}.")


def _listed(title: str, lines) -> None:
    if lines:
        st.markdown(f"**{title}**")
        st.html(
            SEF_CSS + "".join(f"<p><b>{md(area)}</b></p>{line_html(line)}" for area, line in lines)
        )


def versions(current: SelfEvaluation) -> None:
    """The submitted versions, the chosen one's downloads, and what changed since it."""
    sent = data.store().self_evaluation_versions()
    if not sent:
        st.caption("No version has been submitted to Ofsted yet.")
        return
    # Keyed by how many there are: a version just submitted is the one shown, newest first.
    chosen = st.selectbox(
        "Submitted version", sent, format_func=lambda v: v.label, key=f"sef_version_{len(sent)}"
    )
    frozen = data.store().self_evaluation_version(chosen.id)
    downloads(frozen, "sef_sent", f"self-evaluation-submitted-{chosen.submitted_on.isoformat()}")
    changed = since_submitted(frozen, current)
    st.markdown(f"**{changed.words}** (this draft as at {format_date(current.as_at)}).")
    _listed("New strengths", changed.new[STRENGTH])
    _listed("New priorities", changed.new[PRIORITY])
    _listed("Strengths no longer listed", changed.gone[STRENGTH])
    _listed("Priorities no longer listed", changed.gone[PRIORITY])
    if changed.moved:
        st.markdown("**Figures that moved**")
        for moved in changed.moved:
            st.markdown(f"- {md(moved.area)}: {md(moved.words)}")
