"""The queue as the wait estimate reads it: one read, outside the write lock.

``queue_snapshot`` reads the windows and the waiting tickets now (two small
indexed queries) and joins them with the slower-moving figures kept per
process for a minute: each service's time at the window and no-show rate
from its recent history (the catalogue default until there is enough), the
recent arrival rate per service and class, and how long the last customers of
each service waited against what they were told.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import threading
from collections import defaultdict
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.queue.common import WAITING, policy_config
from app.queue.day import Moment, moment
from app.queue.estimate import MIN_HISTORY, Estimate, ServiceTimes, Snapshot, WindowNow, estimate
from app.queue.policy import Candidate
from app.queue.windows import attended
from app.store.engine import Database
from app.store.models import Service, Ticket, Window, WindowService

HISTORY = 60  # recent finished services per service
CACHE_S = 60.0
ARRIVAL_WINDOW = dt.timedelta(minutes=60)
PROFILE_DAYS = 28
CORRECTION_WINDOW = dt.timedelta(minutes=60)
CORRECTION_N = 20
CORRECTION_WEIGHT = 5  # calls after which the observed ratio counts as much as the model
_lock = threading.Lock()


def queue_snapshot(db: Database, now: dt.datetime | None = None) -> Snapshot:
    """The queue now (one read transaction)."""
    with db.read() as s:
        m = moment(s, now)
        return snapshot_in(db, s, m)


def snapshot_in(db: Database, s: Session, m: Moment) -> Snapshot:
    windows = _windows(s, m)
    t = Ticket.__table__
    rows = s.execute(
        select(t.c.id, t.c.service_id, t.c.priority, t.c.queued_at, t.c.target_window_id, t.c.appointment_at)
        .where(t.c.business_date == m.day, t.c.status.in_(WAITING), t.c.queued_at <= m.now)
    ).all()
    waiting = tuple(Candidate(*r) for r in rows)
    slow = _slow_figures(db, s, m)
    return Snapshot(
        now=m.now, windows=windows, waiting=waiting, times=slow["times"], config=policy_config(m.settings),
        closes_at=m.settings.closes_at(m.day), arrivals=slow["arrivals"], correction=slow["correction"],
    )


def _windows(s: Session, m: Moment) -> tuple[WindowNow, ...]:
    order: dict[int, list[int]] = defaultdict(list)
    for wid, sid in s.execute(select(WindowService.window_id, WindowService.service_id)
                              .order_by(WindowService.window_id, WindowService.position)):
        order[wid].append(sid)
    out = []
    for win in s.scalars(select(Window).where(Window.state != "closed")):
        if not attended(win, m.now, m.settings.unattended_after):
            continue  # nobody is at it: it serves no one
        busy = None
        if win.current_ticket_id is not None:
            busy = s.execute(select(Ticket.service_id, Ticket.status, Ticket.called_at, Ticket.started_at)
                             .where(Ticket.id == win.current_ticket_id)).first()
        busy_service = busy_for = None
        serving = False
        if busy is not None and busy.status in ("called", "serving"):
            busy_service, serving = busy.service_id, busy.status == "serving"
            busy_for = max(0.0, (m.now - (busy.called_at or m.now)).total_seconds() / 60)
        out.append(WindowNow(win.id, tuple(order.get(win.id, ())), win.priority_streak or 0, win.state == "paused",
                             busy_service, busy_for or 0.0, serving))
    return tuple(out)


def _slow_figures(db: Database, s: Session, m: Moment) -> dict[str, Any]:
    """Service times, arrival rates and corrections, read at most once a minute per process."""
    key = ("estimate_figures", m.day)
    with _lock:
        cached = db.memo.get(key)
        if cached is not None and 0 <= (m.now - cached[0]).total_seconds() < CACHE_S:
            return cached[1]
    figures = {"times": service_times(s, m), "arrivals": arrival_rates(s, m), "correction": corrections(s, m)}
    with _lock:
        db.memo[key] = (m.now, figures)
    return figures


def service_times(s: Session, m: Moment) -> dict[int, ServiceTimes]:
    """Per service: mean and spread of call-to-finish over its recent customers,
    and its no-show rate; the catalogue default until MIN_HISTORY are known."""
    t = Ticket.__table__
    out = {}
    for svc in s.scalars(select(Service)):
        rows = s.execute(
            select(t.c.status, t.c.called_at, t.c.finished_at).where(
                t.c.service_id == svc.id, t.c.finished_at.is_not(None), t.c.called_at.is_not(None),
                t.c.finished_at <= m.now, t.c.status.in_(("done", "no_show")))
            .order_by(t.c.finished_at.desc()).limit(HISTORY)
        ).all()
        times = [(r.finished_at - r.called_at).total_seconds() / 60 for r in rows
                 if r.status == "done" and r.finished_at > r.called_at]
        times = [x for x in times if x < 240]
        no_shows = sum(1 for r in rows if r.status == "no_show")
        called = len(times) + no_shows
        rate = no_shows / called if called >= MIN_HISTORY else 0.0
        if len(times) >= MIN_HISTORY:
            mean = statistics.fmean(times)
            out[svc.id] = ServiceTimes(mean, statistics.pstdev(times) or mean * 0.5, rate, True)
        else:
            default = float(svc.default_service_min or 6)
            out[svc.id] = ServiceTimes(default, default, rate, False)  # skewed: sd about the mean
    return out


def arrival_rates(s: Session, m: Moment) -> dict[tuple[int, bool], tuple[float, ...]]:
    """Expected customers per minute, per service and class (priority or not),
    for each hour of the day: the branch's usual hourly profile over its last
    open days (up to PROFILE_DAYS), scaled to how busy today has been in the
    last hour; without history, the last hour's rate from now on."""
    t = Ticket.__table__
    hour = extract("hour", t.c.issued_at)
    since_day = m.day - dt.timedelta(days=PROFILE_DAYS)
    rows = s.execute(
        select(t.c.original_service_id, t.c.priority, hour, func.count())
        .where(t.c.business_date >= since_day, t.c.business_date < m.day)
        .group_by(t.c.original_service_id, t.c.priority, hour)
    ).all()
    days = s.scalar(select(func.count(func.distinct(t.c.business_date)))
                    .where(t.c.business_date >= since_day, t.c.business_date < m.day)) or 0
    profile: dict[tuple[int, bool], list[float]] = defaultdict(lambda: [0.0] * 24)
    for sid, priority, h, n in rows:
        profile[(sid, priority != "normal")][int(h)] += n / days / 60
    since = max(m.now - ARRIVAL_WINDOW, dt.datetime.combine(m.day, dt.time()))
    span = max(15.0, (m.now - since).total_seconds() / 60)
    recent: dict[tuple[int, bool], float] = defaultdict(float)
    for sid, priority, n in s.execute(
        select(t.c.original_service_id, t.c.priority, func.count())
        .where(t.c.business_date == m.day, t.c.issued_at > since, t.c.issued_at <= m.now)
        .group_by(t.c.original_service_id, t.c.priority)
    ):
        recent[(sid, priority != "normal")] += n
    out = {}
    for key in set(profile) | set(recent):
        hourly = profile.get(key)
        if hourly is None or not days:
            rate = recent[key] / span
            out[key] = tuple(rate if h >= m.now.hour else 0.0 for h in range(24))
            continue
        expected = _expected(hourly, since, m.now)  # what the usual profile says for the last hour
        level = min(2.0, max(0.5, (recent[key] + 2) / (expected + 2)))
        out[key] = tuple(r * level for r in hourly)
    return out


