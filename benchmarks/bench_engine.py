"""The queue engine against the SQLite floor (issue 17), as JSON lines.

    .venv/bin/python benchmarks/bench_engine.py [--history 1000000] [--rounds 5] [--ops 100]
        [--only floor issue call batch concurrency refusals rss]

The floor is a raw ``sqlite3`` loop doing what an issue does durably: in one
``BEGIN IMMEDIATE`` transaction a counter upsert, a ticket insert and an event
insert, WAL, ``synchronous=FULL``, on a copy of the same database file. It runs
in the same rounds as the engine, and every latency is also printed as a ratio
to the floor's figure of those rounds (settled question 7: medians of at
least five interleaved rounds, sizes alternating, the floor's p99 from the
same rounds).

- ``issue``: ``issue_ticket`` in process (estimate included, as the greeter
  gets it) with 0, 300 and 1,000 waiting and ``--history`` finished tickets
  of earlier days; each timed issue is followed by an untimed call, so the
  queue keeps its length.
- ``issue_write_transaction``: the same issues' write transaction alone
  (start to commit: what holds the write lock; the estimate is computed
  before it, from a read).
- ``call``: ``finish`` + ``call_next`` on one window, timed together, same sizes.
- ``keypad_next``: the call made after each timed issue, a keypad's Next
  (``call_next(finish_current=True)``: the finish and the call in one
  transaction), timed alone; printed beside, not instead of, ``call``.
- ``read_*``: what screens read every few seconds (queue status, the
  teller's list, the lobby's recent calls) and a ticket found by its number
  (call chosen, transfer, requeue, ``ticket show``), same sizes.
- ``batch``: ``branchdesk batch`` with 10,000 operations of the seed-7 mix
  with calls keeping the queue under 100 (settled question 6), and
  bench_batch.py's mix, which grows the queue towards 1,000 (no target).
- ``concurrency``: 8 processes calling on one SQLite file and on a throwaway
  PostgreSQL (bench_concurrency.py).
- ``refusals``: 1,000 issues refused by a full queue, while a teller in
  another process calls and finishes at its window: total time, the teller's
  operation p99.
- ``rss``: peak RSS of ``branchdesk batch`` with 10,000 and 100,000 operations.

The machine these figures come from is shared: expect about 1.2x noise on
medians and 1.45x on p99s between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_batch import operations as growing_operations  # noqa: E402
from bench_queue import TODAY, load_history, percentile  # noqa: E402

from app.errors import QueueFull  # noqa: E402
from app.queue import (  # noqa: E402
    call_next,
    finish,
    get_ticket,
    init_catalogue,
    issue_ticket,
    open_window,
    queue_status,
    recent_calls,
    waiting_list,
)
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402

SIZES = (0, 300, 1000)
START = dt.datetime.combine(TODAY, dt.time(8, 0))


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


# --- databases -----------------------------------------------------------------

def template(folder: Path, history: int) -> Path:
    """A catalogued database with ``history`` finished tickets of earlier days
    (raw inserts), kept in ``folder`` for the next run."""
    path = folder / f"template-{history}.sqlite3"
    if path.exists():
        return path
    db = open_database(str(path))
    init_catalogue(db, actor=SYSTEM, now=START)
    db.dispose()
    load_history(path, history)
    return path


def copy_of(tpl: Path, name: str) -> Path:
    path = tpl.parent / name
    for suffix in ("-wal", "-shm"):  # an earlier run's journal must not be applied to the fresh copy
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(tpl, path)
    return path


def branch_with(tpl: Path, waiting: int, name: str):  # type: ignore[no-untyped-def]
    """A copy of the template, windows 1-3 open (all serve A), ``waiting`` A tickets waiting."""
    db = open_database(str(copy_of(tpl, name)))
    for n in (1, 2, 3):
        open_window(db, window=n, actor=SYSTEM, now=START)
    con = sqlite3.connect(db.engine.url.database)
    with con:  # the waiting queue, raw (set-up only)
        con.execute("UPDATE services SET max_number = 9999 WHERE code = 'A'")
        sid = con.execute("SELECT id FROM services WHERE code = 'A'").fetchone()[0]
        for q in range(1, waiting + 1):
            at = (START + dt.timedelta(minutes=30, seconds=q)).isoformat(sep=" ")
            con.execute(
                "INSERT INTO tickets (uuid, version, business_date, service_id, original_service_id, prefix, seq, "
                "number, priority, status, issued_at, queued_at, transfer_count, call_count, print_state) "
                "VALUES (?, 1, ?, ?, ?, 'A', ?, ?, ?, 'waiting', ?, ?, 0, 0, 'printed')",
                (f"{q:08x}-1111-4000-8000-{q:012x}", TODAY.isoformat(), sid, sid, q, f"A{q:04d}",
                 "needs" if q % 10 == 0 else "normal", at, at))
        con.execute("INSERT INTO ticket_counters (business_date, prefix, last_seq) VALUES (?, 'A', ?) "
                    "ON CONFLICT DO UPDATE SET last_seq = excluded.last_seq", (TODAY.isoformat(), waiting))
    con.close()
    return db


class Floor:
    """The raw loop: what an issue writes, durably, and nothing else."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode = WAL")
        self.con.execute("PRAGMA synchronous = FULL")
        self.sid = self.con.execute("SELECT id FROM services WHERE code = 'B'").fetchone()[0]
        self.day = TODAY.isoformat()

    def one(self, i: int) -> float:
        t0 = time.perf_counter()
        c = self.con
        c.execute("BEGIN IMMEDIATE")
        seq = c.execute("INSERT INTO ticket_counters (business_date, prefix, last_seq) VALUES (?, 'B', 1) "
                        "ON CONFLICT DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq", (self.day,)).fetchone()[0]
        at = (START + dt.timedelta(seconds=i)).isoformat(sep=" ")
        tid = c.execute(
            "INSERT INTO tickets (uuid, version, business_date, service_id, original_service_id, prefix, seq, number, "
            "priority, status, issued_at, queued_at, transfer_count, call_count, print_state) "
            "VALUES (?, 1, ?, ?, ?, 'B', ?, ?, 'normal', 'done', ?, ?, 0, 0, 'printed') RETURNING id",
            (f"{seq:08x}-2222-4000-8000-{seq:012x}", self.day, self.sid, self.sid, seq, f"B{seq:05d}", at, at),
        ).fetchone()[0]
        c.execute("INSERT INTO events (uuid, at, type, ticket_id, payload) VALUES (?, ?, 'TicketIssued', ?, ?)",
                  (f"{seq:08x}-3333-4000-8000-{seq:012x}", at, tid, json.dumps({"number": f"B{seq:05d}"})))
        c.execute("COMMIT")
        return (time.perf_counter() - t0) * 1000


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values), 3), "p99_ms": round(percentile(values, 99), 3)}


