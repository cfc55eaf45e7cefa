"""The rows the reports read: SQL for the rows, Python (stats.py) for the maths.

Durations are computed by the database (``seconds_between``) so a year of
tickets streams as small numeric tuples instead of millions of parsed
datetimes. Reads run in ``db.read()`` snapshots and never take the write lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Float, String, and_, cast, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from app.reports.stats import transfer_waits
from app.store.models import Event, Service, Setting, Staff, Ticket, Window

STREAM_BATCH = 20_000


def seconds_between(dialect: str, start: Any, end: Any) -> ColumnElement[float]:
    """``end - start`` in seconds, in SQL (NULL when either is NULL)."""
    if dialect == "postgresql":  # exact: interval -> numeric seconds
        return cast(func.extract("epoch", end - start), Float)
    # julianday arithmetic carries ~1e-5 s of float noise; milliseconds are plenty
    # (and keep "at or under the target" exact at the boundary).
    return func.round((func.julianday(end) - func.julianday(start)) * literal(86400.0), 3)


def _duration_columns(dialect: str) -> tuple[ColumnElement[float], ColumnElement[float]]:
    wait = seconds_between(dialect, Ticket.issued_at, Ticket.first_called_at)
    service = seconds_between(dialect, func.coalesce(Ticket.started_at, Ticket.called_at), Ticket.finished_at)
    return wait.label("wait_s"), service.label("service_s")


def day_rows(s: Session, day: dt.date) -> list[dict[str, Any]]:
    """Every ticket of one business day with its durations (one query)."""
    dialect = s.get_bind().dialect.name
    wait, service = _duration_columns(dialect)
    orig = aliased(Service)
    q = (
        select(
            Ticket.id, Ticket.number, Ticket.status, Ticket.issued_at, Ticket.first_called_at,
            Ticket.finished_at, Ticket.transfer_count, Ticket.rating, Ticket.window_id, Ticket.staff_id,
            orig.code.label("service_code"), orig.target_wait_min, wait, service,
        )
        .join(orig, orig.id == Ticket.original_service_id)
        .where(Ticket.business_date == day)
        .order_by(Ticket.id)
    )
    return [dict(r) for r in s.execute(q).mappings()]


def range_rows(s: Session, start: dt.date, end: dt.date) -> Iterator[tuple]:
    """Tickets of ``start..end`` ordered by business day, streamed in batches.

    Yields ``(business_date, id, status, wait_s, service_s, target_min, rating, transfer_count)``;
    the day comes as the database gives it (text on SQLite, a date on PostgreSQL):
    parsing 750,000 dates costs more than comparing them.
    """
    dialect = s.get_bind().dialect.name
    wait, service = _duration_columns(dialect)
    q = (
        select(
            type_coerce(Ticket.business_date, String), Ticket.id, Ticket.status, wait, service,
            Service.target_wait_min,
            Ticket.rating, Ticket.transfer_count,
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
