"""Importing one fuzz case with the command line and judging what a user would see (FuzzRun)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from unittest import mock

from readiness.cli import main as cli
from readiness.cli import plan_import as cli_import
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.status import plan_status
from readiness.plan.store import load_plan
from readiness.settings import load_settings
from tests.fuzz.base_plans import Bases
from tests.fuzz.cases import FuzzCase
from tests.fuzz.planned import REFUSED

AS_AT = date(2026, 11, 22)
# An import using more CPU time than this is "hung": stopped, and a failure. CPU time, not wall
# time: on a loaded machine a slow import waits longer, but does not use more.
HUNG_SECONDS = 30.0
# An import taking longer than this (wall time) is noted as slow (a web upload waits for it).
SLOW_SECONDS = 5.0
# The tables the import may change; the inspection history and the schema must stay as they were.
PLAN_TABLES = {
    "improvement_plan",
    "recommendation",
    "recommendation_area",
    "theme",
    "theme_lead",
    "action",
    "action_lead",
    "progress_update",
    "lead_officer",
    "plan_event",
    "sqlite_sequence",
    "audit_entry",  # the import's own entry, written with it (readiness.access.audit)
}


@dataclass
class Outcome:
    """What importing one case did: the verdict, the time, what the user saw, what went wrong."""

    case: FuzzCase
    verdict: str  # "accepted", "refused", "crashed" or "hung"
    code: int | None
    seconds: float  # wall time, for the figures; only CPU time can make a case hung
    out: str
    err: str
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not failures: what the issue wants fixed


class Hung(BaseException):
    """Raised by the timer in an import that uses more than HUNG_SECONDS of CPU time (not an
    Exception, so no `except Exception` in the importer swallows it)."""


@contextlib.contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Stop the block with Hung once this process has used `seconds` of CPU time in it. A reader
    in a process of its own is stopped by the importer's own limits, as in the app."""

    def stop(signum, frame):
        raise Hung

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@contextlib.contextmanager
def _descriptor_2(captured: list[str]) -> Iterator[None]:
    """Capture file descriptor 2, where the workbook reader's own process writes its errors."""
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read().decode("utf-8", "replace"))


def dump_database(path: Path) -> list[str]:
    """The whole SQLite database as SQL statements (schema and every row), in a fixed order."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _copy_database(source: Path, target: Path) -> None:
    """Copy with SQLite's backup API: safe while the app's engines still hold the file open."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


_INSERT = re.compile(r'^INSERT INTO "([^"]+)"')


def _changed_tables(before: list[str], after: list[str]) -> set[str]:
    """Tables whose rows differ, and "(schema)" if any other statement does."""
    changed = set()
    for statement in set(before) ^ set(after):
        found = _INSERT.match(statement)
        changed.add(found.group(1) if found else "(schema)")
    return changed


