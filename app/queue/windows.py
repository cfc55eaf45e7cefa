"""Window lifecycle: open, pause (with a reason), resume, close, and windows
that follow their teller.

A teller holds at most one open window: opening another leaves the first.
Leaving a window (choosing another, logging out, quitting the app) closes it,
or pauses it if the branch says so (``window.leave_state``); a customer who
was called there goes back to the head of the queue, or ends as a no-show
(``window.leave_rule``). The app holding a window sends a heartbeat every few
seconds; a window whose holder has been silent longer than
``window.unattended_after_min`` is unattended: the manager sees it and wait
estimates leave it out. Windows opened from the command line or a keypad
have no holder and are never unattended by silence.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.events import EventType
from app.queue.calling import mark_no_show
from app.queue.common import (
    AT_WINDOW,
    WINDOWS_WITH_CURRENT,
    current_ticket,
    forward,
    service_order,
    view,
    window_by_number,
)
from app.queue.day import Moment, begin, moment
from app.queue.errors import InvalidInput, WindowBusy
from app.queue.views import WindowView, ticket_view
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.lean import Lean
from app.store.models import Service, Staff, Ticket, Window

HOLDER_MAX = 64


def attended(win: Window, now: dt.datetime | None, limit: dt.timedelta | None) -> bool:
    """False when the app holding an open window has been silent longer than ``limit``."""
    if win.state == "closed" or win.holder is None or now is None or limit is None:
        return True
    return win.heartbeat_at is not None and now - win.heartbeat_at <= limit


def window_view(s: Session, win: Window, m: Moment | None = None) -> WindowView:
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
        attended=attended(win, m.now if m else None, m.settings.unattended_after if m else None),
    )


_WIN, _STAFF = Window.__table__, Staff.__table__
_WINDOWS = Lean(WINDOWS_WITH_CURRENT.add_columns(_STAFF.c.username)
                .outerjoin(_STAFF, _STAFF.c.id == _WIN.c.staff_id).order_by(_WIN.c.number))


def window_views(s: Session, m: Moment, codes: dict[int, str] | None = None) -> list[WindowView]:
    """Every window as ``window_view`` shows it, in one query (each with its
    staff, its services in order and the ticket at it); ``codes``: the
    services' codes by id, if already read."""
    wins = _WINDOWS.records(s)
    if codes is None:
        codes = dict(_SERVICE_CODES.tuples(s))
    numbers = {w.id: w.number for w in wins}
    out = []
    for w in wins:
        cur = current_ticket(s, w)
        out.append(WindowView(
            id=w.id, number=w.number, name=w.name, state=w.state, pause_reason=w.pause_reason,
            staff_username=w.username, service_codes=tuple(codes[sid] for sid in service_order(w) if sid in codes),
            current_ticket=ticket_view(cur, numbers) if cur is not None and cur.status in AT_WINDOW else None,  # type: ignore[arg-type]
            attended=attended(w, m.now, m.settings.unattended_after),  # type: ignore[arg-type]
        ))
    return out


_SERVICE_CODES = Lean(select(Service.__table__.c.id, Service.__table__.c.code))


def _current(s: Session, win: Window) -> Ticket | None:
    cur = s.get(Ticket, win.current_ticket_id) if win.current_ticket_id else None
    return cur if cur is not None and cur.status in AT_WINDOW else None


def _change(db: Database, number: int, *, actor: Actor, now: dt.datetime | None, allowed: tuple[str, ...],
            new_state: str, event: EventType, reason: str | None = None) -> WindowView:
    require(actor, "window.operate")
    with db.write() as s:
        m = begin(db, s, now)
        win = window_by_number(s, number, lock=True)
        if win.state not in allowed:
            raise InvalidInput(f"Window {win.number} is already {win.state}.", window=win.number, state=win.state)
        if new_state == "closed" and (cur := _current(s, win)) is not None:
            raise WindowBusy(
                f"Window {win.number} still has ticket {cur.number}; finish it first.",
                window=win.number, ticket=cur.number,
            )
        _set_state(win, new_state, reason)
        record_event(s, event, m.now, window_id=win.id, staff_id=actor.staff_id,
                     payload={"window": win.number, "reason": reason})
        return window_view(s, win, m)


def _set_state(win: Window, state: str, reason: str | None) -> None:
    win.state = state
    win.pause_reason = reason if state == "paused" else None
    if state == "closed":
        win.staff_id = None
        win.priority_streak = 0
        win.holder = None
        win.heartbeat_at = None


