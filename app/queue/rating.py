"""What the customer-facing rating pad at a window shows: the ticket just
finished there (by id: display numbers repeat once a service's numbers wrap),
its service and the teller who served it. No personal data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.store.engine import Database
from app.store.models import Service, Staff, Ticket, Window


@dataclass(frozen=True)
class RatingPrompt:
    ticket_id: int
    number: str
    service_code: str
    service_name_zh: str
    service_name_en: str
    window: int | None
    teller_username: str | None
    teller_name: str | None


def rating_prompt(db: Database, ticket_id: int) -> RatingPrompt | None:
    """The finished ticket ``ticket_id`` as the pad shows it, or None when it
    is not (or no longer) a finished ticket."""
    with db.read() as s:
        row = s.execute(
            select(Ticket.id, Ticket.number, Service.code, Service.name_zh, Service.name_en, Window.number,
                   Staff.username, Staff.full_name, Ticket.status)
            .join(Service, Service.id == Ticket.service_id)
            .outerjoin(Window, Window.id == Ticket.window_id)
            .outerjoin(Staff, Staff.id == Ticket.staff_id)
            .where(Ticket.id == ticket_id)
        ).first()
    if row is None or row.status != "done":
        return None
    return RatingPrompt(*row[:8])
