"""Beyond the lobby (migration 0015): appointments, and the messages a
customer asked for (the phone number given with consent, and the outbox).

Phone numbers and names here are personal data like a ticket's: sealed
(app/privacy/personal.py ``SEALED``), with their masked forms and the keyed
phone index beside them, erased by the retention run and a customer's
request (app/privacy/retention.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, new_uuid


class Appointment(Base):
    """A booked visit: a service at a slot time, checked in at the greeter."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_day_service", "business_date", "service_id", "slot_at"),
        Index("ix_appointments_phone_index", "phone_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The booking's own reference (the bank's booking system, or ours: AP-20261208-0001).
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    source: Mapped[str] = mapped_column(String(16), default="staff")  # staff / cli / import / head_office
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    slot_at: Mapped[dt.datetime] = mapped_column(DateTime)
    business_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="booked")  # booked / checked_in / no_show / cancelled
    booked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    checkin: Mapped[str | None] = mapped_column(String(8))  # on_time / early / late (outside the window)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # cancelled or no-show at
    # Personal data (sealed), the masked forms (check-in by initial and last four digits), the phone index.
    customer_name: Mapped[str | None] = mapped_column(Text)
    customer_phone: Mapped[str | None] = mapped_column(Text)
    customer_name_masked: Mapped[str | None] = mapped_column(String(100))
    customer_phone_masked: Mapped[str | None] = mapped_column(String(32))
    phone_index: Mapped[str | None] = mapped_column(String(40))
    personal_erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class NotifySubscription(Base):
    """A customer's consent to messages about one ticket, with the phone to send them to."""

    __tablename__ = "notify_subscriptions"
    __table_args__ = (
        Index("ix_notify_subscriptions_day", "business_date"),
        Index("ix_notify_subscriptions_phone_index", "phone_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    business_date: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")  # zh_CN / en
    consent_at: Mapped[dt.datetime] = mapped_column(DateTime)  # when the customer agreed
    consent_via: Mapped[str] = mapped_column(String(16))  # greeter / phone_page
    ahead_threshold: Mapped[int] = mapped_column(Integer, default=5)
    phone: Mapped[str | None] = mapped_column(Text)  # sealed
    phone_masked: Mapped[str | None] = mapped_column(String(32))
    phone_index: Mapped[str | None] = mapped_column(String(40))
    personal_erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class NotifyMessage(Base):
    """One message in the outbox: written in a transaction of its own, sent
    later by the notify worker (never inside a queue transaction)."""

    __tablename__ = "notify_outbox"
    __table_args__ = (
        Index("ix_notify_outbox_due", "state", "next_at"),
        Index("ix_notify_outbox_subscription", "subscription_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The message id: the idempotency key the gateway sends (settled question 10).
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    # One message per (subscription, kind) or per (broadcast, subscription): a
    # scan run twice, or by two PCs, enqueues it once.
    dedupe_key: Mapped[str] = mapped_column(String(100), unique=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("notify_subscriptions.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    business_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))  # ahead / called / broadcast
    text: Mapped[str] = mapped_column(Text)  # no personal data: number, service, window, the manager's notice
    # pending -> sending -> sent; failed (the platform refused it), capped
    # (the phone's daily cap), dropped (no longer true, or the phone erased)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    next_at: Mapped[dt.datetime] = mapped_column(DateTime)  # due (pending) or lease end (sending)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))


class BranchSecret(Base):
    """Secrets the branch's own processes share through its database (never
    pushed, never shown): the key that signs the phone page's ticket links."""

    __tablename__ = "branch_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
