"""The business day: its moment, its opening, its closing.

A day opens with its first action and closes once:
- by the manager (``close_day``: the end-of-day button, ``branchdesk end-of-day``);
- by itself, ``day.auto_close_delay_min`` after closing time (``auto_close_due``,
  which every running app and ``branchdesk report end-of-day`` check);
- in any case before the first action of a later business day: every write
  service function begins with ``begin``, which closes whatever an earlier
  day left open, so the next morning always starts clean.

Closing expires what still waits or was called (outcome ``day_closed``),
finishes what is being served as served (settled question 8: outcome
``day_closed``, left out of service-time figures), and closes every window.
The final report is written afterwards by the caller (app/reports/endofday.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from app.clock import db_now, to_branch_time
from app.events import EventType
from app.settings import BranchSettings
from app.store.base import new_uuid
from app.store.engine import Database
from app.store.events import record_event
from app.store.lean import Lean
from app.store.models import BusinessDay, Event, Ticket, Window

ACTIVE = ("waiting", "transferred", "called", "serving")
OPEN_AT_CLOSE = ("waiting", "transferred", "called")
DAY_CLOSED_OUTCOME = "day_closed"
_PG_DAY_LOCK = 0x42D35D  # advisory lock: one PC closes a day, the others wait and see it closed
_SETTING_KEYS = (
    "branch.timezone", "branch.closing_time", "day.last_ticket_time", "day.auto_close_delay_min",
    "window.leave_state", "window.leave_rule", "window.unattended_after_min",
    "queue.priority_ratio", "queue.promote_after_min",
)


_SETTINGS = Lean(text("SELECT key, value FROM settings WHERE key IN ({})".format(
    ", ".join(f"'{k}'" for k in _SETTING_KEYS))))
_parsed: dict[tuple[object, ...], BranchSettings] = {}


def settings_in(s: Session) -> BranchSettings:
    """The branch settings the core needs, read in ``s``'s transaction (one query).

    Called by every write, so the stored text is read with one plain statement
    and its typed view kept per distinct text: a change by any PC is seen at
    once (the read is the check), and an unchanged one costs no parsing."""
    conn = s.connection()
    raw = _SETTINGS.tuples(conn)
    # SQLite hands over the stored JSON text (numbers as numbers: the column's
    # affinity), PostgreSQL's driver the decoded value.
    text_json = conn.dialect.name == "sqlite"
    rows = (text_json, *sorted((k, repr(v)) for k, v in raw))
    found = _parsed.get(rows)
    if found is None:
        found = BranchSettings.from_values({
            k: json.loads(v) if text_json and isinstance(v, str) else v for k, v in raw if v is not None})
        if len(_parsed) > 64:  # a few versions live at once (tests, several databases)
            _parsed.clear()
        _parsed[rows] = found
    return found


@dataclass(frozen=True)
class Moment:
    """When an action happens: the time, its business date and the branch settings."""

    now: dt.datetime
    day: dt.date
    settings: BranchSettings
    explicit: bool  # the caller gave the time (checked to run forward per ticket)


def moment(s: Session, now: dt.datetime | None) -> Moment:
    """Resolve ``now``: as given (converted to branch time if aware), else the database's clock."""
    cfg = settings_in(s)
    if now is None:
        at = db_now(s, cfg.timezone)
    else:
        at = to_branch_time(now, cfg.timezone)
    return Moment(at, at.date(), cfg, now is not None)


def begin(db: Database, s: Session, now: dt.datetime | None) -> Moment:
    """The start of every write service function: its moment, with every
    earlier business day closed and this one opened."""
    m = moment(s, now)
    ensure_day(db, s, m)
    return m


def ensure_day(db: Database, s: Session, m: Moment) -> None:
    """Close every earlier day left open, then open ``m.day`` (once per process per day)."""
    if db.memo.get("day_ready") == m.day:
        return
    lock_days(s)
    for day in _open_days_before(s, m.day):
        at = min(m.now, m.settings.closes_at(day))
        close_in(s, day, how="next_day", at=at, staff_id=None)
    if s.get(BusinessDay, m.day) is None:
        s.add(BusinessDay(business_date=m.day, opened_at=m.now, expired=0, served_at_close=0))
        record_event(s, EventType.DAY_OPENED, m.now, payload={"business_date": m.day.isoformat()})
    s.info.setdefault("on_commit", []).append(lambda: db.memo.__setitem__("day_ready", m.day))


