"""Appending to the event log: one row per state change, same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, insert
from sqlalchemy.orm import Session

from app.events import EventType
from app.store.base import new_uuid
from app.store.lean import Lean
from app.store.models import Event

_COLUMNS = ("uuid", "at", "type", "ticket_id", "complaint_id", "window_id", "staff_id", "payload")
# One statement for one event, one for two (a keypad's Next: the finish's and
# the call's), run on the driver's cursor (app/store/lean.py).
_E = Event.__table__
_INSERTS = {n: Lean(insert(_E).values([{c: bindparam(f"{c}_{i}", type_=_E.c[c].type) for c in _COLUMNS}
                                        for i in range(n)])) for n in (1, 2)}


def event_row(
    type_: EventType,
    now: dt.datetime,
    *,
    ticket_id: int | None = None,
    complaint_id: int | None = None,
    window_id: int | None = None,
    staff_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One event's row, of a catalogued type (app/events.py), for ``record_events``."""
    if not isinstance(type_, EventType):
        raise TypeError(f"event type {type_!r} is not in the catalogue (app/events.py)")
    return {"uuid": new_uuid(), "at": now, "type": type_.value, "ticket_id": ticket_id,
            "complaint_id": complaint_id, "window_id": window_id, "staff_id": staff_id, "payload": payload or {}}


def record_event(session: Session, type_: EventType, now: dt.datetime, **fields: Any) -> None:
    """Append one event of a catalogued type (app/events.py), in ``session``'s transaction.

    Rows the session still holds are written first (an event may name the
    ticket just added); the event itself is one plain INSERT."""
    record_events(session, [event_row(type_, now, **fields)])


def record_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append events (``event_row``), in this order, in one statement."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    for at in range(0, len(rows), 2):
        part = rows[at:at + 2]
        _INSERTS[len(part)].run(session, {f"{c}_{i}": row[c] for i, row in enumerate(part) for c in _COLUMNS}).close()
