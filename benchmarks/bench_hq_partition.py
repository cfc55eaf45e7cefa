"""hq_tickets as today (one table, uuid primary key) against the same rows in
monthly partitions (declarative, primary key (business_date, uuid)), measured
at a small scale for the plan in docs/sync.md ("Head office at scale").

Rows are made on the server (generate_series): ``branches`` branches, a year
of business days, about the same number of tickets a day each. Printed per
layout: load time, size on disk, a batch upsert as a push does it, one branch's
day, one month of every branch (what rebuilding a month's summaries reads),
and removing the oldest month (DELETE against DETACH + DROP).
Used by benchmarks/bench_hq.py ("partition").
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time

import psycopg

from app.sync.config import _libpq_url

START = dt.date(2025, 1, 1)
MONTHS = 12
COLUMNS = """uuid uuid NOT NULL, branch_code text NOT NULL, version integer NOT NULL, business_date date NOT NULL,
    number text NOT NULL, service_code text, priority text NOT NULL, status text NOT NULL,
    issued_at timestamp NOT NULL, first_called_at timestamp, started_at timestamp, finished_at timestamp,
    window_number integer, rating integer, received_at timestamptz NOT NULL DEFAULT now()"""
SELECT_ROWS = """
    SELECT md5(b::text || '-' || d::text || '-' || n::text)::uuid, 'B' || lpad(b::text, 4, '0'), 1, d::date,
           'A' || lpad(n::text, 3, '0'), 'A', 'normal', 'done', d + interval '9 hours' + n * interval '90 seconds',
           d + interval '9 hours' + n * interval '90 seconds' + interval '7 minutes',
           d + interval '9 hours' + n * interval '90 seconds' + interval '8 minutes',
           d + interval '9 hours' + n * interval '90 seconds' + interval '14 minutes', 1 + n %% 6,
           CASE WHEN n %% 4 = 0 THEN 3 + n %% 3 END, now()
    FROM generate_series(0, %(branches)s - 1) b,
         generate_series(%(start)s::date, %(end)s::date, interval '1 day') d,
         generate_series(1, %(per_day)s) n"""


def _months() -> list[dt.date]:
    return [dt.date(START.year + (START.month - 1 + i) // 12, (START.month - 1 + i) % 12 + 1, 1)
            for i in range(MONTHS + 1)]


def create(conn: psycopg.Connection, partitioned: bool) -> str:
    name = "t_part" if partitioned else "t_flat"
    if partitioned:
        conn.execute(f"CREATE TABLE {name} ({COLUMNS}, PRIMARY KEY (business_date, uuid)) "
                     "PARTITION BY RANGE (business_date)")
        months = _months()
        for lo, hi in zip(months, months[1:]):
            conn.execute(f"CREATE TABLE {name}_{lo:%Y%m} PARTITION OF {name} FOR VALUES FROM ('{lo}') TO ('{hi}')")
    else:
        conn.execute(f"CREATE TABLE {name} ({COLUMNS}, PRIMARY KEY (uuid))")
    conn.execute(f"CREATE INDEX ON {name} (branch_code, business_date)")
    return name


def timed(conn: psycopg.Connection, sql: str, params: dict | None = None, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        conn.execute(sql, params)
        times.append(time.perf_counter() - t)
    return round(statistics.median(times) * 1000, 2)


def bench_partition(server, rows: int, branches: int = 50) -> None:  # type: ignore[no-untyped-def]
    end = _months()[-1] - dt.timedelta(days=1)
    days = (end - START).days + 1
    per_day = max(1, rows // (branches * days))
    params = {"branches": branches, "start": START, "end": end, "per_day": per_day}
    admin = server.url(server.create_database())
    with psycopg.connect(_libpq_url(admin), autocommit=True) as conn:
        for partitioned in (False, True):
            name = create(conn, partitioned)
            t = time.perf_counter()
            conn.execute(f"INSERT INTO {name} {SELECT_ROWS}", params)
            load_s = time.perf_counter() - t
            conn.execute(f"VACUUM ANALYZE {name}")
            n = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            size = conn.execute(f"SELECT sum(pg_total_relation_size(c)) FROM (SELECT '{name}'::regclass c "
                                f"UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = '{name}'::regclass) x"
                                ).fetchone()[0]
            key = "business_date, uuid" if partitioned else "uuid"
            upsert = timed(conn, f"""INSERT INTO {name} SELECT * FROM {name} WHERE branch_code = 'B0001'
                                     AND business_date = %(day)s
                                     ON CONFLICT ({key}) DO UPDATE SET version = EXCLUDED.version + 1""",
                           {"day": end})
            one_day = timed(conn, f"SELECT count(*), avg(extract(epoch FROM first_called_at - issued_at)) "
                                  f"FROM {name} WHERE branch_code = 'B0007' AND business_date = %(day)s",
                            {"day": end - dt.timedelta(days=40)})
            month = _months()[6]
            one_month = timed(conn, f"""SELECT branch_code, business_date, count(*),
                                          sum(extract(epoch FROM first_called_at - issued_at)) FROM {name}
                                        WHERE business_date >= %(lo)s AND business_date < %(hi)s GROUP BY 1, 2""",
                              {"lo": month, "hi": _months()[7]}, rounds=3)
            t = time.perf_counter()
            if partitioned:
                conn.execute(f"ALTER TABLE {name} DETACH PARTITION {name}_{START:%Y%m}")
                conn.execute(f"DROP TABLE {name}_{START:%Y%m}")
            else:
                conn.execute(f"DELETE FROM {name} WHERE business_date < %s", (_months()[1],))
            drop_ms = round((time.perf_counter() - t) * 1000, 1)
            print(json.dumps({
                "bench": "hq_tickets_layout", "layout": "monthly partitions" if partitioned else "one table",
                "rows": n, "branches": branches, "days": days, "load_s": round(load_s, 1),
                "rows_per_s_load": round(n / load_s), "mb": round(size / 2**20), "bytes_per_row": round(size / n),
                "upsert_day_ms": upsert, "upsert_rows": per_day, "one_branch_day_ms": one_day,
                "one_month_all_branches_ms": one_month, "remove_oldest_month_ms": drop_ms,
            }), flush=True)
            conn.execute(f"DROP TABLE {name}")
