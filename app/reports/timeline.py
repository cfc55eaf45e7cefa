"""A business day's timeline, rebuilt from the event log: each window's open
and paused stretches and who held it, how many wait for each service (or for
one window) from moment to moment, and when a window is free with someone
waiting. The staff figures (staff.py) add these up; the daily report takes
the window's teller for calls made without one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.events import EventType as E
from app.reports import query
from app.store.models import WINDOW_EVENTS_SQL, BusinessDay, Event, Service, Staff, Ticket, Window, WindowService

NOBODY = "-"
WINDOW_EVENTS = (E.WINDOW_OPENED, E.WINDOW_PAUSED, E.WINDOW_RESUMED, E.WINDOW_CLOSED)
assert WINDOW_EVENTS_SQL == "type IN ({})".format(", ".join(f"'{t.value}'" for t in WINDOW_EVENTS))
WAIT_EVENTS = (E.TICKET_ISSUED, E.TICKET_CALLED, E.TICKET_TRANSFERRED, E.TICKET_REQUEUED, E.TICKET_CANCELLED,
               E.TICKET_EXPIRED, E.TICKET_PRINT_VOIDED, E.TICKET_RECALLED, E.TICKET_RATED)


@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime
    state: str  # open / paused
    teller: str
    reason: str = ""
    staff_id: int | None = None


class Steps:
    """A count that changes at moments: how many wait for one service (or window)."""

    def __init__(self) -> None:
        self.changes: list[tuple[dt.datetime, int]] = []

    def add(self, at: dt.datetime, delta: int) -> None:
        self.changes.append((at, delta))

    def freeze(self) -> tuple[list[dt.datetime], list[int]]:
        self.changes.sort(key=lambda c: c[0])
        times, counts, n = [], [], 0
        for at, delta in self.changes:
            n += delta
            if times and times[-1] == at:
                counts[-1] = n
            else:
                times.append(at)
                counts.append(n)
        return times, counts


def day_span(s: Session, day: dt.date, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The stretch of time a business day's windows are counted in: from midnight
    to its close (or to now), at most to the next midnight unless it closed later."""
    start = dt.datetime.combine(day, dt.time())
    closed = s.scalar(select(BusinessDay.closed_at).where(BusinessDay.business_date == day))
    end = min(closed or now, now)
    return start, end if closed is not None and closed > start + dt.timedelta(days=1) else \
        min(end, start + dt.timedelta(days=1))


def window_events(s: Session, start: dt.datetime, end: dt.datetime) -> list[Any]:
    """The windows' openings, pauses and closings between ``start`` and
    ``end``, in the log's order: through their partial index (its condition
    written literally, so both databases' planners see it holds), not by
    reading the whole log."""
    return list(s.execute(
        select(Event.window_id, Event.type, Event.at, Event.staff_id, Event.payload)
        .where(text(WINDOW_EVENTS_SQL), Event.at >= start, Event.at <= end)
        .order_by(Event.id)).all())


class DayFacts:
    """One business day, read from the store."""

    def __init__(self, s: Session, day: dt.date, now: dt.datetime) -> None:
        self.day = day
        self.start, self.end = day_span(s, day, now)
        self.visits = query.visits(s, day, day)
        self.ticket_events = s.execute(
            select(Event.ticket_id, Event.type, Event.at, Event.window_id, Event.payload)
            .join(Ticket, Ticket.id == Event.ticket_id)
            .where(Ticket.business_date == day, Event.type.in_([t.value for t in WAIT_EVENTS]))
            .order_by(Event.ticket_id, Event.id)).all()
        self.window_events = window_events(s, self.start, self.end)
        self.ratings = dict(s.execute(select(Ticket.id, Ticket.rating).where(
            Ticket.business_date == day, Ticket.rating.is_not(None))).all())


@dataclass(frozen=True)
class Catalogue:
    windows: dict[int, tuple[int, str]]  # window id -> (number, name)
    serves: dict[int, tuple[str, ...]]  # window id -> service codes
    services: dict[int, str]  # service id -> code
    staff: dict[int, tuple[str, str]]  # staff id -> (username, full name)

    @classmethod
    def load(cls, s: Session) -> Catalogue:
        serves: dict[int, list[str]] = defaultdict(list)
        for wid, code in s.execute(select(WindowService.window_id, Service.code)
                                   .join(Service, Service.id == WindowService.service_id)
                                   .order_by(WindowService.window_id, WindowService.position)):
            serves[wid].append(code)
        return cls({w.id: (w.number, w.name) for w in s.scalars(select(Window))},
                   {k: tuple(v) for k, v in serves.items()},
                   dict(s.execute(select(Service.id, Service.code)).all()),
                   {sid: (u, n or "") for sid, u, n in s.execute(select(Staff.id, Staff.username, Staff.full_name))})

    def teller(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id, (NOBODY, ""))[0] if staff_id is not None else NOBODY


