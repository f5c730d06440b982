"""Many signed-in people at once: pages per second, page times, memory per session, no save lost.

    .venv/bin/python scripts/bench_users.py [--copies 100] [--sessions 50] [--workers CORES]
                                            [--rounds 3] [--pg URL | --database URL]
    .venv/bin/python scripts/bench_users.py --copies 1 --sessions 6 --workers 2 --rounds 1

A scratch PostgreSQL database on the server at --pg (TEST_DATABASE_URL by default) is filled with
the demo replicated `copies` times (scripts/scaled_plan.py) and dropped afterwards; --database
uses a database as it is instead (filled first if it has no schema), so a second run skips the
fill. Four in five sessions are viewers, the rest lead officers (at least two), each a person in
the `person` table signed in through Streamlit's AppTest (`[auth]` in its secrets, the person as
its st.user), each lead with a plan lead name of their own.

Sessions are spread over worker processes (scripts/bench_users_session.py), one per core unless
--workers says otherwise: AppTest runs one page at a time, so a worker is busy one core's worth,
and more workers than cores only queue for the cores and each work out the plan's colours for
its own caches (on 2 cores, 5 workers served half the pages per second 2 did). Each worker first
has one extra session visit every page (its caches filled, as a server that has served someone),
then every worker starts together (a barrier) and steps its sessions round-robin. A viewer goes
round the seven pages `rounds` times; a lead, each round, opens each of two actions only they
answer for on My actions, saves progress on it (a note and In progress), and visits the Overview.
First of all, two leads who both lead one action open it and, once both have it open, press Save
at the same moment (a barrier, in two workers): one is stored, the other refused with the
message.

Printed: pages per second over all sessions; each page's wall time (one AppTest run: the script
run a session waits for, without a browser or the network), median and 95th percentile, by kind;
memory per session (the workers' resident memory with every session open against after the
warm-up session alone, per session: AppTest sessions in worker processes, not a `streamlit run`
server, whose figure scripts/bench_memory.py measures with Chromium); saves attempted, stored,
refused as conflicts and lost: a save whose page said it was stored that the database does not
hold afterwards. Exits 1 if a save is lost, a refused save was stored anyway, a save failed
otherwise, the shared save did not end one stored and one refused, or any session raised.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from threading import BrokenBarrierError

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_users_session import (  # noqa: E402
    BARRIER_TIMEOUT,
    FIRST_PAGE,
    OPEN,
    PAGES,
    SAVE,
    Save,
    SessionPlan,
    WorkerResult,
    run_worker,
)
from page_timing import AS_AT, aligned_table, progress  # noqa: E402
from scaled_plan import scaled_plan, scratch_database, store_plan  # noqa: E402
from sqlalchemy import select  # noqa: E402

from readiness.access.roles import Role, command_line  # noqa: E402
from readiness.db.models import ProgressUpdate  # noqa: E402
from readiness.plan.lead_actions import leads_of  # noqa: E402
from readiness.plan.records import PlanData  # noqa: E402
from readiness.settings import Settings  # noqa: E402
from readiness.store import Store  # noqa: E402
from readiness.vocabulary import COMPLETE  # noqa: E402

OWN_ACTIONS = 2  # actions each lead saves in turn, each round
LEAD_SHARE = 5  # one session in five is a lead officer's
EMAIL_DOMAIN = "bench.example"  # invented people: a reserved domain nobody receives mail at


def choose_leads(plan: PlanData, count: int) -> tuple[list[str], dict[str, list[int]], int]:
    """`count` plan lead names, the first two both leading one open action (the shared one)
    that no other chosen lead answers for, and each with OWN_ACTIONS open actions that only
    they of those chosen answer for (named on it, or its theme's service lead), so no save but
    the shared one can meet another session's: (names, each one's own action ids, the shared
    action's id)."""
    theme_leads = {t.id: t.service_leads for t in plan.themes}
    actions = [a for a in plan.actions if a.status != COMPLETE and a.completed is None]
    answer = {a.id: leads_of(a, theme_leads[a.theme_id]) for a in actions}
    counts = Counter(name for a in actions for name in a.leads)
    names = sorted(counts, key=lambda name: (-counts[name], name))

    def own(chosen: list[str]) -> dict[str, list[int]] | None:
        mine = {name: [] for name in chosen}
        for a in actions:
            named = [n for n in a.leads if n in mine]
            if len(named) == 1 and len(answer[a.id] & mine.keys()) == 1:
                mine[named[0]].append(a.id)
        ok = all(len(ids) >= OWN_ACTIONS for ids in mine.values())
        return {name: ids[:OWN_ACTIONS] for name, ids in mine.items()} if ok else None

    for shared in actions:
        pair = [n for n in shared.leads if counts[n] > OWN_ACTIONS][:2]
        if len(pair) < 2:
            continue
        chosen = list(pair)
        for name in names:
            if len(chosen) == count:
                break
            if name not in chosen and name not in answer[shared.id] and own([*chosen, name]):
                chosen.append(name)
        mine = own(chosen)
        if len(chosen) == count and mine:
            return chosen, mine, shared.id
    raise SystemExit(f"The plan has no {count} lead officers with actions of their own to save.")


def session_plans(plan: PlanData, sessions: int) -> list[SessionPlan]:
    """The leads first (the shared action's two first of all), then the viewers."""
    leads = max(2, round(sessions / LEAD_SHARE))
    names, own, shared = choose_leads(plan, leads)
    plans = [
        SessionPlan(
            name=f"lead {n:02d}",
            email=f"{re.sub(r'[^a-z0-9]+', '.', name.casefold()).strip('.')}@{EMAIL_DOMAIN}",
            person=name,
            lead=name,
            own=tuple(own[name]),
            shared=shared if n <= 2 else None,
        )
        for n, name in enumerate(names, start=1)
    ]
    plans += [
        SessionPlan(f"viewer {n:02d}", f"viewer{n:02d}@{EMAIL_DOMAIN}", f"Bench viewer {n:02d}")
        for n in range(1, sessions - len(plans) + 1)
    ]
    return plans


def add_people(store: Store, plans: list[SessionPlan]) -> None:
    """Each session's person, as an admin adds them (kept from a run before on --database)."""
    for p in plans:
        if store.person(p.email) is None:
            role = Role.LEAD if p.lead else Role.VIEWER
            store.add_person(p.email, p.person, role, p.lead, by=command_line())


@contextmanager
def bench_database(args: argparse.Namespace) -> Iterator[str]:
    """The database to run on: --database as it is (filled if it has no schema), else a scratch
    one on --pg filled with the demo replicated --copies times."""
    if args.database:
        if Store.open(args.database, Settings()).schema_revision() is None:
            store_plan(args.database, scaled_plan(AS_AT, args.copies), AS_AT)
        yield args.database
        return
    if not args.pg:
        raise SystemExit("Give --pg URL (a PostgreSQL server) or set TEST_DATABASE_URL.")
    with (
        tempfile.TemporaryDirectory() as folder,
        scratch_database("postgresql", Path(folder), args.pg) as url,
    ):
        progress(f"storing the demo {args.copies}x…")
        store_plan(url, scaled_plan(AS_AT, args.copies), AS_AT)
        yield url


def run_workers(
    url: str, plans: list[SessionPlan], workers: int, rounds: int, marker: str
) -> tuple[list[WorkerResult], float]:
    """Each worker's result, and when they all started (time.monotonic())."""
    context = multiprocessing.get_context("spawn")  # no engine or thread inherited by a fork
    results = context.Queue()
    start = context.Barrier(workers + 1)
    # The shared save's two leads are plans[0] and plans[1]: workers 0 and 1 (plans[w::workers]).
    pair = context.Barrier(2) if workers > 1 else None
    processes = [
        context.Process(
            target=run_worker,
            args=(w, plans[w::workers], url, rounds, marker, start, pair, results),
        )
        for w in range(workers)
    ]
    for process in processes:
        process.start()
    progress(f"{workers} workers warming up…")
    with suppress(BrokenBarrierError):  # a worker failed before starting: its result says why
        start.wait(BARRIER_TIMEOUT)
    started = time.monotonic()
    progress(f"{len(plans)} sessions started…")
    collected: list[WorkerResult] = []
    while len(collected) < workers:
        try:
            collected.append(results.get(timeout=5))
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                break
    for process in processes:
        process.join()
    for w in sorted(set(range(workers)) - {r.worker for r in collected}):
        dead = WorkerResult(w, len(plans[w::workers]), ended=started)
        dead.problems.append(
            f"worker {w} ended without a result (exit code {processes[w].exitcode})"
        )
        collected.append(dead)
    return sorted(collected, key=lambda r: r.worker), started


def stored_texts(url: str, marker: str) -> Counter[str]:
    """Each progress update this run stored (its text carries `marker`), by text."""
    store = Store.open(url, Settings())
    try:
        with store.engine.connect() as conn:
            wanted = ProgressUpdate.text.startswith(marker, autoescape=True)
            return Counter(conn.scalars(select(ProgressUpdate.text).where(wanted)))
    finally:
        store.engine.dispose()


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    )


