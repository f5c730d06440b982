"""One worker process of scripts/bench_users.py: its share of the signed-in sessions, each an
AppTest of app.py signed in as its person, stepped round-robin; every page timed, and what each
save showed.

AppTest runs one script run at a time and one instance must not be shared between threads, so a
worker runs its sessions' pages one after another, as a server's single Python process mostly
does (the GIL): the workers are several such servers on the one database.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from page_timing import AS_AT, quiet_streamlit_logs  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from components.signin import NOT_LISTED  # noqa: E402
from readiness.access.roles import Role  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402

# Each page a viewer goes round, in the top navigation's order, with the heading it must show
# (the sign-in screen's is the app's title: a session shown it was not signed in).
PAGES = (
    ("Overview", "views/overview.py"),
    ("Improvement plan", "views/plan.py"),
    ("My actions", "views/my_actions.py"),
    ("KPIs", "views/kpis.py"),
    ("Inspection", "views/inspection.py"),
    ("What changed", "views/changes.py"),
    ("Data", "views/loading.py"),
)
MY_ACTIONS = "views/my_actions.py"
FIRST_PAGE = "First page (signed in)"
OPEN = "My actions, action opened"
SAVE = "Save update"
# What components.action_detail shows after a save stored, and after one refused because
# someone else saved the action first (readiness.plan.progress.record_update).
SAVED_WORDS = "Update saved on"
CONFLICT_WORDS = "Someone else saved an update to this action after you opened it"
# Sign-in configured ([auth] in the secrets); AppTest hands the app `at.user` as st.user, so the
# provider is never asked. Not a real client or secret.
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-benchmark-secret-of-more-than-32-characters",
    "client_id": "readiness-bench",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}
RUN_TIMEOUT = 600  # seconds one AppTest run may take: a 100x first page on a loaded machine
BARRIER_TIMEOUT = 600


@dataclass(frozen=True)
class SessionPlan:
    """Who one session is and what it does."""

    name: str  # "viewer 07", "lead 03"
    email: str
    person: str
    lead: str | None = None  # a lead's name in the plan: My actions shows theirs
    own: tuple[int, ...] = ()  # actions only this session's lead answers for, saved in turn
    shared: int | None = None  # the action two leads save at the same moment


@dataclass(frozen=True)
class Save:
    """One press of Save update and what the page said."""

    session: str
    action_id: int
    text: str
    result: str  # "stored", "conflict" or "failed"
    message: str
    shared: bool


@dataclass
class WorkerResult:
    worker: int
    sessions: int
    pages: list[tuple[str, float]] = field(default_factory=list)  # (kind, wall ms)
    saves: list[Save] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rss_one_mb: float = 0.0  # after one extra session visited every page
    rss_open_mb: float = 0.0  # every session on its first page, nothing saved yet
    rss_end_mb: float = 0.0  # with every session still open, at the end
    ended: float = 0.0  # time.monotonic(), comparable between processes on Linux
    waited_s: float = 0.0  # at the shared save's barrier, not counted as page time


@dataclass(frozen=True)
class Step:
    kind: str
    prepare: Callable[[], None]  # widgets set or a page chosen: not timed
    check: Callable[[], None]  # after the run: problems and saves noted


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmRSS line")


class Session:
    """One signed-in browser-less session and its steps."""

    def __init__(self, plan: SessionPlan, marker: str, result: WorkerResult, pair: Barrier | None):
        self.plan, self.marker, self.result, self.pair = plan, marker, result, pair
        self.at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT)
        self.at.secrets["auth"] = AUTH
        self.at.user = {"is_logged_in": True, "email": plan.email, "name": plan.person}
        self.at.query_params["as_at"] = AS_AT.isoformat()
        if plan.lead:
            self.at.query_params["lead"] = plan.lead
        self.saves = 0

    def steps(self, rounds: int) -> Iterator[Step]:
        yield Step(FIRST_PAGE, lambda: None, self._expect_signed_in)
        if self.plan.shared is not None:
            # Both leads open it before either saves: the barrier, before the Save is pressed.
            yield self._open(self.plan.shared)
            yield self._save(self.plan.shared, wait=True)
        for _ in range(rounds):
            if self.plan.lead:
                for action_id in self.plan.own:
                    # Opened again from the list each time: after the save before, it has
                    # re-sorted (its colour changed) and another action was open in between.
                    yield self._open(action_id)
                    yield self._save(action_id)
                yield self._page(*PAGES[0])
            else:
                yield from (self._page(kind, path) for kind, path in PAGES)

    def _page(self, kind: str, path: str) -> Step:
        return Step(kind, lambda: self.at.switch_page(path), lambda: self._expect_heading(kind))

    def _open(self, action_id: int) -> Step:
        def prepare() -> None:
            self.at.switch_page(MY_ACTIONS)
            self.at.session_state["my_open_action"] = action_id  # as a tick on its row does

        def check() -> None:
            if self._field("my_text_", action_id) is None:
                self._problem(OPEN, f"no progress form for action {action_id}")

        return Step(OPEN, prepare, check)

    def _save(self, action_id: int, wait: bool = False) -> Step:
        self.saves += 1
        text = f"{self.marker} {self.plan.name} save {self.saves}: visits audited, notes updated."

        def prepare() -> None:
            box, status = self._field("my_text_", action_id), self._field("my_status_", action_id)
            if box is None or status is None:
                raise RuntimeError(f"no progress form for action {action_id} to save")
            box.input(text)
            status.set_value("in_progress")
            button = next(b for b in self.at.button if b.label == "Save update")
            if wait and self.pair is not None:
                started = time.monotonic()
                self.pair.wait(BARRIER_TIMEOUT)
                self.result.waited_s += time.monotonic() - started
            button.click()

        def check() -> None:
            said = [s.value for s in self.at.success]
            errors = [e.value for e in self.at.error]
            if any(CONFLICT_WORDS in e for e in errors):
                result, message = "conflict", next(e for e in errors if CONFLICT_WORDS in e)
            elif errors or not any(SAVED_WORDS in s for s in said):
                result, message = "failed", " / ".join(errors) or "no message shown"
            else:
                result, message = "stored", next(s for s in said if SAVED_WORDS in s)
            self.result.saves.append(
                Save(self.plan.name, action_id, text, result, message, shared=wait)
            )

        return Step(SAVE, prepare, check)

    def _field(self, prefix: str, action_id: int):
        """The open action's form field whose key starts `prefix` and its id
        (components.action_detail.form_key), or None."""
        widgets = self.at.text_area if prefix == "my_text_" else self.at.selectbox
        return next((w for w in widgets if (w.key or "").startswith(f"{prefix}{action_id}_")), None)

    def _expect_signed_in(self) -> None:
        """The Overview, with the sidebar naming the person's stored role (components.signin)."""
        self._expect_heading("Overview")
        role = (Role.LEAD if self.plan.lead else Role.VIEWER).label
        said = [m.value for m in self.at.sidebar.markdown] + [c.value for c in self.at.caption]
        if not any(f"· {role}" in words for words in said) or NOT_LISTED in said:
            self._problem(FIRST_PAGE, f"not signed in as a listed {role}: the sidebar says {said}")

    def _expect_heading(self, heading: str) -> None:
        headings = [t.value for t in self.at.title]
        if heading not in headings:
            self._problem(heading, f"expected the heading {heading!r}, saw {headings}")

    def _problem(self, kind: str, words: str) -> None:
        self.result.problems.append(f"{self.plan.name}, {kind}: {words}")

    def do(self, step: Step) -> bool:
        """Run one step, timing its run; False if the session cannot go on."""
        try:
            step.prepare()
            start = time.perf_counter()
            self.at.run()
            self.result.pages.append((step.kind, (time.perf_counter() - start) * 1000))
        except Exception:  # noqa: BLE001 (a benchmark reports every failure and goes on)
            self._problem(step.kind, traceback.format_exc(limit=3))
            if self.pair is not None:
                self.pair.abort()  # the other lead of the shared save must not wait for this one
            return False
        if self.at.exception:
            self._problem(step.kind, "; ".join(e.message for e in self.at.exception))
            return False
        step.check()
        return True


