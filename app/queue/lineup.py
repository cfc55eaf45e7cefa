"""Who waits for a window, in the order its Call-next key will call them.

A read (no write lock): the waiting tickets a window may call, put through
the calling policy itself (``app.queue.policy.call_order``), so the teller's
list and F1 can never disagree. There is no second ordering anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.queue.common import WAITING, policy_config, window_numbers
from app.queue.day import moment
from app.queue.policy import Candidate, Queues, call_order
from app.queue.views import TicketView, ticket_view
from app.store.engine import Database
from app.store.models import Ticket, Window, WindowService


@dataclass(frozen=True)
class Lineup:
    window: int
    tickets: tuple[TicketView, ...]  # the first ``limit``, in calling order
    waiting: int  # everyone this window may call now
    reasons: tuple[str, ...] = ()  # per ticket: transferred / promoted / priority / normal


def window_lineup(db: Database, *, window: int, now: dt.datetime | None = None, limit: int = 200) -> Lineup:
    """The tickets ``window`` would call, first to last (at most ``limit``),
    if it pressed Call next again and again and nobody else called."""
    with db.read() as s:
        m = moment(s, now)
        win = s.scalar(select(Window).where(Window.number == window))
        if win is None:
            return Lineup(window, (), 0)
        order = list(s.scalars(select(WindowService.service_id).where(WindowService.window_id == win.id)
                               .order_by(WindowService.position)))
        t = Ticket.__table__
        rows = s.execute(
            select(t.c.id, t.c.service_id, t.c.priority, t.c.queued_at, t.c.target_window_id, t.c.appointment_at)
            .where(t.c.business_date == m.day, t.c.status.in_(WAITING), t.c.queued_at <= m.now,
                   (t.c.service_id.in_(order) & t.c.target_window_id.is_(None)) | (t.c.target_window_id == win.id))
        ).all()
        queues = Queues(Candidate(*r) for r in rows)
        choices = list(call_order(queues, window_id=win.id, service_order=order,
                                  priority_streak=win.priority_streak or 0, config=policy_config(m.settings),
                                  now=m.now, limit=limit))
        ids = [c.ticket_id for c in choices]
        by_id = {x.id: x for x in s.scalars(select(Ticket).where(Ticket.id.in_(ids))
                                                    .options(selectinload(Ticket.service)))} if ids else {}
        numbers = window_numbers(s)
        return Lineup(window, tuple(ticket_view(by_id[i], numbers) for i in ids), len(rows),
                      tuple(c.reason for c in choices))


def window_no_shows(db: Database, *, window: int, now: dt.datetime | None = None, limit: int = 20) -> list[TicketView]:
    """Today's no-shows called last at ``window``, newest first (the teller can
    put one back in the queue: ``app.queue.requeue_ticket``)."""
    with db.read() as s:
        m = moment(s, now)
        win = s.scalar(select(Window).where(Window.number == window))
        if win is None:
            return []
        rows = s.scalars(select(Ticket).where(Ticket.business_date == m.day, Ticket.status == "no_show",
                                              Ticket.window_id == win.id)
                         .order_by(Ticket.called_at.desc(), Ticket.id.desc()).limit(limit)
                         .options(selectinload(Ticket.service))).all()
        numbers = window_numbers(s)
        return [ticket_view(t, numbers) for t in rows]
