"""Helpers for the sync tests: branch activity, and branch-vs-head-office checks."""

from __future__ import annotations

import datetime as dt
import random
import socket
import threading
import time
from dataclasses import dataclass

import psycopg
from sqlalchemy import select

from app.errors import DomainError
from app.queue import call_next, finish, init_catalogue, issue_ticket, no_show, open_window, start_service
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.models import Event, Ticket
from app.sync.config import SyncConfig, _libpq_url
from app.sync.hq import add_branch
from app.sync.hq_roles import branch_login_role


@dataclass
class Hq:
    admin_url: str
    dbname: str
    host: str
    port: int

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(_libpq_url(self.admin_url)) as conn:
            return conn.execute(sql, params or None).fetchall()

    def one(self, sql: str, params: tuple = ()):  # type: ignore[no-untyped-def]
        return self.rows(sql, params)[0][0]

    def role_url(self, code: str, password: str, port: int | None = None) -> str:
        role = branch_login_role(self.dbname, code)
        return f"postgresql://{role}:{password}@{self.host}:{port or self.port}/{self.dbname}"


@dataclass
class Branch:
    code: str
    db: Database
    cfg: SyncConfig
    password: str


def new_branch(hq: Hq, path, code: str, *, batch_size: int = 200, port: int | None = None,
               now: dt.datetime, url: str | None = None) -> Branch:
    """A catalogued branch (SQLite file, or ``url``) with a head-office role and a sync config."""
    password = f"pw-{code.lower()}"
    acc = add_branch(hq.admin_url, code, password=password)
    db = open_database(url or f"sqlite:///{path}")
    init_catalogue(db, actor=SYSTEM, now=now, branch_code=code)
    cfg = SyncConfig(hq_url=f"postgresql://{acc.role}@{hq.host}:{port or hq.port}/{hq.dbname}",
                     branch_code=code, password=password, batch_size=batch_size, timeout_s=5,
                     sslmode="disable")
    return Branch(code, db, cfg, password)


def busy_day(db: Database, day: dt.date, tickets: int, *, seed: int = 1, start_hour: int = 9) -> None:
    """A day of lobby work: tickets issued, most called and served, some no-shows."""
    rng = random.Random(seed)
    t0 = dt.datetime.combine(day, dt.time(start_hour, 0))
    for w in (1, 2, 3):
        try:
            open_window(db, window=w, actor=SYSTEM, now=t0)
        except DomainError:
            pass  # already open from an earlier day
    now = t0
    for i in range(tickets):
        now += dt.timedelta(minutes=rng.randint(1, 4))
        issue_ticket(db, service=rng.choice("AAD"), customer_name="张三" if i % 3 == 0 else None,
                     customer_phone="13800138000" if i % 4 == 0 else None, actor=SYSTEM, now=now)
        if i % 2 == 1:
            serve_one(db, rng.choice((1, 2, 3)), now + dt.timedelta(minutes=1), rng)


def serve_one(db: Database, window: int, now: dt.datetime, rng: random.Random) -> None:
    try:
        call_next(db, window=window, finish_current=True, actor=SYSTEM, now=now)
    except DomainError:
        return
    if rng.random() < 0.1:
        no_show(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=2))
        return
    start_service(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=1))
    finish(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=rng.randint(2, 6)))


def branch_ticket_rows(db: Database) -> dict[str, tuple]:
    with db.read() as s:
        return {t.uuid: (t.version, t.number, t.status, t.issued_at, t.first_called_at, t.finished_at,
                         t.call_count) for t in s.scalars(select(Ticket))}


def hq_ticket_rows(hq: Hq, code: str) -> dict[str, tuple]:
    rows = hq.rows("SELECT uuid::text, version, number, status, issued_at, first_called_at, finished_at, "
                   "call_count FROM hq_tickets WHERE branch_code = %s", (code,))
    return {r[0]: tuple(r[1:]) for r in rows}


def branch_event_uuids(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Event.uuid).order_by(Event.id)))


def assert_in_step(hq: Hq, b: Branch) -> None:
    """Head office holds exactly the branch's tickets and events, record for record."""
    assert hq_ticket_rows(hq, b.code) == branch_ticket_rows(b.db)
    local = branch_event_uuids(b.db)
    remote = [r[0] for r in hq.rows("SELECT uuid::text FROM hq_events WHERE branch_code = %s "
                                    "ORDER BY branch_event_id", (b.code,))]
    assert remote == local  # same events, same order, none twice


class _Listener:
    """A loopback TCP listener whose accepted connections go to ``on_accept``."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.on_accept(conn)

    def on_accept(self, conn: socket.socket) -> None:
        raise NotImplementedError


class SilentServer(_Listener):
    """Accepts TCP connections and never answers (a hung server or firewall)."""

    def __init__(self) -> None:
        self.held: list[socket.socket] = []
        super().__init__()

    def on_accept(self, conn: socket.socket) -> None:
        self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self.held:
            c.close()


class FreezableProxy(_Listener):
    """Forwards TCP to a real server until frozen: then holds every byte,
    keeping the connections open (a link that silently stops carrying data)."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.frozen = threading.Event()
        super().__init__()

    def on_accept(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target))
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src, dst) -> None:  # type: ignore[no-untyped-def]
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                while self.frozen.is_set():
                    time.sleep(0.05)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()