def warm_up(plan: SessionPlan, result: WorkerResult) -> None:
    """One extra session (the first one's person, in another tab) visits every page: the
    worker's caches are filled, as a server that has served someone has them."""
    session = Session(plan, "", result, None)
    for kind, path in (("Overview", None), *PAGES[1:]):
        if path:
            session.at.switch_page(path)
        session.at.run()
        if session.at.exception:
            raise RuntimeError(f"warm-up, {kind}: {session.at.exception[0].message}")


def round_robin(sessions: list[Session], rounds: int, result: WorkerResult) -> None:
    """Step k of every session before step k+1 of any, so two sessions of the shared save in
    one worker both open it before either saves, without the barrier; a session that failed
    stops there. The memory with every session on its first page is noted after step 0."""
    going = [(session, session.steps(rounds)) for session in sessions]
    while going:
        still = []
        for session, steps in going:
            step = next(steps, None)
            if step is not None and session.do(step):
                still.append((session, steps))
        going = still
        if not result.rss_open_mb:
            result.rss_open_mb = rss_mb()


def run_worker(
    index: int,
    plans: list[SessionPlan],
    url: str,
    rounds: int,
    marker: str,
    start: Barrier,
    pair: Barrier | None,
    results,
) -> None:
    """A worker process's life: warm up, wait for every worker, step its sessions round-robin,
    and put its WorkerResult on `results` (a multiprocessing queue)."""
    result = WorkerResult(index, len(plans))
    try:
        os.environ[DATABASE_ENV] = url
        quiet_streamlit_logs()
        warm_up(plans[0], result)
        result.rss_one_mb = rss_mb()
        sessions = [
            Session(plan, marker, result, pair if plan.shared is not None else None)
            for plan in plans
        ]
        start.wait(BARRIER_TIMEOUT)
        round_robin(sessions, rounds, result)
        result.rss_end_mb = rss_mb()
    except Exception:  # noqa: BLE001
        result.problems.append(f"worker {index}: {traceback.format_exc(limit=5)}")
        for barrier in (start, pair):
            if barrier is not None:
                barrier.abort()  # nobody waits for this worker
    result.ended = time.monotonic()
    results.put(result)
