"""The rows the reports read: SQL for the rows, Python (stats.py) for the maths.

Durations are computed by the database (``seconds_between``) so a year of
tickets streams as small numeric tuples instead of millions of parsed
datetimes. Reads run in ``db.read()`` snapshots and never take the write lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from dataclasses import dataclass

from sqlalchemy import String, and_, case, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from app.events import EventType as E
from app.reports.stats import ARTIFICIAL_ENDS, transfer_waits
from app.store.models import Event, Service, Setting, Staff, Ticket, Window
from app.store.sqltime import seconds_between  # noqa: F401 (re-exported: app/reports/staffing.py)

STREAM_BATCH = 20_000


def _duration_columns(dialect: str, now: dt.datetime) -> tuple[ColumnElement[float], ...]:
    """Wait (issue to first call), service time of the last visit (None after an
    artificial end), and for the never called: issue to leaving, or to ``now``."""
    wait = seconds_between(dialect, Ticket.issued_at, Ticket.first_called_at)
    service = case((Ticket.outcome.in_(tuple(ARTIFICIAL_ENDS)), None),
                   else_=seconds_between(dialect, func.coalesce(Ticket.started_at, Ticket.called_at),
                                         Ticket.finished_at))
    left = case((Ticket.first_called_at.is_not(None), None),
                else_=seconds_between(dialect, Ticket.issued_at,
                                      func.coalesce(Ticket.finished_at, literal(now, type_=Ticket.issued_at.type))))
    return wait.label("wait_s"), service.label("service_s"), left.label("left_s")


def day_rows(s: Session, day: dt.date, now: dt.datetime) -> list[dict[str, Any]]:
    """Every ticket of one business day with its durations (one query)."""
    dialect = s.get_bind().dialect.name
    wait, service, left = _duration_columns(dialect, now)
    orig = aliased(Service)
    q = (
        select(
            Ticket.id, Ticket.number, Ticket.status, Ticket.issued_at, Ticket.first_called_at,
            Ticket.finished_at, Ticket.transfer_count, Ticket.rating, Ticket.window_id, Ticket.staff_id,
            Ticket.outcome, orig.code.label("service_code"), orig.target_wait_min, wait, service, left,
        )
        .join(orig, orig.id == Ticket.original_service_id)
        .where(Ticket.business_date == day)
        .order_by(Ticket.id)
    )
    return [dict(r) for r in s.execute(q).mappings()]


def range_rows(s: Session, start: dt.date, end: dt.date, now: dt.datetime) -> Iterator[tuple]:
    """Tickets of ``start..end`` ordered by business day, streamed in batches.

    Yields ``(business_date, id, status, wait_s, service_s, target_min, rating, transfer_count, left_s)``;
    the day comes as the database gives it (text on SQLite, a date on PostgreSQL):
    parsing 750,000 dates costs more than comparing them.
    """
    dialect = s.get_bind().dialect.name
    wait, service, left = _duration_columns(dialect, now)
    q = (
        select(
            type_coerce(Ticket.business_date, String), Ticket.id, Ticket.status, wait, service,
            Service.target_wait_min,
            Ticket.rating, Ticket.transfer_count, left,
        )
        .join(Service, Service.id == Ticket.original_service_id)
        .where(Ticket.business_date >= start, Ticket.business_date <= end)
        .order_by(Ticket.business_date)
    )
    # Core rows straight from the connection: no ORM row processing for 750,000 rows.
    result = s.connection().execute(q.execution_options(yield_per=STREAM_BATCH))
    for batch in result.partitions():
        yield from batch


def second_waits(s: Session, start: dt.date, end: dt.date) -> dict[int, list[float]]:
    """Transfer waits (seconds) per ticket id for tickets of ``start..end``."""
    q = (
        select(Event.ticket_id, Event.type, Event.at)
        .join(Ticket, Ticket.id == Event.ticket_id)
        .where(
            and_(Ticket.business_date >= start, Ticket.business_date <= end, Ticket.transfer_count > 0),
            Event.type.in_(("TicketTransferred", "TicketCalled")),
        )
        .order_by(Event.ticket_id, Event.id)
    )
    return transfer_waits(s.execute(q).all())


@dataclass
class Visit:
    """One call of a ticket to a window, until it ended there."""

    window_id: int | None
    staff_id: int | None
    called_at: dt.datetime
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    end: str | None = None  # finished / transferred / no_show / left (requeued, cancelled, expired)
    outcome: str | None = None

    @property
    def service_s(self) -> float | None:
        """Time at the window serving (start, else the call, to finish or transfer)."""
        if self.end not in ("finished", "transferred") or self.ended_at is None or self.outcome in ARTIFICIAL_ENDS:
            return None
        return max(0.0, (self.ended_at - (self.started_at or self.called_at)).total_seconds())


_VISIT_EVENTS = (E.TICKET_CALLED, E.SERVICE_STARTED, E.TICKET_FINISHED, E.TICKET_TRANSFERRED, E.TICKET_NO_SHOW,
                 E.TICKET_REQUEUED, E.TICKET_CANCELLED, E.TICKET_EXPIRED)
_ENDS = {E.TICKET_FINISHED: "finished", E.TICKET_TRANSFERRED: "transferred", E.TICKET_NO_SHOW: "no_show",
         E.TICKET_REQUEUED: "left", E.TICKET_CANCELLED: "left", E.TICKET_EXPIRED: "left"}


def visits(s: Session, start: dt.date, end: dt.date, *, transferred_only: bool = False) -> dict[int, list[Visit]]:
    """Each ticket's visits to windows, from the event log (tickets of ``start..end``)."""
    cond = [Ticket.business_date >= start, Ticket.business_date <= end]
    if transferred_only:
        cond.append(Ticket.transfer_count > 0)
    q = (
        select(Event.ticket_id, Event.type, Event.at, Event.window_id, Event.staff_id, Event.payload)
        .join(Ticket, Ticket.id == Event.ticket_id)
        .where(and_(*cond), Event.type.in_([t.value for t in _VISIT_EVENTS]))
        .order_by(Event.ticket_id, Event.id)
    )
    out: dict[int, list[Visit]] = {}
    for tid, type_, at, window_id, staff_id, payload in s.execute(q):
        mine = out.setdefault(tid, [])
        open_visit = mine[-1] if mine and mine[-1].end is None else None
        if type_ == E.TICKET_CALLED:
            if open_visit is not None:  # called again without an end we saw: close it
                open_visit.end = "left"
            mine.append(Visit(window_id, staff_id, at))
        elif open_visit is None:
            continue
        elif type_ == E.SERVICE_STARTED:
            open_visit.started_at = at
        else:
            open_visit.end, open_visit.ended_at = _ENDS[E(type_)], at
            if type_ == E.TICKET_FINISHED:
                open_visit.outcome = (payload or {}).get("outcome")
    return out


def services(s: Session) -> list[Service]:
    return list(s.scalars(select(Service).order_by(Service.position, Service.code)))


def window_labels(s: Session) -> dict[int, tuple[int, str]]:
    return {w.id: (w.number, w.name) for w in s.scalars(select(Window))}


def staff_usernames(s: Session) -> dict[int, str]:
    return {sid: name for sid, name in s.execute(select(Staff.id, Staff.username))}


def setting_values(s: Session, *keys: str) -> dict[str, Any]:
    """``keys``' stored values, else their defaults (app/settings.py)."""
    from app.settings import SPECS

    values = {k: SPECS[k].default for k in keys if k in SPECS}
    values.update({row.key: row.value for row in s.scalars(select(Setting).where(Setting.key.in_(keys)))})
    return values


def first_business_date(s: Session) -> dt.date | None:
    return s.scalar(select(func.min(Ticket.business_date)))