class FuzzRun:
    """One SQLite database holding the demo plan, and the outcome of every case imported into it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.files = self.folder / "files"
        self.bases = Bases(self.folder / "valid-plans")
        self.database = self.folder / "readiness.db"
        self.url = f"sqlite:///{self.database}"
        engine = make_engine(self.url)
        prepare_database(engine, AS_AT, demo=True)
        engine.dispose()
        self.pristine = self.folder / "pristine.db"
        _copy_database(self.database, self.pristine)
        self.settings = load_settings()
        self.outcomes: list[Outcome] = []

    def run(self, case: FuzzCase) -> Outcome:
        """Write the case's file, import it with the CLI, judge it, and put the database back."""
        path = case.write(self.files, self.bases)
        before = dump_database(self.database)
        results, child_err = [], []
        real_read_plan = cli_import.read_plan

        def recording_read_plan(*args, **kwargs):
            result = real_read_plan(*args, **kwargs)
            results.append(result)
            return result

        out, err = io.StringIO(), io.StringIO()
        code, verdict, escaped = None, None, None
        args = ["import-plan", str(path), "--db", self.url, "--yes"]
        args += ["--imported-on", AS_AT.isoformat()]
        start = time.perf_counter()
        with (
            _descriptor_2(child_err),
            mock.patch.object(cli_import, "read_plan", recording_read_plan),
            contextlib.redirect_stderr(err),
        ):
            try:
                with cpu_limit(HUNG_SECONDS):
                    code = cli.main(args, out=out)
            except Hung:
                verdict = "hung"
            except KeyboardInterrupt:
                raise
            except BaseException:  # any exception escaping the CLI is the bug
                escaped = traceback.format_exc()
        seconds = time.perf_counter() - start
        outcome = Outcome(case, verdict or "", code, seconds, out.getvalue(), err.getvalue())
        after = dump_database(self.database)
        self._judge(outcome, escaped, child_err[0], before, after, results)
        if after != before:
            _copy_database(self.pristine, self.database)
            if dump_database(self.database) != before:
                raise RuntimeError("the fuzz database could not be put back as it was")
        self.outcomes.append(outcome)
        return outcome

    def _judge(self, outcome, escaped, child_err, before, after, results) -> None:
        name, failures = outcome.case.name, outcome.failures
        tracebacks = [
            t for t in (outcome.err, child_err) if "Traceback (most recent call last)" in t
        ]
        if escaped:
            outcome.verdict = "crashed"
            failures.append(f"an exception escaped the CLI:\n{escaped}")
        elif tracebacks:
            outcome.verdict = "crashed"
            shown = "\n".join(_excerpt(t) for t in tracebacks)
            failures.append(f"a traceback was printed:\n{shown}\nThe CLI said:\n{outcome.err}")
        elif outcome.verdict == "hung":
            failures.append(f"the import used over {HUNG_SECONDS:g} s of CPU time")
        elif outcome.code == 0:
            outcome.verdict = "accepted"
        else:
            outcome.verdict = "refused"
        if outcome.verdict in ("accepted", "refused") and outcome.seconds > SLOW_SECONDS:
            outcome.notes.append(f"slow: {outcome.seconds:.1f} s")
        if outcome.verdict == "accepted":
            failures += self._accepted_problems(outcome, results, before, after)
        else:
            if outcome.verdict == "refused":
                failures += _refusal_problems(name, outcome.err)
                if _glued_to_progress(name, outcome.err):
                    outcome.notes.append("the message runs on from the progress bar's line")
            if after != before:
                failures.append(
                    f"the database changed although the file was not stored (tables: "
                    f"{', '.join(sorted(_changed_tables(before, after)))})"
                )

    def _accepted_problems(self, outcome, results, before, after) -> list[str]:
        """An accepted file must be stored whole as the current plan, and nothing else change."""
        problems = []
        if "Stored:" not in outcome.out:
            problems.append(f"exit code 0 but no 'Stored:' line: {outcome.out[-500:]!r}")
        if not results:
            return [*problems, "exit code 0 but read_plan returned nothing"]
        result = results[-1]
        outside = _changed_tables(before, after) - PLAN_TABLES
        if outside:
            problems.append(f"the import changed more than the plan: {', '.join(sorted(outside))}")
        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                stored = load_plan(conn)
            if stored is None:
                return [*problems, "no current plan can be read after the import"]
            status = plan_status(stored, AS_AT, self.settings)
        except Exception:  # the app cannot read what it stored
            return [*problems, f"the stored plan cannot be read:\n{traceback.format_exc()}"]
        finally:
            engine.dispose()
        imported = [
            (r.ref, sorted(a.text for t in r.themes for a in t.actions))
            for r in result.plan.recommendations
        ]
        rec_of_theme = {t.id: t.recommendation_id for t in stored.themes}
        kept = [
            (r.ref, sorted(a.text for a in stored.actions if rec_of_theme[a.theme_id] == r.id))
            for r in stored.recommendations
        ]
        if sorted(kept) != sorted(imported):
            problems.append(
                f"the stored plan is not the imported one: imported {len(imported)} "
                f"recommendations / {result.actions} actions, stored {len(kept)} / "
                f"{len(stored.actions)}"
            )
        if status.overall.actions != len(stored.actions):
            problems.append(
                f"plan_status counts {status.overall.actions} actions, the plan holds "
                f"{len(stored.actions)}"
            )
        planned = outcome.case.planned
        if planned.expect == REFUSED:
            outcome.notes.append("accepted, though no importer should accept this file")
        texts = _texts(stored)
        if planned.garbage and _holds(texts, planned.garbage):
            outcome.notes.append(f"stored {planned.garbage!r} as plan text")
        controls = sorted({c for t in texts for c in _CONTROL.findall(t)})
        if controls:
            outcome.notes.append(f"stored control characters {''.join(controls)!r} in plan text")
        return problems


def _texts(plan) -> list[str]:
    """Every piece of text the stored plan holds."""
    texts = [r.text for r in plan.recommendations] + [r.ref for r in plan.recommendations]
    texts += [t.text for t in plan.themes]
    for action in plan.actions:
        texts += [action.text, action.evidence or "", action.due_text or "", *action.leads]
        texts += [u.text for u in action.updates]
    for theme in plan.themes:
        texts += list(theme.service_leads)
    return texts


def _holds(texts: list[str], garbage: str) -> bool:
    """Whether `garbage` is one of the texts (or inside one, if it is long)."""
    return any(t.strip() == garbage or (len(garbage) > 8 and garbage in t) for t in texts)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _excerpt(text: str) -> str:
    """A printed traceback without the noise: a Rust panic's first lines, then the last Python
    traceback."""
    lines = text.splitlines()
    panics = [n for n, line in enumerate(lines) if "panicked at" in line]
    head = [line for n in panics for line in lines[n : n + 2]]
    tail = text[text.rindex("Traceback (most recent call last)") :]
    return "\n".join([*head, tail])


def _refusal_problems(name: str, err: str) -> list[str]:
    """A refusal must name the file and say, after it, what is wrong with it."""
    if re.search(re.escape(name) + r"[^\n]*?: \S[^\n]{9,}", err):
        return []
    return [f"the refusal does not name the file and say why; stderr was:\n{err[-2000:]}"]


def _glued_to_progress(name: str, err: str) -> bool:
    """Whether a problem line runs on from an unfinished progress bar ("0/1" then the file)."""
    return re.search(r"\] \d+/\d+" + re.escape(name), err) is not None
