"""`python -m readiness self-evaluation OUT.docx|OUT.pdf`: the self-evaluation for Ofsted, drafted
as at a date (or a version as it was submitted), written as a Word document to edit or a PDF to
send (readiness.self_evaluation.export_docx and export_pdf), the format told by the suffix."""

from __future__ import annotations

from pathlib import Path

from readiness.cli.args import UsageError
from readiness.cli.database import open_store, ready_store
from readiness.self_evaluation.document import SelfEvaluation
from readiness.self_evaluation.export_content import counts, status_words
from readiness.store import Store
from readiness.text import format_date

SUFFIXES = (".docx", ".pdf")


def _chosen(args, store: Store) -> SelfEvaluation:
    """The draft as at the command's date, or the submitted version --version names."""
    if args.version is None:
        return store.self_evaluation(args.day)
    document = store.self_evaluation_version(args.version)
    if document is None:
        known = store.self_evaluation_versions()
        listed = "; ".join(f"{v.id}: {v.label}" for v in known) or "none has been submitted yet"
        raise UsageError(f"there is no submitted version {args.version}. Versions: {listed}")
    return document


def run_self_evaluation(args, settings, out) -> int:
    path = Path(args.path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{args.path!r} should end in .docx (to edit in Word) or .pdf")
    if not path.parent.is_dir():
        raise UsageError(f"{args.path!r}: the folder {str(path.parent)!r} does not exist")
    document = _chosen(args, ready_store(open_store(args, settings)))
    # Imported for the format asked: the PDF's ReportLab need not load for a Word document.
    if suffix == ".pdf":
        from readiness.self_evaluation.export_pdf import write_pdf

        write_pdf(document, path)
    else:
        from readiness.self_evaluation.export_docx import write_docx

        write_docx(document, path)
    state = status_words(document) if document.submitted_on else "draft"
    print(
        f"Wrote the self-evaluation as at {format_date(document.as_at)} ({state}; "
        f"{counts(document)}) to {args.path}",
        file=out,
    )
    return 0