def with_ratios(fig: dict[str, float], floor: dict[str, float]) -> dict[str, float]:
    return {**fig, "median_x_floor": round(fig["median_ms"] / floor["median_ms"], 2),
            "p99_x_floor": round(fig["p99_ms"] / floor["p99_ms"], 2)}


# --- in-process latencies ----------------------------------------------------------

READS = {  # the screens' frequent reads: the greeter and manager, the teller's list, the lobby; a ticket by number
    "queue_status": lambda db, now: queue_status(db, now=now),
    "waiting_list": lambda db, now: waiting_list(db, now=now, window=1),
    "recent_calls": lambda db, now: recent_calls(db, now=now),
    "ticket_by_number": lambda db, now: get_ticket(db, "A0001", now=now),  # call chosen, transfer, show
}


def time_writes(db) -> None:  # type: ignore[no-untyped-def]
    """Keep on ``db`` how long its last write transaction took, from its start
    to its commit (an issue's part under the write lock: its estimate is
    computed before, from a read)."""
    write = db.write

    @contextlib.contextmanager
    def timed(**kw):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        with write(**kw) as s:
            yield s
        db.last_write_ms = (time.perf_counter() - t0) * 1000

    db.write = timed


def latencies(tpl: Path, rounds: int, ops: int) -> None:
    """Issue and call+finish at each size, interleaved with the floor, ``rounds`` times."""
    floor = Floor(copy_of(tpl, "floor.sqlite3"))
    dbs = {n: branch_with(tpl, n, f"engine-{n}.sqlite3") for n in SIZES}
    clock = {n: dt.datetime.combine(TODAY, dt.time(9, 0)) for n in SIZES}
    issue_ms: dict[int, list[float]] = {n: [] for n in SIZES}
    locked_ms: dict[int, list[float]] = {n: [] for n in SIZES}  # the issue's write transaction alone
    for n in SIZES:
        time_writes(dbs[n])
    call_ms: dict[int, list[float]] = {n: [] for n in SIZES}
    keypad_ms: dict[int, list[float]] = {n: [] for n in SIZES}  # a keypad's Next: finish and call, one transaction
    floor_ms: list[float] = []
    reads: dict[str, dict[int, list[float]]] = {name: {n: [] for n in SIZES} for name in READS}
    fi = 0
    for n in SIZES:  # warm up: connections, compiled statements, the estimate's figures
        call_next(dbs[n], window=1, finish_current=True, actor=SYSTEM, now=clock[n]) if n else None
        issue_ticket(dbs[n], service="A", actor=SYSTEM, now=clock[n])
    for r in range(rounds):
        order = SIZES if r % 2 == 0 else tuple(reversed(SIZES))
        for _ in range(ops):
            fi += 1
            floor_ms.append(floor.one(fi))
        for n in order:
            db = dbs[n]
            for _ in range(ops):  # issue (timed), then a call keeps the queue at its length
                clock[n] += dt.timedelta(seconds=3)
                t0 = time.perf_counter()
                issue_ticket(db, service="A", actor=SYSTEM, now=clock[n])
                issue_ms[n].append((time.perf_counter() - t0) * 1000)
                locked_ms[n].append(db.last_write_ms)
                t0 = time.perf_counter()
                call_next(db, window=1 + fi % 3, finish_current=True, actor=SYSTEM, now=clock[n])
                keypad_ms[n].append((time.perf_counter() - t0) * 1000)
            for k in range(ops):  # finish + call next at one window (timed), then an issue refills
                clock[n] += dt.timedelta(seconds=3)
                issue_ticket(db, service="A", actor=SYSTEM, now=clock[n])
                w = 1 + k % 3
                t0 = time.perf_counter()
                try:
                    finish(db, window=w, actor=SYSTEM, now=clock[n])
                except Exception:  # noqa: BLE001  (a window with nobody at it: nothing to finish)
                    pass
                call_next(db, window=w, actor=SYSTEM, now=clock[n])
                call_ms[n].append((time.perf_counter() - t0) * 1000)
            for name, read in READS.items():  # what screens read every few seconds
                for _ in range(max(5, ops // 5)):
                    t0 = time.perf_counter()
                    read(db, clock[n])
                    reads[name][n].append((time.perf_counter() - t0) * 1000)
    fl = summary(floor_ms)
    emit({"bench": "engine", "figure": "floor", "ops": len(floor_ms), **fl,
          "ops_per_s": round(1000 / statistics.mean(floor_ms), 1)})
    for name, table in (("issue", issue_ms), ("issue_write_transaction", locked_ms), ("call_next_finish", call_ms),
                        ("keypad_next", keypad_ms)):
        figs = {n: summary(table[n]) for n in SIZES}
        for n in SIZES:
            emit({"bench": "engine", "figure": name, "waiting": n, "history": HISTORY, "ops": len(table[n]),
                  **with_ratios(figs[n], fl)})
        medians = [figs[n]["median_ms"] for n in SIZES]
        emit({"bench": "engine", "figure": f"{name}_flatness", "largest_over_smallest_median":
              round(max(medians) / min(medians), 2), "target": 1.2,
              "median_target_ms": 1.0, "p99_target_x_floor": 3.0})
    for name, table in reads.items():
        for n in SIZES:
            emit({"bench": "engine", "figure": f"read_{name}", "waiting": n, "history": HISTORY,
                  "ops": len(table[n]), **with_ratios(summary(table[n]), fl)})
    for db in dbs.values():
        db.dispose()


def estimates(tpl: Path, sizes: tuple[int, ...] = (100, 300, 1000), repeat: int = 50) -> None:
    """The estimate alone (app/queue/estimate.py) over a snapshot with ``sizes``
    waiting: the replay's cost, without the reads (settled question 6)."""
    from app.queue.estimate import estimate
    from app.queue.snapshot import queue_snapshot

    for n in sizes:
        db = branch_with(tpl, n, f"estimate-{n}.sqlite3")
        snap = queue_snapshot(db, dt.datetime.combine(TODAY, dt.time(10, 0)))
        sid = next(iter(snap.windows)).service_order[0]
        for priority in ("normal", "needs"):
            ms = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                e = estimate(snap, service_id=sid, priority=priority)
                ms.append((time.perf_counter() - t0) * 1000)
            emit({"bench": "engine", "figure": "estimate", "waiting": n, "priority": priority, **summary(ms),
                  "minutes": e.minutes, "people_ahead": e.people_ahead, "note": e.note,
                  "target_ms": {100: 1.0, 300: 5.0}.get(n)})
        db.dispose()


# --- batch ----------------------------------------------------------------------------

# The default catalogue's windows that the seed-7 mix calls at, and the
# services of the mix (A and D) each serves, in its order (app/queue/catalogue.py).
MIX_WINDOWS = {1: ("A", "D"), 2: ("A", "D"), 3: ("A",)}
STEADY_QUEUE = 40  # an issue beyond this many waiting is a call instead


def steady_operations(count: int, seed: int = 7) -> list[dict[str, object]]:
    """bench_batch.py's seed-7 lobby mix, with calls keeping the queue under
    100 (settled question 6): an issue that would make the queue longer than
    STEADY_QUEUE is a keypad's Next instead, at a window that someone waits
    for. The waiting are counted per service: window 3 takes no D customer,
    so a call there with only D waiting finds nobody (counted as the branch
    answers it; counting it as a call let D customers pile up to 140)."""
    ops = growing_operations(count, seed)
    waiting = {"A": 0, "D": 0}
    out: list[dict[str, object]] = []

    def call(window: int) -> None:
        taken = next((svc for svc in MIX_WINDOWS.get(window, ()) if waiting[svc]), None)
        if taken is not None:
            waiting[taken] -= 1

    for op in ops:
        if op["op"] == "ticket issue":
            if sum(waiting.values()) >= STEADY_QUEUE:  # the tellers keep up: this one is a call instead
                free = [w for w, svcs in MIX_WINDOWS.items() if any(waiting[svc] for svc in svcs)]
                op = {"op": "call next", "window": free[len(out) % len(free)], "finish_current": True,
                      "at": op["at"]}
            else:
                waiting[str(op["service"])] += 1
        if op["op"] == "call next":
            call(int(op["window"]))  # type: ignore[call-overload]
        out.append(op)
    return out


def run_batch(folder: Path, ops: list[dict[str, object]], name: str) -> dict[str, object]:
    db = folder / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):  # a fresh branch: an earlier run's day would run time backwards
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "app", "init", "--db", str(db)], cwd=REPO, check=True, capture_output=True)
    stdin = "".join(json.dumps(o) + "\n" for o in ops)
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "sys.stderr.write('RSS_KB=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
               "sys.exit(r.returncode)")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "app", "batch", "--db", str(db)],
                       cwd=REPO, input=stdin, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    rss = next((int(x.split("=")[1]) for x in r.stderr.splitlines() if x.startswith("RSS_KB=")), None)
    results = [json.loads(line) for line in r.stdout.splitlines()]
    refused = Counter(x["code"] for x in results if isinstance(x, dict) and "error" in x)
    waiting_max = max((x.get("people_ahead", 0) for x in results if isinstance(x, dict)), default=0)
    return {"ops": len(ops), "exit_code": r.returncode, "seconds": round(seconds, 1),
            "ops_per_s": round(len(ops) / seconds, 1), "peak_rss_mb": round(rss / 1024, 1) if rss else None,
            "refused_by_kind": dict(refused), "max_people_ahead_told": waiting_max}