def lock_days(s: Session) -> None:
    """Serialise opening and closing days between PCs (SQLite writes already are)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_DAY_LOCK})


def _open_days_before(s: Session, day: dt.date) -> list[dt.date]:
    rows = set(s.scalars(select(BusinessDay.business_date).where(
        BusinessDay.closed_at.is_(None), BusinessDay.business_date < day)))
    rows |= set(s.scalars(select(Ticket.business_date).where(
        Ticket.status.in_(ACTIVE), Ticket.business_date < day).distinct()))
    return sorted(rows)


@dataclass(frozen=True)
class ClosedDay:
    business_date: dt.date
    closed_at: dt.datetime
    how: str
    expired: int
    served_at_close: int
    windows_closed: tuple[int, ...]


def close_in(s: Session, day: dt.date, *, how: str, at: dt.datetime, staff_id: int | None) -> ClosedDay:
    """Close ``day`` inside ``s``'s transaction at time ``at`` (bulk statements:
    a day of thousands of tickets closes in well under a second)."""
    t = Ticket.__table__
    rows = s.execute(
        select(t.c.id, t.c.number, t.c.status, t.c.window_id, t.c.issued_at, t.c.queued_at,
               t.c.called_at, t.c.started_at, t.c.transferred_at)
        .where(t.c.business_date == day, t.c.status.in_(ACTIVE))
    ).all()
    changes, events = [], []
    expired = served = 0
    for r in rows:
        last = max(x for x in (r.issued_at, r.queued_at, r.called_at, r.started_at, r.transferred_at) if x)
        finished = max(at, last)
        serving = r.status == "serving"
        served += serving
        expired += not serving
        changes.append({"b_id": r.id, "b_status": "done" if serving else "expired", "b_fin": finished})
        events.append({
            "uuid": new_uuid(), "at": finished,
            "type": (EventType.TICKET_FINISHED if serving else EventType.TICKET_EXPIRED).value,
            "ticket_id": r.id, "window_id": r.window_id, "staff_id": staff_id, "complaint_id": None,
            "payload": {"number": r.number, "outcome": DAY_CLOSED_OUTCOME, "was": r.status},
        })
    if changes:
        s.execute(
            update(t).where(t.c.id == bindparam("b_id")).values(
                status=bindparam("b_status"), finished_at=bindparam("b_fin"), outcome=DAY_CLOSED_OUTCOME,
                version=t.c.version + 1),
            changes,
        )
    w = Window.__table__
    open_windows = s.execute(select(w.c.id, w.c.number).where(w.c.state != "closed")).all()
    if open_windows:
        s.execute(update(w).where(w.c.state != "closed").values(
            state="closed", staff_id=None, current_ticket_id=None, priority_streak=0, pause_reason=None,
            holder=None, heartbeat_at=None))
        events += [{
            "uuid": new_uuid(), "at": at, "type": EventType.WINDOW_CLOSED.value, "ticket_id": None,
            "window_id": wid, "staff_id": staff_id, "complaint_id": None,
            "payload": {"window": number, "reason": DAY_CLOSED_OUTCOME},
        } for wid, number in open_windows]
    else:
        s.execute(update(w).where(w.c.current_ticket_id.is_not(None)).values(current_ticket_id=None))
    if events:
        s.execute(insert(Event.__table__), events)
    row = s.get(BusinessDay, day)
    if row is None:
        row = BusinessDay(business_date=day, opened_at=min((r.issued_at for r in rows), default=at),
                          expired=0, served_at_close=0)
        s.add(row)
    row.closed_at, row.closed_how, row.closed_by = at, how, staff_id
    row.expired = (row.expired or 0) + expired
    row.served_at_close = (row.served_at_close or 0) + served
    windows = tuple(sorted(n for _, n in open_windows))
    record_event(s, EventType.DAY_CLOSED, at, staff_id=staff_id, payload={
        "business_date": day.isoformat(), "how": how, "expired": expired, "served_at_close": served,
        "windows_closed": list(windows), "numbers": [r.number for r in rows][:500],
    })
    return ClosedDay(day, at, how, expired, served, windows)


def open_work(s: Session, day: dt.date) -> bool:
    """Whether ``day`` still has tickets in the queue or windows open."""
    t, w = Ticket.__table__, Window.__table__
    if s.execute(select(t.c.id).where(t.c.business_date == day, t.c.status.in_(ACTIVE)).limit(1)).first():
        return True
    return s.execute(select(w.c.id).where(w.c.state != "closed").limit(1)).first() is not None


@dataclass(frozen=True)
class DayState:
    business_date: dt.date
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    closed_how: str | None
    open_tickets: int  # waiting, called or being served now
    closes_at: dt.datetime  # when it closes itself

    @property
    def final(self) -> bool:
        """Closed, with nothing of the day still in the queue: its report is final."""
        return self.closed_at is not None and self.open_tickets == 0


def day_state(db: Database, day: dt.date) -> DayState:
    from sqlalchemy import func

    with db.read() as s:
        cfg = settings_in(s)
        row = s.get(BusinessDay, day)
        n = s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.business_date == day, Ticket.status.in_(ACTIVE))) or 0
        return DayState(day, row.opened_at if row else None, row.closed_at if row else None,
                        row.closed_how if row else None, int(n), cfg.closes_at(day))
