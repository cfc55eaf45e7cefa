"""Report benchmark: a busy day (3,000 tickets, 20 windows) as PDF, CSV and
JSON, the manager screen's live figures, and a year of history (~750,000
tickets) as a range report. Prints JSON lines: seconds and peak memory.

History is bulk-inserted with executemany in one transaction per table (raw
sqlite3 rows in SQLAlchemy's storage format), not played through the service
functions. Times come from a plain run; peak Python memory from a second run
under tracemalloc (which slows code down, so it is not timed).

    .venv/bin/python benchmarks/bench_reports.py [--per-day 3000] [--days 250] [--keep PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.queue import init_catalogue  # noqa: E402
from app.reports import build_daily, build_range, render  # noqa: E402
from app.reports.fonts import cjk_font  # noqa: E402
from app.reports.live import live_figures  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402

WINDOWS = 20
LAST_DAY = dt.date(2026, 11, 20)  # a Friday
TICKET_COLS = ("uuid", "version", "business_date", "service_id", "original_service_id", "prefix", "seq", "number",
               "priority", "status", "issued_at", "queued_at", "first_called_at", "called_at", "started_at",
               "finished_at", "transferred_at", "transfer_count", "window_id", "call_count", "rating",
               "print_state")


def ts(t: dt.datetime | None) -> str | None:
    return None if t is None else t.strftime("%Y-%m-%d %H:%M:%S.%f")


def working_days(last: dt.date, n: int) -> list[dt.date]:
    days, d = [], last
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d -= dt.timedelta(days=1)
    return sorted(days)


def day_tickets(day: dt.date, n: int, services: list[tuple[int, str]], rnd: random.Random
                ) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, dt.datetime, int]]]]:
    """Ticket rows of one day, each with the events a transfer leaves in the log."""
    seqs: dict[str, int] = {}
    opening = dt.datetime.combine(day, dt.time(9))
    for _ in range(n):
        sid, code = rnd.choice(services)
        seqs[code] = seqs.get(code, 0) + 1
        issued = opening + dt.timedelta(seconds=rnd.randrange(8 * 3600))
        roll = rnd.random()
        status = "done" if roll < 0.88 else "no_show" if roll < 0.93 else "cancelled" if roll < 0.97 else "expired"
        called = started = finished = transferred = None
        events: list[tuple[str, dt.datetime, int]] = []
        window = rnd.randrange(1, WINDOWS + 1)
        if status in ("done", "no_show"):
            called = issued + dt.timedelta(seconds=int(rnd.expovariate(1 / 480)))
        transfer = status == "done" and rnd.random() < 0.03
        first_called = called
        if transfer:
            transferred = called + dt.timedelta(minutes=2)
            events += [("TicketCalled", called, window), ("TicketTransferred", transferred, window)]
            called = transferred + dt.timedelta(seconds=int(rnd.expovariate(1 / 300)))
            events.append(("TicketCalled", called, window))
        if status == "done":
            started = called + dt.timedelta(seconds=30) if rnd.random() < 0.85 else None
            finished = (started or called) + dt.timedelta(seconds=int(rnd.gauss(480, 150)) % 1800 + 60)
        rating = rnd.choice((None, None, 3, 4, 5, 5)) if status == "done" else None
        row = (str(uuid.uuid4()), 1, day.isoformat(), sid, sid, code, seqs[code], f"{code}{seqs[code]:03d}",
               "normal", status, ts(issued), ts(issued), ts(first_called), ts(called), ts(started), ts(finished),
               ts(transferred), int(transfer), window if called else None, 1 if called else 0, rating, "printed")
        yield row, events


def fill(path: Path, days: list[dt.date], per_day: int, seed: int = 1) -> int:
    """Insert ``per_day`` tickets on each day (and their transfer events); returns the ticket count."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    services = list(con.execute("SELECT id, code FROM services ORDER BY id"))
    have = {n for (n,) in con.execute("SELECT number FROM windows")}
    con.executemany("INSERT INTO windows (number, name, state, priority_streak) VALUES (?, ?, 'open', 0)",
                    [(n, f"{n}号窗口") for n in range(1, WINDOWS + 1) if n not in have])
    win_ids = dict(con.execute("SELECT number, id FROM windows"))
    rnd = random.Random(seed)
    next_id = (con.execute("SELECT max(id) FROM tickets").fetchone()[0] or 0) + 1
    insert_t = f"INSERT INTO tickets (id, {', '.join(TICKET_COLS)}) VALUES ({', '.join('?' * (len(TICKET_COLS) + 1))})"
    insert_e = ("INSERT INTO events (uuid, at, type, ticket_id, window_id, payload) VALUES (?, ?, ?, ?, ?, '{}')")
    total = 0
    with con:
        for day in days:
            rows, events = [], []
            for row, evs in day_tickets(day, per_day, services, rnd):
                row = list(row)
                row[18] = win_ids[row[18]] if row[18] else None
                rows.append((next_id, *row))
                events += [(str(uuid.uuid4()), ts(at), kind, next_id, win_ids[w]) for kind, at, w in evs]
                next_id += 1
            con.executemany(insert_t, rows)
            con.executemany(insert_e, events)
            total += len(rows)
    con.close()
    return total


