"""What the lobby display, the greeter and the daily report show of
appointments: counts per service and slot, never a name."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from app.appointments.booking import HELD, Rules
from app.queue.day import moment
from app.store.engine import Database
from app.store.models import Service, Ticket
from app.store.models_beyond import Appointment


@dataclass(frozen=True)
class UpcomingSlot:
    slot_at: dt.datetime
    booked: int  # not checked in yet
    checked_in: int


@dataclass(frozen=True)
class UpcomingService:
    code: str
    name_zh: str
    name_en: str
    slots: tuple[UpcomingSlot, ...]


def upcoming(db: Database, *, now: dt.datetime | None = None, limit: int = 4) -> list[UpcomingService]:
    """Today's coming appointment slots per service (from the current check-in
    window on), at most ``limit`` slots each; services without any are left out."""
    with db.read() as s:
        m = moment(s, now)
        rules = Rules.read(s)
        rows = s.execute(
            select(Appointment.service_id, Appointment.slot_at, Appointment.status, func.count())
            .where(Appointment.business_date == m.day, Appointment.status.in_(HELD),
                   Appointment.slot_at >= m.now - rules.late)
            .group_by(Appointment.service_id, Appointment.slot_at, Appointment.status)
        ).all()
        services = {sid: (code, zh, en, pos) for sid, code, zh, en, pos in
                    s.execute(select(Service.id, Service.code, Service.name_zh, Service.name_en, Service.position))}
    per: dict[int, dict[dt.datetime, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for sid, slot, status, n in rows:
        per[sid][slot][status == "checked_in"] += n
    out = []
    for sid, slots in sorted(per.items(), key=lambda kv: (services[kv[0]][3], services[kv[0]][0])):
        code, zh, en, _ = services[sid]
        shown = tuple(UpcomingSlot(t, b, c) for t, (b, c) in sorted(slots.items()) if b)[:limit]
        if shown:
            out.append(UpcomingService(code, zh, en, shown))
    return out


@dataclass(frozen=True)
class AppointmentServiceRow:
    code: str
    booked: int
    checked_in: int
    on_time: int
    no_show: int


@dataclass(frozen=True)
class AppointmentDay:
    """The daily report's appointments section (definitions in docs/metrics.md)."""

    booked: int  # every appointment of the day except those cancelled
    cancelled: int
    checked_in: int
    on_time: int  # checked in within the window: an appointment ticket
    early: int  # checked in before the window: a normal ticket
    late: int  # checked in after the window: a normal ticket
    no_show: int  # not checked in by the end of the window
    still_to_come: int  # window not over yet when the report was made
    wait_after_checkin_avg_min: float | None  # check-in to first call, those called
    wait_after_checkin_p90_min: float | None
    waits: int
    services: tuple[AppointmentServiceRow, ...]


def appointments_day(db: Database, day: dt.date, *, now: dt.datetime | None = None) -> AppointmentDay | None:
    """The figures of ``day``'s appointments, or None when the day had none.
    A booking whose window ended unchecked counts as a no-show even before the
    sweep marked it."""
    with db.read() as s:
        m = moment(s, now)
        rules = Rules.read(s)
        rows = s.execute(
            select(Appointment.status, Appointment.slot_at, Appointment.checkin, Appointment.checked_in_at,
                   Ticket.first_called_at, Service.code)
            .join(Service, Service.id == Appointment.service_id)
            .outerjoin(Ticket, Ticket.id == Appointment.ticket_id)
            .where(Appointment.business_date == day)
        ).all()
    if not rows:
        return None
    counts: dict[str, int] = defaultdict(int)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    waits: list[float] = []
    for status, slot, how, checked_in_at, called_at, code in rows:
        if status == "cancelled":
            counts["cancelled"] += 1
            continue
        counts["booked"] += 1
        per[code][0] += 1
        if status == "checked_in":
            counts["checked_in"] += 1
            counts[how or "on_time"] += 1
            per[code][1] += 1
            per[code][2] += how == "on_time"
            if called_at is not None and checked_in_at is not None:
                waits.append(max(0.0, (called_at - checked_in_at).total_seconds() / 60))
        elif status == "no_show" or slot + rules.late < m.now:
            counts["no_show"] += 1
            per[code][3] += 1
        else:
            counts["still_to_come"] += 1
    waits.sort()
    p90 = waits[max(0, -(-len(waits) * 9 // 10) - 1)] if waits else None  # nearest rank, as the report
    return AppointmentDay(
        counts["booked"], counts["cancelled"], counts["checked_in"], counts["on_time"], counts["early"],
        counts["late"], counts["no_show"], counts["still_to_come"],
        round(statistics.fmean(waits), 1) if waits else None, round(p90, 1) if p90 is not None else None,
        len(waits), tuple(AppointmentServiceRow(c, *v) for c, v in sorted(per.items())))
