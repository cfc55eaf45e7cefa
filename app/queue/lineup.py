"""Who waits for a window, in the order its Call-next key will call them.

A read (no write lock): the waiting tickets a window may call, put through
the calling policy itself (``app.queue.policy.call_order``), so the teller's
list and F1 can never disagree. There is no second ordering anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session, selectinload

from app.queue.calling import line_heads
from app.queue.common import WAITING, policy_config, service_order, window_numbers, window_row
from app.queue.errors import UnknownWindow
from app.queue.day import moment
from app.queue.policy import Queues, call_order
from app.queue.views import TicketView, ticket_view, ticket_view_of
from app.store.engine import Database
from app.store.lean import ByIds
from app.store.models import Service, Ticket, Window


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
        numbers = window_numbers(s)
        by_id = ticket_views(s, ids, numbers)
        waiting = s.connection().execute(
            select(func.count()).select_from(_T)
            .where(_T.c.business_date == m.day, _T.c.status.in_(WAITING), _T.c.queued_at <= m.now,
                   (_T.c.service_id.in_(order) & _T.c.target_window_id.is_(None)) | (_T.c.target_window_id == win.id))
        ).scalar_one() if len(ids) >= limit else len(ids)
        return Lineup(window, tuple(by_id[i] for i in ids), waiting, tuple(c.reason for c in choices))


_T, _S = Ticket.__table__, Service.__table__
_PERSONAL = [func.coalesce(c, literal_column("''")) != literal_column("''")
             for c in (_T.c.customer_name, _T.c.customer_phone, _T.c.need_note)]
# What a list shows of each ticket (``ticket_view``'s columns, the personal
# data's presence worked out by the database), by id, on the driver's cursor.
_VIEWS_BY_ID = ByIds(
    select(_T.c.id, _T.c.uuid, _T.c.number, _T.c.business_date, _S.c.code, _S.c.name_zh, _S.c.name_en,
           _T.c.priority, _T.c.priority_note, _T.c.status, _T.c.issued_at, _T.c.queued_at, _T.c.called_at,
           _T.c.started_at, _T.c.finished_at, _T.c.window_id, _T.c.target_window_id, _T.c.call_count,
           _T.c.transfer_count, _T.c.print_state, _T.c.outcome, _T.c.rating, _T.c.customer_name_masked,
           _T.c.customer_phone_masked, or_(*_PERSONAL), _T.c.promised_wait_min, _T.c.promised_low_min,
           _T.c.promised_high_min, _T.c.people_ahead, _T.c.promise_note, _PERSONAL[2])
    .join(_S, _S.c.id == _T.c.service_id), _T.c.id, 50)


def ticket_views(s: Session, ids: list[int], numbers: dict[int, int]) -> dict[int, TicketView]:
    """The views of ``ids`` by id, as ``ticket_view`` makes them (a list of
    200 in four statements, no row objects between)."""
    out = {}
    for r in _VIEWS_BY_ID.tuples(s, ids):
        window_id, target_id, low = r[15], r[16], r[26]
        out[r[0]] = ticket_view_of(
            (*r[:15], numbers.get(window_id) if window_id else None, numbers.get(target_id) if target_id else None,
             *r[17:24], bool(r[24]), r[25], (low, r[27]) if low is not None else None, r[28], r[29], bool(r[30])))
    return out


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
