"""Lookups and settings shared by the complaint service functions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints.calendar import WorkCalendar
from app.complaints.deadlines import (
    DEFAULT_ACK_HOURS,
    Deadlines,
    Pause,
    compute_deadlines,
    resolve_days_for,
)
from app.complaints.errors import UnknownComplaint
from app.events import COMPLAINT_ACTION_EVENTS, EventType
from app.privacy.personal import seal_one
from app.staff.roles import Actor
from app.queue.day import settings_in
from app.settings import SPECS
from app.store.base import new_uuid
from app.store.events import record_event
from app.store.locks import lock_on_postgresql
from app.store.models import Setting
from app.store.models_complaints import CalendarOverride, Complaint, ComplaintCategory, ComplaintLog

# Log rows whose note is a sentence of the system's (deadlines), not a person's words.
SYSTEM_NOTES = ("deadline_pending", "deadlines_computed")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)

def setting(s: Session, key: str):  # type: ignore[no-untyped-def]
    """A branch setting's stored value, else its default (app/settings.py)."""
    row = s.get(Setting, key)
    return row.value if row is not None else SPECS[key].default


@dataclass(frozen=True)
class ClockConfig:
    """Everything the deadline arithmetic needs from the store."""

    calendar: WorkCalendar
    closing: dt.time
    ack_hours: int
    kind_days: dict[str, int]
    category_days: dict[str, int | None]


def load_calendar(s: Session) -> WorkCalendar:
    return WorkCalendar.from_rows((d, k) for d, k in s.execute(select(CalendarOverride.day, CalendarOverride.kind)))


def clock_config(s: Session) -> ClockConfig:
    return ClockConfig(
        calendar=load_calendar(s),
        closing=settings_in(s).closing_time,
        ack_hours=int(setting(s, "complaints.ack_hours") or DEFAULT_ACK_HOURS),
        kind_days={k: int(v) for k, v in (setting(s, "complaints.resolve_days") or {}).items()},
        category_days={code: days for code, days in s.execute(
            select(ComplaintCategory.code, ComplaintCategory.resolve_days))},
    )


def pauses_of(s: Session, c: Complaint) -> list[Pause]:
    """Pause intervals from the follow-up log (paused ... resumed)."""
    rows = s.execute(
        select(ComplaintLog.action, ComplaintLog.at)
        .where(ComplaintLog.complaint_id == c.id, ComplaintLog.action.in_(("pause", "resume")))
        .order_by(ComplaintLog.id)
    )
    pauses: list[Pause] = []
    start: dt.datetime | None = None
    for action, at in rows:
        if action == "pause":
            start = at
        elif start is not None:
            pauses.append(Pause(start, at))
            start = None
    if start is not None:
        pauses.append(Pause(start, None))
    return pauses


def deadlines_for(s: Session, c: Complaint, cfg: ClockConfig | None = None) -> Deadlines:
    cfg = cfg or clock_config(s)
    return compute_deadlines(
        c.received_at, resolve_days=c.resolve_days, regulatory_days=c.regulatory_days,
        pauses=pauses_of(s, c), closing=cfg.closing, ack_hours=cfg.ack_hours, cal=cfg.calendar,
    )


def apply_deadlines(c: Complaint, d: Deadlines) -> None:
    c.ack_due, c.resolve_due, c.regulatory_due = d.ack_due, d.resolve_due, d.regulatory_due


def pending_sentence(year: int | None) -> str:
    """The follow-up log's one sentence for a deadline the calendar cannot reach."""
    if year:
        return (f"Deadline pending: the working-day calendar for {year} is not known yet; "
                f"enter the {year} holidays and make-up working days.")
    return ("Deadline pending: the working-day calendar does not reach that far yet; "
            "enter the branch's holidays and make-up working days.")


def computed_sentence(d: Deadlines) -> str:
    """The follow-up log's sentence when pending deadlines get their dates."""
    parts = []
    if d.resolve_due is not None:
        parts.append(f"answer by {d.resolve_due:%Y-%m-%d %H:%M}")
    if d.regulatory_due is not None:
        parts.append(f"regulatory limit {d.regulatory_due:%Y-%m-%d %H:%M}")
    return "Deadlines computed with the calendar now entered: " + ", ".join(parts) + "."


def store_deadlines(s: Session, c: Complaint, actor: Actor, now: dt.datetime,
                    cfg: ClockConfig | None = None) -> Deadlines:
    """Compute and store a case's deadlines; a pending one gets its log line.

    The log line carries no event of its own: it belongs to the step (intake,
    resume, extension) whose event the caller records.
    """
    d = deadlines_for(s, c, cfg)
    apply_deadlines(c, d)
    log_pending(s, c, d, actor, now)
    return d


def log_pending(s: Session, c: Complaint, d: Deadlines, actor: Actor, now: dt.datetime) -> None:
    """One follow-up log row (no event) naming the year a pending deadline waits for."""
    if d.pending:
        append_log(s, c, "deadline_pending", actor, now, note=pending_sentence(d.unknown_year),
                   data={"pending": list(d.pending), "year": d.unknown_year}, quiet=True)


def days_for(cfg: ClockConfig, kind: str, categories: list[str]) -> int:
    return resolve_days_for(kind, categories, cfg.kind_days, cfg.category_days)


def complaint_by_ref(s: Session, ref: str | int, *, lock: bool = False) -> Complaint:
    """A case by reference (TS-...), uuid or database id."""
    text = str(ref).strip()
    q = select(Complaint)
    if _UUID.match(text):
        q = q.where(Complaint.uuid == text.lower())
    elif isinstance(ref, int) or text.isdigit():
        q = q.where(Complaint.id == int(text))
    else:
        q = q.where(Complaint.reference == text.upper()).order_by(Complaint.id.desc()).limit(1)
    q = lock_on_postgresql(s, q, lock)
    c = s.scalar(q)
    if c is None:
        raise UnknownComplaint(f"There is no complaint case {text!r}.", reference=text)
    return c


def append_log(
    s: Session, c: Complaint, action: str, actor: Actor, now: dt.datetime, *,
    note: str = "", from_status: str | None = None, to_status: str | None = None,
    data: dict | None = None, event: EventType | None = None, quiet: bool = False,
) -> None:
    """One follow-up log row and, unless ``quiet``, its event (``event``, else
    the action's own from the catalogue)."""
    row = ComplaintLog(uuid=new_uuid(), complaint_id=c.id, at=now, staff_id=actor.staff_id, staff=actor.username,
                       action=action, from_status=from_status, to_status=to_status, data=data or {})
    if action in SYSTEM_NOTES:
        row.note = note
    else:
        seal_one(s, row, "complaint_log", "note", note)  # what people write is personal data: encrypted
    s.add(row)
    c.updated_at = now
    if not quiet:
        payload = {"reference": c.reference, "action": action, "status": c.status}
        payload.update({k: v for k, v in (data or {}).items() if k not in ("note",)})
        record_event(s, event or COMPLAINT_ACTION_EVENTS[action], now,
                     complaint_id=c.id, staff_id=actor.staff_id, payload=payload)
