"""Push: the event log is the outbox, read from the stored cursor in commit
order (by id on SQLite; on PostgreSQL by (txid, id) below the oldest running
transaction: app/store/feed.py).

One batch = up to N events plus the CURRENT state of every ticket/complaint
they touch, written to head office in one transaction with uuid upserts
(versioned rows keep the higher version, events and logs are insert-only).
Delivering a batch twice changes nothing, so a crash after head office
commits but before the cursor is saved costs only a harmless resend.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy.orm import Session

from app.store.engine import Database
from app.store.feed import events_after, final_events
from app.store.models_sync import SyncState
from app.sync.specs import EVENT_COLUMNS, Maps, RecordSpec, outgoing_payload, record_specs

@dataclass
class Batch:
    first_id: int
    last_id: int
    last_txid: int = 0  # PostgreSQL: the cursor after this batch is (last_txid, last_id)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    records: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # hq_table -> rows

    def __len__(self) -> int:
        return len(self.events)


def read_batch(db: Database, size: int, specs: list[RecordSpec] | None = None,
               after: tuple[int, int] | None = None) -> Batch | None:
    """The next batch after the stored cursor (or ``after``: (txid, id)), or None when caught up."""
    specs = record_specs() if specs is None else specs
    with db.read() as s:
        if after is None:
            after = stored_cursor(s)
        events = final_events(s, after, size)  # Core rows: no ORM identity-map cost
        if not events:
            return None
        return _build(s, events, specs)


def stored_cursor(s: Session) -> tuple[int, int]:
    state = s.get(SyncState, 1)
    return (state.cursor_txid or 0, state.cursor_event_id) if state is not None else (0, 0)


def _build(s: Session, events: list[Any], specs: list[RecordSpec]) -> Batch:
    maps = Maps.load(s)
    batch = Batch(events[0].id, events[-1].id, events[-1].txid or 0)
    uuids: dict[str, dict[int, str]] = {}
    for spec in specs:
        parents = sorted({getattr(e, spec.event_key) for e in events} - {None})
        loaded = spec.load(s, parents, maps) if parents else []
        uuids.setdefault(spec.event_key, {})
        if spec.name in ("tickets", "complaints"):
            uuids[spec.event_key].update({local: row[0] for local, row in loaded})
        batch.records[spec.hq_table] = sorted((row for _, row in loaded), key=lambda r: r[0])
    tickets, complaints = uuids.get("ticket_id", {}), uuids.get("complaint_id", {})
    for e in events:
        batch.events.append((
            e.uuid, e.id, e.at, e.type, tickets.get(e.ticket_id) if e.ticket_id else None,
            complaints.get(e.complaint_id) if e.complaint_id else None,
            maps.windows.get(e.window_id) if e.window_id else None,
            maps.staff.get(e.staff_id) if e.staff_id else None, outgoing_payload(e.type, e.payload),
        ))
    return batch


def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__} upstream")


def upsert_sql(table: str, columns: tuple[str, ...], *, versioned: bool) -> str:
    """One statement per table whatever the batch size: the rows travel as one
    JSON array expanded by the server with the table's own column types."""
    cols = ", ".join(("branch_code", *columns))
    head = (f"INSERT INTO {table} ({cols}) SELECT {cols} FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb) "
            "ON CONFLICT (uuid) ")
    if not versioned:
        return head + "DO NOTHING"
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "uuid")
    return head + f"DO UPDATE SET {sets} WHERE {table}.version < EXCLUDED.version"


def _write_rows(conn: psycopg.Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                branch_code: str, versioned: bool) -> None:
    keys = ("branch_code", *columns)
    # One dumps() per row, not one for the batch: a C call holds the GIL for
    # its whole length, and the greeter's thread must not wait behind it.
    doc = "[" + ",".join(json.dumps(dict(zip(keys, (branch_code, *row))), default=_json_default,
                                    ensure_ascii=False, allow_nan=False) for row in rows) + "]"
    conn.execute(upsert_sql(table, columns, versioned=versioned), (doc,))


def push_batch(conn: psycopg.Connection, branch_code: str, batch: Batch,
               specs: list[RecordSpec] | None = None) -> None:
    """Write one batch to head office in ONE transaction (records, then events)."""
    specs = record_specs() if specs is None else specs
    with conn.transaction():
        for spec in specs:
            rows = batch.records.get(spec.hq_table) or []
            if rows:
                _write_rows(conn, spec.hq_table, spec.columns, rows, branch_code, spec.versioned)
        _write_rows(conn, "hq_events", EVENT_COLUMNS, batch.events, branch_code, False)


def backlog(db: Database) -> int:
    """Events not yet acknowledged by head office."""
    with db.read() as s:
        return int(s.scalar(events_after(s, stored_cursor(s))) or 0)
