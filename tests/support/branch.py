"""A branch with the default catalogue on a database of each kind, on a fixed
day (never today's): for tests that run the same story on SQLite and
PostgreSQL.

    @pytest.fixture(params=BACKENDS)
    def db(request, tmp_path):
        yield from catalogue_database(request, tmp_path)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.queue as q
from app.staff.roles import SYSTEM
from app.store import Database, open_database

DAY = dt.date(2026, 11, 23)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def at(h: int, m: int = 0, s: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(h, m, s))


def catalogue_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The database of ``request.param`` ("sqlite" or "postgresql"), its
    catalogue set up at 08:00 of ``DAY``; disposed after the test."""
    url = f"sqlite:///{tmp_path / 'branch.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    database = open_database(url)
    q.init_catalogue(database, actor=SYSTEM, now=at(8))
    yield database
    database.dispose()
