"""Complaint window figures: deadline arithmetic and intake/list on SQLite.

    .venv/bin/python benchmarks/complaints.py
Prints one JSON object per figure set.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import app.complaints as cp  # noqa: E402
from app.complaints.calendar import WorkCalendar  # noqa: E402
from app.complaints.deadlines import Pause, compute_deadlines  # noqa: E402
from app.queue import init_catalogue  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402


def deadlines(n: int = 20_000) -> dict:
    cal = WorkCalendar()
    start = dt.datetime(2026, 1, 5, 9)
    t0 = time.perf_counter()
    for i in range(n):
        received = start + dt.timedelta(hours=7 * (i % 1000))
        compute_deadlines(received, resolve_days=5, cal=cal,
                          pauses=[Pause(received + dt.timedelta(days=1), received + dt.timedelta(days=3))])
    secs = time.perf_counter() - t0
    return {"figure": "deadline_arithmetic", "cases": n, "per_second": round(n / secs), "seconds": round(secs, 3)}


def intake_and_list(n: int = 300) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        now = dt.datetime(2026, 11, 2, 9)
        init_catalogue(db, actor=SYSTEM, now=now)
        t0 = time.perf_counter()
        for i in range(n):
            cp.intake_complaint(db, kind=("complaint", "suggestion", "praise")[i % 3], channel="counter",
                                content="等候时间过长", customer_phone="13800001111",
                                categories=["waiting_time"], actor=SYSTEM, now=now + dt.timedelta(minutes=i))
        intake_secs = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = cp.list_complaints(db, actor=SYSTEM, now=now + dt.timedelta(days=3))
        list_ms = (time.perf_counter() - t0) * 1000
        db.dispose()
    return {"figure": "sqlite_intake_and_board_list", "cases": n,
            "intakes_per_second": round(n / intake_secs, 1),
            "mean_intake_ms": round(intake_secs / n * 1000, 2), "board_list_ms": round(list_ms, 1),
            "rows": len(rows)}


if __name__ == "__main__":
    print(json.dumps(deadlines()))
    print(json.dumps(intake_and_list()))
