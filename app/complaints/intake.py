"""Intake: a new complaint, suggestion or praise, numbered TS-YYYYMMDD-NNNN."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events import EventType
from app.complaints.common import append_log, clock_config, days_for, log_pending, setting
from app.complaints.deadlines import REGULATORY_STEPS, compute_deadlines
from app.complaints.errors import InvalidInput
from app.complaints.rules import (
    CHANNELS,
    KINDS,
    MAX_CONTENT,
    MAX_NAME,
    check_choice,
    clean_text,
    normalise_email,
    reference_number,
)
from app.complaints.views import ComplaintSummary, summary
from app.privacy.personal import seal_complaint
from app.queue.common import ticket_by_ref
from app.queue.tickets import normalise_phone
from app.staff.roles import Actor, require
from app.store.counters import bump_counter
from app.store.engine import Database
from app.store.models_complaints import Complaint, ComplaintCategory, ComplaintCounter


def _check_categories(s: Session, codes: Sequence[str]) -> list[str]:
    wanted = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    known = set(s.scalars(select(ComplaintCategory.code).where(ComplaintCategory.active.is_(True))))
    for code in wanted:
        if code not in known:
            raise InvalidInput(f"Unknown category {code!r}; use one of {', '.join(sorted(known))}.",
                               field="categories")
    return wanted


def intake_complaint(
    db: Database,
    *,
    kind: str,
    channel: str,
    content: str,
    customer_name: str | None = None,
    customer_phone: str | None = None,
    customer_email: str | None = None,
    categories: Sequence[str] = (),
    ticket: str | None = None,
    window_number: int | None = None,
    teller: str | None = None,
    received_at: dt.datetime | None = None,
    ticket_date: dt.date | None = None,
    actor: Actor,
    now: dt.datetime,
) -> ComplaintSummary:
    """Record a new case with its deadlines; the receipt is printed afterwards.

    ``ticket`` names the customer's ticket: a uuid, or a number (A023) of
    ``ticket_date`` (default: the day the case is received), so a complaint
    about last week's visit can be linked to its ticket.

    Never refused for a calendar gap: a deadline reaching a year the
    working-day calendar does not know is stored as pending (NULL) with one
    follow-up log sentence, and computed when the branch enters that year.
    """
    require(actor, "complaint.intake")
    check_choice(kind, KINDS, "kind")
    check_choice(channel, CHANNELS, "channel")
    text = clean_text(content, MAX_CONTENT, "content", required=True)
    name = clean_text(customer_name, MAX_NAME, "customer name")
    phone = normalise_phone(customer_phone)
    email = normalise_email(customer_email)
    if kind == "complaint" and not (phone or email):
        raise InvalidInput("A complaint needs a phone number or an email address to answer the customer.",
                           field="contact")
    received = received_at or now
    if received > now:
        raise InvalidInput("The received time cannot be in the future.", field="received_at")
    with db.write() as s:
        cats = _check_categories(s, categories)
        branch = str(setting(s, "branch.code") or "BR001")
        ticket_uuid = ticket_number = None
        if ticket:
            t = ticket_by_ref(s, ticket, ticket_date or received.date())
            ticket_uuid, ticket_number = t.uuid, t.number
        cfg = clock_config(s)
        resolve_days = days_for(cfg, kind, cats)
        # A deadline the calendar cannot reach yet stays pending (NULL): the
        # case is taken in regardless, and computed when the year is entered.
        d = compute_deadlines(received, resolve_days=resolve_days, regulatory_days=REGULATORY_STEPS[0],
                              closing=cfg.closing, ack_hours=cfg.ack_hours, cal=cfg.calendar)
        seq = bump_counter(s, ComplaintCounter, branch_code=branch, business_date=received.date())
        c = Complaint(
            branch_code=branch, reference=reference_number(received.date(), seq),
            business_date=received.date(), seq=seq, kind=kind, channel=channel,
            ticket_uuid=ticket_uuid, ticket_number=ticket_number, window_number=window_number,
            teller=clean_text(teller, 64, "teller"), categories=cats, received_at=received,
            received_by_id=actor.staff_id, received_by=actor.username, status="received",
            resolve_days=resolve_days, regulatory_days=REGULATORY_STEPS[0], reopen_count=0,
            print_state="not_printed", updated_at=now,
            ack_due=d.ack_due, resolve_due=d.resolve_due, regulatory_due=d.regulatory_due,
        )
        seal_complaint(s, c, name=name, phone=phone, email=email, content=text)  # encrypted, masked forms beside
        s.add(c)
        s.flush()
        append_log(s, c, "intake", actor, now, to_status="received", event=EventType.COMPLAINT_RECEIVED,
                   data={"kind": kind, "channel": channel, "categories": cats,
                         "resolve_due": c.resolve_due.isoformat() if c.resolve_due else None,
                         "pending": list(d.pending)})
        log_pending(s, c, d, actor, now)
        return summary(c, now)


def intake_problems(*, kind: str, channel: str, content: str | None, customer_name: str | None = None,
                    customer_phone: str | None = None, customer_email: str | None = None,
                    teller: str | None = None) -> dict[str, str]:
    """Every field ``intake_complaint`` would refuse, at once: ``{field: English
    sentence}`` (fields as in its refusals: content, customer name, phone,
    email, contact, teller). No database: the form checks it as it is typed."""
    found: dict[str, str] = {}

    def check(field: str, fn) -> None:  # type: ignore[no-untyped-def]
        try:
            fn()
        except InvalidInput as exc:
            found[str(exc.params.get("field") or field)] = exc.message

    check("kind", lambda: check_choice(kind, KINDS, "kind"))
    check("channel", lambda: check_choice(channel, CHANNELS, "channel"))
    check("content", lambda: clean_text(content, MAX_CONTENT, "content", required=True))
    check("customer name", lambda: clean_text(customer_name, MAX_NAME, "customer name"))
    check("phone", lambda: normalise_phone(customer_phone))
    check("email", lambda: normalise_email(customer_email))
    check("teller", lambda: clean_text(teller, 64, "teller"))
    has_contact = bool((customer_phone or "").strip() or (customer_email or "").strip())
    if kind == "complaint" and not has_contact:
        found["contact"] = "A complaint needs a phone number or an email address to answer the customer."
    return found