def measure(name: str, fn: Callable[[], Any], **extra: Any) -> Any:
    """Time ``fn`` once plainly, then once under tracemalloc for its peak.

    ``cpu_seconds`` (this process, SQLite included) is the fairer figure when
    other work shares the machine; ``load_avg_1min`` says how busy it was.
    """
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    line = {"benchmark": name, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "peak_mb": round(peak / 2**20, 1),
            "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "load_avg_1min": round(os.getloadavg()[0], 1), **extra}
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-day", type=int, default=3000)
    ap.add_argument("--days", type=int, default=250, help="working days of history (250 x 3000 = 750,000)")
    ap.add_argument("--keep", help="keep the database at this path")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.sqlite3"
        reuse = path.exists()  # --keep of an earlier run: measure the same history again
        db = open_database(f"sqlite:///{path}")
        init_catalogue(db, actor=SYSTEM, now=dt.datetime(2025, 1, 1, 8))
        db.dispose()
        days = working_days(LAST_DAY, args.days)
        start = time.perf_counter()
        if reuse:
            with sqlite3.connect(path) as con:
                n = con.execute("SELECT count(*) FROM tickets").fetchone()[0]
        else:
            n = fill(path, days, args.per_day)
            print(json.dumps({"benchmark": "bulk insert history", "tickets": n, "days": len(days),
                              "seconds": round(time.perf_counter() - start, 1)}), flush=True)
        start = time.perf_counter()
        font = cjk_font()  # once per process: parsing the TrueType collection
        print(json.dumps({"benchmark": "PDF font registration (once per process)", "font": font.description,
                          "seconds": round(time.perf_counter() - start, 3)}, ensure_ascii=False), flush=True)
        db = open_database(f"sqlite:///{path}")
        now = dt.datetime.combine(LAST_DAY, dt.time(17, 30))
        report = build_daily(db, LAST_DAY, now=now)
        tickets = report.summary.issued
        measure("daily report figures", lambda: build_daily(db, LAST_DAY, now=now), tickets=tickets,
                windows=len(report.windows))
        for fmt in ("pdf", "csv", "json"):
            data = measure(f"daily report {fmt} (figures + rendering)",
                           lambda fmt=fmt: render(build_daily(db, LAST_DAY, now=now), fmt), tickets=tickets)
            print(json.dumps({"benchmark": f"daily report {fmt} size", "bytes": len(data)}), flush=True)
        measure("manager screen live figures", lambda: live_figures(db, now=now), tickets=tickets)
        first, last = days[0], days[-1]
        year = measure("range report figures (whole history)", lambda: build_range(db, first, last, now=now),
                       tickets=n, calendar_days=(last - first).days + 1)
        for fmt in ("pdf", "csv", "json"):
            measure(f"range report {fmt} (figures + rendering)",
                    lambda fmt=fmt: render(build_range(db, first, last, now=now), fmt), tickets=n)
        assert year.summary.issued == n, (year.summary.issued, n)
        db.dispose()


if __name__ == "__main__":
    main()
