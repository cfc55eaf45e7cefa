"""The one reader of the event log: the change feed and the sync outbox.

Every screen, window display and process reads the same log, so every PC on
the same database stays in step without a server of our own. Two readers
need two guarantees, from one module:

- **The change feed** (``FeedCursor``): every event reaches every screen once,
  as soon as it is committed, in commit order. On SQLite writers are
  serialised (``BEGIN IMMEDIATE``), so ids are commit order and the cursor is
  the last id read. On PostgreSQL ids are NOT commit order (an id taken
  early may commit after a later one), so the cursor is a transaction
  snapshot (settled question 2): each event carries its writing
  transaction's id (``txid``), and a poll returns exactly the events that
  became visible since the previous poll's snapshot, i.e. those whose txid
  was still running then (``xip``) or had not started yet (``>= xmax``).
  Snapshot and rows come from one statement, so they agree; no lock is taken.
- **The sync outbox** (``final_events``): batches that can be resumed from a
  stored cursor. On PostgreSQL only events below the oldest running
  transaction (``pg_snapshot_xmin``) are final, read in (txid, id) order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.orm import Session

from app.store.engine import Database
from app.store.models import Event


@dataclass(frozen=True)
class EventView:
    id: int
    uuid: str
    at: dt.datetime
    type: str
    ticket_id: int | None
    complaint_id: int | None
    window_id: int | None
    staff_id: int | None
    payload: dict[str, Any]


_COLS = (Event.id, Event.uuid, Event.at, Event.type, Event.ticket_id, Event.complaint_id, Event.window_id,
         Event.staff_id, Event.payload)


def _view(r: Any) -> EventView:
    return EventView(r.id, r.uuid, r.at, r.type, r.ticket_id, r.complaint_id, r.window_id, r.staff_id,
                     dict(r.payload or {}))


@dataclass
class FeedCursor:
    """Where a reader of the change feed stands (one per screen process or display)."""

    last_id: int = 0  # SQLite: the last event id read
    xmax: int = 0  # PostgreSQL: the snapshot of the last read
    xip: tuple[int, ...] = field(default_factory=tuple)


# PostgreSQL: the statement's snapshot (READ COMMITTED takes one per
# statement; pg_current_snapshot() is that snapshot), as a cursor's columns.
_PG_SNAPSHOT = ("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax, "
                "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS xip")


def pg_events_since(columns: str, tail: str = "ORDER BY e.id") -> Any:
    """One statement: the snapshot (``xmax``, ``xip``) and ``columns`` of the
    events ``e`` it sees that the cursor's snapshot (``:xmax``, ``:xip``) did
    not; one row of NULL events when there are none."""
    return text(f"""
        SELECT snap.xmax, snap.xip, {columns}
        FROM ({_PG_SNAPSHOT}) AS snap
        LEFT JOIN events AS e ON e.txid >= :xmax OR e.txid = ANY(:xip)
        {tail}
    """).bindparams(bindparam("xmax", type_=BIGINT), bindparam("xip", type_=ARRAY(BIGINT)))


_PG_FEED = pg_events_since("e.id, e.uuid, e.at, e.type, e.ticket_id, e.complaint_id, e.window_id, e.staff_id, "
                           "e.payload")


def pg_cursor(row: Any) -> FeedCursor:
    """The cursor of a row that carries a snapshot's ``xmax`` and ``xip``."""
    return FeedCursor(xmax=int(row.xmax), xip=tuple(int(x) for x in row.xip or ()))


def cursor_in(s: Session) -> FeedCursor:
    """A cursor after everything ``s``'s reads see now."""
    if s.get_bind().dialect.name == "postgresql":
        return pg_cursor(s.execute(text(_PG_SNAPSHOT)).one())
    return FeedCursor(last_id=int(s.scalar(select(func.max(Event.id))) or 0))


def start_cursor(db: Database) -> FeedCursor:
    """A cursor after everything committed now (screens load their own state first)."""
    with db.read() as s:
        return cursor_in(s)


def read_new(db: Database, cursor: FeedCursor, *, limit: int = 1000) -> tuple[list[EventView], FeedCursor]:
    """The events committed since ``cursor``, in commit order, and the cursor after them."""
    with db.read() as s:
        if db.is_sqlite:
            rows = s.execute(select(*_COLS).where(Event.id > cursor.last_id).order_by(Event.id).limit(limit)).all()
            events = [_view(r) for r in rows]
            return events, FeedCursor(last_id=events[-1].id if events else cursor.last_id)
        rows = s.execute(_PG_FEED, {"xmax": cursor.xmax, "xip": list(cursor.xip)}).all()
    events = [_view(r) for r in rows if r.id is not None]
    return events, pg_cursor(rows[0])


def final_events(s: Session, after: tuple[int, int], limit: int) -> list[Any]:
    """Outbox rows after the cursor ``(txid, id)`` that no running transaction
    can still precede (sync push). SQLite: by id, ``after[0]`` unused."""
    t = Event.__table__
    q = select(t)
    if s.get_bind().dialect.name == "postgresql":
        horizon = text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        txid, last = after
        q = q.where(t.c.txid < horizon, (t.c.txid > txid) | ((t.c.txid == txid) & (t.c.id > last)))
        q = q.order_by(t.c.txid, t.c.id)
    else:
        q = q.where(t.c.id > after[1]).order_by(t.c.id)
    return list(s.execute(q.limit(limit)))


def events_after(s: Session, after: tuple[int, int]) -> Any:
    """A count query of the outbox rows after ``(txid, id)`` (the backlog)."""
    t = Event.__table__
    q = select(func.count()).select_from(t)
    if s.get_bind().dialect.name == "postgresql":
        txid, last = after
        return q.where((t.c.txid > txid) | ((t.c.txid == txid) & (t.c.id > last)))
    return q.where(t.c.id > after[1])


def last_event_id(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.max(Event.id))) or 0)


def events_since(db: Database, last_id: int, *, limit: int = 500) -> list[EventView]:
    """Events by id after ``last_id`` (the audit trail, tests): NOT the change
    feed, which must use ``read_new`` to be exact on PostgreSQL."""
    with db.read() as s:
        rows = s.execute(select(*_COLS).where(Event.id > last_id).order_by(Event.id).limit(limit)).all()
        return [_view(r) for r in rows]
