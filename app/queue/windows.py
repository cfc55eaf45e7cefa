"""Window lifecycle: open, pause (with a reason), resume, close."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.queue.common import AT_WINDOW, view, window_by_number
from app.queue.errors import InvalidInput, WindowBusy
from app.queue.views import WindowView
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Staff, Ticket, Window


def window_view(s: Session, win: Window) -> WindowView:
    staff = s.get(Staff, win.staff_id) if win.staff_id else None
    cur = s.get(Ticket, win.current_ticket_id) if win.current_ticket_id else None
    return WindowView(
        id=win.id,
        number=win.number,
        name=win.name,
        state=win.state,
        pause_reason=win.pause_reason,
        staff_username=staff.username if staff else None,
        service_codes=tuple(ws.service.code for ws in win.services),
        current_ticket=view(s, cur) if cur is not None and cur.status in AT_WINDOW else None,
    )


def _change(db: Database, number: int, *, actor: Actor, now: dt.datetime, allowed: tuple[str, ...],
            new_state: str, event: str, reason: str | None = None) -> WindowView:
    require(actor, "window.operate")
    with db.write() as s:
        win = window_by_number(s, number, lock=True)
        if win.state not in allowed:
            raise InvalidInput(f"Window {win.number} is already {win.state}.", window=win.number, state=win.state)
        if new_state == "closed" and win.current_ticket_id is not None:
            cur = s.get(Ticket, win.current_ticket_id)
            if cur is not None and cur.status in AT_WINDOW:
                raise WindowBusy(
                    f"Window {win.number} still has ticket {cur.number}; finish it first.",
                    window=win.number, ticket=cur.number,
                )
        win.state = new_state
        win.pause_reason = reason if new_state == "paused" else None
        if new_state == "open" and actor.staff_id is not None:
            win.staff_id = actor.staff_id
        if new_state == "closed":
            win.staff_id = None
            win.priority_streak = 0
        record_event(s, event, now, window_id=win.id, staff_id=actor.staff_id,
                     payload={"window": win.number, "reason": reason})
        return window_view(s, win)


def open_window(db: Database, *, window: int, actor: Actor, now: dt.datetime) -> WindowView:
    return _change(db, window, actor=actor, now=now, allowed=("closed",), new_state="open", event="WindowOpened")


def pause_window(db: Database, *, window: int, reason: str, actor: Actor, now: dt.datetime) -> WindowView:
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Give a reason for the pause.", field="reason")
    if len(reason) > 200:
        raise InvalidInput("The pause reason is too long (at most 200 characters).", field="reason")
    return _change(db, window, actor=actor, now=now, allowed=("open",), new_state="paused",
                   event="WindowPaused", reason=reason)


def resume_window(db: Database, *, window: int, actor: Actor, now: dt.datetime) -> WindowView:
    return _change(db, window, actor=actor, now=now, allowed=("paused",), new_state="open", event="WindowResumed")


def close_window(db: Database, *, window: int, actor: Actor, now: dt.datetime) -> WindowView:
    return _change(db, window, actor=actor, now=now, allowed=("open", "paused"), new_state="closed",
                   event="WindowClosed")
