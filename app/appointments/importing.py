"""Importing appointments from the bank's booking system (CSV or JSON) and
from head office, idempotent by the booking's own reference.

Each booking is one transaction: a refused line (a full slot, an unknown
service) is reported with its line number and the others go in. Importing the
same file again changes nothing; a booking moved to another slot or service
in a later file is moved (if that slot has room), and one marked cancelled is
cancelled. Columns (CSV header or JSON keys; Chinese headers too):
reference, service, slot (2026-12-08T10:30), name, phone, status
(booked or cancelled, default booked).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.appointments.booking import (
    Rules,
    bookable,
    booked_event,
    clean_customer,
    clean_reference,
    close,
    new_appointment,
    seal_customer,
    take_place,
)
from app.appointments.errors import AppointmentError
from app.clock import to_branch_time
from app.errors import DomainError, InvalidInput
from app.events import EventType
from app.queue.day import begin
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service
from app.store.models_beyond import Appointment

ALIASES = {"reference": "reference", "ref": "reference", "booking": "reference", "预约号": "reference",
           "service": "service", "业务": "service", "slot": "slot", "time": "slot", "预约时间": "slot",
           "时间": "slot", "name": "name", "姓名": "name", "phone": "phone", "电话": "phone", "手机": "phone",
           "status": "status", "状态": "status"}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Booking:
    line: int
    reference: str
    service: str
    slot: dt.datetime
    name: str | None = None
    phone: str | None = None
    cancelled: bool = False


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, sentence)


def parse_file(path: str | Path) -> tuple[list[Booking], list[tuple[int, str]]]:
    """The bookings a CSV or JSON file holds, and one sentence per line that is not one."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {p}: {exc.strerror or exc}.", field="file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{p.name} is not UTF-8 text.", field="file") from None
    return parse_text(text, json_hint=p.suffix.lower() == ".json")


def parse_text(text: str, *, json_hint: bool = False) -> tuple[list[Booking], list[tuple[int, str]]]:
    stripped = text.lstrip()
    if json_hint or stripped[:1] in ("[", "{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"The file is not valid JSON (line {exc.lineno}).", field="file") from None
        items = data.get("appointments") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise InvalidInput("The JSON file must hold a list of bookings (or {\"appointments\": [...]}).",
                               field="file")
        rows: Iterable[tuple[int, Any]] = enumerate(items, start=1)
    else:
        reader = csv.DictReader(io.StringIO(text))
        rows = ((i + 2, r) for i, r in enumerate(reader))  # line 1 is the header
    bookings, problems = [], []
    for line, item in rows:
        if line > MAX_ROWS + 1:
            problems.append((line, f"At most {MAX_ROWS} bookings per file."))
            break
        try:
            bookings.append(booking_of(line, item))
        except InvalidInput as exc:
            problems.append((line, exc.message))
    return bookings, problems


def booking_of(line: int, item: Any) -> Booking:
    if not isinstance(item, Mapping):
        raise InvalidInput("A booking is an object with reference, service and slot.")
    row = {ALIASES.get(str(k).strip().lower(), str(k).strip().lower()): v for k, v in item.items() if k is not None}
    ref = clean_reference(_str(row.get("reference")))
    service = (_str(row.get("service")) or "").upper()
    if ref is None or not service or not _str(row.get("slot")):
        raise InvalidInput("A booking needs a reference, a service and a slot.")
    try:
        slot = dt.datetime.fromisoformat(_str(row["slot"]).replace("/", "-"))
    except ValueError:
        raise InvalidInput(f"{row['slot']!r} is not a time such as 2026-12-08T10:30.") from None
    status = (_str(row.get("status")) or "booked").lower()
    if status not in ("booked", "cancelled", "canceled", "已取消", "预约"):
        raise InvalidInput(f"Unknown status {status!r}: booked or cancelled.")
    return Booking(line, ref, service, slot.replace(second=0, microsecond=0), _str(row.get("name")),
                   _str(row.get("phone")), status in ("cancelled", "canceled", "已取消"))


def _str(v: Any) -> str | None:
    if v is None:
        return None
    return str(v).strip() or None


def import_appointments(db: Database, bookings: Iterable[Booking], *, source: str = "import", actor: Actor,
                        now: dt.datetime | None = None, problems: list[tuple[int, str]] | None = None
                        ) -> ImportResult:
    """Import ``bookings`` (see the module docstring); one summary event at the end."""
    require(actor, "appointment.book")
    result = ImportResult(problems=list(problems or []))
    result.refused = len(result.problems)
    for b in bookings:
        try:
            outcome = _import_one(db, b, source, actor, now)
        except DomainError as exc:
            result.refused += 1
            result.problems.append((b.line, f"{b.reference}: {exc.message}"))
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    with db.write() as s:
        m = begin(db, s, now)
        record_event(s, EventType.APPOINTMENTS_IMPORTED, m.now, staff_id=actor.staff_id, payload={
            "source": source, "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "refused": result.refused})
    return result


def _import_one(db: Database, b: Booking, source: str, actor: Actor, now: dt.datetime | None) -> str:
    name, phone = clean_customer(b.name, b.phone)
    with db.write() as s:
        m = begin(db, s, now)
        slot = to_branch_time(b.slot, m.settings.timezone)
        a = s.scalar(select(Appointment).where(Appointment.reference == b.reference))
        if a is None:
            if b.cancelled:
                return "unchanged"  # cancelled before it ever reached us
            if slot <= m.now:
                raise InvalidInput(f"{slot:%Y-%m-%d %H:%M} has passed.")
            svc = bookable(s, b.service)
            a = new_appointment(s, Rules.read(s), svc, slot, b.reference, source, m.now)
            seal_customer(s, a, name, phone)
            s.flush()
            booked_event(s, EventType.APPOINTMENT_BOOKED, a, svc, m.now, actor)
            return "created"
        svc = s.get(Service, a.service_id)
        if b.cancelled:
            if a.status == "booked":
                close(s, a, "cancelled", m.now, EventType.APPOINTMENT_CANCELLED, actor)
                return "updated"
            return "unchanged"
        if svc.code == b.service and a.slot_at == slot:  # a booking cancelled here stays cancelled
            return "unchanged"
        if a.status not in ("booked", "cancelled"):
            raise AppointmentError(f"It is {a.status.replace('_', ' ')}; it cannot be moved any more.")
        target = bookable(s, b.service)
        if slot <= m.now:
            raise InvalidInput(f"{slot:%Y-%m-%d %H:%M} has passed.")
        take_place(s, Rules.read(s), target, slot, besides=a.id)
        a.service_id, a.slot_at, a.business_date, a.status, a.closed_at = \
            target.id, slot, slot.date(), "booked", None
        a.version += 1
        booked_event(s, EventType.APPOINTMENT_BOOKED, a, target, m.now, actor)
        return "updated"
