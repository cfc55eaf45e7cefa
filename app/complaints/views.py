"""Frozen results of the complaint services (never live ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.complaints.calendar import first_unknown_year
from app.complaints.deadlines import deadline_state
from app.privacy.masking import mask_email, mask_name, mask_phone  # noqa: F401  (re-exported)
from app.queue.views import to_jsonable  # noqa: F401  (re-exported)
from app.store.models_complaints import Complaint, ComplaintLog


@dataclass(frozen=True)
class ComplaintSummary:
    """One case as a list shows it: contacts masked, no content."""

    id: int
    uuid: str
    version: int
    reference: str
    kind: str
    channel: str
    status: str
    categories: tuple[str, ...]
    customer_name_masked: str | None
    contact_masked: str | None
    handler: str | None
    received_by: str
    received_at: dt.datetime
    ack_due: dt.datetime
    resolve_due: dt.datetime | None  # None: pending, the calendar of its year not entered yet
    regulatory_due: dt.datetime | None  # None: pending, likewise
    regulatory_days: int
    next_due: dt.datetime | None  # the known deadline that matters now (None: paused, answered or pending)
    deadline_state: str  # ok / due_soon / overdue / pending (a running deadline waits for the calendar)
    ticket_number: str | None
    window_number: int | None
    pause_reason: str | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    satisfaction: int | None
    adopted: bool | None
    reopen_count: int
    print_state: str
    pending: tuple[str, ...] = ()  # deadlines left pending: "resolve", "regulatory"
    pending_year: int | None = None  # the year whose calendar they wait for


@dataclass(frozen=True)
class LogEntry:
    uuid: str
    at: dt.datetime
    staff: str
    action: str
    from_status: str | None
    to_status: str | None
    note: str
    # The row's details (a copy), e.g. {"year": 2027} of a deadline_pending row,
    # so a screen can say the stored English sentence in its own language.
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplaintDetail:
    """A case with its personal data and log: for complaints and manager roles."""

    summary: ComplaintSummary
    customer_name: str | None
    customer_phone: str | None
    customer_email: str | None
    content: str  # empty once erased
    teller: str | None
    resolution: str | None
    notify_method: str | None
    notified_at: dt.datetime | None
    extension_reason: str | None
    extension_approved_by: str | None
    log: tuple[LogEntry, ...]
    erased_at: dt.datetime | None = None  # personal data erased (retention or the customer's request)


@dataclass(frozen=True)
class CategoryView:
    code: str
    name_zh: str
    name_en: str
    resolve_days: int | None
    active: bool


def next_due(c: Complaint) -> dt.datetime | None:
    """The nearest known running deadline (a pending one is skipped)."""
    if c.status == "received":
        return min((d for d in (c.ack_due, c.resolve_due) if d is not None), default=None)
    if c.status in ("acknowledged", "in_progress"):
        return c.resolve_due
    return None


def _state(c: Complaint, due: dt.datetime | None, now: dt.datetime) -> str:
    state = deadline_state(due, now)
    running = c.status in ("received", "acknowledged", "in_progress")
    if state == "ok" and running and c.resolve_due is None:
        return "pending"  # not overdue, but somebody must enter the calendar
    return state


def summary(c: Complaint, now: dt.datetime) -> ComplaintSummary:
    due = next_due(c)
    pending = tuple(n for n, v in (("resolve", c.resolve_due), ("regulatory", c.regulatory_due)) if v is None)
    return ComplaintSummary(
        id=c.id, uuid=c.uuid, version=c.version, reference=c.reference, kind=c.kind, channel=c.channel,
        status=c.status, categories=tuple(c.categories or ()),
        customer_name_masked=c.customer_name_masked,  # stored masked: shown without the key
        contact_masked=c.contact_masked,
        handler=c.handler, received_by=c.received_by, received_at=c.received_at,
        ack_due=c.ack_due, resolve_due=c.resolve_due, regulatory_due=c.regulatory_due,
        regulatory_days=c.regulatory_days, next_due=due, deadline_state=_state(c, due, now),
        ticket_number=c.ticket_number, window_number=c.window_number, pause_reason=c.pause_reason,
        resolved_at=c.resolved_at, closed_at=c.closed_at, satisfaction=c.satisfaction,
        adopted=c.adopted, reopen_count=c.reopen_count, print_state=c.print_state, pending=pending,
        # The first year chinesecalendar does not know: the branch enters a year
        # whole, and entering it recomputes every pending case at once.
        pending_year=first_unknown_year(c.received_at.date()) if pending else None,
    )


def log_entry(row: ComplaintLog, note: str) -> LogEntry:
    return LogEntry(row.uuid, row.at, row.staff, row.action, row.from_status, row.to_status, note,
                    dict(row.data or {}))


def detail(c: Complaint, clear: dict[str, str | None], log: list[tuple[ComplaintLog, str]],
           now: dt.datetime) -> ComplaintDetail:
    """A case with its decrypted fields (``clear``) and log notes."""
    return ComplaintDetail(
        summary=summary(c, now), customer_name=clear["customer_name"], customer_phone=clear["customer_phone"],
        customer_email=clear["customer_email"], content=clear["content"] or "", teller=c.teller,
        resolution=clear["resolution"], notify_method=c.notify_method, notified_at=c.notified_at,
        extension_reason=clear["extension_reason"], extension_approved_by=c.extension_approved_by,
        log=tuple(log_entry(r, note) for r, note in log), erased_at=c.personal_erased_at,
    )
