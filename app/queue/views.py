"""Frozen results returned by service functions (never live ORM objects)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.privacy.masking import mask_name, mask_phone  # noqa: F401  (re-exported)
from app.store.models import Ticket


@dataclass(frozen=True)
class TicketView:
    id: int
    uuid: str
    number: str
    business_date: dt.date
    service_code: str
    service_name_zh: str
    service_name_en: str
    priority: str
    priority_note: str | None
    status: str
    issued_at: dt.datetime
    queued_at: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    window_number: int | None
    target_window_number: int | None
    call_count: int
    transfer_count: int
    print_state: str
    outcome: str | None
    rating: int | None
    customer_name_masked: str | None
    customer_phone_masked: str | None
    has_personal_data: bool
    # What the customer was told at issue (None for tickets issued before it was kept).
    promised_wait_min: int | None = None
    promised_range_min: tuple[int, int] | None = None
    people_ahead_at_issue: int | None = None
    promise_note: str | None = None
    has_need_note: bool = False  # the greeter wrote what the customer needs (sealed: opened on request)



_VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(TicketView))


def ticket_view_of(values: tuple[Any, ...]) -> TicketView:
    """A TicketView from every field's value, in the fields' order. The same
    object the frozen ``__init__`` makes, without its guarded assignment per
    field (6 us for 30 fields; a teller's list of 200 spent 1.2 ms on it)."""
    if len(values) != len(_VIEW_FIELDS):
        raise TypeError(f"a TicketView has {len(_VIEW_FIELDS)} fields, not {len(values)}")
    view = object.__new__(TicketView)
    view.__dict__.update(zip(_VIEW_FIELDS, values))
    return view

@dataclass(frozen=True)
class IssuedTicket:
    """A ticket just issued, and what its customer is told (also on the ticket row)."""

    ticket: TicketView
    people_ahead: int
    estimated_wait_min: int | None  # None: no number can be promised (estimate_note says why)
    estimated_wait_range_min: tuple[int, int] | None = None
    estimate_note: str | None = None  # no_window / after_closing / default_times


@dataclass(frozen=True)
class WindowView:
    id: int
    number: int
    name: str
    state: str
    pause_reason: str | None
    staff_username: str | None
    service_codes: tuple[str, ...]
    current_ticket: TicketView | None
    # False when the teller app holding the window has been silent too long
    # (crash, power cut): shown to the manager, left out of wait estimates.
    attended: bool = True


@dataclass(frozen=True)
class ServiceView:
    id: int
    code: str
    name_zh: str
    name_en: str
    target_wait_min: int
    active: bool
    position: int


@dataclass(frozen=True)
class ServiceQueue:
    service: ServiceView
    waiting: int
    priority_waiting: int
    longest_wait_min: int


@dataclass(frozen=True)
class QueueStatus:
    business_date: dt.date
    services: tuple[ServiceQueue, ...]
    windows: tuple[WindowView, ...]
    waiting_total: int


@dataclass(frozen=True)
class DayClosed:
    business_date: dt.date
    expired: int  # still waiting or called: ended as expired
    served_at_close: int  # being served: ended as served (outcome day_closed)
    windows_closed: tuple[int, ...]
    closed_at: dt.datetime


def ticket_view(t: Ticket, window_numbers: dict[int, int]) -> TicketView:
    svc = t.service
    return TicketView(
        id=t.id,
        uuid=t.uuid,
        number=t.number,
        business_date=t.business_date,
        service_code=svc.code,
        service_name_zh=svc.name_zh,
        service_name_en=svc.name_en,
        priority=t.priority,
        priority_note=t.priority_note,
        status=t.status,
        issued_at=t.issued_at,
        queued_at=t.queued_at,
        called_at=t.called_at,
        started_at=t.started_at,
        finished_at=t.finished_at,
        window_number=window_numbers.get(t.window_id) if t.window_id else None,
        target_window_number=window_numbers.get(t.target_window_id) if t.target_window_id else None,
        call_count=t.call_count,
        transfer_count=t.transfer_count,
        print_state=t.print_state,
        outcome=t.outcome,
        rating=t.rating,
        # Stored when the data was written: shown without the key.
        customer_name_masked=t.customer_name_masked,
        customer_phone_masked=t.customer_phone_masked,
        has_personal_data=bool(t.customer_name or t.customer_phone or t.need_note),
        promised_wait_min=t.promised_wait_min,
        promised_range_min=(t.promised_low_min, t.promised_high_min) if t.promised_low_min is not None else None,
        people_ahead_at_issue=t.people_ahead,
        promise_note=t.promise_note,
        has_need_note=bool(t.need_note),
    )


_PLAIN = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...] | None] = {}  # per type: a dataclass's fields, or None
_UNSEEN: Any = object()


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and tuples as plain JSON values."""
    if isinstance(obj, _PLAIN):  # most values: first (every answer of a batch goes through here)
        return obj
    kind = type(obj)
    names = _FIELDS.get(kind, _UNSEEN)
    if names is _UNSEEN:  # a type not met before: a dataclass (not the class itself)?
        names = _FIELDS[kind] = (tuple(f.name for f in dataclasses.fields(obj))
                                 if dataclasses.is_dataclass(obj) and not isinstance(obj, type) else None)
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, (dt.datetime, dt.date, dt.time)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    return obj
