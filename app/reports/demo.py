"""A plausible branch day played through the real queue service functions, for
screenshots and demonstrations of the reports (not used by the app itself)."""

from __future__ import annotations

import datetime as dt
import random

import app.queue as q
from app.errors import DomainError
from app.staff.roles import SYSTEM
from app.store.engine import Database

# Arrivals per hour from 09:00: the usual late-morning and after-lunch peaks.
ARRIVALS = (14, 22, 26, 12, 18, 20, 15, 8)
SERVICES = "AAAAABBCDDEFG"


def simulate_day(db: Database, day: dt.date, *, until: dt.time = dt.time(17, 0), seed: int = 7,
                 windows: tuple[int, ...] = (1, 2, 3, 4, 5, 6)) -> None:
    """Issue, call, serve, transfer, no-show and cancel tickets on ``day`` up to ``until``."""
    rnd = random.Random(seed)
    start = dt.datetime.combine(day, dt.time(9, 0))
    stop = dt.datetime.combine(day, until)
    for w in windows:
        try:
            q.open_window(db, window=w, actor=SYSTEM, now=start - dt.timedelta(minutes=20))
        except DomainError:
            pass
    issues = sorted(
        start + dt.timedelta(hours=h, seconds=rnd.randrange(3600))
        for h, n in enumerate(ARRIVALS) for _ in range(n)
    )
    busy_until = {w: start for w in windows}
    t = start
    while t < stop:
        while issues and issues[0] <= t:
            issued = q.issue_ticket(db, service=rnd.choice(SERVICES), actor=SYSTEM, now=issues.pop(0))
            if rnd.random() < 0.03:
                q.cancel_ticket(db, issued.ticket.number, actor=SYSTEM, now=issues[0] if issues else t)
        for w in windows:
            if busy_until[w] <= t:
                busy_until[w] = _serve_one(db, w, t, rnd)
        t += dt.timedelta(minutes=1)


def _serve_one(db: Database, window: int, now: dt.datetime, rnd: random.Random) -> dt.datetime:
    """Finish what the window holds and call the next; returns when the window is free again."""
    try:
        q.finish(db, window=window, actor=SYSTEM, now=now)
    except DomainError:
        pass
    try:
        t = q.call_next(db, window=window, actor=SYSTEM, now=now)
    except DomainError:
        return now + dt.timedelta(minutes=1)
    roll = rnd.random()
    if roll < 0.05:
        q.no_show(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=2))
        return now + dt.timedelta(minutes=2)
    if roll < 0.09:
        # At once: the ticket is back in a queue other windows may call from ``now`` on.
        q.transfer_ticket(db, t.number, to_service="B", actor=SYSTEM, now=now)
        return now + dt.timedelta(minutes=1)
    if roll < 0.85:
        q.start_service(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=1))
    minutes = max(2, int(rnd.gauss(9, 4)))
    if rnd.random() < 0.4:
        q.finish(db, window=window, actor=SYSTEM, now=now + dt.timedelta(minutes=minutes))
        q.rate_ticket(db, t.number, rating=rnd.choice((3, 4, 5, 5, 5)), actor=SYSTEM,
                      now=now + dt.timedelta(minutes=minutes))
    return now + dt.timedelta(minutes=minutes)
