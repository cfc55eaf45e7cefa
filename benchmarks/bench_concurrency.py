"""Eight windows calling concurrently from eight processes on one database:
calls per second and tickets called twice (must be 0).

    .venv/bin/python benchmarks/bench_concurrency.py [--tickets 4000] [--windows 8] [--backend sqlite postgresql]

PostgreSQL runs on a throwaway server (tests/support/pg.py). Prints one JSON
line per backend.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from app.store import open_database  # noqa: E402
from app.store.models import Service, Ticket, TicketCounter  # noqa: E402
from tests.integration.concurrency_support import DAY, prepare_branch, run_windows, stored_calls  # noqa: E402


def add_waiting(url: str, count: int) -> None:
    """``count`` more A tickets waiting today, inserted in one transaction."""
    db = open_database(url, upgrade=False)
    try:
        with db.write() as s:
            a = s.scalar(select(Service).where(Service.code == "A"))
            counter = s.get(TicketCounter, (DAY, "A"))
            first = counter.last_seq + 1
            base = dt.datetime.combine(DAY, dt.time(8, 0))
            rows = [dict(business_date=DAY, service_id=a.id, original_service_id=a.id, prefix="A", seq=q,
                         number=f"A{q:04d}", priority="needs" if q % 7 == 0 else "normal", status="waiting",
                         issued_at=base + dt.timedelta(seconds=q), queued_at=base + dt.timedelta(seconds=q),
                         transfer_count=0, call_count=0, print_state="printed", version=1,
                         uuid=f"{q:08x}-0000-4000-8000-{q:012x}")
                    for q in range(first, first + count)]
            s.execute(insert(Ticket), rows)
            counter.last_seq = first + count - 1
        # The planner's statistics, as autovacuum keeps them on a branch's server
        # (right after a bulk insert it has none, and plans the calling query
        # through the day's index instead of the waiting line's).
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")
    finally:
        db.dispose()


def _server_cpu_s(server: object | None) -> float | None:
    """CPU seconds of a throwaway PostgreSQL server: the postmaster's own and its
    reaped children's (the backends, once they have exited)."""
    if server is None:
        return None
    pid = int((server.data / "postmaster.pid").read_text().split()[0])  # type: ignore[attr-defined]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def bench(url: str, backend: str, tickets: int, windows: int, server: object | None = None) -> dict[str, object]:
    prepare_branch(url, windows=windows, tickets=1)
    add_waiting(url, tickets - 1)
    cpu0, server0 = resource.getrusage(resource.RUSAGE_CHILDREN), _server_cpu_s(server)
    t0 = time.perf_counter()
    out = run_windows(url, windows)
    wall = time.perf_counter() - t0
    time.sleep(1.0)  # the backends exit and are reaped
    cpu1, server1 = resource.getrusage(resource.RUSAGE_CHILDREN), _server_cpu_s(server)
    errors = [e for *_, e in out if e]
    calls = [tid for _, called, _, _ in out for tid in called]
    slowest = max(elapsed for _, _, elapsed, _ in out)
    dup = sum(n - 1 for n in Counter(calls).values() if n > 1)
    n, called, events, distinct = stored_calls(url)
    return {
        "bench": "concurrency", "backend": backend, "windows": windows, "tickets": n,
        "calls": len(calls), "calls_per_s": round(len(calls) / slowest, 1),
        "wall_s_incl_process_start": round(wall, 1),
        # Where the machine's CPU went: the window processes (their start and
        # imports included) and, on PostgreSQL, the server.
        "client_cpu_s_incl_start": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1),
        "server_cpu_s": None if server0 is None else round(server1 - server0, 1),
        "duplicates": dup, "tickets_called": called, "called_events": events,
        "distinct_tickets_in_events": distinct,
        "calls_per_window": sorted((len(c) for _, c, _, _ in out), reverse=True), "errors": errors[:3],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tickets", type=int, default=4000)
    ap.add_argument("--windows", type=int, default=8)
    ap.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    a = ap.parse_args()
    if "sqlite" in a.backend:
        path = Path(tempfile.mkdtemp(prefix="bench-conc-")) / "branch.sqlite3"
        print(json.dumps(bench(f"sqlite:///{path}", "sqlite", a.tickets, a.windows)), flush=True)
    if "postgresql" in a.backend:
        from tests.support.pg import PgServer

        server = PgServer().start()
        try:
            url = server.url(server.create_database())
            print(json.dumps(bench(url, "postgresql", a.tickets, a.windows, server)), flush=True)
        finally:
            server.destroy()


if __name__ == "__main__":
    main()
