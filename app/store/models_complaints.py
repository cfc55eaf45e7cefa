"""Complaint window tables: cases, their append-only follow-up log, the daily
reference counter, the category list and the branch's calendar overrides.

Cases and log rows carry a ``uuid`` for upstream sync; cases carry a
``version`` that grows with every change (like tickets).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, new_uuid


class ComplaintCounter(Base):
    """Last reference sequence handed out per branch and day: never goes back."""

    __tablename__ = "complaint_counters"

    branch_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class ComplaintCategory(Base):
    """Configurable, bilingual category list; ``resolve_days`` overrides the kind's."""

    __tablename__ = "complaint_categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    resolve_days: Mapped[int | None] = mapped_column(Integer)


class CalendarOverride(Base):
    """A branch holiday or make-up working day (wins over chinesecalendar)."""

    __tablename__ = "calendar_overrides"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # holiday / workday
    note: Mapped[str] = mapped_column(String(100), default="")


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("branch_code", "reference", name="uq_complaints_branch_reference"),
        Index("ix_complaints_status_due", "status", "resolve_due"),
        Index("ix_complaints_received_at", "received_at"),
        Index("ix_complaints_phone_index", "phone_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    version: Mapped[int] = mapped_column(Integer, default=1)
    branch_code: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(24))
    business_date: Mapped[dt.date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    # Personal data: encrypted (app/privacy, migration 0011); complaints and
    # manager roles only, every opening recorded. The masked forms are what the
    # board shows without the key; the phone index finds a case by phone.
    # ``resolution`` and ``extension_reason`` below, and the log's notes, too.
    customer_name: Mapped[str | None] = mapped_column(Text)
    customer_phone: Mapped[str | None] = mapped_column(Text)
    customer_email: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)  # None once erased
    customer_name_masked: Mapped[str | None] = mapped_column(String(100))
    contact_masked: Mapped[str | None] = mapped_column(String(160))
    phone_index: Mapped[str | None] = mapped_column(String(40))
    personal_erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ticket_uuid: Mapped[str | None] = mapped_column(String(36))
    ticket_number: Mapped[str | None] = mapped_column(String(16))
    window_number: Mapped[int | None] = mapped_column(Integer)
    teller: Mapped[str | None] = mapped_column(String(64))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    received_by: Mapped[str] = mapped_column(String(64))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    handler: Mapped[str | None] = mapped_column(String(64))

    status: Mapped[str] = mapped_column(String(16), default="received")
    status_before_pause: Mapped[str | None] = mapped_column(String(16))
    pause_reason: Mapped[str | None] = mapped_column(String(16))
    resolve_days: Mapped[int] = mapped_column(Integer)
    ack_due: Mapped[dt.datetime] = mapped_column(DateTime)
    # NULL: pending, the working-day calendar of its year not entered yet (0009)
    resolve_due: Mapped[dt.datetime | None] = mapped_column(DateTime)
    regulatory_days: Mapped[int] = mapped_column(Integer, default=15)
    regulatory_due: Mapped[dt.datetime | None] = mapped_column(DateTime)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    extension_approved_by: Mapped[str | None] = mapped_column(String(64))

    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    notified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notify_method: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    adopted: Mapped[bool | None] = mapped_column(Boolean)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    print_state: Mapped[str] = mapped_column(String(16), default="not_printed")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __mapper_args__ = {"version_id_col": version}


class ComplaintLog(Base):
    """Append-only follow-up log: who did or wrote what, and when."""

    __tablename__ = "complaint_log"
    __table_args__ = (Index("ix_complaint_log_complaint", "complaint_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    staff: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")  # encrypted when not empty
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
