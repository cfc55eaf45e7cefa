"""Lookups and small helpers shared by the queue service functions."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.queue.errors import InvalidTicketState, UnknownService, UnknownTicket, UnknownWindow
from app.queue.policy import PolicyConfig
from app.queue.views import TicketView, ticket_view
from app.store.locks import lock_on_postgresql
from app.store.models import Service, Setting, Ticket, Window

WAITING = ("waiting", "transferred")
ACTIVE = ("waiting", "transferred", "called", "serving")
AT_WINDOW = ("called", "serving")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)

SETTING_DEFAULTS = {
    "queue.priority_ratio": 2,
    "queue.promote_after_min": 45,
}


def service_by_code(s: Session, code: str) -> Service:
    svc = s.scalar(select(Service).where(Service.code == (code or "").strip().upper()))
    if svc is None:
        raise UnknownService(f"There is no service with code {code!r}.", code=code)
    return svc


def window_by_number(s: Session, number: int, *, lock: bool = False) -> Window:
    q = select(Window).where(Window.number == number)
    q = lock_on_postgresql(s, q, lock)
    win = s.scalar(q)
    if win is None:
        raise UnknownWindow(f"There is no window number {number}.", window=number)
    return win


def ticket_by_ref(s: Session, ref: str | int, today: dt.date, *, lock: bool = False) -> Ticket:
    """A ticket by uuid, database id, or today's number (the active one first)."""
    q = select(Ticket)
    text = str(ref).strip()
    if _UUID.match(text):
        q = q.where(Ticket.uuid == text.lower())
    elif isinstance(ref, int) or text.isdigit():
        q = q.where(Ticket.id == int(text))
    else:
        q = q.where(Ticket.business_date == today, Ticket.number == text.upper()).order_by(
            Ticket.status.in_(ACTIVE).desc(), Ticket.seq.desc()
        ).limit(1)
    q = lock_on_postgresql(s, q, lock)
    t = s.scalar(q)
    if t is None:
        raise UnknownTicket(f"There is no ticket {text!r} today.", ticket=text)
    return t


def window_numbers(s: Session) -> dict[int, int]:
    return {wid: num for wid, num in s.execute(select(Window.id, Window.number))}


def view(s: Session, t: Ticket) -> TicketView:
    return ticket_view(t, window_numbers(s))


def get_setting(s: Session, key: str):  # type: ignore[no-untyped-def]
    row = s.get(Setting, key)
    return row.value if row is not None else SETTING_DEFAULTS.get(key)


def policy_config(s: Session) -> PolicyConfig:
    ratio = int(get_setting(s, "queue.priority_ratio"))
    promote = get_setting(s, "queue.promote_after_min")
    return PolicyConfig(
        priority_ratio=max(0, ratio),
        promote_after=dt.timedelta(minutes=int(promote)) if promote else None,
    )


def require_state(t: Ticket, allowed: tuple[str, ...], action: str) -> None:
    if t.status not in allowed:
        raise InvalidTicketState(
            f"Ticket {t.number} is {t.status.replace('_', '-')}, so it cannot be {action}.",
            ticket=t.number, status=t.status, action=action,
        )


def business_date(now: dt.datetime) -> dt.date:
    return now.date()
