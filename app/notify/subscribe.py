"""A customer's consent to messages about their ticket, with the phone number.

Given at the greeter (``via="greeter"``) or on the branch's phone page
(``via="phone_page"``). The consent is recorded with its time; the number is
sealed like a ticket's phone (app/privacy) and erased with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import InvalidInput, InvalidTicketState
from app.events import EventType
from app.privacy.masking import mask_phone
from app.privacy.personal import seal_fields
from app.queue.common import ticket_by_ref
from app.queue.day import begin
from app.queue.tickets import normalise_phone
from app.settings import stored_values, value_of
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models_beyond import NotifySubscription

LANGUAGES = ("zh_CN", "en")
VIA = ("greeter", "phone_page")
OPEN = ("waiting", "transferred", "called")  # a ticket messages can still be about


@dataclass(frozen=True)
class Subscription:
    ticket_number: str
    phone_masked: str | None
    language: str
    consent_at: dt.datetime
    via: str
    ahead_threshold: int


def subscribe(db: Database, ticket: str | int, *, phone: str, consent: bool, language: str = "zh_CN",
              via: str = "greeter", actor: Actor, now: dt.datetime | None = None) -> Subscription:
    """Record the customer's consent and number for messages about ``ticket``
    (today's, still waiting or called); asked again, the newer number and
    language replace the older ones."""
    require(actor, "notify.subscribe")
    if consent is not True:
        raise InvalidInput("Messages are sent only with the customer's consent.", field="consent")
    if language not in LANGUAGES:
        raise InvalidInput(f"Language must be one of {', '.join(LANGUAGES)}.", field="language")
    if via not in VIA:
        raise InvalidInput(f"Unknown way of consent {via!r}.", field="via")
    digits = normalise_phone(phone)
    if digits is None:
        raise InvalidInput("Give the phone number for the messages.", field="phone")
    with db.write() as s:
        m = begin(db, s, now)
        values = stored_values(s)
        if value_of(values, "notify.gateway") == "none":
            raise InvalidInput("This branch sends no messages (notify.gateway is none).", field="notify.gateway")
        t = ticket_by_ref(s, ticket, m.day, lock=True)
        if t.business_date != m.day or t.status not in OPEN:
            raise InvalidTicketState(f"Ticket {t.number} is {t.status.replace('_', '-')}: no messages can follow.",
                                     ticket=t.number, status=t.status)
        sub = s.scalar(select(NotifySubscription).where(NotifySubscription.ticket_id == t.id))
        if sub is None:
            sub = NotifySubscription(ticket_id=t.id, business_date=t.business_date)
            s.add(sub)
        sub.language, sub.consent_at, sub.consent_via = language, m.now, via
        sub.ahead_threshold = value_of(values, "notify.ahead")
        sub.phone_masked, sub.personal_erased_at = mask_phone(digits), None
        seal_fields(s, sub, "notify_subscriptions", {"phone": digits})
        s.flush()
        record_event(s, EventType.NOTIFY_SUBSCRIBED, m.now, ticket_id=t.id, staff_id=actor.staff_id, payload={
            "number": t.number, "via": via, "language": language, "ahead": sub.ahead_threshold})
        return Subscription(t.number, sub.phone_masked, language, m.now, via, sub.ahead_threshold)
