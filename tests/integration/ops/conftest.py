"""Fixtures for the operations tests: a catalogued branch file, isolated
settings file and log folder."""

from __future__ import annotations

import pytest

from app.queue import init_catalogue
from app.staff.roles import SYSTEM
from app.store import open_database
from tests.integration.ops.ops_support import isolated_machine  # noqa: F401 (autouse fixture)


@pytest.fixture
def branch_db(sqlite_url, at):
    db = open_database(sqlite_url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()
