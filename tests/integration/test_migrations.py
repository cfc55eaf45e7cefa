"""Schema migrations: upgrading an installed branch in place, refusing a newer
database, and two processes opening a fresh database at once."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from app.queue import issue_ticket
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.errors import DatabaseTooNew
from app.store.migrate import current_revisions, known_heads, upgrade_to_head
from tests.integration.concurrency_support import run_at_once


def test_upgrade_a_0001_database_keeps_every_row(sqlite_url, at):
    old = Database(sqlite_url)
    upgrade_to_head(old, "0001")
    assert current_revisions(old) == {"0001"}
    with old.engine.begin() as c:
        c.execute(text("INSERT INTO services (id, code, name_zh, name_en, target_wait_min, default_service_min,"
                       " position, active, max_number) VALUES (1, 'A', '个人业务', 'Personal', 15, 6, 0, 1, 999)"))
        c.execute(text("INSERT INTO ticket_counters VALUES ('2026-11-23', 'A', 7)"))
        c.execute(text(
            "INSERT INTO tickets (uuid, version, business_date, service_id, original_service_id, prefix, seq,"
            " number, priority, status, issued_at, queued_at, transfer_count, call_count, print_state)"
            " VALUES ('00000000-0000-4000-8000-000000000007', 1, '2026-11-23', 1, 1, 'A', 7, 'A007', 'normal',"
            " 'waiting', '2026-11-23 09:00:00', '2026-11-23 09:00:00', 0, 0, 'printed')"))
    old.dispose()

    db = open_database(sqlite_url)
    try:
        assert current_revisions(db) == known_heads()
        # The old ticket is still there and numbering carries on after it.
        t = issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 30)).ticket
        assert t.number == "A008"
        with db.read() as s:
            rows = s.execute(text("SELECT number, status FROM tickets ORDER BY seq")).all()
        assert [tuple(r) for r in rows] == [("A007", "waiting"), ("A008", "waiting")]
    finally:
        db.dispose()


def test_reopening_a_current_database_changes_nothing(sqlite_url, tmp_path):
    open_database(sqlite_url).dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    before = list(sqlite3.connect(path).iterdump())
    open_database(sqlite_url).dispose()
    assert list(sqlite3.connect(path).iterdump()) == before


def test_newer_database_is_refused(sqlite_url):
    open_database(sqlite_url).dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO alembic_version VALUES ('ffff0000')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew, match="created by a newer version of BranchDesk"):
        open_database(sqlite_url)


def _open_at_barrier(url: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    barrier.wait()
    try:
        db = open_database(url)
        results.put(("ok", sorted(current_revisions(db))))
        db.dispose()
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(("error", repr(exc)))


def _race(url: str, n: int = 4) -> list[tuple[str, object]]:
    return run_at_once(_open_at_barrier, [(url,)] * n, timeout=120)


def test_processes_migrating_a_fresh_sqlite_file_at_once(sqlite_url):
    out = _race(sqlite_url)
    assert out == [("ok", sorted(known_heads()))] * 4
    path = sqlite_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    assert sorted(r[0] for r in con.execute("SELECT version_num FROM alembic_version")) == sorted(known_heads())
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'tickets'").fetchone()[0] == 1
    con.close()


@pytest.mark.postgres
def test_processes_migrating_a_fresh_postgresql_database_at_once(pg_url):
    out = _race(pg_url)
    assert out == [("ok", sorted(known_heads()))] * 4
    db = open_database(pg_url)
    try:
        with db.read() as s:
            versions = s.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert sorted(versions) == sorted(known_heads())
    finally:
        db.dispose()


def test_core_tables_match_the_models_after_upgrade(sqlite_url):
    """Migrations and app/store/models.py describe the same core schema (indexes included)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.store.base import Base
    from app.store.models import DataAccess, Event, Service, Setting, Staff, Ticket, TicketCounter, Window

    core = {m.__tablename__ for m in (DataAccess, Event, Service, Setting, Staff, Ticket, TicketCounter, Window)}
    db = open_database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.dispose()

    def table_of(diff) -> str:  # type: ignore[no-untyped-def]
        item = diff[0] if isinstance(diff, list) else diff
        obj = item[1] if len(item) > 1 else None
        table = getattr(obj, "table", obj)
        return getattr(table, "name", "") or (item[2] if len(item) > 2 and isinstance(item[2], str) else "")

    assert [d for d in diffs if table_of(d) in core] == []
