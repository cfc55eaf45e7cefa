"""Today's waiting tickets as the wait estimate reads them, kept per process.

The estimate needs everyone waiting (app/queue/estimate.py replays their
calls). Read afresh, that is a read that grows with the queue: 1,000 waiting
tickets cost about 1.5 ms on every issue. So each process keeps them
(``Database.memo``) and brings them up to date from the event log: every
change of a ticket writes one event naming it (one transaction, one event),
so a read takes the events committed since the last read, by the change
feed's rule (SQLite: ids, which are commit order; PostgreSQL: transaction
snapshots, app/store/feed.py), and reads again only the tickets they name.

Everything is read again at a day's first read, when the time runs
backwards, when the log was replaced (a restored file: its last event is
older than the last one read), when more changed than MAX_CHANGES, and at
least every FULL_EVERY: whatever a change without an event could have left
behind lasts minutes, never the day.

The tickets are kept lined up as well (``Queues``, as the policy reads them),
changed ticket by ticket, so an estimate copies its lines instead of sorting
the whole queue again (``waiting_lined``).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from app.queue.day import Moment
from app.queue.policy import Candidate, Queues
from app.store.engine import Database
from app.store.feed import FeedCursor, cursor_in, pg_cursor, pg_events_since
from app.store.lean import ByIds, Lean
from app.store.models import WAITING_SQL, Event, Ticket

FULL_EVERY = dt.timedelta(minutes=5)
MAX_CHANGES = 200  # tickets changed since the last read beyond which one full read is cheaper
WAITING = ("waiting", "transferred")

_T, _E = Ticket.__table__, Event.__table__
_COLUMNS = (_T.c.id, _T.c.service_id, _T.c.priority, _T.c.queued_at, _T.c.target_window_id, _T.c.appointment_at)
# Through the partial index of the waiting (its statuses written literally).
_ALL_WAITING = Lean(select(*_COLUMNS).where(
    text(WAITING_SQL), _T.c.business_date == bindparam("day", type_=_T.c.business_date.type)))
_SOME = ByIds(select(*_COLUMNS, _T.c.status, _T.c.business_date), _T.c.id, 8)
_LAST_ID = Lean(select(func.max(_E.c.id)))
_SQLITE_CHANGES = Lean(select(_E.c.id, _E.c.ticket_id).where(_E.c.id > bindparam("last"))
                       .order_by(_E.c.id).limit(MAX_CHANGES + 1))
# The events that became visible since the cursor's snapshot, with the new snapshot (one statement).
_PG_CHANGES = pg_events_since("e.ticket_id", "LIMIT :most")

_KEY, _LOCK = "waiting_tickets", "waiting_tickets_lock"


@dataclass
class _Kept:
    day: dt.date
    read_at: dt.datetime  # the moment of the last full read
    cursor: FeedCursor
    tickets: dict[int, Candidate]
    lined: Queues  # the same tickets in their lines
    # No kept ticket queued later than this (it may be later than the latest
    # one still kept: a departure does not lower it).
    latest: dt.datetime | None = None


def waiting_lined(db: Database, s: Session, m: Moment, *,
                  postpone: bool = False) -> tuple[tuple[Candidate, ...], Queues | None]:
    """Today's waiting tickets queued by ``m.now``, as one read of them in
    ``s`` would give (in no particular order), and the same tickets lined up
    (a copy of the kept lines, the caller's own), or None when some kept
    ticket queues after ``m.now`` (a replay of earlier times: the caller
    lines up those it was given).

    ``postpone``: the caller reads something else slow this time (the
    estimate's minute refresh), so a full read due only by FULL_EVERY waits
    while that lasts, at most until 2 x FULL_EVERY: in a busy branch the two
    no longer land on the same customer's ticket; in a quiet one (less than
    an estimate a minute, the refresh due every time) they still may."""
    with db.memo.setdefault(_LOCK, threading.Lock()):  # one per database (setdefault: atomic)
        kept = db.memo.get(_KEY)
        limit = FULL_EVERY * 2 if postpone else FULL_EVERY
        if (not isinstance(kept, _Kept) or kept.day != m.day
                or not dt.timedelta(0) <= m.now - kept.read_at < limit or not _catch_up(s, kept)):
            kept = db.memo[_KEY] = _full(s, m)
        now = m.now
        if kept.latest is not None and kept.latest <= now:  # the usual case: nobody queues after now
            return tuple(kept.tickets.values()), kept.lined.copy()
        found = tuple(c for c in kept.tickets.values() if c.queued_at <= now)
        if len(found) == len(kept.tickets):
            kept.latest = max((c.queued_at for c in found), default=None)
            return found, kept.lined.copy()
        return found, None


def _full(s: Session, m: Moment) -> _Kept:
    cursor = cursor_in(s)  # before the rows: a change in between is read again next time (no harm)
    rows = _ALL_WAITING.tuples(s, {"day": m.day})
    tickets = {r[0]: Candidate(*r) for r in rows}
    return _Kept(m.day, m.now, cursor, tickets, Queues(tickets.values()),
                 max((c.queued_at for c in tickets.values()), default=None))


def _catch_up(s: Session, kept: _Kept) -> bool:
    """Bring ``kept`` up to date; False when a full read is due instead."""
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(_PG_CHANGES, {"xmax": kept.cursor.xmax, "xip": list(kept.cursor.xip),
                                          "most": MAX_CHANGES + 2}).all()
        if len(rows) > MAX_CHANGES:
            return False
        cursor = pg_cursor(rows[0])
        changed = {r.ticket_id for r in rows if r.ticket_id is not None}
    else:
        last = int(_LAST_ID.tuples(conn)[0][0] or 0)
        if last < kept.cursor.last_id:  # another log than the one read (a restored file)
            return False
        if last == kept.cursor.last_id:
            return True
        rows = _SQLITE_CHANGES.tuples(conn, {"last": kept.cursor.last_id})
        if len(rows) > MAX_CHANGES:
            return False
        cursor = FeedCursor(last_id=last)
        changed = {tid for _id, tid in rows if tid is not None}
    ids = sorted(changed)
    found = {r[0]: r for r in _SOME.tuples(conn, ids)}
    for tid in ids:
        r = found.get(tid)
        new = Candidate(*r[:6]) if r is not None and r[6] in WAITING and r[7] == kept.day else None
        old = kept.tickets.get(tid)
        if old == new:
            continue
        if old is not None:
            kept.lined.remove(old)
        if new is None:
            del kept.tickets[tid]
        else:
            kept.tickets[tid] = new
            kept.lined.add(new)
            if kept.latest is None or new.queued_at > kept.latest:
                kept.latest = new.queued_at
    kept.cursor = cursor
    return True