def _expected(hourly: list[float], start: dt.datetime, end: dt.datetime) -> float:
    """Customers the hourly profile expects between ``start`` and ``end``."""
    total, t = 0.0, start
    while t < end:
        nxt = min(end, (t + dt.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0))
        total += hourly[t.hour] * (nxt - t).total_seconds() / 60
        t = nxt
    return total


def corrections(s: Session, m: Moment) -> dict[int, float]:
    """Per service: how much longer (or shorter) its recent customers waited than
    they were told, as a factor shrunk towards 1 while there are few of them."""
    t = Ticket.__table__
    rows = s.execute(
        select(t.c.service_id, t.c.issued_at, t.c.first_called_at, t.c.promised_wait_min)
        .where(t.c.business_date == m.day, t.c.first_called_at > m.now - CORRECTION_WINDOW,
               t.c.first_called_at <= m.now, t.c.promised_wait_min.is_not(None), t.c.transfer_count == 0)
        .order_by(t.c.first_called_at.desc()).limit(400)
    ).all()
    ratios: dict[int, list[float]] = defaultdict(list)
    for sid, issued, called, told in rows:
        if len(ratios[sid]) >= CORRECTION_N:
            continue
        actual = (called - issued).total_seconds() / 60
        ratios[sid].append(math.log((actual + 2) / (told + 2)))  # +2: short waits are not blown up
    out = {}
    for sid, logs in ratios.items():
        weight = len(logs) / (len(logs) + CORRECTION_WEIGHT)
        out[sid] = math.exp(weight * statistics.median(logs))
    return out


def service_estimates(db: Database, now: dt.datetime | None = None) -> dict[str, Estimate]:
    """What a new normal customer of each active service would be told now,
    by service code (the greeter's buttons): one snapshot, one replay each."""
    snap = queue_snapshot(db, now)
    with db.read() as s:
        services = s.execute(select(Service.id, Service.code).where(Service.active.is_(True))).all()
    return {code: estimate(snap, service_id=sid) for sid, code in services}
