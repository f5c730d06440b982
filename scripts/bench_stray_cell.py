"""Time the importer on a 10,000-action workbook with and without one stray cell far away.

    .venv/bin/python scripts/bench_stray_cell.py [--actions 10000] [--runs 3]

The workbook is the one scripts/bench_import.py times (the demo plan scaled up and exported by
the app). Its copies differ only in the sheet's XML, edited as Excel would save them: a value
typed at XFD1048576 (the sheet's extent then reaches A1:XFD1048576, 17 billion cells), and the
same cell bold and empty. Prints the median CPU time (this process and the reader process it
starts) and wall time of `read_plan` on each, over `runs` reads taken in turn (writing the files
is not timed), the actions read and the warnings given. Figures only: it never fails on a time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_import import AS_AT, median_reads, write_exported_plan  # noqa: E402

from readiness.plan.importing import read_plan  # noqa: E402

FAR_CELL = "XFD1048576"
# The far cell as Excel saves it: in a row of its own after the plan, its value in the sheet's XML.
STRAY_VALUE = f'<c r="{FAR_CELL}" t="inlineStr"><is><t>Checked by JS</t></is></c>'
STRAY_FORMAT = f'<c r="{FAR_CELL}" s="1"/>'


def with_far_cell(source: Path, target: Path, cell_xml: str) -> Path:
    """A copy of `source` whose first sheet also holds `cell_xml` at FAR_CELL."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:{FAR_CELL}"', xml)
                row = f'<row r="{FAR_CELL[3:]}">{cell_xml}</row>'
                data = xml.replace("</sheetData>", row + "</sheetData>").encode()
            new.writestr(item, data)
    return target


def read_cases(cases: list[tuple[str, Path]]) -> list[tuple[str, Callable[[], str]]]:
    """Each file's read, saying how many actions and warnings it gave and the far cell's."""

    def read(path: Path) -> str:
        result = read_plan(path, imported_on=AS_AT)
        far = [str(w) for w in result.warnings if FAR_CELL in w.message]
        said = f"{result.actions:,} actions, {len(result.warnings)} warnings"
        return said + (f"; {far[0]}" if far else "")

    return [(label, lambda path=path: read(path)) for label, path in cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000, help="about this many actions")
    parser.add_argument("--runs", type=int, default=3, help="reads of each file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readiness_bench_stray_") as name:
        folder = Path(name)
        plain = write_exported_plan(folder, args.actions)
        cases = [
            ("no stray cell", plain),
            (f"a value at {FAR_CELL}", with_far_cell(plain, folder / "value.xlsx", STRAY_VALUE)),
            (f"{FAR_CELL} bold, empty", with_far_cell(plain, folder / "bold.xlsx", STRAY_FORMAT)),
        ]
        rows = median_reads(read_cases(cases), args.runs)
    width = max(len(label) for label, *_ in rows)
    print(f"read_plan, median of {args.runs} reads (CPU: this process and the reader's)")
    print(f"{'':<{width}}  {'CPU s':>6}  {'wall s':>6}")
    for label, cpu, wall, said in rows:
        print(f"{label:<{width}}  {cpu:6.2f}  {wall:6.2f}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
