"""The follow-up workflow: one service function per step, each one
transaction with one follow-up log row and one event.

received -> acknowledged -> in_progress -> resolved -> notified -> closed;
pause/resume from acknowledged or in progress; reopen from notified or closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints.common import append_log, complaint_by_ref, store_deadlines
from app.complaints.errors import InvalidComplaintState, InvalidInput
from app.complaints.rules import (
    MAX_NOTE,
    NOTIFY_METHODS,
    PAUSE_REASONS,
    check_choice,
    check_satisfaction,
    clean_text,
    next_status,
)
from app.complaints.deadlines import next_regulatory_step
from app.complaints.views import ComplaintSummary, summary
from app.errors import UnknownStaff
from app.privacy.personal import seal_one
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.models import Staff
from app.store.models_complaints import Complaint

Mutate = Callable[[Session, Complaint], dict]


def _step(db: Database, ref: str | int, action: str, *, actor: Actor, now: dt.datetime,
          note: str = "", permission: str = "complaint.handle", mutate: Mutate | None = None,
          recompute: bool = False) -> ComplaintSummary:
    """Check the role and the status, change the case, log it, record the event."""
    require(actor, permission)
    with db.write() as s:
        c = complaint_by_ref(s, ref, lock=True)
        before = c.status
        if action in _STATUS_ACTIONS:
            target = next_status(c.status, action, c.reference)
            c.status = target or (c.status_before_pause or "in_progress")
        data = mutate(s, c) if mutate else {}
        if action == "pause":
            c.status_before_pause = before
        append_log(s, c, action, actor, now, note=note, from_status=before,
                   to_status=c.status if c.status != before else None, data=data)
        if recompute:  # deadlines depend on the pauses in the log just written
            s.flush()
            store_deadlines(s, c, actor, now)  # a calendar gap leaves them pending, never refuses
        return summary(c, now)


_STATUS_ACTIONS = ("acknowledge", "start", "pause", "resume", "resolve", "notify", "close", "reopen")


def _note(text: str | None, label: str = "note", required: bool = False) -> str:
    return clean_text(text, MAX_NOTE, label, required=required) or ""


def acknowledge(db: Database, ref: str | int, *, note: str = "", actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Tell the customer the case is received (the 24-hour clock stops)."""
    def mutate(s: Session, c: Complaint) -> dict:
        c.acknowledged_at = now
        return {"within_deadline": now <= c.ack_due}
    return _step(db, ref, "acknowledge", actor=actor, now=now, note=_note(note), mutate=mutate)


def start_handling(db: Database, ref: str | int, *, note: str = "", actor: Actor, now: dt.datetime) -> ComplaintSummary:
    def mutate(s: Session, c: Complaint) -> dict:
        c.started_at = now
        if c.handler is None:  # whoever starts it handles it unless assigned
            c.handler, c.handler_id = actor.username, actor.staff_id
        return {}
    return _step(db, ref, "start", actor=actor, now=now, note=_note(note), mutate=mutate)


