"""Head-office ingest: N branches pushing at once into one PostgreSQL.

A few branch days are played through the real service functions (tickets,
calls, finishes, no-shows, ratings, a complaint) until it holds about the
events asked for; every simulated branch gets its own copy of that SQLite
file, its uuids made its own, its own head-office role, and pushes with the
real SyncWorker (batches of 1,000, uuid upserts, the summary triggers). The
branches run as worker processes with one thread per branch (a process
each for 200 branches would not fit beside the server on a 2-core PC), all
released by one barrier. Afterwards every branch's events are checked at
head office: none lost, none twice, in the branch's order, and its day
summary counts its tickets. Used by benchmarks/bench_hq.py ("ingest") and,
small, by tests/integration/hq/test_hq_ingest.py.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import shutil
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from app.sync.config import SyncConfig, _libpq_url
from app.sync.hq import add_branch, upgrade_hq
from app.sync.hq_roles import branch_login_role

DAY = dt.date(2026, 11, 16)
PER_DAY = 180
PASSWORD = "ingest-pw"
_UUID_TABLES = ("tickets", "events", "complaints", "complaint_log")
BARRIER_S = 600


def template(folder: Path, events: int) -> Path:
    """A branch database with about ``events`` events, played through the service functions."""
    import app.queue as q
    from app.staff.roles import SYSTEM
    from app.store import open_database
    from app.store.models import Event
    from tests.integration.sync.support import busy_day

    path = folder / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    try:
        q.init_catalogue(db, actor=SYSTEM, now=dt.datetime.combine(DAY, dt.time(7)))
        tickets = max(4, events // 3)  # about three events a ticket
        for k in range(-(-tickets // PER_DAY)):  # a lobby day holds about 200 tickets before 17:00
            day = DAY + dt.timedelta(days=k)
            busy_day(db, day, min(PER_DAY, tickets - k * PER_DAY), seed=5 + k, start_hour=8)
            q.end_of_day(db, day=day, actor=SYSTEM, now=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(2)))
        with db.read() as s:
            assert s.query(Event).count() > 0
    finally:
        db.dispose()
    return path


def clone(tpl: Path, folder: Path, n: int) -> Path:
    """Branch ``n``'s own copy: every uuid's last group made its own (``{n:04x}{id:08x}``)."""
    path = folder / f"branch-{n:04d}.sqlite3"
    shutil.copyfile(tpl, path)
    con = sqlite3.connect(path)
    try:
        for table in _UUID_TABLES:
            con.execute(f"UPDATE {table} SET uuid = substr(uuid, 1, 24) || printf('%04x%08x', ?, id)", (n,))
        con.execute("DELETE FROM sync_state")
        con.commit()
    finally:
        con.close()
    return path


def code_of(n: int) -> str:
    return f"I{n:04d}"


@dataclass
class Result:
    code: str
    ok: bool
    pushed: int
    seconds: float
    error: str | None = None


def _push(worker, code: str, barrier, out: list[Result]) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=BARRIER_S)
        t0 = time.perf_counter()
        report = worker.run_once()
        out.append(Result(code, report.ok and report.backlog == 0, report.pushed, time.perf_counter() - t0,
                          report.error))
    except Exception as exc:  # a broken run is reported, never hangs the others
        barrier.abort()
        out.append(Result(code, False, 0, 0.0, f"{type(exc).__name__}: {exc}"))


def _process(jobs: list[tuple[str, dict]], barrier, queue) -> None:  # type: ignore[no-untyped-def]
    from app.store import open_database
    from app.sync.worker import SyncWorker

    out: list[Result] = []
    dbs, threads = [], []
    try:
        # Opened one after another: opening checks the schema with Alembic, which is not thread-safe.
        for path, cfg in jobs:
            db = open_database(f"sqlite:///{path}")
            dbs.append(db)
            threads.append(threading.Thread(target=_push, args=(SyncWorker(db, SyncConfig(**cfg)),
                                                                cfg["branch_code"], barrier, out)))
    except Exception:
        barrier.abort()
        raise
    finally:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for db in dbs:
            db.dispose()
        queue.put([r.__dict__ for r in out])


def run_ingest(admin_url: str, host: str, port: int, dbname: str, tpl: Path, folder: Path, branches: int,
               processes: int = 8) -> dict:
    """Push ``branches`` copies of the template at once; returns the figures and the checks."""
    jobs = []
    for n in range(branches):
        code = code_of(n)
        add_branch(admin_url, code, password=PASSWORD)
        path = clone(tpl, folder, n)
        cfg = {"hq_url": f"postgresql://{branch_login_role(dbname, code)}@{host}:{port}/{dbname}",
               "branch_code": code, "password": PASSWORD, "batch_size": 1000, "timeout_s": 120,
               "sslmode": "disable"}
        jobs.append((str(path), cfg))
    procs = max(1, min(processes, branches))
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(branches + 1)
    queue = ctx.Queue()
    workers = [ctx.Process(target=_process, args=(jobs[i::procs], barrier, queue)) for i in range(procs)]
    for w in workers:
        w.start()
    try:
        barrier.wait(timeout=BARRIER_S)
    except threading.BrokenBarrierError:
        pass  # a branch failed to start: its result says why
    t0 = time.perf_counter()
    results = [Result(**r) for _ in workers for r in queue.get(timeout=3600)]
    wall = time.perf_counter() - t0
    for w in workers:
        w.join()
    return {"results": results, "wall_s": wall, "check": check(admin_url, tpl, branches)}


def check(admin_url: str, tpl: Path, branches: int) -> dict:
    """Every branch's events at head office once, in its order; its day summary counts its tickets."""
    con = sqlite3.connect(tpl)
    try:
        local_ids = [r[0] for r in con.execute("SELECT id FROM events ORDER BY id")]
        tickets = con.execute("SELECT count(*) FROM tickets").fetchone()[0]
    finally:
        con.close()
    lost = dup = wrong_order = bad_summary = 0
    with psycopg.connect(_libpq_url(admin_url)) as conn:
        rows = conn.execute("SELECT branch_code, count(*), count(DISTINCT branch_event_id), "
                            "array_agg(branch_event_id ORDER BY branch_event_id) FROM hq_events "
                            "GROUP BY branch_code").fetchall()
        summary = dict(conn.execute("SELECT branch_code, sum(issued) FROM hq_day_summaries GROUP BY 1").fetchall())
    seen = {code: (n, distinct, ids) for code, n, distinct, ids in rows}
    for k in range(branches):
        n, distinct, ids = seen.get(code_of(k), (0, 0, []))
        lost += len(local_ids) - distinct
        dup += n - distinct
        wrong_order += ids != local_ids
        bad_summary += summary.get(code_of(k)) != tickets
    return {"events_per_branch": len(local_ids), "tickets_per_branch": tickets, "lost": lost, "duplicated": dup,
            "branches_not_matching": wrong_order, "summaries_not_matching": bad_summary}


def bench_ingest(server, branch_counts: list[int], events: int) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="bench-hq-ingest-"))
    t0 = time.perf_counter()
    tpl = template(folder, events)
    made = time.perf_counter() - t0
    try:
        for n in branch_counts:
            dbname = server.create_database()
            admin = server.url(dbname)
            upgrade_hq(admin)
            run_folder = folder / f"run-{n}"
            run_folder.mkdir()
            out = run_ingest(admin, "127.0.0.1", server.port, dbname, tpl, run_folder, n)
            results, wall, chk = out["results"], out["wall_s"], out["check"]
            total = sum(r.pushed for r in results)
            print(json.dumps({
                "bench": "hq_ingest", "branches": n, "events": total, "wall_s": round(wall, 2),
                "events_per_s": round(total / wall, 1) if wall else None,
                "branch_push_s_median": round(sorted(r.seconds for r in results)[len(results) // 2], 2),
                "failed": sum(not r.ok for r in results), "template_s": round(made, 1), **chk,
            }), flush=True)
            shutil.rmtree(run_folder, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
