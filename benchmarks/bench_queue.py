"""Issue-a-ticket and call-next latency, in process, on SQLite with durable
commits (WAL, synchronous=FULL), with a small and a large ticket history.

    .venv/bin/python benchmarks/bench_queue.py [--ops 2000] [--history 1000 1000000]

Prints one JSON line per history size, then one line with the p99 growth.
The rounds alternate between the databases so that whatever else the machine
is doing slows both alike.
History is bulk-loaded with one INSERT ... SELECT per table in one transaction
(earlier business days, status done, one event per ticket).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.queue import call_next, init_catalogue, issue_ticket, open_window  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402

TODAY = dt.date(2026, 11, 23)
DAYS = 500  # history spread over this many earlier business days
SERVICES = 7

HISTORY_TICKETS = f"""
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :count),
rows AS (
  SELECT i, i % {DAYS} AS d, (i / {DAYS}) % {SERVICES} AS p, i / ({DAYS} * {SERVICES}) + 1 AS seq FROM n
)
INSERT INTO tickets (uuid, version, business_date, service_id, original_service_id, prefix, seq, number,
                     priority, status, issued_at, queued_at, first_called_at, called_at, started_at,
                     finished_at, transfer_count, window_id, call_count, outcome, print_state)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1, date(:today, '-' || (d + 1) || ' days'),
       p + 1, p + 1, char(65 + p), seq, char(65 + p) || printf('%03d', (seq - 1) % 999 + 1),
       CASE WHEN i % 10 = 0 THEN 'needs' ELSE 'normal' END, 'done',
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400) || ' minutes'),
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400) || ' minutes'),
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400 + 10) || ' minutes'),
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400 + 10) || ' minutes'),
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400 + 11) || ' minutes'),
       datetime(date(:today, '-' || (d + 1) || ' days'), '+9 hours', '+' || (seq % 400 + 17) || ' minutes'),
       0, 1, 1, 'done', 'printed'
FROM rows
"""

HISTORY_EVENTS = """
INSERT INTO events (uuid, at, type, ticket_id, window_id, payload)
SELECT printf('%08x-0000-4000-9000-%012x', id, id), finished_at, 'TicketFinished', id, 1,
       json_object('number', number, 'window', 1, 'outcome', 'done')
FROM tickets WHERE status = 'done' AND business_date < :today
"""


def load_history(path: Path, count: int) -> float:
    """Bulk-load ``count`` finished tickets (and their events) in one transaction."""
    t0 = time.perf_counter()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")  # set-up only; the measured operations run with FULL
    con.execute("PRAGMA cache_size = -200000")
    con.execute("BEGIN IMMEDIATE")
    con.execute(HISTORY_TICKETS, {"count": count, "today": TODAY.isoformat()})
    con.execute(HISTORY_EVENTS, {"today": TODAY.isoformat()})
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return time.perf_counter() - t0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def prepare(history: int, folder: Path):  # type: ignore[no-untyped-def]
    """A catalogued database with ``history`` old tickets, three windows open, five waiting."""
    path = folder / f"bench-{history}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(str(path))
    start = dt.datetime.combine(TODAY, dt.time(8, 0))
    init_catalogue(db, actor=SYSTEM, now=start)
    db.dispose()
    load_seconds = load_history(path, history)
    db = open_database(str(path))
    for n in (1, 2, 3):
        open_window(db, window=n, actor=SYSTEM, now=start)
    for _ in range(5):  # a small queue keeps waiting, as in a real lobby
        issue_ticket(db, service="A", actor=SYSTEM, now=start)
    return db, load_seconds


def one_round(db, i: int, clock: dt.datetime) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Issue one ticket and call one (cycling windows 1-3, which all serve A); ms each."""
    t0 = time.perf_counter()
    issue_ticket(db, service="A", actor=SYSTEM, now=clock)
    t1 = time.perf_counter()
    call_next(db, window=1 + i % 3, finish_current=True, actor=SYSTEM, now=clock)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t1) * 1000


def run(histories: list[int], ops: int, folder: Path) -> list[dict[str, object]]:
    """Rounds alternate between the databases, so load on the machine hits all alike."""
    dbs = [prepare(h, folder) for h in histories]
    issue_ms: list[list[float]] = [[] for _ in histories]
    call_ms: list[list[float]] = [[] for _ in histories]
    clock = dt.datetime.combine(TODAY, dt.time(8, 30))
    for i in range(ops):
        clock += dt.timedelta(seconds=5)
        order = range(len(dbs)) if i % 2 == 0 else reversed(range(len(dbs)))
        for k in order:
            a, b = one_round(dbs[k][0], i, clock)
            issue_ms[k].append(a)
            call_ms[k].append(b)
    results = []
    for k, h in enumerate(histories):
        dbs[k][0].dispose()
        results.append({
            "bench": "queue", "backend": "sqlite", "synchronous": "FULL", "history_tickets": h,
            "history_load_s": round(dbs[k][1], 1), "ops": ops,
            "issue_median_ms": round(statistics.median(issue_ms[k]), 2),
            "issue_p99_ms": round(percentile(issue_ms[k], 99), 2),
            "call_median_ms": round(statistics.median(call_ms[k]), 2),
            "call_p99_ms": round(percentile(call_ms[k], 99), 2),
        })
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ops", type=int, default=2000)
    ap.add_argument("--history", type=int, nargs="+", default=[1_000, 1_000_000])
    ap.add_argument("--dir", type=Path, default=None, help="folder for the database files (default: a temp dir)")
    a = ap.parse_args()
    folder = a.dir or Path(tempfile.mkdtemp(prefix="bench-queue-"))
    results = run(a.history, a.ops, folder)
    for r in results:
        print(json.dumps(r), flush=True)
    if len(results) >= 2:
        small, big = results[0], results[-1]
        growth = {k: round(big[k] / small[k] - 1, 3) for k in ("issue_p99_ms", "call_p99_ms")}
        print(json.dumps({"bench": "queue", "p99_growth": growth, "history": [small["history_tickets"],
                          big["history_tickets"]], "limit": 0.20,
                          "ok": all(v <= 0.20 for v in growth.values())}), flush=True)


if __name__ == "__main__":
    main()
