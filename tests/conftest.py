"""Shared fixtures: real SQLite files, a throwaway PostgreSQL server, times."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# Operations (issue 9): tests never read this PC's settings file or fill its log folder.
_OPS_TMP = tempfile.mkdtemp(prefix="branchdesk-tests-")
os.environ.setdefault("BRANCHDESK_CONFIG", os.path.join(_OPS_TMP, "settings.toml"))
os.environ.setdefault("BRANCHDESK_LOG_DIR", os.path.join(_OPS_TMP, "logs"))
# Personal data (issue 18): the branch data keys of every test database, never the PC's key folder.
os.environ.setdefault("BRANCHDESK_KEY_DIR", os.path.join(_OPS_TMP, "keys"))
# The tests bring their own holiday calendar (2024-2026 known, 2027 not), so they
# pass whatever the installed chinesecalendar release knows (issue 12).
os.environ["BRANCHDESK_HOLIDAYS"] = os.path.join(os.path.dirname(__file__), "fixtures", "calendar",
                                                 "cn-2024-2026.json")

from tests.support.pg import PgServer, find_pg_bin  # noqa: E402


@pytest.fixture(scope="session")
def pg_server():
    if find_pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing; .ci/run must install postgresql")
        pytest.skip("PostgreSQL server binaries are not installed")
    server = PgServer().start()
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the throwaway server, as superuser URL."""
    return pg_server.url(pg_server.create_database())


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'branch.sqlite3'}"


@pytest.fixture
def day() -> dt.date:
    return dt.date(2026, 11, 23)


@pytest.fixture
def at(day):
    """at(9, 30) -> 2026-11-23 09:30 (branch local time)."""

    def make(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute, second))

    return make
