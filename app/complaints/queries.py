"""Reading cases: the officer's list, one case with its personal data (the
opening is recorded), the manager's overdue count, categories, handlers,
the branch's calendar overrides and whether the calendar reaches far enough."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select

from app.events import EventType
from app.complaints.calendar import OVERRIDE_KINDS
from app.complaints.common import (
    append_log,
    apply_deadlines,
    clock_config,
    complaint_by_ref,
    computed_sentence,
    deadlines_for,
    load_calendar,
    log_pending,
)
from app.complaints.deadlines import DUE_SOON
from app.complaints.errors import InvalidInput
from app.complaints.rules import OPEN_STATUSES, check_choice, clean_text
from app.complaints.views import CategoryView, ComplaintDetail, ComplaintSummary, detail, summary
from app.errors import DomainError
from app.privacy.access import record_access, require_logged
from app.privacy.personal import open_fields, open_note, phone_indexes
from app.queue.tickets import normalise_phone
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Staff
from app.store.models_complaints import CalendarOverride, Complaint, ComplaintCategory, ComplaintLog


def _sort_key(c: ComplaintSummary, now: dt.datetime) -> tuple:
    # Open cases first, nearest deadline first; answered cases after, newest first.
    # A pending deadline counts as due soon (now + 24 h), never as last: it
    # needs somebody to enter the calendar.
    due = c.next_due
    if c.deadline_state == "pending":
        due = min(due, now + DUE_SOON) if due is not None else now + DUE_SOON
    if due is not None:
        return (0, due, c.id)
    return (1 if c.status in OPEN_STATUSES else 2, -c.received_at.timestamp(), c.id)


def list_complaints(
    db: Database,
    *,
    actor: Actor,
    now: dt.datetime,
    kind: str | None = None,
    status: str | None = None,
    category: str | None = None,
    handler: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    search: str | None = None,
    limit: int = 500,
) -> list[ComplaintSummary]:
    """Cases sorted by the nearest deadline (contacts masked, no content).

    ``status`` may be a status, "open" (everything not yet answered) or
    "not_closed" (everything still to do, answered cases not yet notified or
    closed among them: the board's default).
    ``search`` matches the reference, the ticket number or the masked name as
    the board shows it (王*), or is a phone number found through its keyed
    hash: names and phones themselves are encrypted.
    """
    require(actor, "complaint.view")
    q = select(Complaint)
    if kind:
        q = q.where(Complaint.kind == kind)
    if status == "open":
        q = q.where(Complaint.status.in_(OPEN_STATUSES))
    elif status == "not_closed":
        q = q.where(Complaint.status != "closed")
    elif status:
        q = q.where(Complaint.status == status)
    if handler:
        q = q.where(Complaint.handler == handler)
    if date_from:
        q = q.where(Complaint.received_at >= dt.datetime.combine(date_from, dt.time()))
    if date_to:
        q = q.where(Complaint.received_at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    with db.read() as s:
        if search and search.strip():
            like = f"%{search.strip()}%"
            phone = _as_phone(search)
            found = Complaint.phone_index.in_(phone_indexes(s, phone)) if phone else None
            q = q.where(or_(Complaint.reference.ilike(like), Complaint.ticket_number.ilike(like),
                            Complaint.customer_name_masked.ilike(like), *([found] if found is not None else [])))
        rows = [summary(c, now) for c in s.scalars(q.order_by(Complaint.id.desc()).limit(limit))]
    if category:  # categories are a short JSON list per case: filtered here
        rows = [r for r in rows if category in r.categories]
    return sorted(rows, key=lambda c: _sort_key(c, now))


def _as_phone(text: str) -> str | None:
    """The search text as a normalised phone number, when it is one."""
    try:
        return normalise_phone(text)
    except DomainError:
        return None


def complaint_detail(db: Database, ref: str | int, *, purpose: str = "follow-up",
                     actor: Actor, now: dt.datetime) -> ComplaintDetail:
    """One case with names, contacts, content and log, decrypted; the opening is recorded."""
    require_logged(db, actor, "complaint.personal_data", "view", now=now, purpose=purpose)
    with db.write() as s:
        c = complaint_by_ref(s, ref)
        log = list(s.scalars(select(ComplaintLog).where(ComplaintLog.complaint_id == c.id)
                             .order_by(ComplaintLog.id)))
        clear = open_fields(s, c, "complaints")
        notes = [(row, open_note(s, row)) for row in log]
        record_access(s, actor, "view", now, subject="complaint", subject_uuid=c.uuid, purpose=purpose)
        return detail(c, clear, notes, now)


def get_complaint(db: Database, ref: str | int, *, actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """One case as a list shows it (masked)."""
    require(actor, "complaint.view")
    with db.read() as s:
        return summary(complaint_by_ref(s, ref), now)


def overdue_count(db: Database, now: dt.datetime) -> int:
    """Open cases past their deadline (acknowledgement or resolution); paused ones wait.

    A pending (NULL) resolution deadline is not overdue: NULL < now is not true.
    """
    with db.read() as s:
        return int(s.scalar(
            select(func.count()).select_from(Complaint).where(or_(
                Complaint.status.in_(("received", "acknowledged", "in_progress")) & (Complaint.resolve_due < now),
                (Complaint.status == "received") & (Complaint.ack_due < now),
            ))
        ) or 0)


@dataclass(frozen=True)
class CalendarStatus:
    """Whether the working-day calendar reaches far enough (board banner, doctor)."""

    this_year: int
    missing_year: int | None  # this year or, from 1 November, next year, when not known
    pending_cases: int  # open cases with a pending deadline
    pending_year: int | None  # the year those deadlines wait for

    @property
    def needs_attention(self) -> bool:
        return self.missing_year is not None or self.pending_cases > 0

    @property
    def year(self) -> int | None:
        """The year to enter first."""
        years = [y for y in (self.missing_year, self.pending_year) if y]
        return min(years) if years else None

    def sentence(self) -> str:
        """One English sentence or two (the board translates its own)."""
        if not self.needs_attention:
            return "The working-day calendar is known far enough ahead."
        year = self.year
        if year == self.this_year + 1:
            text = f"Enter next year's holidays: the {year} working-day calendar is not known yet."
        else:
            text = f"Enter the {year} holidays: the {year} working-day calendar is not known yet."
        if self.pending_cases:
            text += f" Open cases with a pending deadline: {self.pending_cases}."
        return text


# From this date of a year on, next year's calendar should be entered.
NEXT_YEAR_FROM = (11, 1)


def calendar_status(db: Database, now: dt.datetime) -> CalendarStatus:
    """The calendar gap that needs somebody: this year or (from 1 November)
    next year unknown, or open cases waiting for a year's calendar."""
    with db.read() as s:
        cal = load_calendar(s)
        pending = list(s.scalars(select(Complaint.received_at).where(
            Complaint.status.in_(OPEN_STATUSES),
            or_(Complaint.resolve_due.is_(None), Complaint.regulatory_due.is_(None)))))
    missing = None
    if not cal.knows_year(now.year):
        missing = now.year
    elif (now.month, now.day) >= NEXT_YEAR_FROM and not cal.knows_year(now.year + 1):
        missing = now.year + 1
    pending_year = None
    if pending:
        pending_year = min(r.year for r in pending)
        while cal.knows_year(pending_year):
            pending_year += 1
    return CalendarStatus(now.year, missing, len(pending), pending_year)


def list_categories(db: Database, *, include_inactive: bool = False) -> list[CategoryView]:
    q = select(ComplaintCategory).order_by(ComplaintCategory.position, ComplaintCategory.code)
    if not include_inactive:
        q = q.where(ComplaintCategory.active.is_(True))
    with db.read() as s:
        return [CategoryView(c.code, c.name_zh, c.name_en, c.resolve_days, c.active) for c in s.scalars(q)]


def set_category(db: Database, code: str, *, name_zh: str, name_en: str, resolve_days: int | None = None,
                 active: bool = True, actor: Actor, now: dt.datetime) -> CategoryView:
    """Add or change a category (bilingual); ``resolve_days`` overrides the kind's deadline."""
    require(actor, "settings.manage")
    key = (code or "").strip().lower()
    if not key.replace("_", "").isalnum() or len(key) > 32:
        raise InvalidInput("A category code is up to 32 letters, digits or underscores.", field="code")
    zh = clean_text(name_zh, 64, "Chinese name", required=True)
    en = clean_text(name_en, 64, "English name", required=True)
    if resolve_days is not None and not 1 <= resolve_days <= 30:
        raise InvalidInput("A category's deadline is 1 to 30 working days.", field="resolve_days")
    with db.write() as s:
        row = s.get(ComplaintCategory, key)
        if row is None:
            position = int(s.scalar(select(func.count()).select_from(ComplaintCategory)) or 0)
            row = ComplaintCategory(code=key, position=position)
            s.add(row)
        row.name_zh, row.name_en, row.resolve_days, row.active = zh, en, resolve_days, active
        record_event(s, EventType.COMPLAINT_CATEGORY_SAVED, now, staff_id=actor.staff_id,
                     payload={"code": key, "resolve_days": resolve_days, "active": active})
        return CategoryView(key, zh, en, resolve_days, active)  # type: ignore[arg-type]


def list_handlers(db: Database) -> list[str]:
    """Usernames that may be assigned cases (complaints or manager role)."""
    with db.read() as s:
        rows = s.execute(select(Staff.username, Staff.roles).where(Staff.active.is_(True))
                         .order_by(Staff.username))
        return [u for u, roles in rows if set(roles.split(",")) & {"complaints", "manager"}]


def set_calendar_override(db: Database, day: dt.date, *, kind: str | None, note: str = "",
                          actor: Actor, now: dt.datetime) -> int:
    """Mark ``day`` as a branch holiday or make-up working day (kind None removes it).

    Cases with a pending deadline (their year's calendar was unknown) are
    recomputed in the same transaction, each with a follow-up log row and a
    ``ComplaintDeadlinesComputed`` event; returns how many got their dates.
    Deadlines already stored are not moved; they are recomputed on the next
    pause/resume or extension of a case.
    """
    require(actor, "settings.manage")
    if kind is not None:
        check_choice(kind, OVERRIDE_KINDS, "calendar override")
    with db.write() as s:
        s.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
        if kind is not None:
            s.add(CalendarOverride(day=day, kind=kind, note=clean_text(note, 100, "note") or ""))
        record_event(s, EventType.CALENDAR_OVERRIDE_SET, now, staff_id=actor.staff_id,
                     payload={"day": day.isoformat(), "kind": kind})
        s.flush()
        return _recompute_pending(s, actor, now)


def _recompute_pending(s, actor: Actor, now: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    """Give every case with a pending deadline the dates the calendar now allows.

    Answered and closed cases too: the analysis measures them against the
    real deadline once it is known.
    """
    cfg = clock_config(s)
    waiting = s.scalars(select(Complaint).where(
        or_(Complaint.resolve_due.is_(None), Complaint.regulatory_due.is_(None))).order_by(Complaint.id))
    computed = 0
    for c in list(waiting):
        d = deadlines_for(s, c, cfg)
        if (d.resolve_due, d.regulatory_due) == (c.resolve_due, c.regulatory_due):
            continue  # still waiting for the same year: nothing to say again
        apply_deadlines(c, d)
        append_log(s, c, "deadlines_computed", actor, now, note=computed_sentence(d),
                   data={"resolve_due": _iso(d.resolve_due), "regulatory_due": _iso(d.regulatory_due),
                         "pending": list(d.pending)},
                   event=EventType.COMPLAINT_DEADLINES_COMPUTED)
        log_pending(s, c, d, actor, now)
        computed += 1
    return computed


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def calendar_overrides(db: Database) -> list[tuple[dt.date, str, str]]:
    with db.read() as s:
        return list(s.execute(select(CalendarOverride.day, CalendarOverride.kind, CalendarOverride.note)
                              .order_by(CalendarOverride.day)))
