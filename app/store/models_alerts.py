"""Alerts (app/alerts): one row per occurrence of a threshold crossed.

An alert is raised once, may be acknowledged (by whom, when), and is cleared
when its condition ends; each step also appends its event (AlertRaised,
AlertAcknowledged, AlertCleared). ``open_key`` holds the condition's key while
the alert is open and NULL once cleared: the unique index lets one open alert
per condition exist, so a condition that lasts is never raised again, however
many PCs check it. ``notify_state`` tracks the message to a manager's phone
(webhook or gateway): off, pending, sent or failed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, new_uuid


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_state_raised", "state", "raised_at"),
        Index("ix_alerts_state_cleared", "state", "cleared_at"),  # the last cleared (migration 0020)
        Index("ix_alerts_notify_state", "notify_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    key: Mapped[str] = mapped_column(String(160))
    open_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    rule: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(32), default="")
    state: Mapped[str] = mapped_column(String(16), default="raised")  # raised / acknowledged / cleared
    service_code: Mapped[str | None] = mapped_column(String(8))
    window_number: Mapped[int | None] = mapped_column(Integer)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    ticket_number: Mapped[str | None] = mapped_column(String(16))
    complaint_id: Mapped[int | None] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(24))
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    acknowledged_name: Mapped[str | None] = mapped_column(String(64))
    cleared_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cleared_how: Mapped[str | None] = mapped_column(String(32))
    notify_state: Mapped[str] = mapped_column(String(16), default="off")  # off / pending / sending / sent / failed
    notify_attempts: Mapped[int] = mapped_column(Integer, default=0)
    notify_after: Mapped[dt.datetime | None] = mapped_column(DateTime)  # next attempt not before
    notified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notify_error: Mapped[str | None] = mapped_column(String(300))
