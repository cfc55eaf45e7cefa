"""Who waits for a window, in the order its Call-next key will call them.

A read (no write lock): the waiting tickets a window may call, put through
the calling policy itself (``app.queue.policy.call_order``), so the teller's
list and F1 can never disagree. There is no second ordering anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.queue.calling import line_heads
from app.queue.common import (
    WAITING,
    TicketRow,
    policy_config,
    service_order,
    ticket_rows_query,
    window_numbers,
    window_row,
)
from app.queue.errors import UnknownWindow
from app.queue.day import moment
from app.queue.policy import Queues, call_order
from app.queue.views import TicketView, ticket_view
from app.store.engine import Database
from app.store.lean import ByIds
from app.store.models import Ticket, Window


@dataclass(frozen=True)
class Lineup:
    window: int
    tickets: tuple[TicketView, ...]  # the first ``limit``, in calling order
    waiting: int  # everyone this window may call now
    reasons: tuple[str, ...] = ()  # per ticket: transferred / promoted / priority / normal


def window_lineup(db: Database, *, window: int, now: dt.datetime | None = None, limit: int = 200) -> Lineup:
    """The tickets ``window`` would call, first to last (at most ``limit``),
    if it pressed Call next again and again and nobody else called.

    Only the first ``limit`` of each line can be among them: those are read
    (the calling query's partial indexes), not the whole queue."""
    with db.read() as s:
        m = moment(s, now)
        try:
            win = window_row(s, window, services=True)
        except UnknownWindow:
            return Lineup(window, (), 0)
        order = service_order(win)
        candidates, _ = line_heads(s, win.id, order, m.day, m.now, limit)
        choices = list(call_order(Queues(candidates), window_id=win.id, service_order=order,
                                  priority_streak=win.priority_streak or 0, config=policy_config(m.settings),
                                  now=m.now, limit=limit))
        ids = [c.ticket_id for c in choices]
        by_id = ticket_rows(s, ids)
        waiting = s.connection().execute(
            select(func.count()).select_from(_T)
            .where(_T.c.business_date == m.day, _T.c.status.in_(WAITING), _T.c.queued_at <= m.now,
                   (_T.c.service_id.in_(order) & _T.c.target_window_id.is_(None)) | (_T.c.target_window_id == win.id))
        ).scalar_one() if len(ids) >= limit else len(ids)
        numbers = window_numbers(s)
        return Lineup(window, tuple(ticket_view(by_id[i], numbers) for i in ids),  # type: ignore[arg-type]
                      waiting, tuple(c.reason for c in choices))


_T = Ticket.__table__
_ROWS_BY_ID = ByIds(ticket_rows_query(), _T.c.id, 50)


def ticket_rows(s: Session, ids: list[int]) -> dict[int, TicketRow]:
    """The rows of ``ids`` (with their service's names), by id, on the driver's cursor."""
    return {r.id: TicketRow(**vars(r)) for r in _ROWS_BY_ID.records(s, ids)}


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
