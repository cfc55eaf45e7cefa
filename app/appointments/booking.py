"""The appointment book: slots with a capacity per service and time, booking,
cancelling, and no-shows once a slot's check-in window has passed.

A slot starts at ``appointments.first_slot`` and every
``appointments.slot_min`` after it, before closing time. Its capacity comes
from ``appointments.capacity`` (``CODE@HH:MM`` over ``CODE`` over ``*``).
Two PCs booking the last place of one slot at once: one gets it, the other
a sentence (SQLite writes are serialised; PostgreSQL takes an advisory lock
per service and slot).
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.appointments.errors import AppointmentError, SlotFull, UnknownAppointment
from app.clock import to_branch_time
from app.errors import InvalidInput, ServiceInactive
from app.events import EventType
from app.privacy.masking import mask_name, mask_phone
from app.privacy.personal import seal_fields
from app.queue.common import service_by_code
from app.queue.day import begin, moment
from app.queue.tickets import MAX_NAME, _clean_text, normalise_phone
from app.settings import parse_hhmm, stored_values, value_of
from app.staff.roles import Actor, require
from app.store.counters import bump_counter
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service, Ticket, TicketCounter
from app.store.models_beyond import Appointment

HELD = ("booked", "checked_in")  # statuses that take a place in their slot
SOURCES = ("staff", "cli", "import", "head_office")
_COUNTER = "@AP"  # the daily counter of our own references (no service code has an @)


@dataclass(frozen=True)
class Rules:
    """The appointment settings in force."""

    slot_min: int
    first_slot: dt.time
    closing: dt.time
    capacity: dict[str, int]
    early: dt.timedelta
    late: dt.timedelta

    @classmethod
    def read(cls, s: Session) -> Rules:
        values = stored_values(s)

        def get(key: str) -> Any:
            return value_of(values, key)

        return cls(get("appointments.slot_min"), parse_hhmm(get("appointments.first_slot")),
                   parse_hhmm(get("branch.closing_time")), get("appointments.capacity"),
                   dt.timedelta(minutes=get("appointments.early_min")),
                   dt.timedelta(minutes=get("appointments.late_min")))

    def capacity_of(self, code: str, at: dt.time) -> int:
        for key in (f"{code}@{at:%H:%M}", code, "*"):
            if key in self.capacity:
                return self.capacity[key]
        return 0

    def slots(self, day: dt.date) -> list[dt.datetime]:
        """Every slot start of ``day``."""
        out, t = [], dt.datetime.combine(day, self.first_slot)
        end = dt.datetime.combine(day, self.closing)
        while t < end:
            out.append(t)
            t += dt.timedelta(minutes=self.slot_min)
        return out

    def check_slot(self, slot: dt.datetime) -> None:
        """``slot`` is one of its day's slot starts, or one sentence saying which are."""
        first = dt.datetime.combine(slot.date(), self.first_slot)
        minutes = (slot - first).total_seconds() / 60
        if slot.second or slot.microsecond or minutes < 0 or minutes % self.slot_min \
                or slot.time() >= self.closing:
            raise InvalidInput(
                f"{slot:%H:%M} is not a slot: slots start at {self.first_slot:%H:%M} and every "
                f"{self.slot_min} minutes before closing at {self.closing:%H:%M}.", field="slot")

    def window(self, slot: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """When a check-in gives an appointment ticket."""
        return slot - self.early, slot + self.late


@dataclass(frozen=True)
class AppointmentView:
    """An appointment as screens and the command line show it (personal data masked)."""

    id: int
    uuid: str
    reference: str
    source: str
    service_code: str
    service_name_zh: str
    service_name_en: str
    slot_at: dt.datetime
    business_date: dt.date
    status: str
    booked_at: dt.datetime
    checked_in_at: dt.datetime | None
    checkin: str | None
    ticket_number: str | None
    customer_name_masked: str | None
    customer_phone_masked: str | None


def view_of(s: Session, a: Appointment) -> AppointmentView:
    svc = s.get(Service, a.service_id)
    number = s.scalar(select(Ticket.number).where(Ticket.id == a.ticket_id)) if a.ticket_id else None
    return AppointmentView(a.id, a.uuid, a.reference, a.source, svc.code, svc.name_zh, svc.name_en, a.slot_at,
                           a.business_date, a.status, a.booked_at, a.checked_in_at, a.checkin, number,
                           a.customer_name_masked, a.customer_phone_masked)


def lock_slot(s: Session, service_id: int, slot: dt.datetime) -> None:
    """Serialise bookings of one slot between PCs (SQLite writes already are)."""
    if s.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"appointment:{service_id}:{slot.isoformat()}".encode())
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def held(s: Session, service_id: int, slot: dt.datetime, *, besides: int | None = None) -> int:
    q = select(func.count()).select_from(Appointment).where(
        Appointment.service_id == service_id, Appointment.slot_at == slot, Appointment.status.in_(HELD))
    if besides is not None:
        q = q.where(Appointment.id != besides)
    return int(s.scalar(q) or 0)