def open_window(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None,
                holder: str | None = None) -> WindowView:
    """Open ``window`` for the acting teller (``holder``: the app that will send
    heartbeats for it; None from the command line or a keypad).

    The teller's other open windows are left first. A window held by another
    teller is refused, unless its app has gone silent (unattended): then it is
    taken over, its called customer handled as when a teller leaves.
    """
    require(actor, "window.operate")
    if holder is not None and not (0 < len(holder) <= HOLDER_MAX):
        raise InvalidInput("The holder of a window is 1 to 64 characters.", field="holder")
    with db.write() as s:
        m = begin(db, s, now)
        win = window_by_number(s, window, lock=True)
        if win.state != "closed":
            mine = actor.staff_id is not None and win.staff_id == actor.staff_id
            if not mine and attended(win, m.now, m.settings.unattended_after):
                raise InvalidInput(f"Window {win.number} is already {win.state}.", window=win.number,
                                   state=win.state)
            if not mine:
                _leave(s, win, m, actor, reason="taken_over", state="closed")
        if actor.staff_id is not None:
            others = s.scalars(select(Window).where(
                Window.staff_id == actor.staff_id, Window.state != "closed", Window.id != win.id))
            for other in list(others):
                _leave(s, other, m, actor, reason="teller_moved", state=m.settings.leave_state)
        if win.state == "closed":
            win.state = "open"
            win.pause_reason = None
            record_event(s, EventType.WINDOW_OPENED, m.now, window_id=win.id, staff_id=actor.staff_id,
                         payload={"window": win.number, "reason": None})
        if actor.staff_id is not None:
            win.staff_id = actor.staff_id
        win.holder = holder
        win.heartbeat_at = m.now
        return window_view(s, win, m)


def leave_window(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None,
                 reason: str = "teller_left", finish_serving: bool = False) -> WindowView:
    """The teller leaves ``window`` (another window chosen, logout, quit).

    The window is closed, or paused if ``window.leave_state`` says so. A
    customer called there goes back to the head of the queue, or ends as a
    no-show (``window.leave_rule``). A customer being served must be finished
    first, unless ``finish_serving``: then the service ends as served
    (outcome ``window_left``).
    """
    require(actor, "window.operate")
    with db.write() as s:
        m = begin(db, s, now)
        win = window_by_number(s, window, lock=True)
        if win.state == "closed":
            return window_view(s, win, m)
        cur = _current(s, win)
        if cur is not None and cur.status == "serving" and not finish_serving:
            raise WindowBusy(f"Window {win.number} is still serving ticket {cur.number}; finish it first.",
                             window=win.number, ticket=cur.number)
        _leave(s, win, m, actor, reason=reason, state=m.settings.leave_state)
        return window_view(s, win, m)


def _leave(s: Session, win: Window, m: Moment, actor: Actor, *, reason: str, state: str) -> None:
    """Release ``win``'s customer by the branch's rule, then close or pause it."""
    cur = _current(s, win)
    if cur is not None:
        at = forward(cur, m, "released")
        if cur.status == "serving":
            from app.queue.calling import _finish

            _finish(s, win, cur, "window_left", at, actor)
        elif m.settings.leave_rule == "no_show":
            mark_no_show(s, win, cur, at)
            record_event(s, EventType.TICKET_NO_SHOW, at, ticket_id=cur.id, window_id=win.id,
                         staff_id=actor.staff_id,
                         payload={"number": cur.number, "window": win.number, "reason": reason})
        else:  # back to the head of its queue: it keeps its place (queued_at)
            cur.status = "transferred" if cur.transfer_count else "waiting"
            cur.window_id = None
            cur.target_window_id = None
            win.current_ticket_id = None
            record_event(s, EventType.TICKET_REQUEUED, at, ticket_id=cur.id, window_id=win.id,
                         staff_id=actor.staff_id,
                         payload={"number": cur.number, "window": win.number, "reason": reason, "head": True})
    if state == "paused":
        _set_state(win, "paused", reason)
        win.holder = None
        event = EventType.WINDOW_PAUSED
    else:
        _set_state(win, "closed", None)
        event = EventType.WINDOW_CLOSED
    record_event(s, event, m.now, window_id=win.id, staff_id=actor.staff_id,
                 payload={"window": win.number, "reason": reason})


def heartbeat(db: Database, *, window: int, holder: str, now: dt.datetime | None = None) -> bool:
    """The app ``holder`` is still at ``window``; False when it no longer holds
    it (closed, left, or taken over). Appends no event: it is not a change."""
    with db.write() as s:
        m = moment(s, now)
        result = s.execute(
            update(Window).where(Window.number == window, Window.holder == holder, Window.state != "closed")
            .values(heartbeat_at=m.now)
        )
        return bool(result.rowcount)


def pause_window(db: Database, *, window: int, reason: str, actor: Actor, now: dt.datetime | None = None) -> WindowView:
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Give a reason for the pause.", field="reason")
    if len(reason) > 200:
        raise InvalidInput("The pause reason is too long (at most 200 characters).", field="reason")
    return _change(db, window, actor=actor, now=now, allowed=("open",), new_state="paused",
                   event=EventType.WINDOW_PAUSED, reason=reason)


def resume_window(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None) -> WindowView:
    return _change(db, window, actor=actor, now=now, allowed=("paused",), new_state="open",
                   event=EventType.WINDOW_RESUMED)


def close_window(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None) -> WindowView:
    return _change(db, window, actor=actor, now=now, allowed=("open", "paused"), new_state="closed",
                   event=EventType.WINDOW_CLOSED)
