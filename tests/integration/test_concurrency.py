"""Eight windows calling at the same instant from eight processes never get the
same ticket, on one SQLite file and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.concurrency_support import prepare_branch, run_windows, stored_calls

WINDOWS = 8
TICKETS = 200


def _check(url: str) -> None:
    prepare_branch(url, windows=WINDOWS, tickets=TICKETS)
    # Tellers pause between calls, so every window gets its turn at the lock
    # (SQLite's busy handler is not fair: a flat-out loop can take every ticket).
    out = run_windows(url, WINDOWS, pause_s=0.005)
    assert [e for *_, e in out if e] == []
    all_calls = [tid for _, called, _, _ in out for tid in called]
    assert len(all_calls) == TICKETS            # every ticket called ...
    assert len(set(all_calls)) == TICKETS       # ... by exactly one window
    assert sum(1 for _, called, _, _ in out if called) >= 2  # the windows really competed
    assert stored_calls(url) == (TICKETS, TICKETS, TICKETS, TICKETS)


@pytest.mark.slow
def test_eight_windows_on_one_sqlite_file(sqlite_url):
    _check(sqlite_url)


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_windows_on_postgresql(pg_url):
    _check(pg_url)


def test_a_write_that_meets_a_held_lock_says_so_in_one_sentence(sqlite_url, monkeypatch):
    """The write lock is taken by the BEGIN IMMEDIATE (run on the driver): a
    lock held elsewhere past the busy timeout is the one-sentence
    DatabaseUnavailable, and the database works once it is released."""
    import datetime as dt
    import sqlite3

    import app.queue as q
    from app.staff.roles import SYSTEM
    from app.store import engine as store_engine
    from app.store import open_database
    from app.store.errors import DatabaseUnavailable

    db = open_database(sqlite_url)
    at = dt.datetime(2026, 11, 23, 10)
    q.init_catalogue(db, actor=SYSTEM, now=at)
    db.dispose()
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 50)
    db = store_engine.Database(sqlite_url)
    holder = sqlite3.connect(db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailable, match="stayed busy"):
            q.issue_ticket(db, service="A", actor=SYSTEM, now=at)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert q.issue_ticket(db, service="A", actor=SYSTEM, now=at).ticket.number == "A001"
    db.dispose()