def pause_case(db: Database, ref: str | int, *, reason: str, note: str = "",
               actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Stop the clock while waiting on the customer or an outside appraisal."""
    check_choice(reason, PAUSE_REASONS, "pause reason")

    def mutate(s: Session, c: Complaint) -> dict:
        c.pause_reason = reason
        return {"reason": reason}
    return _step(db, ref, "pause", actor=actor, now=now, note=_note(note), mutate=mutate)


def resume_case(db: Database, ref: str | int, *, note: str = "", actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Restart the clock; the deadlines move by the paused working days."""
    def mutate(s: Session, c: Complaint) -> dict:
        c.status_before_pause = None
        c.pause_reason = None
        return {}
    return _step(db, ref, "resume", actor=actor, now=now, note=_note(note), mutate=mutate, recompute=True)


def resolve_case(db: Database, ref: str | int, *, resolution: str, actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Record the answer to the customer's case."""
    text = _note(resolution, "resolution", required=True)

    def mutate(s: Session, c: Complaint) -> dict:
        c.resolved_at = now
        seal_one(s, c, "complaints", "resolution", text)
        # None while the deadline is pending (its year's calendar not entered yet)
        return {"within_deadline": None if c.resolve_due is None else now <= c.resolve_due}
    return _step(db, ref, "resolve", actor=actor, now=now, note=text, mutate=mutate)


def notify_customer(db: Database, ref: str | int, *, method: str, notified_at: dt.datetime | None = None,
                    note: str = "", actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Record how and when the customer was told the answer."""
    check_choice(method, NOTIFY_METHODS, "notification method")
    when = notified_at or now
    if when > now:
        raise InvalidInput("The notification time cannot be in the future.", field="notified_at")

    def mutate(s: Session, c: Complaint) -> dict:
        if c.resolved_at and when < c.resolved_at:
            raise InvalidInput("The customer cannot be notified before the case was resolved.", field="notified_at")
        c.notified_at, c.notify_method = when, method
        return {"method": method, "notified_at": when.isoformat()}
    return _step(db, ref, "notify", actor=actor, now=now, note=_note(note), mutate=mutate)


def close_case(db: Database, ref: str | int, *, satisfaction: int, adopted: bool | None = None,
               note: str = "", actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Close with the customer's satisfaction (1-5) and, for suggestions, adoption."""
    check_satisfaction(satisfaction)

    def mutate(s: Session, c: Complaint) -> dict:
        if c.kind == "suggestion" and adopted is None:
            raise InvalidInput("Say whether the suggestion was adopted before closing it.", field="adopted")
        c.closed_at, c.satisfaction = now, satisfaction
        c.adopted = adopted if c.kind == "suggestion" else None
        return {"satisfaction": satisfaction, "adopted": c.adopted}
    return _step(db, ref, "close", actor=actor, now=now, note=_note(note), mutate=mutate)


def reopen_case(db: Database, ref: str | int, *, reason: str, actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """A dissatisfied customer: back to in progress, the answer to be redone."""
    text = _note(reason, "reason", required=True)

    def mutate(s: Session, c: Complaint) -> dict:
        c.reopen_count += 1
        c.resolved_at = c.notified_at = c.closed_at = None
        c.notify_method = c.resolution = None
        c.satisfaction = None
        c.adopted = None
        return {"reopen_count": c.reopen_count}
    return _step(db, ref, "reopen", actor=actor, now=now, note=text, mutate=mutate)


def assign_case(db: Database, ref: str | int, *, handler: str, note: str = "",
                actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Give the case to a staff member with the complaints or manager role."""
    def mutate(s: Session, c: Complaint) -> dict:
        staff = s.scalar(select(Staff).where(Staff.username == handler, Staff.active.is_(True)))
        if staff is None:
            raise UnknownStaff(f"There is no active staff account named {handler!r}.", username=handler)
        roles = set(filter(None, staff.roles.split(",")))
        if not roles & {"complaints", "manager", "admin"}:
            raise InvalidInput(f"{handler} does not have the complaints role, so cannot handle cases.",
                               field="handler")
        if c.status == "closed":
            raise InvalidComplaintState(f"{c.reference} is closed, so it cannot be assigned.")
        c.handler, c.handler_id = staff.username, staff.id
        return {"handler": staff.username}
    return _step(db, ref, "assign", actor=actor, now=now, note=_note(note), mutate=mutate)


def add_note(db: Database, ref: str | int, *, note: str, actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Append a follow-up note (the log is never edited)."""
    return _step(db, ref, "note", actor=actor, now=now, note=_note(note, required=True))


def extend_limit(db: Database, ref: str | int, *, reason: str, actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Manager's approval to extend the regulatory limit 15 -> 30 -> 60 days."""
    text = _note(reason, "reason for the extension", required=True)

    def mutate(s: Session, c: Complaint) -> dict:
        if c.status == "closed":
            raise InvalidComplaintState(f"{c.reference} is closed, so its limit cannot be extended.")
        old = c.regulatory_days
        c.regulatory_days = next_regulatory_step(old)
        seal_one(s, c, "complaints", "extension_reason", text)
        c.extension_approved_by = actor.username
        return {"from_days": old, "to_days": c.regulatory_days, "approved_by": actor.username}
    return _step(db, ref, "extend", actor=actor, now=now, note=text, permission="complaint.approve",
                 mutate=mutate, recompute=True)


def set_receipt_print_state(db: Database, ref: str | int, *, state: str, detail: str = "",
                            actor: Actor, now: dt.datetime) -> ComplaintSummary:
    """Record what the printer did with the customer's receipt."""
    check_choice(state, ("printed", "failed"), "print state")

    def mutate(s: Session, c: Complaint) -> dict:
        c.print_state = state
        return {"print_state": state, "detail": detail[:300]}
    return _step(db, ref, "print", actor=actor, now=now, note=detail[:300], permission="complaint.intake",
                 mutate=mutate)
