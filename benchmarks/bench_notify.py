"""The message outbox (issue 16): 10,000 messages through the HTTP adapter to a
fake SMS platform on 127.0.0.1 (its own process: uvicorn, Starlette), counted
there: throughput, and zero duplicates.

    .venv/bin/python benchmarks/bench_notify.py [--tickets 2000] [--broadcasts 5] [--crash]

``tickets`` customers, each with a phone given with consent, get ``broadcasts``
messages each (``tickets x broadcasts`` in all). The notify worker sends them
(8 at a time, batches of 64, each batch claimed and recorded in its own
transaction) while the platform counts every request and every distinct
message id. With ``--crash`` the first run is killed part-way (a crash
between send and record for some); a second worker finishes the outbox, and
the platform deduplicates by the idempotency key as settled question 10 says
a platform must for exactly-once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 11, 23)


def at(minutes: float) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(8, 0)) + dt.timedelta(seconds=round(minutes * 60))


def platform(port: int, dedupe: bool, ready) -> None:  # type: ignore[no-untyped-def]
    """The fake SMS platform, with a /stats endpoint."""
    import uvicorn
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from tests.support.servers import FakeSms

    fake = FakeSms(dedupe=dedupe)
    app = fake.app()

    async def stats(_request):  # type: ignore[no-untyped-def]
        keys = [r["key"] for r in fake.received]
        return JSONResponse({"requests": fake.requests, "accepted": len(keys), "distinct": len(set(keys))})

    app.router.routes.append(Route("/stats", stats))
    ready.set()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", access_log=False)


def fill(url: str, tickets: int, broadcasts: int, sms_url: str) -> None:
    import app.queue as q
    from app.notify import broadcast, subscribe
    from app.settings import change_settings
    from app.staff.roles import SYSTEM
    from app.store import open_database

    db = open_database(url)
    q.init_catalogue(db, actor=SYSTEM, now=at(0))
    q.set_setting(db, "branch.closing_time", "23:00", actor=SYSTEM, now=at(0))
    change_settings(db, {"notify.gateway": "http", "notify.http_url": sms_url, "notify.daily_cap": 100,
                         "notify.ahead": 1}, actor=SYSTEM, now=at(0))
    for i in range(tickets):
        t = q.issue_ticket(db, service="ABCD"[i % 4], after_hours_ok=True, actor=SYSTEM, now=at(1 + i * 0.01)).ticket
        subscribe(db, t.id, phone=f"139{i:08d}", consent=True, actor=SYSTEM, now=at(1 + i * 0.01))
    for b in range(broadcasts):
        broadcast(db, text_zh=f"第{b + 1}条通知：系统维护，请稍候", text_en=f"Notice {b + 1}", actor=SYSTEM,
                  now=at(100 + b))
    db.dispose()


def drain(url: str, now: dt.datetime, seconds_limit: float | None = None) -> dict:
    from app.notify import NotifyWorker
    from app.notify.outbox import pending_count
    from app.store import open_database

    db = open_database(url)
    worker = NotifyWorker(db)
    t0 = time.perf_counter()
    sent = 0
    while pending_count(db):
        report = worker.run_once(now=now, max_batches=20)
        sent += report.sent
        if seconds_limit is not None and time.perf_counter() - t0 > seconds_limit:
            break
    took = time.perf_counter() - t0
    worker.close()
    db.dispose()
    return {"sent": sent, "seconds": took}


def crash_part_way(url: str, now: dt.datetime, seconds: float) -> None:
    """A worker process killed after ``seconds``: some messages sent and never recorded."""
    p = mp.Process(target=drain, args=(url, now))
    p.start()
    p.join(seconds)
    p.kill()
    p.join()


def main() -> None:
    import httpx

    from tests.support.servers import free_port

    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=2000)
    ap.add_argument("--broadcasts", type=int, default=5)
    ap.add_argument("--crash", action="store_true", help="kill the first worker part-way")
    ap.add_argument("--crash-after", type=float, default=1.0, help="seconds before the kill")
    a = ap.parse_args()
    port = free_port()
    ready = mp.Event()
    server = mp.Process(target=platform, args=(port, a.crash, ready), daemon=True)
    server.start()
    ready.wait(10)
    time.sleep(0.5)
    sms = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'notify.sqlite3'}"
        t0 = time.perf_counter()
        fill(url, a.tickets, a.broadcasts, f"{sms}/sms")
        setup_s = time.perf_counter() - t0
        now = at(120)
        if a.crash:
            crash_part_way(url, now, a.crash_after)
            now = now + dt.timedelta(minutes=2)  # the dead worker's leases have run out
        res = drain(url, now)
        stats = httpx.get(f"{sms}/stats").json()
        from sqlalchemy import func, select

        from app.store import open_database
        from app.store.models_beyond import NotifyMessage

        db = open_database(url)
        with db.read() as s:
            states = dict(s.execute(select(NotifyMessage.state, func.count()).group_by(NotifyMessage.state)).all())
        db.dispose()
    server.kill()
    messages = a.tickets * a.broadcasts
    line = {"bench": "notify_outbox", "messages": messages, "crash": a.crash, "setup_s": round(setup_s, 1),
            "send_s": round(res["seconds"], 2), "messages_per_s": round(messages / res["seconds"], 1),
            "platform_requests": stats["requests"], "platform_accepted": stats["accepted"],
            "platform_distinct": stats["distinct"], "duplicates": stats["accepted"] - stats["distinct"],
            "outbox_states": states, "gateway": "HTTP adapter, JSON, 8 sends at a time"}
    line["ok"] = line["duplicates"] == 0 and stats["distinct"] == messages and states == {"sent": messages}
    print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
