"""What goes upstream: one spec per branch table head office consolidates.

Each spec names its head-office table, the columns sent (an allow-list: a new
branch column stays at the branch until it is added here and to an HQ
migration), whether rows carry a ``version`` (newest wins) and how to load the
rows touched by a batch of events. Local integer ids never leave the branch:
they are turned into uuids, service codes, window numbers and usernames.

Personal data and free text stay at the branch (docs/sync.md): queue tickets
send no name, phone or need note (only whether one was given) and no outcome;
complaints send no customer name, phone, e-mail, complaint text, resolution
text, extension reason, teller's name as typed, or log notes; event payloads
go through an allow-list per event type (app/sync/allowlist.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Service, Staff, Ticket, Window
from app.sync.allowlist import outgoing_payload  # noqa: F401  (the push's payload filter)

@dataclass(frozen=True)
class Maps:
    """Local id -> natural key, loaded once per batch (small tables)."""

    services: dict[int, str]
    windows: dict[int, int]
    staff: dict[int, str]
    targets: dict[int, int] = field(default_factory=dict)  # service id -> target wait (min)

    @classmethod
    def load(cls, s: Session) -> "Maps":
        return cls(dict(s.execute(select(Service.id, Service.code)).all()),
                   dict(s.execute(select(Window.id, Window.number)).all()),
                   dict(s.execute(select(Staff.id, Staff.username)).all()),
                   dict(s.execute(select(Service.id, Service.target_wait_min)).all()))


Loader = Callable[[Session, list[int], Maps], list[tuple[int, tuple[Any, ...]]]]


@dataclass(frozen=True)
class RecordSpec:
    name: str  # the branch table
    hq_table: str
    columns: tuple[str, ...]  # first is always "uuid"; branch_code is added
    versioned: bool  # upsert keeps the higher version; else insert-only
    event_key: str  # Event column naming the parent touched: ticket_id / complaint_id
    load: Loader  # parent ids -> [(local id, row in ``columns`` order)]


TICKET_COLUMNS = (
    "uuid", "version", "business_date", "number", "prefix", "seq", "service_code", "original_service_code",
    "priority", "priority_note", "status", "issued_at", "queued_at", "first_called_at", "called_at",
    "started_at", "finished_at", "transferred_at", "transfer_count", "window_number",
    "target_window_number", "staff_username", "call_count", "rating", "print_state", "had_contact_details",
    "target_wait_min",  # the target of the service issued for (head office: hq0016)
)


def _load_tickets(s: Session, ids: list[int], m: Maps) -> list[tuple[int, tuple[Any, ...]]]:
    out = []
    for t in s.execute(select(Ticket.__table__).where(Ticket.id.in_(ids))):  # Core rows: no ORM cost
        out.append((t.id, (
            t.uuid, t.version, t.business_date, t.number, t.prefix, t.seq, m.services.get(t.service_id),
            m.services.get(t.original_service_id), t.priority, t.priority_note, t.status, t.issued_at,
            t.queued_at, t.first_called_at, t.called_at, t.started_at, t.finished_at, t.transferred_at,
            t.transfer_count, m.windows.get(t.window_id) if t.window_id else None,
            m.windows.get(t.target_window_id) if t.target_window_id else None,
            m.staff.get(t.staff_id) if t.staff_id else None, t.call_count, t.rating, t.print_state,
            bool(t.customer_name or t.customer_phone or t.need_note), m.targets.get(t.original_service_id),
        )))
    return out


TICKETS = RecordSpec("tickets", "hq_tickets", TICKET_COLUMNS, True, "ticket_id", _load_tickets)

COMPLAINT_COLUMNS = (
    "uuid", "version", "reference", "business_date", "kind", "channel", "status", "categories",
    "ticket_uuid", "ticket_number", "window_number", "received_at", "received_by", "handler",
    "resolve_days", "ack_due", "resolve_due", "regulatory_due", "acknowledged_at", "started_at",
    "resolved_at", "notified_at", "notify_method", "closed_at", "satisfaction", "adopted",
    "reopen_count", "updated_at",
)
LOG_COLUMNS = ("uuid", "complaint_uuid", "at", "staff", "action", "from_status", "to_status")


def _complaint_specs() -> list[RecordSpec]:
    """The complaint cases and their follow-up logs."""
    from app.store.models_complaints import Complaint, ComplaintLog

    def load_complaints(s: Session, ids: list[int], m: Maps) -> list[tuple[int, tuple[Any, ...]]]:
        rows = s.scalars(select(Complaint).where(Complaint.id.in_(ids)))
        return [(c.id, tuple(getattr(c, col) for col in COMPLAINT_COLUMNS)) for c in rows]

    def load_log(s: Session, ids: list[int], m: Maps) -> list[tuple[int, tuple[Any, ...]]]:
        rows = s.execute(
            select(ComplaintLog, Complaint.uuid).join(Complaint, Complaint.id == ComplaintLog.complaint_id)
            .where(ComplaintLog.complaint_id.in_(ids))
        ).all()
        return [(lg.id, (lg.uuid, cu, lg.at, lg.staff, lg.action, lg.from_status, lg.to_status))
                for lg, cu in rows]

    return [
        RecordSpec("complaints", "hq_complaints", COMPLAINT_COLUMNS, True, "complaint_id", load_complaints),
        RecordSpec("complaint_log", "hq_complaint_log", LOG_COLUMNS, False, "complaint_id", load_log),
    ]


def record_specs() -> list[RecordSpec]:
    return [TICKETS, *_complaint_specs()]


EVENT_COLUMNS = ("uuid", "branch_event_id", "at", "type", "ticket_uuid", "complaint_uuid",
                 "window_number", "staff_username", "payload")