def take_place(s: Session, rules: Rules, svc: Service, slot: dt.datetime, *, besides: int | None = None) -> None:
    """Refuse a slot that is not one, or is full (``besides``: the booking being moved)."""
    rules.check_slot(slot)
    lock_slot(s, svc.id, slot)
    cap = rules.capacity_of(svc.code, slot.time())
    taken = held(s, svc.id, slot, besides=besides)
    if taken >= cap:
        raise SlotFull(f"Service {svc.code} has no place left at {slot:%Y-%m-%d %H:%M} "
                       f"({taken} of {cap} booked).", code=svc.code, slot=slot.isoformat(), capacity=cap)


def clean_customer(name: str | None, phone: str | None) -> tuple[str | None, str | None]:
    return _clean_text(name, MAX_NAME, "name", "name"), normalise_phone(phone)


def seal_customer(s: Session, a: Appointment, name: str | None, phone: str | None) -> None:
    a.customer_name_masked, a.customer_phone_masked = mask_name(name), mask_phone(phone)
    seal_fields(s, a, "appointments", {"customer_name": name, "customer_phone": phone})


def clean_reference(reference: str | None) -> str | None:
    if reference is None or not str(reference).strip():
        return None
    ref = str(reference).strip()
    if len(ref) > 40 or any(ord(c) < 33 or 0xD800 <= ord(c) <= 0xDFFF for c in ref):
        raise InvalidInput("A booking reference is 1 to 40 characters without spaces.", field="reference")
    return ref


def book_appointment(db: Database, *, service: str, slot: dt.datetime, name: str | None = None,
                     phone: str | None = None, reference: str | None = None, source: str = "staff",
                     actor: Actor, now: dt.datetime | None = None) -> AppointmentView:
    """Book ``service`` at ``slot`` (our own reference unless the booking has one)."""
    require(actor, "appointment.book")
    if source not in SOURCES:
        raise InvalidInput(f"Unknown source {source!r}.", field="source")
    name, phone = clean_customer(name, phone)
    ref = clean_reference(reference)
    with db.write() as s:
        m = begin(db, s, now)
        slot = to_branch_time(slot, m.settings.timezone)
        if slot <= m.now:
            raise InvalidInput(f"{slot:%Y-%m-%d %H:%M} has passed; book a later slot.", field="slot")
        if ref is not None and s.scalar(select(Appointment.id).where(Appointment.reference == ref)) is not None:
            raise AppointmentError(f"Booking {ref} exists already.", reference=ref)
        svc = bookable(s, service)
        a = new_appointment(s, Rules.read(s), svc, slot, ref, source, m.now)
        seal_customer(s, a, name, phone)
        s.flush()
        booked_event(s, EventType.APPOINTMENT_BOOKED, a, svc, m.now, actor)
        return view_of(s, a)


def bookable(s: Session, code: str) -> Service:
    svc = service_by_code(s, code)
    if not svc.active:
        raise ServiceInactive(f"Service {svc.code} is not offered right now.", code=svc.code)
    return svc


def new_appointment(s: Session, rules: Rules, svc: Service, slot: dt.datetime, ref: str | None, source: str,
                    now: dt.datetime) -> Appointment:
    take_place(s, rules, svc, slot)
    if ref is None:
        seq = bump_counter(s, TicketCounter, business_date=slot.date(), prefix=_COUNTER)
        ref = f"AP-{slot:%Y%m%d}-{seq:04d}"
    a = Appointment(reference=ref, source=source, service_id=svc.id, slot_at=slot, business_date=slot.date(),
                    status="booked", booked_at=now, version=1)
    s.add(a)
    return a