def window_intervals(events: list[Any], end: dt.datetime, cat: Catalogue) -> dict[int, list[Interval]]:
    """Each window's open and paused stretches, with the teller holding it."""
    out: dict[int, list[Interval]] = defaultdict(list)
    state: dict[int, tuple[str, dt.datetime, int | None, str]] = {}  # window id -> (state, since, staff, reason)
    for wid, type_, at, staff_id, payload in events:
        if wid is None:
            continue
        cur = state.get(wid)
        if cur is not None and at > cur[1]:
            out[wid].append(Interval(cur[1], at, cur[0], cat.teller(cur[2]), cur[3], cur[2]))
        holder = cur[2] if cur is not None and cur[2] is not None else staff_id
        if type_ == E.WINDOW_OPENED:
            state[wid] = ("open", at, staff_id, "")
        elif type_ == E.WINDOW_RESUMED:
            state[wid] = ("open", at, holder, "")
        elif type_ == E.WINDOW_PAUSED:
            state[wid] = ("paused", at, holder, str((payload or {}).get("reason") or ""))
        else:
            state.pop(wid, None)
    for wid, (st, since, staff_id, reason) in state.items():
        if end > since:
            out[wid].append(Interval(since, end, st, cat.teller(staff_id), reason, staff_id))
    return out


def holder_at(intervals: dict[int, list[Interval]], wid: int | None, at: dt.datetime) -> Interval | None:
    for iv in intervals.get(wid, ()):  # type: ignore[arg-type]
        if iv.start <= at <= iv.end:
            return iv
    return None


def fill_tellers(s: Session, day: dt.date, now: dt.datetime, visits: dict[int, list[query.Visit]]) -> None:
    """Visits called with no teller (the command line, a keypad nobody logged in
    to) get the teller who held the window at the call."""
    if not any(v.staff_id is None for mine in visits.values() for v in mine):
        return
    start, end = day_span(s, day, now)
    intervals = window_intervals(window_events(s, start, end), end, Catalogue.load(s))
    for mine in visits.values():
        for v in mine:
            if v.staff_id is None and (iv := holder_at(intervals, v.window_id, v.called_at)) is not None:
                v.staff_id = iv.staff_id


def waiting_steps(facts: DayFacts) -> dict[str, Steps]:
    """How many wait, over the day, per service code and per window sent to ("#3")."""
    steps: dict[str, Steps] = defaultdict(Steps)
    current: dict[int, str | None] = {}  # ticket -> the key it waits under now (None: not waiting)
    service: dict[int, str] = {}

    def stop(tid: int, at: dt.datetime) -> None:
        key = current.pop(tid, None)
        if key is not None:
            steps[key].add(at, -1)

    def wait(tid: int, key: str | None, at: dt.datetime) -> None:
        stop(tid, at)
        if key is not None:
            current[tid] = key
            steps[key].add(at, +1)

    for tid, type_, at, _wid, payload in facts.ticket_events:
        p = payload or {}
        if type_ == E.TICKET_ISSUED:
            service[tid] = str(p.get("service") or "")
            wait(tid, service[tid], at)
        elif type_ == E.TICKET_TRANSFERRED:
            service[tid] = str(p.get("to_service") or service.get(tid, ""))
            to_window = p.get("to_window")
            wait(tid, f"#{to_window}" if to_window is not None else service[tid], at)
        elif type_ == E.TICKET_REQUEUED:
            wait(tid, service.get(tid), at)
        elif type_ in (E.TICKET_CALLED, E.TICKET_CANCELLED, E.TICKET_EXPIRED, E.TICKET_PRINT_VOIDED):
            stop(tid, at)
    return steps


def idle_seconds(open_spans: list[tuple[dt.datetime, dt.datetime]], busy: list[tuple[dt.datetime, dt.datetime]],
            waits: list[tuple[list[dt.datetime], list[int]]]) -> float:
    """Seconds open, free and with someone waiting (a sweep over every moment something changed)."""
    if not open_spans or not waits:
        return 0.0
    points = sorted({t for a, b in open_spans for t in (a, b)} | {t for a, b in busy for t in (a, b)}
                    | {t for times, _ in waits for t in times})
    total = 0.0
    for t0, t1 in zip(points, points[1:]):
        if not any(a <= t0 < b for a, b in open_spans) or any(a <= t0 < b for a, b in busy):
            continue
        if any(counts[i] > 0 for times, counts in waits if (i := bisect.bisect_right(times, t0) - 1) >= 0):
            total += (t1 - t0).total_seconds()
    return total
