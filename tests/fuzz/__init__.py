"""Malformed plan files for the import fuzz suite, from one seeded generator, and the judging of
one import of each.

A case takes a valid plan written by the fixture builders (the canonical template and the
committee layout as .xlsx and .csv from tests/import_fixtures.py, the committee document from
tests/word_fixtures.py) and breaks it one way (MUTATIONS): a truncated or corrupted zip, random
bytes, a wrong extension, a formula or an Excel error value in a cell, a cell of 10,000 or
100,000 characters, control characters, an odd CSV encoding or delimiter, a stray cell far from
the table, a hidden sheet first, a chart sheet, missing or misspelled headings, impossible dates,
merged headings, deeply nested Word XML, and more (the *_mutations modules).
`plan_fuzz(count, seed)` lists the cases without writing anything, so pytest can name each test
by its file, and each file's name says what was done to it. Every choice comes from one
random.Random(seed): the same seed writes the same bytes.

FuzzRun imports each file with the command line (`python -m readiness import-plan --yes`, run in
this process) into one SQLite database holding the demo plan, and checks what a user would see:
no traceback, a refusal that names the file and says why, the database unchanged by a refused
file (a dump compared before and after), and an accepted file stored whole as the current plan,
which the app can still read and colour (then the database is put back for the next file).

    run = FuzzRun(folder)
    for case in plan_fuzz(120, SEED):
        run.run(case)
    print(summarise(run.outcomes, SEED))
"""

from tests.fuzz.base_plans import SEED, Bases
from tests.fuzz.cases import FuzzCase, fuzz_files, plan_fuzz, regression_cases
from tests.fuzz.figures import summarise
from tests.fuzz.judge import FuzzRun, Outcome, dump_database
from tests.fuzz.planned import MUTATIONS, Planned

__all__ = [
    "MUTATIONS",
    "SEED",
    "Bases",
    "FuzzCase",
    "FuzzRun",
    "Outcome",
    "Planned",
    "dump_database",
    "fuzz_files",
    "plan_fuzz",
    "regression_cases",
    "summarise",
]
