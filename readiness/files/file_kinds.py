"""What a plan file really is, from its contents rather than its name.

A file renamed by hand, or saved by another program, can carry the wrong extension: a Word
document or a LibreOffice spreadsheet called .xlsx, an old binary .xls or .doc called .xlsx or
.docx. The message must say what the file is, not just that it is damaged.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# The part every file of the kind holds (Office Open XML), or its mimetype (OpenDocument).
_PARTS = {"xl/workbook.xml": "xlsx", "word/document.xml": "docx"}
_MIMETYPES = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}
NAMES = {
    "xlsx": "an Excel workbook (.xlsx)",
    "docx": "a Word document (.docx)",
    "ods": "an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice)",
    "odt": "an OpenDocument text document (.odt, from LibreOffice or OpenOffice)",
}


DAMAGED = "damaged"


def zip_kind(path: Path) -> str | None:
    """The kind ("xlsx", "docx", "ods" or "odt") of a zip file; None for another zip or for a
    file that is not a zip; DAMAGED for one whose contents cannot be listed (its reader then
    reports it as damaged)."""
    if not zipfile.is_zipfile(path):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for part, kind in _PARTS.items():
                if part in names:
                    return kind
            if "mimetype" in names:
                return _MIMETYPES.get(archive.read("mimetype").strip())
    except Exception:  # a damaged or unusual zip fails in many ways (version, encryption, ...)
        return DAMAGED
    return None


def is_ole(path: Path) -> bool:
    """An OLE compound file: an old .xls or .doc, or any Office file locked with a password."""
    with path.open("rb") as f:
        return f.read(8) == OLE_SIGNATURE
