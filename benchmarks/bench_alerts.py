"""Alert latency: from the event that makes an alert (a rating of 2 given at a
teller's PC) to the alert's row on the manager screen.

    .venv/bin/python benchmarks/bench_alerts.py [--alerts 60] [--gap 0.4]

A teller process (a separate Python process, as at another PC) serves a
customer and records a rating of 2 on the shared SQLite file, then prints the
time its commit returned. This process runs the real manager screen offscreen
(qasync loop, the app's change feed at its usual 150 ms, the screen's own
alert check): the alert check runs off the GUI thread on the feed's news,
appends AlertRaised, the feed brings that back and the panel reloads. The
figure is the time until the ticket's alert is in the panel. Prints one JSON
line; the target is p99 under 1 s. Database time throughout (no --at).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TELLER = """
import datetime as dt, sys, time
import app.queue as q
from app.staff.roles import SYSTEM
from app.store import open_database
db = open_database(sys.argv[1])
base, t0 = dt.datetime.fromisoformat(sys.argv[2]), float(sys.argv[3])
now = lambda: base + dt.timedelta(seconds=time.time() - t0)
q.open_window(db, window=1, actor=SYSTEM, now=now())
for line in sys.stdin:
    if line.strip() == "quit":
        break
    q.issue_ticket(db, service="A", actor=SYSTEM, now=now())
    t = q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=now())
    q.finish(db, window=1, actor=SYSTEM, now=now())
    q.rate_ticket(db, t.number, rating=2, actor=SYSTEM, now=now())
    print(t.number, time.time(), flush=True)
db.dispose()
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--alerts", type=int, default=60)
    ap.add_argument("--gap", type=float, default=0.4, help="seconds between ratings")
    a = ap.parse_args()
    import app.ui  # noqa: F401  (pins None/True/False before PySide6 is used here)
    import qasync

    import app.queue as q
    from app.bootstrap import build
    from app.staff.roles import SYSTEM, Actor
    from app.ui.app import qt_app
    from app.ui.bridge import FeedBridge
    from app.ui.context import fixed_context
    from app.ui.lobby.announcer import RecordingOutput
    from app.ui.manager.screen import ManagerScreen

    base, t0 = dt.datetime(2026, 11, 23, 9, 30), time.time()

    def clock() -> dt.datetime:
        return base + dt.timedelta(seconds=time.time() - t0)

    folder = Path(tempfile.mkdtemp(prefix="bench-alerts-"))
    url = f"sqlite:///{folder / 'branch.sqlite3'}"
    app_ctx = build(url)
    q.init_catalogue(app_ctx.db, actor=SYSTEM, now=clock())
    qt = qt_app()
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    teller = subprocess.Popen([sys.executable, "-c", TELLER, url, base.isoformat(), str(t0)], cwd=ROOT, text=True, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    committed: dict[str, float] = {}

    def read_teller() -> None:
        assert teller.stdout is not None
        for line in teller.stdout:
            number, at = line.split()
            committed[number] = float(at)

    threading.Thread(target=read_teller, daemon=True).start()

    async def run() -> list[float]:
        bridge = FeedBridge(app_ctx.db)  # the app's 150 ms
        ctx = fixed_context(app_ctx, bridge, clock)
        bridge.start()
        ctx.extras["alert_sound"] = RecordingOutput()
        screen = ManagerScreen(ctx, Actor("boss", frozenset({"manager"})))
        screen.resize(1500, 950)
        screen.show()
        while screen.alerts.seen is None:
            await asyncio.sleep(0.01)
        latencies: list[float] = []
        shown: set[str] = set()
        for _ in range(a.alerts):
            before = len(committed)
            assert teller.stdin is not None
            teller.stdin.write("go\n")
            teller.stdin.flush()
            while True:
                board = screen.alerts.panel.board
                now = time.time()
                new = {x.ticket_number for x in (board.open if board else ()) if x.rule == "low_rating"} - shown
                done = [n for n in new if n in committed]
                if done:
                    latencies += [(now - committed[n]) * 1000 for n in done]
                    shown |= set(done)
                    if len(committed) > before:
                        break
                if teller.poll() is not None:
                    raise SystemExit("the teller process stopped; see its message above")
                await asyncio.sleep(0.002)
            await asyncio.sleep(a.gap)
        screen.close()
        ctx.bridge.stop()
        return latencies

    try:
        latencies = loop.run_until_complete(run())
    finally:
        if teller.stdin:
            teller.stdin.write("quit\n")
            teller.stdin.flush()
        teller.wait(30)
        app_ctx.close()
    print(json.dumps({"bench": "alert_latency", "rule": "low_rating", "n": len(latencies),
                      "median_ms": round(statistics.median(latencies), 1), "p99_ms": round(pct(latencies, 99), 1),
                      "max_ms": round(max(latencies), 1), "feed_interval_ms": 150, "target_p99_ms": 1000,
                      "load_avg": round(os.getloadavg()[0], 2)}), flush=True)


if __name__ == "__main__":
    main()