def page_table(pages: list[tuple[str, float]]) -> list[str]:
    kinds = [FIRST_PAGE, *(kind for kind, _ in PAGES), OPEN, SAVE]
    rows = []
    for kind in ("All pages", *kinds):
        ms = [t for k, t in pages if kind in (k, "All pages")]
        if ms:
            figures = (statistics.median(ms), p95(ms), max(ms))
            rows.append((kind, [f"{len(ms):,}", *(f"{f:,.0f} ms" for f in figures)]))
    heads = ["Pages", "Median", "95th pct", "Slowest"]
    return aligned_table("Page time (wall time of one AppTest run)", heads, rows)


def save_lines(saves: list[Save], stored: Counter[str], workers: int) -> tuple[list[str], bool]:
    """What became of the saves, and whether all is as it must be."""
    said_stored = [s for s in saves if s.result == "stored"]
    conflicts = [s for s in saves if s.result == "conflict"]
    failed = [s for s in saves if s.result == "failed"]
    lost = [s for s in said_stored if not stored[s.text]]
    # A text stored twice, or stored though its page said it was refused, overwrote or repeated.
    extra = sum(n - 1 for n in stored.values() if n > 1)
    extra += sum(1 for s in conflicts + failed if stored[s.text])
    shared = [s for s in saves if s.shared]
    shared_ok = sorted(s.result for s in shared) == ["conflict", "stored"]
    unexpected = [s for s in conflicts if not s.shared]
    lines = [
        f"Saves: {len(saves)} attempted, {len(said_stored)} stored, {len(conflicts)} refused as "
        f"a conflict, {len(failed)} failed otherwise\n"
        f"  lost: {len(lost)} (the page said stored, the database has not got it); stored "
        f"though refused, or twice: {extra}",
        f"  in the database afterwards: {sum(stored.values())} updates from this run, one for "
        "each save its page said was stored"
        if not lost and not extra
        else "  ! the database does not match what the pages said",
    ]
    if shared:
        action = shared[0].action_id
        outcome = ", ".join(f"{s.session} {s.result}" for s in shared)
        when = "at the same moment (two workers)" if workers > 1 else "in turn (one worker)"
        lines.append(f"Two leads opened action {action}, then both saved it {when}: {outcome}")
    lines += [f"  refused with: {s.message}" for s in conflicts[:1]]
    lines += [f"  ! {s.session}'s save on action {s.action_id} failed: {s.message}" for s in failed]
    lines += [f"  ! {s.session}'s save on its own action {s.action_id} refused" for s in unexpected]
    if not shared_ok:
        lines.append("  ! the shared save did not end one stored and one refused")
    return lines, not (lost or extra or failed or unexpected) and shared_ok