def batches(folder: Path, mixes: list[str]) -> None:
    if "steady" in mixes:
        emit({"bench": "engine", "figure": "batch", "mix": "seed 7, queue under 100", "target_ops_per_s": 1000,
              **run_batch(folder, steady_operations(10_000), "batch-steady")})
    if "growing" in mixes:
        emit({"bench": "engine", "figure": "batch", "mix": "seed 7, queue grows (bench_batch.py)",
              "target_ops_per_s": None, **run_batch(folder, growing_operations(10_000), "batch-growing")})


def rss(folder: Path, counts: list[int]) -> None:
    """Peak RSS of the batch process at each operation count (the seed-7 steady mix)."""
    runs = {n: run_batch(folder, steady_operations(n), f"rss-{n}") for n in counts}
    small, big = runs[min(counts)], runs[max(counts)]
    emit({"bench": "engine", "figure": "peak_rss", "ops": counts,
          "peak_rss_mb": [runs[n]["peak_rss_mb"] for n in counts],
          "largest_over_smallest": round(big["peak_rss_mb"] / small["peak_rss_mb"], 2),
          "ops_per_s": [runs[n]["ops_per_s"] for n in counts], "target": "flat"})


# --- several processes -------------------------------------------------------------------

def concurrency(backends: list[str]) -> None:
    from bench_concurrency import bench

    if "sqlite" in backends:
        path = Path(tempfile.mkdtemp(prefix="bench-engine-conc-")) / "branch.sqlite3"
        emit({"figure": "8_processes", "target_calls_per_s": 500, **bench(f"sqlite:///{path}", "sqlite", 4000, 8)})
    if "postgresql" in backends:
        from tests.support.pg import PgServer

        server = PgServer().start()
        try:
            url = server.url(server.create_database())
            emit({"figure": "8_processes", "target_calls_per_s": 500, **bench(url, "postgresql", 4000, 8)})
        finally:
            server.destroy()


