"""Upstream sync benchmark: push throughput, catching up a week offline, and
what a running sync costs the greeter issuing tickets. Prints JSON lines.

Starts a throwaway PostgreSQL (tests/support/pg.py) as head office and
builds SQLite branch files with synthetic but realistic history (each ticket
issued, called, started and finished: four events).

    .venv/bin/python benchmarks/bench_sync.py [--events 100000] [--days 7 --per-day 3000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from app.queue import init_catalogue, issue_ticket  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402
from app.store.models import Event, Service, Ticket, Window  # noqa: E402
from app.sync.config import SyncConfig  # noqa: E402
from app.sync.hq import add_branch, upgrade_hq  # noqa: E402
from app.sync.hq_roles import branch_login_role  # noqa: E402
from app.sync.state import state_row  # noqa: E402
from app.sync.worker import SyncWorker  # noqa: E402
from tests.support.pg import PgServer  # noqa: E402

EVENTS_PER_TICKET = 4


def make_branch(path: Path, code: str, days: int, per_day: int, start: dt.date):  # type: ignore[no-untyped-def]
    """A branch file with ``days`` x ``per_day`` served tickets and their events."""
    db = open_database(f"sqlite:///{path}")
    init_catalogue(db, actor=SYSTEM, now=dt.datetime.combine(start, dt.time(8)), branch_code=code)
    with db.write() as s:
        services = list(s.scalars(select(Service).where(Service.code.in_(("A", "D", "B")))))
        windows = [w.id for w in s.scalars(select(Window))]
        next_id = 1
        for d in range(days):
            day = start + dt.timedelta(days=d)
            tickets, events = [], []
            for i in range(per_day):
                svc = services[i % len(services)]
                issued = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=i * 9)
                called = issued + dt.timedelta(minutes=5 + i % 20)
                started, done = called + dt.timedelta(minutes=1), called + dt.timedelta(minutes=7)
                win = windows[i % len(windows)]
                tickets.append(dict(id=next_id, uuid=str(uuid.uuid4()), version=4, business_date=day,
                                    service_id=svc.id, original_service_id=svc.id, prefix=svc.code, seq=i + 1,
                                    number=f"{svc.code}{i + 1:04d}", priority="normal", status="done",
                                    issued_at=issued, queued_at=issued, first_called_at=called, called_at=called,
                                    started_at=started, finished_at=done, transfer_count=0, call_count=1,
                                    window_id=win, print_state="printed"))
                for typ, at in (("TicketIssued", issued), ("TicketCalled", called),
                                ("ServiceStarted", started), ("TicketFinished", done)):
                    events.append(dict(uuid=str(uuid.uuid4()), at=at, type=typ, ticket_id=next_id,
                                       window_id=None if typ == "TicketIssued" else win,
                                       payload={"number": f"{svc.code}{i + 1:04d}", "service": svc.code}))
                next_id += 1
            s.execute(insert(Ticket), tickets)
            s.execute(insert(Event), events)
    return db


def head_office(server: PgServer, code: str) -> tuple[str, SyncConfig]:
    dbname = server.create_database()
    admin = server.url(dbname)
    upgrade_hq(admin)
    add_branch(admin, code, password="bench-pw")
    cfg = SyncConfig(hq_url=f"postgresql://{branch_login_role(dbname, code)}@127.0.0.1:{server.port}/{dbname}",
                     branch_code=code, password="bench-pw", sslmode="disable", batch_size=1000, timeout_s=60)
    return admin, cfg


def push_all(db, cfg: SyncConfig) -> dict:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    report = SyncWorker(db, cfg).run_once()
    secs = time.perf_counter() - t0
    assert report.ok and report.backlog == 0, report
    return {"events": report.pushed, "batches": report.batches, "seconds": round(secs, 2),
            "events_per_s": round(report.pushed / secs)}


def issue_latencies(db, n: int, start: dt.datetime) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        issue_ticket(db, service="A", actor=SYSTEM, now=start + dt.timedelta(seconds=i))
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"median_ms": round(statistics.median(ms), 2), "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--per-day", type=int, default=3000)
    ap.add_argument("--issues", type=int, default=300)
    a = ap.parse_args()
    server = PgServer().start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        start = dt.date(2026, 11, 2)
        # 1. Throughput, by batch size.
        per_day = a.events // EVENTS_PER_TICKET // 10
        for size in (500, 1000, 2000):
            db = make_branch(tmp / f"tp{size}.sqlite3", "BR001", 10, per_day, start)
            _admin, cfg = head_office(server, "BR001")
            cfg = SyncConfig(**{**cfg.__dict__, "batch_size": size})
            print(json.dumps({"figure": "push_throughput", "batch_size": size, **push_all(db, cfg)}), flush=True)
            db.dispose()
        # 2. A busy branch back after a week offline.
        db = make_branch(tmp / "week.sqlite3", "BR002", a.days, a.per_day, start)
        _admin, cfg = head_office(server, "BR002")
        r = push_all(db, cfg)
        print(json.dumps({"figure": "week_backlog_catch_up", "days": a.days, "tickets_per_day": a.per_day,
                          "tickets": a.days * a.per_day, **r}), flush=True)
        # 3. Issuing tickets with and without a sync pushing at the same time. The
        # machine is shared, so quiet and busy rounds alternate and are pooled.
        now = dt.datetime.combine(start + dt.timedelta(days=a.days), dt.time(9))
        quiet, busy, overlapped, pushed = [], [], 0, 0
        for _round in range(3):
            quiet += issue_latencies(db, a.issues // 3, now)
            now += dt.timedelta(minutes=30)
            _admin, cfg2 = head_office(server, "BR002")  # a fresh head office: the whole history to push
            with db.write() as s:
                state_row(s).cursor_event_id = 0
            worker = SyncWorker(db, cfg2)
            pushing = threading.Thread(target=worker.run_once)
            pushing.start()
            time.sleep(0.5)
            busy += issue_latencies(db, a.issues // 3, now)
            now += dt.timedelta(minutes=30)
            overlapped += pushing.is_alive()
            pushing.join()
            pushed += worker.last_report.pushed if worker.last_report else 0
        print(json.dumps({"figure": "issue_ticket_latency", "issues": len(quiet),
                          "without_sync": summary(quiet), "with_sync_pushing": summary(busy),
                          "rounds_where_sync_outlasted_the_issuing": f"{overlapped}/3",
                          "events_pushed_meanwhile": pushed}), flush=True)
        db.dispose()
    finally:
        server.destroy()


if __name__ == "__main__":
    main()
