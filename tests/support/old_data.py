"""Load a recorded old database (tests/fixtures/old_databases) into a database
migrated to that old revision: rows written by the old release's own code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import MetaData, text

from app.store.engine import Database
from app.store.migrate import current_revisions, upgrade_to_head

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "old_databases"


def load_old_database(db: Database, name: str) -> dict[str, int]:
    """Migrate ``db`` to the fixture's revision and insert its rows (row counts returned)."""
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    upgrade_to_head(db, data["alembic"])
    assert current_revisions(db) == {data["alembic"]}
    meta = MetaData()
    with db.engine.begin() as conn:
        meta.reflect(conn)
        for table in reversed(meta.sorted_tables):  # rows the migrations seeded are recorded too
            if data["tables"].get(table.name):
                conn.execute(table.delete())
        for table in meta.sorted_tables:  # parents before children
            rows = data["tables"].get(table.name)
            if not rows:
                continue
            conn.execute(table.insert(), [_typed(table, r) for r in rows])
            if db.dialect == "postgresql" and "id" in table.c:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"(SELECT max(id) FROM {table.name}))"))
    return {t: len(rows) for t, rows in data["tables"].items()}


def _typed(table, row: dict) -> dict:  # type: ignore[no-untyped-def]
    """SQLite stores dates, times, booleans and JSON as text or integers: give them their types back."""
    out = {}
    for key, value in row.items():
        col = table.c[key]
        kind = type(col.type).__name__.upper()
        if value is None:
            out[key] = None
        elif "DATETIME" in kind or "TIMESTAMP" in kind:
            out[key] = dt.datetime.fromisoformat(value)
        elif kind == "DATE":
            out[key] = dt.date.fromisoformat(value)
        elif kind == "BOOLEAN":
            out[key] = bool(value)
        elif kind == "JSON" and isinstance(value, str):
            out[key] = json.loads(value)
        else:
            out[key] = value
    return out
