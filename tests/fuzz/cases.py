"""The fuzz cases: `plan_fuzz(count, seed)` lists them, `fuzz_files` writes them, and
`regression_cases` holds the files that found bugs in full runs.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.base_plans import SEED, Bases
from tests.fuzz.planned import MUTATIONS, Planned

# Importing the mutation modules registers their kinds in MUTATIONS in this order, the order the
# seed draws them in: keep it, or the same seed writes other files.
# isort: off
from tests.fuzz import file_mutations, zip_mutations, cell_mutations, xml_mutations  # noqa: F401
from tests.fuzz import sheet_mutations, word_mutations, csv_mutations  # noqa: F401
from tests.fuzz import fill_mutations  # noqa: F401

# isort: on
from tests.fuzz.cell_mutations import date_serial
from tests.fuzz.zip_mutations import zip_header_lie


@dataclass(frozen=True)
class FuzzCase:
    """One malformed file: its number, mutation kind and file name, and how to write it."""

    index: int
    kind: str
    name: str
    planned: Planned
    seed: int

    def data(self, bases: Bases) -> bytes:
        return self.planned.build(bases, random.Random(self.seed))

    def write(self, folder: Path, bases: Bases) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        path.write_bytes(self.data(bases))
        return path


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:70]


def plan_fuzz(count: int, seed: int = SEED) -> list[FuzzCase]:
    """`count` cases from `seed`, every mutation kind in turn (in a shuffled order each round)."""
    rng = random.Random(seed)
    kinds = list(MUTATIONS)
    cases, round_ = [], []
    for index in range(1, count + 1):
        if not round_:
            round_ = rng.sample(kinds, len(kinds))
        kind = round_.pop()
        planned = MUTATIONS[kind](random.Random(rng.getrandbits(64)))
        detail = planned.detail if planned.keep_name else _slug(planned.detail)
        name = f"{index:04d}-{kind}-{detail}{planned.ext}"
        cases.append(FuzzCase(index, kind, name, planned, rng.getrandbits(64)))
    return cases


def regression_cases() -> list[FuzzCase]:
    """Files like those that found a bug in a full run, with the parameters fixed, so the normal
    test run keeps failing until the bug is fixed (whatever the seed's first round holds)."""
    found = [
        # calamine panics (a BaseException) on a date cell of -1e308: the reader child dies.
        ("date-serial-out-of-range", date_serial(3, "due", "-1e308")),
        # zipfile raises NotImplementedError in file_kinds.zip_kind: a traceback from the CLI.
        (
            "zip-header-lies",
            zip_header_lie("committee.docx", "word/document.xml", "version-needed-8.4", ".docx"),
        ),
        ("zip-header-lies", zip_header_lie("ods", "mimetype", "method-99-aes", ".xlsx")),
        ("zip-header-lies", zip_header_lie("ods", "mimetype", "encrypted-flag", ".xlsx")),
    ]
    return [
        FuzzCase(
            number, kind, f"bug{number}-{kind}-{_slug(planned.detail)}{planned.ext}", planned, 0
        )
        for number, (kind, planned) in enumerate(found, 1)
    ]


def fuzz_files(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write `count` malformed plan files into `folder` from `seed`; their paths, in order."""
    folder = Path(folder)
    bases = Bases(folder / "valid-plans")
    return [case.write(folder, bases) for case in plan_fuzz(count, seed)]
