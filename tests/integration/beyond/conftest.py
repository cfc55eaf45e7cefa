"""A catalogued branch on SQLite and on PostgreSQL for the appointment,
message and phone-page tests."""

from __future__ import annotations

import pytest

from app.queue import init_catalogue
from app.staff.roles import SYSTEM
from app.store import open_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def lobby(request, at):
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    db = open_database(url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()


@pytest.fixture
def branch_db(sqlite_url, at):
    db = open_database(sqlite_url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()
