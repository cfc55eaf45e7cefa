"""Core tables: services, windows, staff, tickets, the event log, settings.

Times are the branch's local wall-clock time, stored naive (DESIGN: every
service function takes an explicit ``now``). Every row that head office
consolidates carries a ``uuid``; tickets carry a ``version`` that grows with
every change so upstream upserts can keep only the newest copy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Base, new_uuid


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)  # ticket prefix, e.g. "A"
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    target_wait_min: Mapped[int] = mapped_column(Integer, default=15)
    default_service_min: Mapped[int] = mapped_column(Integer, default=6)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    max_number: Mapped[int] = mapped_column(Integer, default=999)


class Window(Base):
    __tablename__ = "windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(16), default="closed")  # open/paused/closed
    pause_reason: Mapped[str | None] = mapped_column(String(200))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # No foreign key: windows and tickets would reference each other.
    current_ticket_id: Mapped[int | None] = mapped_column(Integer)
    # Priority calls made in a row while normal tickets were waiting
    # (the calling policy's anti-starvation counter).
    priority_streak: Mapped[int] = mapped_column(Integer, default=0)
    # The teller app holding the open window says so every few seconds
    # (app/queue/day.py heartbeat); silence longer than the branch's limit
    # means nobody is at it ("unattended").
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    holder: Mapped[str | None] = mapped_column(String(64))

    services: Mapped[list[WindowService]] = relationship(
        order_by="WindowService.position", cascade="all, delete-orphan"
    )


class WindowService(Base):
    __tablename__ = "window_services"

    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    service: Mapped[Service] = relationship()


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")  # comma-separated
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TicketCounter(Base):
    """Last sequence handed out per business day and prefix: never goes back."""

    __tablename__ = "ticket_counters"

    business_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


WAITING_SQL = "status IN ('waiting', 'transferred')"
MOVED_SQL = "service_id <> original_service_id"  # transferred to another service (a partial index's condition)
CALLED_SQL = "first_called_at IS NOT NULL"  # called at least once (a partial index's condition)
# A window opened, paused, resumed or closed (a partial index's condition:
# app/reports/timeline.py reads them by time, written literally as here).
WINDOW_EVENTS_SQL = "type IN ('WindowOpened', 'WindowPaused', 'WindowResumed', 'WindowClosed')"
# A line's order: when the ticket queued, or the slot of a checked-in
# appointment (app/queue/policy.py ``Candidate.order_at``).
LINE_ORDER_SQL = "coalesce(appointment_at, queued_at)"


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("business_date", "prefix", "seq", name="uq_tickets_day_prefix_seq"),
        # The calling query: waiting tickets of a service in queue order.
        Index("ix_tickets_queue", "status", "service_id", "queued_at"),
        # Wait estimates: recent finished tickets of a service.
        Index("ix_tickets_service_finished", "service_id", "finished_at", "called_at", "status", "outcome"),
        # Today's arrivals by when they came, per service and class, and the
        # tickets moved to another service by when they queued there: the
        # estimate's refresh reads them from the index alone (migration 0018).
        Index("ix_tickets_day_issued", "business_date", "issued_at", "original_service_id", "priority"),
        Index("ix_tickets_moved", "business_date", "queued_at", "service_id", "priority",
              sqlite_where=text(MOVED_SQL), postgresql_where=text(MOVED_SQL)),
        # Today's called tickets per service, by first call: the estimate's
        # self-correction reads each service's last few (migration 0019).
        Index("ix_tickets_day_called", "business_date", "service_id", "first_called_at",
              sqlite_where=text(CALLED_SQL), postgresql_where=text(CALLED_SQL)),
        # Today's tickets by status (calling, queue status); migration 0007.
        Index("ix_tickets_day_status", "business_date", "status", "service_id"),
        Index("ix_tickets_window_status", "window_id", "status"),
        Index("ix_tickets_phone_index", "phone_index"),
        # Numbering: is a number in use today, how many of a prefix are (migration 0017).
        Index("ix_tickets_day_prefix_status_number", "business_date", "prefix", "status", "number"),
        # The waiting tickets in queue order, per line and per window transferred
        # to (partial: a query must name the statuses literally, WAITING_SQL;
        # and order by the same expression, LINE_ORDER_SQL).
        Index("ix_tickets_waiting_line", "business_date", "service_id", "priority", text(LINE_ORDER_SQL), "id",
              sqlite_where=text(WAITING_SQL), postgresql_where=text(WAITING_SQL)),
        Index("ix_tickets_waiting_target", "target_window_id", "queued_at", "id",
              sqlite_where=text(WAITING_SQL), postgresql_where=text(WAITING_SQL)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    version: Mapped[int] = mapped_column(Integer, default=1)
    business_date: Mapped[dt.date] = mapped_column(Date)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    original_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    prefix: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(Integer)  # monotone per day and prefix
    number: Mapped[str] = mapped_column(String(16))  # what the customer sees: "A023"
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    priority_note: Mapped[str | None] = mapped_column(String(32))  # elderly, disabled...
    # Personal data: encrypted (app/privacy, migration 0011), each ciphertext
    # naming its key version; the masked forms are what screens and lists show,
    # the phone index (a keyed hash) finds a customer's tickets for erasure.
    customer_name: Mapped[str | None] = mapped_column(Text)
    customer_phone: Mapped[str | None] = mapped_column(Text)
    need_note: Mapped[str | None] = mapped_column(Text)
    customer_name_masked: Mapped[str | None] = mapped_column(String(100))
    customer_phone_masked: Mapped[str | None] = mapped_column(String(32))
    phone_index: Mapped[str | None] = mapped_column(String(40))
    personal_erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    status: Mapped[str] = mapped_column(String(16), default="waiting")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime)  # queue position key
    first_called_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    called_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    transferred_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    transfer_count: Mapped[int] = mapped_column(Integer, default=0)
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(200))
    rating: Mapped[int | None] = mapped_column(Integer)
    # not_printed / printed / failed / voided (a ticket exists before it is printed)
    print_state: Mapped[str] = mapped_column(String(16), default="not_printed")
    # What the customer was told at issue (settled question 5), kept for reprints,
    # the estimate's self-correction and the phone page (migration 0012).
    promised_wait_min: Mapped[int | None] = mapped_column(Integer)
    promised_low_min: Mapped[int | None] = mapped_column(Integer)
    promised_high_min: Mapped[int | None] = mapped_column(Integer)
    people_ahead: Mapped[int | None] = mapped_column(Integer)
    promise_note: Mapped[str | None] = mapped_column(String(16))  # no_window / after_closing / default_times
    # The slot time of the appointment this ticket was issued for at check-in
    # (migration 0015): the calling policy serves appointments by it.
    appointment_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    service: Mapped[Service] = relationship(foreign_keys=[service_id])

    __mapper_args__ = {"version_id_col": version}


class BusinessDay(Base):
    """One row per business date: opened by its first action, closed once."""

    __tablename__ = "business_days"

    business_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_how: Mapped[str | None] = mapped_column(String(16))  # manager / auto / next_day
    closed_by: Mapped[int | None] = mapped_column(Integer)
    expired: Mapped[int] = mapped_column(Integer, default=0)
    served_at_close: Mapped[int] = mapped_column(Integer, default=0)


# On PostgreSQL each event carries the id of the transaction that wrote it
# (the change feed reads by transaction snapshots: ids are not commit order).
TXID_DEFAULT = "(pg_current_xact_id()::text)::bigint"


class Event(Base):
    """Append-only log: change feed, audit trail and sync outbox in one."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_ticket", "ticket_id"),
        Index("ix_events_txid", "txid", "id"),
        # The windows' openings and pauses by time (migration 0021): the reports',
        # the manager's and the staffing figures' read, a few per window and day.
        Index("ix_events_window_at", "at", sqlite_where=text(WINDOW_EVENTS_SQL),
              postgresql_where=text(WINDOW_EVENTS_SQL)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    type: Mapped[str] = mapped_column(String(48))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    complaint_id: Mapped[int | None] = mapped_column(Integer)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Filled by the PostgreSQL server default (migration 0010); NULL on SQLite,
    # where writers are serialised and ids are commit order.
    txid: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())


class Setting(Base):
    """Branch settings as key -> JSON value (catalogue-independent knobs)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class DataAccess(Base):
    """The access log: who opened which personal data, took or restored a
    backup, exported a key, purged or erased, logged in (app/privacy/access.py)."""

    __tablename__ = "data_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), default="view")  # view, backup, restore, key_export, login...
    subject: Mapped[str | None] = mapped_column(String(32))  # "ticket" / "complaint"
    subject_uuid: Mapped[str | None] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="ok")  # ok / refused / failed / throttled
