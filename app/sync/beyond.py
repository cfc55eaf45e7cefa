"""Two more steps of each sync round, for the head-office phone page and
head office's appointments (head-office schema hq0002):

- ``push_live``: today's tickets as the branch sees them now (state, window,
  people ahead, wait and its range, the ticket's own definitions) with the
  hash of each phone link, upserted into ``hq_ticket_live``. Tickets still in
  the queue every round; others once: the round after they were issued, and
  all of the day's in a process's first round (a branch back after a morning
  offline: the links of tickets served meanwhile open at head office too). No
  personal data, no free text: number, service code and figures only
  (settled question 9); head office names branches and services itself.
- ``pull_appointments``: the bookings head office holds for this branch,
  newer than the last ones pulled, imported by their reference.

A head office not yet upgraded to hq0002 skips both (said once in the log);
the event push is never held up by them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import psycopg
from sqlalchemy import or_, select, true

from app.clock import zone
from app.queue.day import ACTIVE, moment
from app.store.engine import Database
from app.store.models import Service, Ticket, Window
from app.sync.state import state_row
from app.web.links import link_key, make_token, token_hash

log = logging.getLogger("branchdesk.sync")
LIVE_COLUMNS = ("ticket_uuid", "token_hash", "business_date", "number", "status", "window_number", "service_code",
                "people_ahead", "wait_min", "low_min", "high_min", "note", "computed_at", "expires_at", "timezone",
                "interval_s")
_MISSING = (psycopg.errors.UndefinedTable, psycopg.errors.InsufficientPrivilege)


def live_rows(db: Database, *, since: dt.datetime | None, interval_s: float,
              now: dt.datetime | None = None) -> tuple[list[dict[str, Any]], dt.datetime]:
    """Rows for ``hq_ticket_live``: today's tickets in the queue, and those issued
    since ``since`` (the previous round; None: all of today's); returns them and
    this round's time."""
    from app.queue.estimate import estimate
    from app.queue.snapshot import queue_snapshot

    key = link_key(db)
    with db.read() as s:
        m = moment(s, now)
        wanted = or_(Ticket.status.in_(ACTIVE), Ticket.issued_at >= since) if since is not None else true()
        rows = s.execute(
            select(Ticket.id, Ticket.uuid, Ticket.number, Ticket.status, Ticket.service_id, Ticket.priority,
                   Ticket.queued_at, Ticket.target_window_id, Ticket.appointment_at, Ticket.business_date,
                   Service.code, Window.number.label("window"))
            .join(Service, Service.id == Ticket.service_id).outerjoin(Window, Window.id == Ticket.window_id)
            .where(Ticket.business_date == m.day, wanted)
        ).all()
    tz = m.settings.timezone
    local = zone(tz)
    computed = m.now.replace(tzinfo=local)
    expires = dt.datetime.combine(m.day + dt.timedelta(days=1), dt.time()).replace(tzinfo=local)
    snap = queue_snapshot(db, now) if any(r.status in ("waiting", "transferred") for r in rows) else None
    out = []
    for r in rows:
        figures: tuple[Any, ...] = (None, None, None, None, None)
        if snap is not None and r.status in ("waiting", "transferred"):
            est = estimate(snap, service_id=r.service_id, priority=r.priority, ticket_id=r.id,
                           queued_at=r.queued_at, target_window_id=r.target_window_id,
                           appointment_at=r.appointment_at)
            figures = (est.people_ahead, est.minutes, est.low, est.high, est.note)
        out.append(dict(zip(LIVE_COLUMNS, (
            r.uuid, token_hash(make_token(key, r.uuid)), r.business_date.isoformat(), r.number, r.status,
            r.window, r.code, *figures, computed.isoformat(), expires.isoformat(), tz, int(interval_s)))))
    return out, m.now


def push_live(conn: psycopg.Connection, branch_code: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = ", ".join(("branch_code", *LIVE_COLUMNS))
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in LIVE_COLUMNS if c != "ticket_uuid") + ", received_at = now()"
    doc = json.dumps([{"branch_code": branch_code, **r} for r in rows], ensure_ascii=False, allow_nan=False)
    with conn.transaction():
        conn.execute(f"INSERT INTO hq_ticket_live ({cols}) SELECT {cols} FROM "
                     f"jsonb_populate_recordset(NULL::hq_ticket_live, %s::jsonb) "
                     f"ON CONFLICT (ticket_uuid) DO UPDATE SET {sets}", (doc,))


def pull_appointments(conn: psycopg.Connection, db: Database, *, now: dt.datetime | None = None) -> int:
    """Import the bookings head office changed since the last pull; returns how many were read."""
    from app.appointments.importing import Booking, import_appointments
    from app.staff.roles import SYSTEM

    with db.read() as s:
        after = int((state_row_read(s) or {}).get("appointments") or 0)
    rows = conn.execute("SELECT reference, service_code, slot_at, customer_name, customer_phone, status, version "
                        "FROM hq_appointments WHERE version > %s ORDER BY version LIMIT 5000", (after,)).fetchall()
    if not rows:
        return 0
    bookings = [Booking(i, ref, code, slot, name, phone, status == "cancelled")
                for i, (ref, code, slot, name, phone, status, _v) in enumerate(rows, start=1)]
    result = import_appointments(db, bookings, source="head_office", actor=SYSTEM, now=now)
    for line, problem in result.problems:
        log.warning("head office's booking not imported: %s", problem)
    with db.write() as s:
        row = state_row(s)
        row.pulled_versions = {**(row.pulled_versions or {}), "appointments": int(rows[-1][6])}
    return len(rows)


def state_row_read(s: Any) -> dict[str, Any] | None:
    from app.store.models_sync import SyncState

    row = s.get(SyncState, 1)
    return dict(row.pulled_versions or {}) if row is not None else None


def round_extras(conn: psycopg.Connection, db: Database, branch_code: str, interval_s: float, *,
                 now: dt.datetime | None = None) -> None:
    """Both steps, after the events are pushed (see the module docstring); ``now``:
    a given time (tests, replays), else the database's clock."""
    memo_key = "sync_live_since"
    try:
        since = db.memo.get(memo_key)
        rows, at = live_rows(db, since=since, interval_s=interval_s, now=now)  # type: ignore[arg-type]
        push_live(conn, branch_code, rows)
        db.memo[memo_key] = at - dt.timedelta(seconds=5)
        pull_appointments(conn, db, now=now)
    except _MISSING as exc:
        if not db.memo.get("sync_live_missing"):
            db.memo["sync_live_missing"] = True
            log.warning("head office has no phone-page or appointment tables yet (run 'branchdesk hq init' "
                        "there): %s", exc.__class__.__name__)
