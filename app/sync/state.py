"""Reading and saving the branch-side sync state row (models_sync.SyncState)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.store.engine import Database
from app.store.models_sync import SyncState

_ROW = 1


def state_row(s: Session) -> SyncState:
    """The single state row, created on first use."""
    row = s.get(SyncState, _ROW)
    if row is None:
        row = SyncState(id=_ROW, cursor_event_id=0, cursor_txid=0, pushed_events=0, failures=0, pulled_versions={})
        s.add(row)
        s.flush()
    return row


def read_cursor(db: Database) -> int:
    with db.read() as s:
        row = s.get(SyncState, _ROW)
        return row.cursor_event_id if row is not None else 0


def save_pushed(db: Database, last: tuple[int, int], count: int, now: dt.datetime) -> None:
    """Head office has the events up to the cursor ``last`` = (txid, id): move on.

    Never backwards: a slower, concurrent pusher cannot undo a faster one.
    """
    with db.write() as s:
        row = state_row(s)
        if last > (row.cursor_txid or 0, row.cursor_event_id):
            row.cursor_txid, row.cursor_event_id = last
            row.pushed_events += count
        row.last_attempt_at = now


def save_success(db: Database, now: dt.datetime) -> None:
    with db.write() as s:
        row = state_row(s)
        row.last_attempt_at = row.last_success_at = now
        row.last_error = None
        row.failures = 0


def save_failure(db: Database, message: str, now: dt.datetime) -> int:
    """Record the failure (one sentence); returns failures in a row."""
    with db.write() as s:
        row = state_row(s)
        row.last_attempt_at = row.last_error_at = now
        row.last_error = message[:300]
        row.failures += 1
        return row.failures