def booked_event(s: Session, kind: EventType, a: Appointment, svc: Service, now: dt.datetime,
                 actor: Actor) -> None:
    record_event(s, kind, now, staff_id=actor.staff_id, payload={
        "reference": a.reference, "service": svc.code, "slot": a.slot_at.isoformat(), "source": a.source})


def find(s: Session, ref: str | int, *, lock: bool = False) -> Appointment:
    """An appointment by its reference, uuid or id."""
    from app.store.locks import lock_on_postgresql

    text_ref = str(ref).strip()
    q = select(Appointment)
    if isinstance(ref, int) or text_ref.isdigit():
        q = q.where((Appointment.id == int(text_ref)) | (Appointment.reference == text_ref))
    else:
        q = q.where((Appointment.reference == text_ref) | (Appointment.uuid == text_ref.lower()))
    a = s.scalar(lock_on_postgresql(s, q.limit(1), lock))
    if a is None:
        raise UnknownAppointment(f"There is no appointment {text_ref!r}.", reference=text_ref)
    return a


def cancel_appointment(db: Database, ref: str | int, *, actor: Actor,
                       now: dt.datetime | None = None) -> AppointmentView:
    """Cancel a booked appointment (its place in the slot is free again)."""
    require(actor, "appointment.book")
    with db.write() as s:
        m = begin(db, s, now)
        a = find(s, ref, lock=True)
        if a.status != "booked":
            raise AppointmentError(f"Appointment {a.reference} is {a.status.replace('_', ' ')}; "
                                   f"only a booked one can be cancelled.", reference=a.reference)
        close(s, a, "cancelled", m.now, EventType.APPOINTMENT_CANCELLED, actor)
        return view_of(s, a)


def close(s: Session, a: Appointment, status: str, at: dt.datetime, kind: EventType, actor: Actor) -> None:
    a.status, a.closed_at = status, at
    a.version += 1
    booked_event(s, kind, a, s.get(Service, a.service_id), at, actor)


def get_appointment(db: Database, ref: str | int) -> AppointmentView:
    with db.read() as s:
        return view_of(s, find(s, ref))


def list_appointments(db: Database, *, day: dt.date, service: str | None = None) -> list[AppointmentView]:
    """``day``'s appointments by slot (every status)."""
    with db.read() as s:
        q = select(Appointment).where(Appointment.business_date == day)
        if service:
            q = q.where(Appointment.service_id == service_by_code(s, service).id)
        return [view_of(s, a) for a in s.scalars(q.order_by(Appointment.slot_at, Appointment.id))]


@dataclass(frozen=True)
class SlotRow:
    service_code: str
    slot_at: dt.datetime
    capacity: int
    booked: int  # booked or checked in

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)


def slot_table(db: Database, *, day: dt.date, service: str) -> list[SlotRow]:
    """Every slot of ``day`` for ``service``: its capacity and the places taken."""
    with db.read() as s:
        svc = service_by_code(s, service)
        rules = Rules.read(s)
        taken = dict(s.execute(
            select(Appointment.slot_at, func.count()).where(
                Appointment.service_id == svc.id, Appointment.business_date == day,
                Appointment.status.in_(HELD)).group_by(Appointment.slot_at)).all())
        return [SlotRow(svc.code, t, rules.capacity_of(svc.code, t.time()), int(taken.get(t, 0)))
                for t in rules.slots(day)]


def sweep_no_shows(db: Database, *, actor: Actor | None = None, now: dt.datetime | None = None) -> int:
    """Mark every booked appointment whose check-in window has ended as a no-show
    (each with its event, at the end of its window); returns how many."""
    from app.staff.roles import SYSTEM

    actor = actor or SYSTEM
    with db.read() as s:
        m = moment(s, now)
        rules = Rules.read(s)
        due = s.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.status == "booked", Appointment.slot_at < m.now - rules.late)) or 0
    if not due:
        return 0  # the usual case: a read, no write lock
    with db.write() as s:
        m = begin(db, s, now)
        rules = Rules.read(s)
        rows = s.scalars(select(Appointment).where(Appointment.status == "booked",
                                                   Appointment.slot_at < m.now - rules.late)).all()
        for a in rows:
            close(s, a, "no_show", min(m.now, a.slot_at + rules.late), EventType.APPOINTMENT_NO_SHOW, actor)
        return len(rows)
