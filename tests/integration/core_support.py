"""Fixtures and helpers for the queue/store/CLI integration tests.

Import the fixtures into a test module with
``from tests.integration.core_support import branch, ...``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.queue import init_catalogue, open_window
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Ticket

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def branch(sqlite_url, at):
    """A catalogued SQLite branch database, closed afterwards."""
    db = open_database(sqlite_url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()


def open_windows(db, *numbers: int, now: dt.datetime) -> None:
    for n in numbers:
        open_window(db, window=n, actor=SYSTEM, now=now)


def status_of(db, number: str, day: dt.date) -> str:
    with db.read() as s:
        return s.scalar(select(Ticket.status).where(Ticket.business_date == day, Ticket.number == number)
                        .order_by(Ticket.seq.desc()).limit(1))


def event_count(db, type_: str | None = None) -> int:
    with db.read() as s:
        q = select(func.count()).select_from(Event)
        if type_ is not None:
            q = q.where(Event.type == type_)
        return int(s.scalar(q))


def sqlite_dump(path: Path) -> list[str]:
    """Every row of every table, to prove a refused command wrote nothing."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
        timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python -m app ...`` as a real process from the repository root."""
    full_env = {k: v for k, v in os.environ.items() if k != "BRANCHDESK_DB"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=full_env)


def cli_json(*args: str, **kw):  # type: ignore[no-untyped-def]
    r = cli(*args, "--json", **kw)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)
