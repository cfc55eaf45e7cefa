"""Head office at scale: the consolidated report, the ingest of many branches
pushing at once, and month partitions of hq_tickets measured at a small scale.

    .venv/bin/python benchmarks/bench_hq.py report   [--days 365] [--branches 50 500] [--rounds 5]
    .venv/bin/python benchmarks/bench_hq.py ingest   [--branches 1 20 200] [--events 2000]
    .venv/bin/python benchmarks/bench_hq.py partition [--rows 2000000]

Each prints JSON lines. A throwaway PostgreSQL 15 server is started for the
run (tests/support/pg.py) and destroyed after it. The report runs as a
reader role (hq add-reader), like ``branchdesk hq report``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from app.sync.config import _libpq_url  # noqa: E402
from app.sync.hq import upgrade_hq  # noqa: E402
from tests.support.pg import PgServer  # noqa: E402

START = dt.date(2025, 12, 1)


def emit(**fields) -> None:  # type: ignore[no-untyped-def]
    print(json.dumps(fields, ensure_ascii=False), flush=True)


# -- the report over synthetic summaries ---------------------------------------------

def synthetic_day(rng: random.Random) -> tuple:
    """A plausible day of one branch: counts, waits, a histogram, complaints."""
    issued = rng.randint(120, 420)
    waits = [rng.expovariate(1 / rng.uniform(4, 12)) for _ in range(int(issued * 0.93))]
    hist = [0] * 242
    for w in waits:
        hist[min(241, max(0, int(-(-w // 1))))] += 1
    while len(hist) > 1 and hist[-1] == 0:
        hist.pop()
    never = issued - len(waits)
    within = sum(w <= 15 for w in waits) + never // 2
    received = rng.choice((0, 0, 0, 1, 1, 2))
    closed = min(received, rng.choice((0, 1, 2)))
    in_time = closed - (closed > 0 and rng.random() < 0.1)
    satisfied = closed - (closed > 0 and rng.random() < 0.15)
    rated = rng.randint(30, 90)
    decided = rng.choice((0, 0, 0, 1))
    return (issued, len(waits) - rng.randint(0, 8), rng.randint(0, 6), rng.randint(0, 3), never, 0,
            issued, within, len(waits), sum(waits) * 60, hist, never, never * 900.0,
            round(rated * rng.uniform(3.6, 4.9)), rated, received, closed, closed, in_time, closed, satisfied,
            decided, decided and rng.choice((0, 1)))


COLUMNS = ("issued, served, no_shows, cancelled, expired, in_progress, waited, within_target, wait_count, "
           "wait_sum_s, wait_hist, never_called, never_sum_s, rating_sum, rating_count, complaints_received, "
           "complaints_closed, complaints_answered, complaints_in_time, complaints_rated, complaints_satisfied, "
           "suggestions_decided, suggestions_adopted")


def fill_summaries(admin: str, branches: int, days: int, seed: int = 7) -> None:
    """Day summaries for ``branches`` x ``days`` (written straight, as the triggers would), then the months."""
    rng = random.Random(seed)
    with psycopg.connect(_libpq_url(admin), autocommit=True) as conn:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO hq_branches (code, name, role_name, region) VALUES (%s, %s, %s, %s)",
                            [(f"B{i:04d}", f"网点{i}", f"bench_role_{i}", ("华东", "华北", "华南")[i % 3])
                             for i in range(branches)])
        for i in range(branches):
            rows = [(f"B{i:04d}", START + dt.timedelta(days=d), *synthetic_day(rng)) for d in range(days)]
            with conn.cursor() as cur, cur.copy(
                    f"COPY hq_day_summaries (branch_code, business_date, {COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        months = sorted({(START + dt.timedelta(days=d)).replace(day=1) for d in range(days)})
        for i in range(branches):
            conn.execute("SELECT hq_refresh_months(%s, %s::date[])", (f"B{i:04d}", months))
        conn.execute("ANALYZE")


def bench_report(server: PgServer, branch_counts: list[int], days: int, rounds: int) -> None:
    from app.hq.admin import add_reader
    from app.hq.render import render
    from app.hq.report import build_hq_report

    for n in branch_counts:
        dbname = server.create_database()
        admin = server.url(dbname)
        upgrade_hq(admin)
        t0 = time.perf_counter()
        fill_summaries(admin, n, days)
        fill_s = time.perf_counter() - t0
        role = f"{dbname}_bench"
        add_reader(admin, role, password="bench-pw")
        url = f"postgresql://{role}:bench-pw@127.0.0.1:{server.port}/{dbname}"
        end = START + dt.timedelta(days=days - 1)
        as_of = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(9))
        for label, start, stop in (("year", START, end), ("unaligned", START + dt.timedelta(days=9),
                                                           end - dt.timedelta(days=9))):
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                report = build_hq_report(url, start, stop, as_of=as_of)
                times.append(time.perf_counter() - t)
            t = time.perf_counter()
            pdf = render(report, "pdf")
            pdf_s = time.perf_counter() - t
            emit(bench="hq_report", branches=n, days=(stop - start).days + 1, range=label,
                 median_s=round(statistics.median(times), 3), max_s=round(max(times), 3), rounds=rounds,
                 rows=len(report.branches), summary_rows=n * days, fill_s=round(fill_s, 1), target_s=2.0,
                 pdf_render_s=round(pdf_s, 2), pdf_kb=len(pdf) // 1024)


# -- entry point ------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="what", required=True)
    r = sub.add_parser("report")
    r.add_argument("--branches", type=int, nargs="+", default=[50, 500])
    r.add_argument("--days", type=int, default=365)
    r.add_argument("--rounds", type=int, default=5)
    i = sub.add_parser("ingest")
    i.add_argument("--branches", type=int, nargs="+", default=[1, 20, 200])
    i.add_argument("--events", type=int, default=2000, help="about this many events per branch")
    p = sub.add_parser("partition")
    p.add_argument("--rows", type=int, default=2_000_000)
    args = ap.parse_args()
    server = PgServer(max_connections=320).start()
    try:
        if args.what == "report":
            bench_report(server, args.branches, args.days, args.rounds)
        elif args.what == "ingest":
            from bench_hq_ingest import bench_ingest

            bench_ingest(server, args.branches, args.events)
        else:
            from bench_hq_partition import bench_partition

            bench_partition(server, args.rows)
    finally:
        server.destroy()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    main()
