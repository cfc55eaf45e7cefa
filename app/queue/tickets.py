"""Ticket lifecycle outside the window: issue, cancel, transfer, requeue, rate,
print state, end of day. One transaction and one event per function."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from app.events import PRINT_STATE_EVENTS, EventType
from app.queue.common import (
    ACTIVE,
    WAITING,
    forward,
    require_state,
    ticket_by_ref,
    view,
)
from app.queue.day import Moment, begin, close_in, lock_days, moment
from app.queue.errors import (
    AfterHours,
    InvalidInput,
    QueueFull,
    ServiceInactive,
    UnknownService,
)
from app.queue.estimate import Estimate, estimate
from app.queue.numbering import display_number
from app.queue.policy import PRIORITY_CLASSES, PRIORITY_NOTES
from app.queue.views import DayClosed, IssuedTicket, TicketView
from app.privacy.access import record_access, require_logged
from app.privacy.personal import open_ticket, seal_ticket
from app.staff.roles import Actor, require
from app.store.counters import bump_counter
from app.store.engine import Database
from app.store.base import new_uuid
from app.store.events import record_event
from app.store.lean import Lean, Record, written_list
from app.store.models import Service, Ticket, TicketCounter

MAX_NAME = 50
MAX_NEED = 500
_PHONE_CHARS = re.compile(r"[\s\-()]")
# screen_only: issued with no printer set up (shown on screen); simulated: a
# picture from the simulated printer, never paper (issue 14, Settled #12).
PRINT_STATES = ("not_printed", "printed", "failed", "voided", "screen_only", "simulated")


def normalise_phone(phone: str | None) -> str | None:
    """Digits of a mainland mobile or landline number, or InvalidInput."""
    if phone is None or not phone.strip():
        return None
    compact = _PHONE_CHARS.sub("", phone.strip())
    if compact.startswith("+86"):
        compact = compact[3:]
    if not compact.isdigit() or not 7 <= len(compact) <= 15:
        raise InvalidInput("The phone number should be 7 to 15 digits.", field="phone")
    if len(compact) == 11 and compact.startswith("1") and compact[1] not in "3456789":
        raise InvalidInput("That is not a valid mobile number.", field="phone")
    return compact


def _clean_text(value: str | None, limit: int, field: str, label: str) -> str | None:
    if value is None or not value.strip():
        return None
    value = " ".join(value.split())
    if len(value) > limit:
        raise InvalidInput(f"The {label} is too long (at most {limit} characters).", field=field)
    return value


_T = Ticket.__table__
_S = Service.__table__
_SERVICE = Lean(select(_S.c.id, _S.c.code, _S.c.name_zh, _S.c.name_en, _S.c.active, _S.c.max_number).where(
    _S.c.code == bindparam("code")))
# The active statuses written in (one compiled statement, run on the driver:
# every issue of a service whose numbers have wrapped asks).
_OF_PREFIX = (_T.c.business_date == bindparam("day", type_=_T.c.business_date.type),
              _T.c.prefix == bindparam("prefix"),
              text(f"tickets.status IN ({written_list(ACTIVE)})"))
# All three walk the index ix_tickets_day_prefix_status_number: at most max_number entries.
_NUMBER_IN_USE = Lean(select(_T.c.id).where(*_OF_PREFIX, _T.c.number == bindparam("number")).limit(1))
_NUMBERS_IN_USE = Lean(select(_T.c.number).where(*_OF_PREFIX))
_IN_USE_COUNT = Lean(select(func.count()).select_from(_T).where(*_OF_PREFIX))
_LAST_SEQ = Lean(select(TicketCounter.__table__.c.last_seq).where(
    TicketCounter.__table__.c.business_date == bindparam("day"), TicketCounter.__table__.c.prefix == bindparam("prefix")))
_SET_SEQ = update(TicketCounter.__table__).where(
    TicketCounter.__table__.c.business_date == bindparam("b_day"),
    TicketCounter.__table__.c.prefix == bindparam("b_prefix")).values(last_seq=bindparam("b_seq"))
_NEW_TICKET_COLUMNS = (
    "uuid", "version", "business_date", "service_id", "original_service_id", "prefix", "seq", "number", "priority",
    "priority_note", "status", "issued_at", "queued_at", "transfer_count", "call_count", "print_state",
    "promised_wait_min", "promised_low_min", "promised_high_min", "people_ahead", "promise_note", "appointment_at",
    "customer_name", "customer_phone", "need_note", "customer_name_masked", "customer_phone_masked", "phone_index")
_INSERT_TICKET = Lean(insert(_T).values({k: bindparam(k, type_=_T.c[k].type) for k in _NEW_TICKET_COLUMNS})
                      .returning(_T.c.id))


def _queue_full(svc: Record) -> QueueFull:
    return QueueFull(f"All {svc.max_number} numbers of service {svc.code} are still in use today.", code=svc.code)


def _allocate_number(s: Session, svc: Record, day: dt.date) -> tuple[int, str]:
    """The next sequence and its display number: the counter, and after the
    numbers have wrapped an index lookup; a number still in use is skipped in
    one step (never a statement per number), a full queue refused."""
    conn = s.connection()
    seq = bump_counter(s, TicketCounter, business_date=day, prefix=svc.code)
    number = display_number(svc.code, seq, svc.max_number)
    if seq <= svc.max_number:  # first lap: every number handed out today was a smaller one
        return seq, number
    key = {"day": day, "prefix": svc.code}
    if not _NUMBER_IN_USE.tuples(conn, {**key, "number": number}):
        return seq, number
    in_use = {n for (n,) in _NUMBERS_IN_USE.tuples(conn, key)}
    for ahead in range(1, svc.max_number):
        number = display_number(svc.code, seq + ahead, svc.max_number)
        if number not in in_use:
            conn.execute(_SET_SEQ, {"b_day": day, "b_prefix": svc.code, "b_seq": seq + ahead})
            return seq + ahead, number
    raise _queue_full(svc)


def _full_before_lock(s: Session, svc: Record, day: dt.date) -> bool:
    """Whether every number of ``svc`` is in use today, read without the write
    lock (so a flood of refusals never holds up a teller)."""
    conn = s.connection()
    key = {"day": day, "prefix": svc.code}
    found = _LAST_SEQ.tuples(conn, key)
    last = found[0][0] if found else None
    if last is None or last < svc.max_number:
        return False
    return (_IN_USE_COUNT.tuples(conn, key)[0][0] or 0) >= svc.max_number


def after_hours(m: Moment) -> bool:
    """Past the last-ticket time (or, without one, the closing time)."""
    limit = m.settings.last_ticket_time or m.settings.closing_time
    return m.now.time() >= limit


def issue_ticket(
    db: Database,
    *,
    service: str,
    priority: str = "normal",
    priority_note: str | None = None,
    customer_name: str | None = None,
    customer_phone: str | None = None,
    need_note: str | None = None,
    after_hours_ok: bool = False,
    actor: Actor,
    now: dt.datetime | None = None,
    appointment_at: dt.datetime | None = None,
    in_transaction: Callable[[Session, TicketView, Moment], None] | None = None,
) -> IssuedTicket:
    """Create a numbered ticket (committed before anything is printed).

    After the last-ticket time (or the closing time) the greeter confirms
    the ticket (``after_hours_ok``); otherwise ``AfterHours`` is raised.
    ``appointment_at``: the slot of the appointment checked in (the calling
    policy serves it by that time); ``in_transaction(s, ticket, moment)``
    runs in the issue's own transaction, before its event (an appointment's
    check-in: app/appointments/checkin.py).
    """
    require(actor, "ticket.issue")
    if priority not in PRIORITY_CLASSES:
        raise InvalidInput(
            f"Unknown priority {priority!r}; use one of {', '.join(PRIORITY_CLASSES)}.", field="priority"
        )
    if priority_note is not None and priority_note not in PRIORITY_NOTES:
        raise InvalidInput(
            f"Unknown priority reason {priority_note!r}; use one of {', '.join(PRIORITY_NOTES)}.",
            field="priority_note",
        )
    name = _clean_text(customer_name, MAX_NAME, "name", "name")
    phone = normalise_phone(customer_phone)
    need = _clean_text(need_note, MAX_NEED, "need", "need note")
    # A read: outside the write lock (settled question 5).
    est = _estimate_for(db, service, priority, now, appointment_at)
    with db.write() as s:
        m = begin(db, s, now)
        day, now = m.day, m.now
        if not after_hours_ok and after_hours(m):
            limit = m.settings.last_ticket_time or m.settings.closing_time
            raise AfterHours(f"It is past {limit:%H:%M}: confirm that this customer can still be served today.",
                             limit=f"{limit:%H:%M}")
        svc = _service_row(s, service)
        if not svc.active:
            raise ServiceInactive(f"Service {svc.code} is not offered right now.", code=svc.code)
        seq, number = _allocate_number(s, svc, day)
        row = {
            "uuid": new_uuid(), "version": 1, "business_date": day, "service_id": svc.id,
            "original_service_id": svc.id, "prefix": svc.code, "seq": seq, "number": number, "priority": priority,
            "priority_note": priority_note, "status": "waiting", "issued_at": now, "queued_at": now,
            "transfer_count": 0, "call_count": 0, "print_state": "not_printed",
            "promised_wait_min": est.minutes, "promised_low_min": est.low, "promised_high_min": est.high,
            "people_ahead": est.people_ahead, "promise_note": est.note, "appointment_at": appointment_at,
        }
        sealed = _Sealed(row["uuid"])
        seal_ticket(s, sealed, name=name, phone=phone, need=need)  # encrypted, with the masked forms
        row.update(vars(sealed))
        ticket_id = _INSERT_TICKET.tuples(s, row)[0][0]
        ticket = TicketView(
            id=ticket_id, uuid=row["uuid"], number=number, business_date=day, service_code=svc.code,
            service_name_zh=svc.name_zh, service_name_en=svc.name_en, priority=priority,
            priority_note=priority_note, status="waiting", issued_at=now, queued_at=now, called_at=None,
            started_at=None, finished_at=None, window_number=None, target_window_number=None, call_count=0,
            transfer_count=0, print_state="not_printed", outcome=None, rating=None,
            customer_name_masked=sealed.customer_name_masked, customer_phone_masked=sealed.customer_phone_masked,
            has_personal_data=bool(name or phone or need), promised_wait_min=est.minutes,
            promised_range_min=est.range, people_ahead_at_issue=est.people_ahead, promise_note=est.note,
            has_need_note=bool(need),
        )
        if in_transaction is not None:
            in_transaction(s, ticket, m)
        record_event(
            s, EventType.TICKET_ISSUED, now, ticket_id=ticket_id, staff_id=actor.staff_id,
            payload={"number": number, "service": svc.code, "priority": priority,
                     "people_ahead": est.people_ahead, "estimated_wait_min": est.minutes,
                     "estimated_wait_range_min": list(est.range) if est.range else None,
                     "estimate_note": est.note},
        )
        return IssuedTicket(ticket, est.people_ahead, est.minutes, est.range, est.note)


class _Sealed:
    """The personal-data columns of a new ticket, as ``seal_ticket`` fills them."""

    def __init__(self, uuid: str) -> None:
        self.uuid = uuid
        self.customer_name: str | None = None
        self.customer_phone: str | None = None
        self.need_note: str | None = None
        self.customer_name_masked: str | None = None
        self.customer_phone_masked: str | None = None
        self.phone_index: str | None = None


def _service_row(s: Session, code: str) -> Record:
    svc = _SERVICE.first(s, {"code": (code or "").strip().upper()})
    if svc is None:
        raise UnknownService(f"There is no service with code {code!r}.", code=code)
    return svc


def _estimate_for(db: Database, service: str, priority: str, now: dt.datetime | None,
                  appointment_at: dt.datetime | None = None) -> Estimate:
    """What a customer of ``service`` would be told now (app/queue/estimate.py),
    from one read of the queue; a service whose numbers are all in use is
    refused here, without the write lock."""
    from app.queue.snapshot import snapshot_in

    with db.read() as s:
        svc = _SERVICE.first(s, {"code": (service or "").strip().upper()})
        if svc is None:
            return Estimate(None, None, None, 0, None)  # the write transaction refuses it in one sentence
        m = moment(s, now)
        if _full_before_lock(s, svc, m.day):
            raise _queue_full(svc)
        snap = snapshot_in(db, s, m)
    return estimate(snap, service_id=svc.id, priority=priority, appointment_at=appointment_at)


def rate_ticket(db: Database, ticket: str | int, *, rating: int, actor: Actor,
                now: dt.datetime | None = None) -> TicketView:
    require(actor, "ticket.rate")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput("A rating is a whole number from 1 to 5.", field="rating")
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_by_ref(s, ticket, m.day, lock=True)
        require_state(t, ("done",), "rated")
        now = forward(t, m, "rated")
        t.rating = rating
        record_event(s, EventType.TICKET_RATED, now, ticket_id=t.id, window_id=t.window_id,
                     staff_id=actor.staff_id, payload={"number": t.number, "rating": rating})
        return view(s, t)


def set_print_state(
    db: Database, ticket: str | int, *, state: str, detail: str = "", actor: Actor, now: dt.datetime | None = None
) -> TicketView:
    """Record what the printer did with a ticket (or that it was voided)."""
    if state not in PRINT_STATES:
        raise InvalidInput(f"Unknown print state {state!r}.")
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_by_ref(s, ticket, m.day, lock=True)
        now = max(m.now, t.issued_at)  # the printer answers after the issue, whatever the clocks say
        t.print_state = state
        if state == "voided" and t.status in WAITING:
            t.status = "cancelled"
            t.finished_at = now
        record_event(s, PRINT_STATE_EVENTS[state], now, ticket_id=t.id,
                     staff_id=actor.staff_id, payload={"number": t.number, "detail": detail[:300]})
        return view(s, t)


@dataclass(frozen=True)
class PersonalData:
    number: str
    customer_name: str | None
    customer_phone: str | None
    need_note: str | None
    erased_at: dt.datetime | None = None  # erased after its retention period or on request


def ticket_personal_data(
    db: Database, ticket: str | int, *, purpose: str, actor: Actor, now: dt.datetime | None = None
) -> PersonalData:
    """The unmasked customer data of a ticket (decrypted); the opening is recorded."""
    require_logged(db, actor, "ticket.personal_data", "view", now=now, purpose=purpose)
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_by_ref(s, ticket, m.day)
        record_access(s, actor, "view", m.now, subject="ticket", subject_uuid=t.uuid, purpose=purpose)
        return PersonalData(t.number, *open_ticket(s, t), t.personal_erased_at)


def end_of_day(db: Database, *, day: dt.date | None = None, actor: Actor,
               now: dt.datetime | None = None) -> DayClosed:
    """Close business day ``day`` (default: today) now: expire what still
    waits or was called, finish what is being served, close the windows.

    A day closes at the latest at its own scheduled closing moment (closing
    time plus the delay): closing later (the minute tick, an earlier day left
    open) records that moment. The final report is written by the caller
    (app/reports/endofday.py).
    """
    require(actor, "day.close")
    with db.write() as s:
        m = begin(db, s, now)
        day = day or m.day
        if day > m.day:
            raise InvalidInput(f"The business day {day} has not begun yet.", field="date")
        at = min(m.now, m.settings.closes_at(day))
        lock_days(s)  # another PC closing the same day waits, then finds nothing left
        closed = close_in(s, day, how="manager" if actor.staff_id is not None else "auto", at=at,
                          staff_id=actor.staff_id)
        return DayClosed(day, closed.expired, closed.served_at_close, closed.windows_closed, closed.closed_at)
