"""Fixtures for the sync tests: a fresh head-office database on the shared
server, and branch factories. Tests that stop a server start their own."""

from __future__ import annotations

import pytest

from app.sync.hq import upgrade_hq
from tests.integration.sync.support import Hq, new_branch
from tests.support.pg import PgServer, find_pg_bin


def hq_on(server, dbname: str) -> Hq:
    url = server.url(dbname)
    upgrade_hq(url)
    return Hq(url, dbname, "127.0.0.1", server.port)


@pytest.fixture
def hq(pg_server) -> Hq:
    return hq_on(pg_server, pg_server.create_database())


@pytest.fixture
def branches(hq, tmp_path, at):
    made = []

    def make(code: str, **kw):  # type: ignore[no-untyped-def]
        b = new_branch(hq, tmp_path / f"{code}.sqlite3", code, now=at(8, 0), **kw)
        made.append(b)
        return b

    yield make
    for b in made:
        b.db.dispose()


@pytest.fixture(scope="module")
def own_pg_server():
    """A server only this module's tests stop and start (the shared one stays up)."""
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    server = PgServer().start()
    yield server
    server.destroy()
