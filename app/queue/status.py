"""Read-only views: queue status, waiting lists, service and window lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, select, text

from app.queue.common import WAITING, TicketRow, ticket_rows_query, window_numbers
from app.queue.day import moment
from app.queue.views import QueueStatus, ServiceQueue, ServiceView, TicketView, ticket_view
from app.queue.windows import window_views
from app.store.engine import Database
from app.events import CALL_EVENTS
from app.store.lean import Lean, written_list
from app.store.models import WAITING_SQL, Event, Service, Ticket, Window, WindowService


def service_view(svc: Service) -> ServiceView:
    return ServiceView(svc.id, svc.code, svc.name_zh, svc.name_en, svc.target_wait_min, svc.active, svc.position)


def list_services(db: Database, *, active_only: bool = False) -> list[ServiceView]:
    with db.read() as s:
        q = select(Service).order_by(Service.position, Service.code)
        if active_only:
            q = q.where(Service.active.is_(True))
        return [service_view(x) for x in s.scalars(q)]


_T, _SVC = Ticket.__table__, Service.__table__
_COUNTS = (select(_T.c.service_id, func.count().label("waiting"),
                  func.sum(case((_T.c.priority != "normal", 1), else_=0)).label("priority_waiting"),
                  func.min(_T.c.queued_at).label("oldest"))
           .where(text(WAITING_SQL), _T.c.business_date == bindparam("day", type_=_T.c.business_date.type))
           .group_by(_T.c.service_id).subquery())
# Every service with its waiting counts (through the partial index of the waiting).
_SERVICE_QUEUES = Lean(
    select(_SVC.c.id, _SVC.c.code, _SVC.c.name_zh, _SVC.c.name_en, _SVC.c.target_wait_min, _SVC.c.active,
           _SVC.c.position, _COUNTS.c.waiting, _COUNTS.c.priority_waiting, _COUNTS.c.oldest)
    .select_from(_SVC.outerjoin(_COUNTS, _COUNTS.c.service_id == _SVC.c.id))
    .order_by(_SVC.c.position, _SVC.c.code))


def queue_status(db: Database, *, now: dt.datetime | None = None) -> QueueStatus:
    """Every service's queue and every window: two queries (and the settings')."""
    with db.read() as s:
        m = moment(s, now)
        day, now = m.day, m.now
        queues = []
        for svc in _SERVICE_QUEUES.records(s, {"day": day}):
            longest = int((now - svc.oldest).total_seconds() // 60) if svc.oldest is not None else 0
            queues.append(ServiceQueue(service_view(svc), int(svc.waiting or 0), int(svc.priority_waiting or 0),  # type: ignore[arg-type]
                                       max(0, longest)))
        windows = window_views(s, m, {q.service.id: q.service.code for q in queues})
        return QueueStatus(day, tuple(queues), tuple(windows), sum(q.waiting for q in queues))


def waiting_list(db: Database, *, now: dt.datetime | None = None, window: int | None = None,
                 service: str | None = None, limit: int = 200) -> list[TicketView]:
    """Today's waiting tickets: for a window, in the order its Call-next key
    calls them (app/queue/lineup.py: the calling policy itself); for one
    service or everyone, priority first, then by arrival."""
    if window is not None and service is None:
        from app.queue.lineup import window_lineup

        return list(window_lineup(db, window=window, now=now, limit=limit).tickets)
    t = Ticket.__table__
    with db.read() as s:
        day = moment(s, now).day
        q = ticket_rows_query().where(t.c.business_date == day, t.c.status.in_(WAITING))
        if window is not None:
            win = s.execute(select(Window.id).where(Window.number == window)).first()
            if win is None:
                return []
            sids = select(WindowService.service_id).where(WindowService.window_id == win.id)
            q = q.where((t.c.service_id.in_(sids) & t.c.target_window_id.is_(None))
                        | (t.c.target_window_id == win.id))
        if service is not None:
            q = q.where(Service.__table__.c.code == service.upper())
        q = q.order_by((t.c.priority == "normal").asc(), t.c.queued_at, t.c.id).limit(limit)
        rows = [TicketRow(**r._mapping) for r in s.connection().execute(q)]  # one query, no ORM objects
        ids = {i for r in rows for i in (r.window_id, r.target_window_id) if i is not None}
        numbers = window_numbers(s) if ids else {}
        return [ticket_view(r, numbers) for r in rows]  # type: ignore[arg-type]


def recent_tickets(db: Database, *, now: dt.datetime | None = None, limit: int = 20) -> list[TicketView]:
    with db.read() as s:
        day = moment(s, now).day
        q = select(Ticket).where(Ticket.business_date == day).order_by(Ticket.id.desc()).limit(limit)
        numbers = window_numbers(s)
        return [ticket_view(t, numbers) for t in s.scalars(q)]


def get_ticket(db: Database, ref: str | int, *, now: dt.datetime | None = None) -> TicketView:
    from app.queue.common import row_view, ticket_row_by_ref

    with db.read() as s:  # plain rows: its windows' numbers only if it has any
        return row_view(s, ticket_row_by_ref(s, ref, moment(s, now).day))


_E = Event.__table__
# The newest call events (their types written in: a fixed statement on the driver's cursor).
_RECENT_CALLS = Lean(
    select(_E.c.id, _E.c.payload, _E.c.at)
    .where(text(f"type IN ({written_list(sorted(CALL_EVENTS))})"),
           _E.c.at >= bindparam("start", type_=_E.c.at.type))
    .order_by(_E.c.id.desc()).limit(bindparam("most")))


@dataclass(frozen=True)
class CallView:
    number: str
    window: int
    at: dt.datetime
    event_id: int


@dataclass(frozen=True)
class RecentCalls:
    calls: tuple[CallView, ...]  # newest first, one per number
    event_ids: frozenset[int]  # every call event read (a display ignores them when the feed brings them)


def recent_calls(db: Database, *, now: dt.datetime | None = None, limit: int = 7) -> RecentCalls:
    """Today's last calls, newest first, one per number (the lobby's list):
    the newest call events, read from the end of the log (one indexed query)."""
    with db.read() as s:
        m = moment(s, now)
        start = dt.datetime.combine(m.day, dt.time())
        rows = _RECENT_CALLS.tuples(s, {"start": start, "most": limit * 20})
    calls: list[CallView] = []
    for event_id, payload, at in rows:
        number, window = (payload or {}).get("number"), (payload or {}).get("window")
        if number and isinstance(window, int) and all(c.number != number for c in calls) and len(calls) < limit:
            calls.append(CallView(str(number), window, at, event_id))
    return RecentCalls(tuple(calls), frozenset(r[0] for r in rows))
