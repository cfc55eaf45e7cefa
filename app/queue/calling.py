"""At the window: call next, call a chosen ticket, recall, no-show, start, finish."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, literal_column, select, text, union_all
from sqlalchemy.orm import Session

from app.events import EventType
from app.queue.common import (
    AT_WINDOW,
    WAITING,
    TicketRow,
    change_ticket,
    change_two_tickets,
    change_window,
    current_ticket,
    forward,
    policy_config,
    require_state,
    row_view,
    service_order,
    ticket_by_ref,
    ticket_row,
    ticket_rows_query,
    window_row,
)
from app.queue.day import Moment, begin
from app.queue.errors import InvalidTicketState, NoTicketWaiting, WindowBusy, WindowClosed
from app.queue.policy import PRIORITY_CLASSES, Candidate, choose_in_turn, next_streak
from app.queue.views import TicketView
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import event_row, record_event, record_events
from app.store.lean import Lean, Record
from app.store.models import WAITING_SQL, Ticket, Window


def _open_window(s: Session, number: int, services: bool = False) -> Record:
    win = window_row(s, number, lock=True, services=services, current=True)
    if win.state != "open":
        raise WindowClosed(f"Window {win.number} is {win.state}; open it first.", window=win.number, state=win.state)
    return win


def _at_window(s: Session, win: Record) -> TicketRow | None:
    """The ticket called or being served at ``win``, if any."""
    cur = current_ticket(s, win)
    return cur if cur is not None and cur.status in AT_WINDOW else None


class _Finish:
    """A keypad Next's finish, written with the call (one ticket update, one
    event insert for both): the ticket and its changes, and its event."""

    def __init__(self, t: TicketRow, values: dict[str, object], event: dict[str, Any]) -> None:
        self.ticket, self.values, self.event = t, values, event


def _done(s: Session, win: Record, t: TicketRow, outcome: str, now: dt.datetime, actor: Actor,
          later: list[_Finish] | None = None) -> None:
    """Finish ``t`` at ``win`` (the window's own row is changed by the caller):
    now, or added to ``later`` (written with the call's changes)."""
    values: dict[str, object] = {"status": "done", "finished_at": now, "outcome": outcome[:200]}
    row = event_row(EventType.TICKET_FINISHED, now, ticket_id=t.id, window_id=win.id, staff_id=actor.staff_id,
                    payload={"number": t.number, "window": win.number, "outcome": values["outcome"]})
    if later is None:
        change_ticket(s, t, **values)
        record_events(s, [row])
    else:
        later.append(_Finish(t, values, row))


def _free(s: Session, win: Record, m: Moment, actor: Actor, finish_current: bool,
          later: list[_Finish] | None = None) -> None:
    """Make ``win`` free for a call: finish its ticket (a keypad's Next) or refuse."""
    cur = _at_window(s, win)
    if cur is None:
        return
    if not finish_current:
        raise WindowBusy(
            f"Window {win.number} still has ticket {cur.number}; finish it or mark it no-show first.",
            window=win.number, ticket=cur.number,
        )
    _done(s, win, cur, "done", forward(cur, m, "finished"), actor, later)


def _assign(s: Session, win: Record, t: TicketRow, m: Moment, actor: Actor, how: str,
            streak: int, earlier: list[_Finish] | None = None) -> TicketView:
    """Call ``t`` to ``win``; the finish of the ticket before it (``earlier``)
    is written with it: both tickets in one update, both events in one insert."""
    now = forward(t, m, "called")
    values: dict[str, object] = {
        "status": "called", "window_id": win.id,
        "staff_id": actor.staff_id if actor.staff_id is not None else win.staff_id, "target_window_id": None,
        "first_called_at": t.first_called_at or now, "called_at": now, "call_count": t.call_count + 1}
    if earlier:
        change_two_tickets(s, earlier[0].ticket, earlier[0].values, t, values)
    else:
        change_ticket(s, t, **values)
    change_window(s, win.id, current_ticket_id=t.id, priority_streak=streak)
    record_events(s, [*(f.event for f in earlier or ()), event_row(
        EventType.TICKET_CALLED, now, ticket_id=t.id, window_id=win.id, staff_id=t.staff_id,
        payload={"number": t.number, "window": win.number, "service": t.svc_code, "how": how,
                 "call_count": t.call_count},
    )])
    return row_view(s, t, {win.id: win.number})


def call_next(
    db: Database, *, window: int, finish_current: bool = False, actor: Actor, now: dt.datetime | None = None
) -> TicketView:
    """Call the next ticket for ``window`` according to the calling policy.

    With ``finish_current`` the ticket still at the window is finished first
    (what a keypad's Next key means); otherwise a busy window is refused.
    A ticket issued after ``now`` is not in the queue yet.
    """
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        day, now = m.day, m.now
        win = _open_window(s, window, services=True)
        finished: list[_Finish] = []  # the finish, written with the call
        _free(s, win, m, actor, finish_current, finished)
        order = service_order(win)
        config = policy_config(m.settings)
        is_pg = s.get_bind().dialect.name == "postgresql"
        per_queue = HEAD_SIZE
        candidates, truncated = line_heads(s, win.id, order, day, now, per_queue)
        excluded: set[int] = set()
        while True:
            # The window's preferences in turn: on PostgreSQL the first that no
            # other window holds is claimed in one statement (SKIP LOCKED).
            prefs = choose_in_turn(
                candidates, window_id=win.id, service_order=order, priority_streak=win.priority_streak,
                config=config, now=now, exclude=frozenset(excluded), limit=CLAIM_AT_ONCE if is_pg else 1,
            )
            if not prefs and truncated and excluded:  # every head was taken: look further
                per_queue *= 4
                candidates, truncated = line_heads(s, win.id, order, day, now, per_queue)
                continue
            if not prefs:
                raise NoTicketWaiting(f"Nobody is waiting for window {win.number}.", window=win.number)
            t = _claim(s, [c.ticket_id for c in prefs], is_pg)
            if t is None:
                excluded.update(c.ticket_id for c in prefs)
                continue
            taken = next(i for i, c in enumerate(prefs) if c.ticket_id == t.id)
            excluded.update(c.ticket_id for c in prefs[:taken])
            choice = prefs[taken]
            break
        normal_waiting = any(not prio for prio in truncated) or any(
            c.priority == "normal" and c.ticket_id != t.id and c.ticket_id not in excluded for c in candidates
        )
        streak = next_streak(win.priority_streak, choice, normal_waiting)
        return _assign(s, win, t, m, actor, choice.reason, streak, finished)


# How many of its preferences a window tries to claim in one statement.
CLAIM_AT_ONCE = 8  # (SQLite: one; its writes are serialised, nobody else holds a ticket)
_IDS = bindparam("ids", type_=ARRAY(Integer))
_CLAIM_FIRST = (  # PostgreSQL: the first of the window's preferences nobody holds, locked, with its row
    ticket_rows_query().where(Ticket.__table__.c.id == any_(_IDS), Ticket.__table__.c.status.in_(WAITING))
    .order_by(func.array_position(_IDS, Ticket.__table__.c.id)).limit(1)
    .with_for_update(of=Ticket.__table__, skip_locked=True)
)


def _claim(s: Session, ticket_ids: list[int], is_pg: bool) -> TicketRow | None:
    """The first of ``ticket_ids`` that still waits; on PostgreSQL locked, and
    those another window holds skipped (never waited for, never called twice)."""
    if is_pg:
        found = s.connection().execute(_CLAIM_FIRST, {"ids": ticket_ids}).first()
        return None if found is None else TicketRow(**found._mapping)
    for tid in ticket_ids:  # SQLite: writes are serialised, the first still waits
        t = ticket_row(s, tid)
        if t is not None and t.status in WAITING:
            return t
    return None


def call_ticket(db: Database, *, window: int, ticket: str | int, actor: Actor,
                now: dt.datetime | None = None) -> TicketView:
    """Call a chosen waiting ticket out of order."""
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        win = _open_window(s, window)
        _free(s, win, m, actor, False)
        found = ticket_by_ref(s, ticket, m.day, lock=True)
        require_state(found, WAITING, "called")
        t = ticket_row(s, found.id)
        assert t is not None
        return _assign(s, win, t, m, actor, "chosen", win.priority_streak)


def _current(s: Session, window: int) -> tuple[Record, TicketRow]:
    win = window_row(s, window, lock=True, current=True)
    t = _at_window(s, win)
    if t is None:
        raise InvalidTicketState(f"Window {win.number} has no ticket at the moment.", window=win.number)
    return win, t


def recall(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None) -> TicketView:
    """Announce the window's current ticket again."""
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        win, t = _current(s, window)
        require_state(t, ("called",), "called again")  # type: ignore[arg-type]
        now = forward(t, m, "called again")  # type: ignore[arg-type]
        change_ticket(s, t, call_count=t.call_count + 1, called_at=now)
        record_event(s, EventType.TICKET_RECALLED, now, ticket_id=t.id, window_id=win.id, staff_id=actor.staff_id,
                     payload={"number": t.number, "window": win.number, "call_count": t.call_count})
        return row_view(s, t, {win.id: win.number})


def no_show(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None) -> TicketView:
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        win, t = _current(s, window)
        require_state(t, ("called",), "marked no-show")  # type: ignore[arg-type]
        now = forward(t, m, "marked no-show")  # type: ignore[arg-type]
        # finished_at: when it left the window (the estimate learns its no-show rate from these)
        change_ticket(s, t, status="no_show", finished_at=now)
        change_window(s, win.id, current_ticket_id=None)
        record_event(s, EventType.TICKET_NO_SHOW, now, ticket_id=t.id, window_id=win.id, staff_id=actor.staff_id,
                     payload={"number": t.number, "window": win.number})
        return row_view(s, t, {win.id: win.number})


def mark_no_show(s: Session, win: Window, t: Ticket, at: dt.datetime) -> None:
    """The ORM form, for a window being left (app/queue/windows.py): an
    artificial end, so the estimate does not learn from it."""
    t.status = "no_show"
    t.finished_at = at
    t.outcome = "window_left"
    win.current_ticket_id = None


def start_service(db: Database, *, window: int, actor: Actor, now: dt.datetime | None = None) -> TicketView:
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        win, t = _current(s, window)
        require_state(t, ("called",), "started")  # type: ignore[arg-type]
        now = forward(t, m, "started")  # type: ignore[arg-type]
        change_ticket(s, t, status="serving", started_at=now)
        record_event(s, EventType.SERVICE_STARTED, now, ticket_id=t.id, window_id=win.id, staff_id=actor.staff_id,
                     payload={"number": t.number, "window": win.number})
        return row_view(s, t, {win.id: win.number})


def _finish(s: Session, win: Window, t: Ticket, outcome: str, now: dt.datetime, actor: Actor) -> None:
    """The ORM form, for a window being left (app/queue/windows.py)."""
    t.status = "done"
    t.finished_at = now
    t.outcome = outcome[:200]
    win.current_ticket_id = None
    record_event(s, EventType.TICKET_FINISHED, now, ticket_id=t.id, window_id=win.id, staff_id=actor.staff_id,
                 payload={"number": t.number, "window": win.number, "outcome": t.outcome})


def finish(db: Database, *, window: int, outcome: str = "done", actor: Actor,
           now: dt.datetime | None = None) -> TicketView:
    """Finish the window's ticket (service time runs from start, or call if not started)."""
    require(actor, "call")
    with db.write() as s:
        m = begin(db, s, now)
        win, t = _current(s, window)
        _done(s, win, t, outcome or "done", forward(t, m, "finished"), actor)  # type: ignore[arg-type]
        change_window(s, win.id, current_ticket_id=None)
        return row_view(s, t, {win.id: win.number})


# call_next reads the first HEAD_SIZE of each (service, priority or not) line
# the window serves, and the tickets transferred to it: the policy only ever
# picks the first of a line, and the rest are spares for when other windows
# hold the first ones (PostgreSQL SKIP LOCKED). Each part walks a partial index
# of the waiting tickets in queue order, so a call costs about the same with
# 10 or 5,000 people waiting.
HEAD_SIZE = 16
_WAITING = text(WAITING_SQL)  # literal: the partial indexes' condition
_T = Ticket.__table__
LINE_ORDER = func.coalesce(_T.c.appointment_at, _T.c.queued_at)  # the index's LINE_ORDER_SQL


_HEADS: dict[tuple[tuple[int, ...], int], Lean] = {}


def _heads_query(service_order: tuple[int, ...], per_queue: int) -> Lean:
    """The candidates' query for one service order, built once (building and
    keying a union of this size costs more than running it)."""
    stmt = _HEADS.get((service_order, per_queue))
    if stmt is not None:
        return stmt
    t = Ticket.__table__
    cols = (t.c.id, t.c.service_id, t.c.priority, t.c.queued_at, t.c.target_window_id, t.c.appointment_at)
    day, now = bindparam("day", type_=t.c.business_date.type), bindparam("now", type_=t.c.queued_at.type)
    parts = [select(*cols).where(_WAITING, t.c.target_window_id == bindparam("win"), t.c.queued_at <= now,
                                 t.c.business_date == day)]
    # What is fixed for this statement (the services, the classes, the limit) is
    # written into it, not bound: PostgreSQL's generic plan of a prepared
    # statement guesses a bound LIMIT at a tenth of the line, so it kept
    # planning each call afresh (about 1.5 ms, ten times the query's own time).
    for sid in service_order:
        for priority in PRIORITY_CLASSES:  # one index range each, in queue order
            assert priority.isalpha()
            parts.append(
                select(*cols).where(_WAITING, t.c.business_date == day, t.c.service_id == literal_column(str(int(sid))),
                                    t.c.priority == literal_column(f"'{priority}'"), t.c.queued_at <= now,
                                    t.c.target_window_id.is_(None))
                .order_by(LINE_ORDER, t.c.id).limit(literal_column(str(int(per_queue) + 1)))
            )
    stmt = Lean(union_all(*(select(*p.subquery().c) for p in parts)))
    if len(_HEADS) > 256:
        _HEADS.clear()
    _HEADS[(service_order, per_queue)] = stmt
    return stmt


def line_heads(
    s: Session, window_id: int, service_order: list[int], day: dt.date, now: dt.datetime, per_queue: int
) -> tuple[list[Candidate], set[bool]]:
    """The tickets the policy can choose from: every ticket transferred to this
    window and the first ``per_queue`` of each of its services' priority and
    normal lines.

    Returns the candidates and, for each kind of line that had more tickets
    than were read, whether it was the priority kind.
    """
    stmt = _heads_query(tuple(service_order), per_queue)
    rows = [Candidate(*r) for r in stmt.tuples(s, {"win": window_id, "day": day, "now": now})]
    lines: dict[tuple[int, bool], list[Candidate]] = {}
    found = []
    for r in rows:
        if r.target_window_id is None:
            lines.setdefault((r.service_id, r.priority != "normal"), []).append(r)
        else:
            found.append(r)
    counts = {}
    for key, line in lines.items():  # the priority classes merged: the first of their line, in order
        line.sort(key=lambda r: (r.appointment_at or r.queued_at, r.ticket_id))
        counts[key] = len(line)
        found += line[:per_queue + 1]
    truncated = {prio for (_, prio), n in counts.items() if n > per_queue}
    return found, truncated