def report(results: list[WorkerResult], started: float, stored: Counter[str]) -> tuple[str, bool]:
    """The figures, and whether every check passed."""
    pages = [p for r in results for p in r.pages]
    seconds = max(r.ended for r in results) - started
    sessions = sum(r.sessions for r in results)
    waited = max(r.waited_s for r in results)
    one = sum(r.rss_one_mb for r in results)
    opened = sum(r.rss_open_mb for r in results)
    end = sum(r.rss_end_mb for r in results)
    lines = [
        f"Pages: {len(pages):,} in {seconds:.1f} s: {len(pages) / seconds:.1f} pages per second "
        f"over all sessions (the shared save's barrier held one worker {waited:.1f} s)",
        "",
        *page_table(pages),
        "",
        "Memory per session (AppTest sessions in the workers, not a streamlit server): the\n"
        "workers' RSS with every session open, less their RSS after the warm-up session alone",
        f"  every session on its first page: {(opened - one) / sessions:.1f} MB "
        f"({one:,.0f} MB to {opened:,.0f} MB over {len(results)} workers)",
        f"  at the end, every page and save done: {(end - one) / sessions:.1f} MB (to "
        f"{end:,.0f} MB: most of it the plan read again after each save, which levels off)",
        "",
    ]
    saves, saves_ok = save_lines([s for r in results for s in r.saves], stored, len(results))
    problems = [p for r in results for p in r.problems]
    lines += saves + [f"! {p}" for p in problems]
    lines.append(f"Sessions' problems (an exception, a wrong page, no form): {len(problems)}")
    return "\n".join(lines), saves_ok and not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="the demo plan, this many times")
    parser.add_argument("--sessions", type=int, default=50, help="signed-in sessions at once")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="processes holding the sessions"
    )
    parser.add_argument("--rounds", type=int, default=3, help="a viewer's turns of the pages")
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"), help="server URL")
    parser.add_argument("--database", help="use this database as it is (filled if empty)")
    args = parser.parse_args(argv)
    if args.sessions < 2:
        parser.error("--sessions must be at least 2: the shared save needs two leads")
    workers = max(1, min(args.workers, args.sessions))
    marker = f"bench-{uuid.uuid4().hex[:8]}"
    with bench_database(args) as url:
        store = Store.open(url, Settings())
        plan = store.current_plan()
        plans = session_plans(plan, args.sessions)
        add_people(store, plans)
        store.engine.dispose()
        leads = sum(1 for p in plans if p.lead)
        size = "" if args.database else f" ({args.copies}x the demo)"
        print(
            f"Signed-in sessions at once: {store.engine.dialect.name}, {len(plan.actions):,} "
            f"actions{size}, as at {AS_AT:%d %b %Y}\n"
            f"{len(plans)} sessions ({len(plans) - leads} viewers, {leads} lead officers) in "
            f"{workers} worker process(es) on {os.cpu_count()} cores, {args.rounds} round(s), all "
            "started together;\neach worker steps its AppTest sessions one page at a time, with "
            "its own caches, as a server process of its own would\n",
            flush=True,
        )
        del plan
        results, started = run_workers(url, plans, workers, args.rounds, marker)
        text, ok = report(results, started, stored_texts(url, marker))
    print(text, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
