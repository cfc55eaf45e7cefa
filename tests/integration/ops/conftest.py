"""Fixtures for the operations tests: a catalogued branch file, isolated
settings file and log folder."""

from __future__ import annotations

import pytest

from app.queue import init_catalogue
from app.staff.roles import SYSTEM
from app.store import open_database


@pytest.fixture(autouse=True)
def isolated_machine(tmp_path, monkeypatch):
    """This test's own settings file and log folder (never the PC's)."""
    monkeypatch.setenv("BRANCHDESK_CONFIG", str(tmp_path / "config" / "settings.toml"))
    monkeypatch.setenv("BRANCHDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("BRANCHDESK_DB", raising=False)
    return tmp_path


@pytest.fixture
def branch_db(sqlite_url, at):
    db = open_database(sqlite_url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()
