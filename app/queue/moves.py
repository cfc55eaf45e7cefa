"""Moving a ticket within the queue: cancel it, transfer it to another
service or window, put a no-show back in the queue."""

from __future__ import annotations

import datetime as dt

from app.events import EventType
from app.queue.common import (
    AT_WINDOW,
    change_ticket,
    forward,
    release_window,
    require_state,
    row_view,
    ticket_row_by_ref,
    window_row,
)
from app.queue.day import begin
from app.queue.errors import InvalidInput, InvalidTicketState, ServiceInactive
from app.queue.tickets import _service_row
from app.queue.views import TicketView
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event


def cancel_ticket(db: Database, ticket: str | int, *, reason: str = "", actor: Actor,
                  now: dt.datetime | None = None) -> TicketView:
    """Cancel a ticket that waits or was called; ``finished_at`` records when
    the customer left the queue (their wait counts up to then)."""
    require(actor, "ticket.cancel")
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_row_by_ref(s, ticket, m.day, lock=True)
        require_state(t, ("waiting", "transferred", "called"), "cancelled")  # type: ignore[arg-type]
        now = forward(t, m, "cancelled")  # type: ignore[arg-type]
        release_window(s, t)
        change_ticket(s, t, status="cancelled", finished_at=now)
        record_event(s, EventType.TICKET_CANCELLED, now, ticket_id=t.id, window_id=t.window_id,
                     staff_id=actor.staff_id, payload={"number": t.number, "reason": reason[:200]})
        return row_view(s, t)


def transfer_ticket(
    db: Database,
    ticket: str | int,
    *,
    to_service: str | None = None,
    to_window: int | None = None,
    actor: Actor,
    now: dt.datetime | None = None,
) -> TicketView:
    """Send a ticket to another service's queue or to one window, ahead of others.

    The ticket keeps its number and its original issue time (reports measure
    the customer's whole wait); ``transferred_at`` starts its second wait.
    """
    require(actor, "call")
    if to_service is None and to_window is None:
        raise InvalidInput("Say where to transfer the ticket: a service or a window.")
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_row_by_ref(s, ticket, m.day, lock=True)
        require_state(t, ("waiting", "transferred", "called", "serving"), "transferred")  # type: ignore[arg-type]
        now = forward(t, m, "transferred")  # type: ignore[arg-type]
        from_window = t.window_id
        target = window_row(s, to_window) if to_window is not None else None
        service_id = t.service_id
        if to_service is not None:
            svc = _service_row(s, to_service)
            if not svc.active:
                raise ServiceInactive(f"Service {svc.code} is not offered right now.", code=svc.code)
            service_id, t.svc_code, t.svc_name_zh, t.svc_name_en = svc.id, svc.code, svc.name_zh, svc.name_en
        if target is not None:
            if target.state == "closed":
                raise InvalidInput(f"Window {target.number} is closed.", window=target.number)
            if target.id == from_window and t.status in AT_WINDOW:
                raise InvalidInput("A ticket cannot be transferred to the window that holds it.")
        release_window(s, t)
        change_ticket(s, t, status="transferred", service_id=service_id,
                      target_window_id=target.id if target is not None else None, transferred_at=now, queued_at=now,
                      transfer_count=t.transfer_count + 1, window_id=None, started_at=None)
        record_event(
            s, EventType.TICKET_TRANSFERRED, now, ticket_id=t.id, window_id=from_window, staff_id=actor.staff_id,
            payload={"number": t.number, "to_service": t.svc_code,
                     "to_window": target.number if target is not None else None},
        )
        return row_view(s, t, {target.id: target.number} if target is not None else {})


def requeue_ticket(db: Database, ticket: str | int, *, actor: Actor, now: dt.datetime | None = None) -> TicketView:
    """Put a no-show back in the queue (at the back, with its original number)."""
    require(actor, "ticket.requeue")
    with db.write() as s:
        m = begin(db, s, now)
        t = ticket_row_by_ref(s, ticket, m.day, lock=True)
        require_state(t, ("no_show",), "put back in the queue")  # type: ignore[arg-type]
        if t.business_date != m.day:
            raise InvalidTicketState(f"Ticket {t.number} belongs to an earlier day.", ticket=t.number)
        now = forward(t, m, "put back in the queue")  # type: ignore[arg-type]
        # At the back: an appointment's slot no longer places it.
        change_ticket(s, t, status="waiting", queued_at=now, window_id=None, target_window_id=None,
                      appointment_at=None, finished_at=None, outcome=None)
        record_event(s, EventType.TICKET_REQUEUED, now, ticket_id=t.id, staff_id=actor.staff_id,
                     payload={"number": t.number})
        return row_view(s, t, {})
