"""Check-in at the greeter: find today's appointment, issue its ticket.

A customer is found by the booking's reference, by the booking's QR code
(which holds the reference, or ``BRANCHDESK-APPT:<reference>``), or by the
last four digits of the phone with the name's first character (matched on
the masked forms stored at booking: nothing is decrypted).

Inside the window (``appointments.early_min`` before the slot to
``appointments.late_min`` after it) the ticket has appointment priority and
is served by its slot time; outside it the customer gets a normal ticket and
the sentence why. The ticket, the appointment's check-in and both events are
one transaction: two greeters checking in the same booking get one ticket.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.appointments.booking import AppointmentView, Rules, find, view_of
from app.appointments.errors import AppointmentError, UnknownAppointment
from app.errors import InvalidInput
from app.events import EventType
from app.queue.day import Moment, moment
from app.queue.tickets import issue_ticket
from app.queue.views import IssuedTicket, TicketView
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service
from app.store.models_beyond import Appointment

QR_PREFIX = "BRANCHDESK-APPT:"
_LAST4 = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class CheckIn:
    appointment: AppointmentView
    issued: IssuedTicket
    how: str  # on_time / early / late
    # One sentence for the greeter and the customer when the ticket is a normal one.
    reason_en: str | None = None
    reason_zh: str | None = None

    @property
    def priority(self) -> bool:
        return self.how == "on_time"


def reference_from_scan(data: str) -> str:
    """The booking reference a scanned QR code (or a typed reference) holds."""
    value = (data or "").strip()
    if value.upper().startswith(QR_PREFIX):
        value = value[len(QR_PREFIX):]
    elif "ref=" in value:  # a booking page's link: ...?ref=AP-20261208-0001
        value = value.split("ref=", 1)[1].split("&", 1)[0]
    return value.strip()


def find_for_checkin(db: Database, *, reference: str | None = None, last4: str | None = None,
                     initial: str | None = None, now: dt.datetime | None = None) -> list[AppointmentView]:
    """Today's appointments matching a reference (or scan), or the last four
    digits of the phone and the name's first character; booked ones first."""
    with db.read() as s:
        m = moment(s, now)
        q = select(Appointment).where(Appointment.business_date == m.day,
                                      Appointment.status.in_(("booked", "no_show", "checked_in")))
        if reference:
            ref = reference_from_scan(reference)
            rows = list(s.scalars(q.where(Appointment.reference == ref)))
        else:
            digits, first = (last4 or "").strip(), (initial or "").strip()
            if not _LAST4.match(digits) or len(first) != 1:
                raise InvalidInput("Give the booking reference, or the last four digits of the phone and the "
                                   "first character of the name.", field="checkin")
            rows = [a for a in s.scalars(q.where(Appointment.customer_phone_masked.like(f"%{digits}")))
                    if (a.customer_name_masked or "")[:1].casefold() == first.casefold()]
        rows.sort(key=lambda a: (a.status != "booked", abs((a.slot_at - m.now).total_seconds()), a.id))
        return [view_of(s, a) for a in rows]


def _how(rules: Rules, slot: dt.datetime, now: dt.datetime) -> str:
    start, end = rules.window(slot)
    return "early" if now < start else "late" if now > end else "on_time"


def _reasons(how: str, rules: Rules, slot: dt.datetime) -> tuple[str | None, str | None]:
    start, end = rules.window(slot)
    if how == "early":
        return (f"More than {rules.early.seconds // 60} minutes before the {slot:%H:%M} appointment: a normal "
                f"ticket now, or an appointment ticket from {start:%H:%M}.",
                f"距预约时间 {slot:%H:%M} 还有 {rules.early.seconds // 60} 分钟以上：现在取普通号，"
                f"或 {start:%H:%M} 后再来签到取预约号。")
    if how == "late":
        return (f"More than {rules.late.seconds // 60} minutes after the {slot:%H:%M} appointment "
                f"(until {end:%H:%M}): a normal ticket.",
                f"已超过预约时间 {slot:%H:%M} {rules.late.seconds // 60} 分钟以上（截至 {end:%H:%M}）：取普通号。")
    return None, None


def check_in(db: Database, ref: str | int, *, actor: Actor, now: dt.datetime | None = None,
             how_found: str = "reference") -> CheckIn:
    """Check today's appointment ``ref`` in and issue its ticket (see the module docstring)."""
    require(actor, "appointment.checkin")
    with db.read() as s:
        m = moment(s, now)
        a = find(s, reference_from_scan(str(ref)) if isinstance(ref, str) else ref)
        _check_can(a, m)
        rules = Rules.read(s)
        code = s.get(Service, a.service_id).code
        slot, appointment_id = a.slot_at, a.id
    how = _how(rules, slot, m.now)

    def link(s: Session, t: TicketView, mt: Moment) -> None:
        row = s.get(Appointment, appointment_id, with_for_update=s.get_bind().dialect.name == "postgresql")
        _check_can(row, mt)  # another greeter may have checked it in meanwhile
        row.status, row.checked_in_at, row.checkin, row.ticket_id = "checked_in", mt.now, how, t.id
        row.closed_at = None
        row.version += 1
        record_event(s, EventType.APPOINTMENT_CHECKED_IN, mt.now, ticket_id=t.id, staff_id=actor.staff_id,
                     payload={"reference": row.reference, "service": t.service_code,
                              "slot": row.slot_at.isoformat(), "number": t.number, "checkin": how,
                              "how": how_found})

    issued = issue_ticket(db, service=code, priority="appointment" if how == "on_time" else "normal",
                          after_hours_ok=True, actor=actor, now=now,
                          appointment_at=slot if how == "on_time" else None, in_transaction=link)
    with db.read() as s:
        view = view_of(s, s.get(Appointment, appointment_id))
    reason_en, reason_zh = _reasons(how, rules, slot)
    return CheckIn(view, issued, how, reason_en, reason_zh)


def _check_can(a: Appointment, m: Moment) -> None:
    if a.business_date != m.day:
        raise AppointmentError(f"Appointment {a.reference} is for {a.business_date}, not today.",
                               reference=a.reference)
    if a.status == "checked_in":
        raise AppointmentError(f"Appointment {a.reference} is checked in already.", reference=a.reference)
    if a.status == "cancelled":
        raise UnknownAppointment(f"Appointment {a.reference} was cancelled.", reference=a.reference)
