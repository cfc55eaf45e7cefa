"""The phone page under 1,000 phones (issue 16): one ``branchdesk web`` process
(uvicorn, one worker) over a branch SQLite database with a busy day's 1,000
tickets, polled by 1,000 simulated phones from another process, each asking
for its own ticket's news every 5 s (200 requests/s in all, the page's own
rhythm), from its own address (X-Forwarded-For, as behind the bank's gateway).
Target: p99 under 50 ms at 200 requests/s.

    .venv/bin/python benchmarks/bench_web.py [--phones 1000] [--rounds 5] [--seconds 10] [--every 5]

Prints each round of the steady run and the run (requests/s achieved, latency
percentiles, errors; the p99 judged is the median of the rounds' p99s,
settled question 7), then
a saturation run (``--burst`` connections asking back to back) for the most
one process serves. A teller calls a ticket every few seconds meanwhile, so
the figures are not served from a still queue (CALL_EVERY_S).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import multiprocessing as mp
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 11, 23)
NOW = dt.datetime.combine(DAY, dt.time(11, 30))
# Five windows serving 6-minute customers call about once a minute between them; a call every
# 10 s (and every call changes every waiting ticket's figures) is a busier lobby than that.
CALL_EVERY_S = 10.0
BRANCH = "BR001"


def at(minutes: float) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(8, 0)) + dt.timedelta(seconds=round(minutes * 60))


def prepare(path: Path, tickets: int, waiting: int) -> list[str]:
    """A busy morning: ``tickets`` issued, all but ``waiting`` called and served; their page paths."""
    import app.queue as q
    from app.settings import change_settings, get_settings
    from app.devices.printing import phone_link
    from app.staff.roles import SYSTEM
    from app.store import open_database

    db = open_database(f"sqlite:///{path}")
    q.init_catalogue(db, actor=SYSTEM, now=at(0), branch_code=BRANCH)
    change_settings(db, {"web.public_url": "https://q.bank.cn", "web.trust_forwarded": True,
                         "web.rate_per_min": 120, "notify.gateway": "recording"}, actor=SYSTEM, now=at(0))
    for w in (1, 2, 3, 4, 5):
        q.open_window(db, window=w, actor=SYSTEM, now=at(30))
    uuids = []
    served = tickets - waiting
    for i in range(tickets):
        now = at(31 + i * (200 / tickets))
        uuids.append(q.issue_ticket(db, service="AADBEC"[i % 6], after_hours_ok=True, actor=SYSTEM, now=now).ticket.uuid)
    for i in range(served):  # the morning's calls, round the windows
        w = 1 + i % 5
        try:
            q.call_next(db, window=w, finish_current=True, actor=SYSTEM, now=at(240 + i * 0.05))
        except Exception:
            pass
    settings = get_settings(db)
    paths = [phone_link(db, settings, u).removeprefix("https://q.bank.cn") for u in uuids]
    db.dispose()
    return paths


def teller(path: Path, stop: Any, every: float, sync: Any = None) -> None:
    """A call every ``every`` s while the phones poll (a process of its own: neither the
    server's nor the phones', whose clocks its work would otherwise hold up);
    at head office, each call pushed by a sync round at once (``sync``: the branch's config)."""
    import app.queue as q
    from app.staff.roles import SYSTEM
    from app.store import open_database
    from app.sync.worker import SyncWorker

    db = open_database(f"sqlite:///{path}", upgrade=False)
    minute = 0
    while every > 0 and not stop.wait(every):
        minute += 1
        try:
            q.call_next(db, window=1 + minute % 5, finish_current=True, actor=SYSTEM,
                        now=NOW + dt.timedelta(seconds=minute))
            if sync is not None:
                SyncWorker(db, sync, clock=lambda: NOW + dt.timedelta(seconds=minute)).run_once()
        except Exception:
            pass
    db.dispose()


def head_office(path: Path, server: Any) -> tuple[str, Any]:
    """Head office's PostgreSQL with the branch's day pushed by its sync; the page's read-only login."""
    from app.store import open_database
    from app.sync.config import SyncConfig
    from app.sync.hq import add_branch, put_setting, upgrade_hq
    from app.sync.hq_beyond import add_web_login
    from app.sync.hq_roles import branch_login_role
    from app.sync.worker import SyncWorker

    dbname = server.create_database()
    admin = server.url(dbname)
    upgrade_hq(admin)
    add_branch(admin, BRANCH, name="城中支行 City Centre", password="bench-pw")
    put_setting(admin, "catalogue.services", [{"code": c, "name_zh": f"业务{c}", "name_en": f"Service {c}"}
                                              for c in "ABCDE"])
    cfg = SyncConfig(hq_url=f"postgresql://{branch_login_role(dbname, BRANCH)}@127.0.0.1:{server.port}/{dbname}",
                     branch_code=BRANCH, password="bench-pw", sslmode="disable", batch_size=1000, timeout_s=60)
    db = open_database(f"sqlite:///{path}", upgrade=False)
    report = SyncWorker(db, cfg, clock=lambda: NOW).run_once()
    db.dispose()
    assert report.ok and report.backlog == 0, report
    password = add_web_login(admin, "phone_page_web")
    return f"postgresql://phone_page_web:{password}@127.0.0.1:{server.port}/{dbname}", cfg


# ``branchdesk web --head-office`` (app/web/run.py) with the bench's day as head office's time, so
# the links have not expired (the CLI judges age and expiry by head office's own clock).
HQ_SERVER = """
import sys, datetime as dt, uvicorn
from zoneinfo import ZoneInfo
from app.cli.beyond_cmds import SERVER_OPTIONS
from app.web.server import create_app
from app.web.sources import HqSource
url, port, at = sys.argv[1], int(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[3])
seen = at.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
uvicorn.run(create_app(HqSource(url, clock=lambda: seen), poll_s=10, rate_per_min=120, trust_forwarded=True),
            host="127.0.0.1", port=port, **SERVER_OPTIONS)
"""


class Phone:
    """One phone's keep-alive connection, speaking just enough HTTP/1.1 (a load
    generator much cheaper than a full client, so the server is what is measured)."""

    def __init__(self, host: str, port: int, address: str, language: str) -> None:
        self.host, self.port, self.language = host, port, language
        self.speak_from(address)

    def speak_from(self, address: str) -> None:
        self.extra = f"X-Forwarded-For: {address}\r\nAccept-Language: {self.language}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra}\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def phones(host: str, port: int, paths: list[str], seconds: float, every: float) -> dict:
    """Each phone polls every ``every`` s; the first round (phones opening their page,
    every figure worked out afresh) is counted apart from the steady ``seconds`` after it."""
    latencies: list[float] = []
    first: list[float] = []
    codes: dict[int, int] = {}
    start = time.perf_counter()
    steady_from = start + every
    stop_at = steady_from + seconds

    async def phone(i: int, path: str) -> None:
        rng = random.Random(i)
        device = Phone(host, port, f"10.{i // 250}.{i % 250}.{rng.randint(1, 250)}", "en" if i % 4 == 0 else "zh-CN")
        api = path.replace("/t/", "/api/t/")
        await asyncio.sleep(rng.random() * every)
        next_at = time.perf_counter()
        while next_at < stop_at:
            t0 = time.perf_counter()
            code = 0
            for _attempt in range(2):  # a kept-alive connection the server closed: reconnect once, as a browser does
                try:
                    code = await device.get(api)
                    break
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    device.close()
                    device.writer = None
            codes[code] = codes.get(code, 0) + 1
            if t0 >= steady_from:
                latencies.append((t0 - steady_from, (time.perf_counter() - t0) * 1000))
            else:
                first.append((time.perf_counter() - t0) * 1000)
            next_at += every
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        device.close()

    await asyncio.gather(*(phone(i, p) for i, p in enumerate(paths)))
    return {"latencies": latencies, "first": first, "codes": codes, "seconds": time.perf_counter() - start}


async def burst(host: str, port: int, paths: list[str], seconds: float, connections: int) -> dict:
    """Back-to-back requests, each from another address (so none is refused by the rate limit)."""
    latencies: list[float] = []
    codes: dict[int, int] = {}
    stop_at = time.perf_counter() + seconds

    async def worker(i: int) -> None:
        rng = random.Random(i)
        device = Phone(host, port, "10.9.0.1", "zh-CN")
        while time.perf_counter() < stop_at:
            device.speak_from(f"10.{rng.randint(10, 250)}.{rng.randint(0, 250)}.{rng.randint(1, 250)}")
            t0 = time.perf_counter()
            code = await device.get(rng.choice(paths).replace("/t/", "/api/t/"))
            latencies.append((time.perf_counter() - t0) * 1000)
            codes[code] = codes.get(code, 0) + 1
        device.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(connections)))
    return {"latencies": latencies, "codes": codes, "seconds": time.perf_counter() - start}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, -(-len(ordered) * p // 100) - 1)], 2) if ordered else float("nan")


def main() -> None:
    from tests.support.servers import free_port

    ap = argparse.ArgumentParser()
    ap.add_argument("--phones", type=int, default=1000)
    ap.add_argument("--waiting", type=int, default=150)
    ap.add_argument("--rounds", type=int, default=5, help="steady rounds (settled question 7: p99 = their median)")
    ap.add_argument("--seconds", type=float, default=10, help="each round's length")
    ap.add_argument("--every", type=float, default=5.0)
    ap.add_argument("--call-every", type=float, default=CALL_EVERY_S, help="seconds between calls (0: none)")
    ap.add_argument("--head-office", action="store_true",
                    help="the head-office page over PostgreSQL (a throwaway server; the branch pushes each call)")
    ap.add_argument("--burst", type=int, default=32, help="connections of the saturation run (0: none)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "web.sqlite3"
        paths = prepare(path, a.phones, a.waiting)
        port = free_port()
        env = {**os.environ, "BRANCHDESK_LOG_DIR": tmp, "BRANCHDESK_CONFIG": str(Path(tmp) / "settings.toml")}
        pg = sync = None
        if a.head_office:
            from tests.support.pg import PgServer

            pg = PgServer().start()
            url, sync = head_office(path, pg)
            command = ["-c", HQ_SERVER, url, str(port), (NOW + dt.timedelta(seconds=20)).isoformat()]
        else:
            command = ["-m", "app", "web", "--db", str(path), "--port", str(port), "--at", NOW.isoformat()]
        server = subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            import httpx

            for _ in range(100):
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            stop = mp.Event()
            calls = mp.Process(target=teller, args=(path, stop, a.call_every, sync), daemon=True)
            calls.start()
            seconds = a.rounds * a.seconds
            res = asyncio.run(phones("127.0.0.1", port, paths, seconds, a.every))
            stop.set()
            calls.join()
            p99s = []
            for r in range(a.rounds):  # consecutive stretches of the same steady run
                lat = [ms for t, ms in res["latencies"] if r * a.seconds <= t < (r + 1) * a.seconds]
                p99s.append(pct(lat, 99))
                print(json.dumps({"bench": "phone_page_round", "round": r + 1, "requests": len(lat),
                                  "requests_per_s": round(len(lat) / a.seconds, 1), "p50_ms": pct(lat, 50),
                                  "p99_ms": p99s[-1], "max_ms": pct(lat, 100)}), flush=True)
            lat = [ms for _t, ms in res["latencies"]]
            line = {"bench": "phone_page", "host": "head office (PostgreSQL)" if a.head_office else "branch (SQLite)",
                    "server_processes": 1, "phones": a.phones,
                    "waiting_tickets": a.waiting, "poll_every_s": a.every, "call_every_s": a.call_every,
                    "seconds": seconds, "requests": len(lat), "requests_per_s": round(len(lat) / seconds, 1),
                    "p50_ms": pct(lat, 50), "p90_ms": pct(lat, 90), "p99_ms_all": pct(lat, 99),
                    "p99_ms_median_of_rounds": round(statistics.median(p99s), 2), "max_ms": pct(lat, 100),
                    "status_codes": {str(k): v for k, v in sorted(res["codes"].items())},
                    "first_round_requests": len(res["first"]), "first_round_p99_ms": pct(res["first"], 99),
                    "target": "p99 < 50 ms at 200 requests/s"}
            line["ok"] = line["p99_ms_median_of_rounds"] < 50 and line["requests_per_s"] >= 0.95 * a.phones / a.every \
                and set(res["codes"]) == {200}
            print(json.dumps(line), flush=True)
            if a.burst:
                b = asyncio.run(burst("127.0.0.1", port, paths, 10.0, a.burst))
                print(json.dumps({"bench": "phone_page_saturation", "connections": a.burst,
                                  "requests_per_s": round(len(b["latencies"]) / b["seconds"], 1),
                                  "p50_ms": pct(b["latencies"], 50), "p99_ms": pct(b["latencies"], 99),
                                  "status_codes": {str(k): v for k, v in sorted(b["codes"].items())},
                                  "note": "back-to-back requests: the most one process serves"}), flush=True)
        finally:
            server.terminate()
            server.wait(10)
            if pg is not None:
                pg.destroy()


if __name__ == "__main__":
    main()
