"""The change feed: new rows of the event log, read by id > last seen.

Every window (and every process or PC on the same database) polls this, so
screens stay in step without any server of our own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

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


def last_event_id(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.max(Event.id))) or 0)


def events_since(db: Database, last_id: int, *, limit: int = 500) -> list[EventView]:
    with db.read() as s:
        rows = s.scalars(select(Event).where(Event.id > last_id).order_by(Event.id).limit(limit))
        return [
            EventView(e.id, e.uuid, e.at, e.type, e.ticket_id, e.complaint_id, e.window_id, e.staff_id,
                      dict(e.payload or {}))
            for e in rows
        ]
