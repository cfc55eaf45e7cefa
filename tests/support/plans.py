"""What SQLite did for a call: the statements it ran (values written in, from
its trace) and each one's query plan, for tests that a read goes through an
index instead of reading what grows with the queue or the history."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event

from app.store.engine import Database


def statements(db: Database, call: Callable[[], object], containing: str) -> list[str]:
    """The statements holding ``containing`` that ``call`` ran on ``db`` (an SQLite file)."""
    seen: list[str] = []

    def trace(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.set_trace_callback(lambda sql: seen.append(sql) if containing in sql else None)

    db.dispose()  # fresh connections, each traced
    event.listen(db.engine, "connect", trace)
    try:
        call()
    finally:
        event.remove(db.engine, "connect", trace)
        db.dispose()
    return seen


def plan(db: Database, sql: str) -> str:
    """SQLite's query plan of ``sql``, its lines joined."""
    with db.read() as s:
        return " | ".join(str(r[-1]) for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