TELLER = r"""
import datetime as dt, json, os, sys, time
sys.path.insert(0, sys.argv[2])
from app.queue import call_next, issue_ticket
from app.staff.roles import SYSTEM
from app.store import open_database
db = open_database(sys.argv[1], upgrade=False)
now = dt.datetime(2026, 11, 23, 9, 0)
for _ in range(3):  # connected, compiled and the journal checkpointed before the start
    now += dt.timedelta(seconds=1)
    issue_ticket(db, service="D", actor=SYSTEM, now=now)
    call_next(db, window=1, finish_current=True, actor=SYSTEM, now=now)
ms = []
print("ready", flush=True)
sys.stdin.readline()
while not os.path.exists(sys.argv[3]):
    now += dt.timedelta(seconds=1)
    t0 = time.perf_counter()
    issue_ticket(db, service="D", actor=SYSTEM, now=now)
    ms.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    call_next(db, window=1, finish_current=True, actor=SYSTEM, now=now)
    ms.append((time.perf_counter() - t0) * 1000)
print(json.dumps(ms), flush=True)
"""


def refusals(tpl: Path, count: int = 1000) -> None:
    """``count`` refused issues of a full service (A, 50 numbers) while a teller
    in another process issues D tickets and calls them at window 1 (D only)."""
    db = branch_with(tpl, 0, "refusals.sqlite3")
    path = Path(db.engine.url.database)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE services SET max_number = 50 WHERE code = 'A'")
        con.execute("DELETE FROM window_services WHERE window_id = 1 AND service_id = "
                    "(SELECT id FROM services WHERE code = 'A')")
    con.close()
    at = dt.datetime.combine(TODAY, dt.time(9, 0))
    for _ in range(50):
        issue_ticket(db, service="A", actor=SYSTEM, now=at)
    stop = path.with_suffix(".stop")
    stop.unlink(missing_ok=True)  # left by an earlier run, it would stop the teller at once
    teller = subprocess.Popen([sys.executable, "-c", TELLER, str(path), str(REPO), str(stop)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert teller.stdout is not None and teller.stdin is not None
    teller.stdout.readline()
    teller.stdin.write("go\n")
    teller.stdin.flush()
    refused, t0 = 0, time.perf_counter()
    for i in range(count):
        try:
            issue_ticket(db, service="A", actor=SYSTEM, now=at + dt.timedelta(seconds=1 + i // 10))
        except QueueFull:
            refused += 1
    total = time.perf_counter() - t0
    stop.touch()
    out, _ = teller.communicate(timeout=600)
    ms = json.loads(out.strip().splitlines()[-1])
    emit({"bench": "engine", "figure": "refusals", "refusals": count, "refused": refused,
          "total_s": round(total, 3), "per_refusal_ms": round(total * 1000 / count, 3),
          "teller_ops": len(ms), "teller_op_p99_ms": round(percentile(ms, 99), 2) if ms else None,
          "teller_op_median_ms": round(statistics.median(ms), 2) if ms else None, "teller_target_p99_ms": 100})
    db.dispose()


HISTORY = 0


def main() -> None:
    global HISTORY
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--history", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ops", type=int, default=100, help="timed operations per size and round")
    ap.add_argument("--only", nargs="+", default=["latency", "estimate", "batch", "concurrency", "refusals", "rss"])
    ap.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--rss-ops", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--batch-mixes", nargs="+", default=["steady", "growing"])
    a = ap.parse_args()
    HISTORY = a.history
    folder = a.dir or Path(tempfile.mkdtemp(prefix="bench-engine-"))
    emit({"bench": "engine", "note": "shared machine (2 cores, other work running): ~1.2x noise on medians, "
          "~1.45x on p99s", "history": a.history, "rounds": a.rounds, "ops_per_round": a.ops,
          "load": [round(x, 2) for x in __import__("os").getloadavg()]})
    tpl = template(folder, a.history) if {"latency", "refusals", "template", "estimate"} & set(a.only) else None
    if "latency" in a.only:
        latencies(tpl, a.rounds, a.ops)  # type: ignore[arg-type]
    if "estimate" in a.only:
        estimates(tpl)  # type: ignore[arg-type]
    if "refusals" in a.only:
        refusals(tpl)  # type: ignore[arg-type]
    if "batch" in a.only:
        batches(folder, a.batch_mixes)
    if "concurrency" in a.only:
        concurrency(a.backend)
    if "rss" in a.only:
        rss(folder, a.rss_ops)
    if a.dir is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
