"""The queue as the wait estimate reads it: one read, outside the write lock.

``queue_snapshot`` reads the windows now (two small indexed queries) and the
waiting tickets (kept per process and brought up to date from the event log:
app/queue/waiting.py), and joins them with the slower-moving figures kept per
process for a minute: each service's time at the window and no-show rate
from its recent history (the catalogue default until there is enough; the
rows are kept and brought up to date incrementally, app/queue/history.py), the
recent arrival rate per service and class, and how long the last customers of
each service waited against what they were told.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, extract, func, select, text
from sqlalchemy.orm import Session

from app.queue.common import policy_config
from app.queue.day import Moment, moment
from app.queue.estimate import Estimate, Snapshot, WindowNow, estimate
from app.queue.history import blend, catalogue, service_times  # noqa: F401 (blend: re-exported)
from app.queue.waiting import waiting_lined
from app.queue.windows import attended
from app.store.engine import Database
from app.store.lean import Lean
from app.store.models import CALLED_SQL, MOVED_SQL, Service, Ticket, Window, WindowService

CACHE_S = 60.0
ARRIVAL_WINDOW = dt.timedelta(minutes=60)
PROFILE_DAYS = 28
LEVEL_PRIOR = 5.0  # customers: a service's own last hour counts fully beyond this many
PRIORITY_SHARE_PRIOR = 0.05  # a service with little history: about 1 in 20 customers has priority
CORRECTION_WINDOW = dt.timedelta(minutes=60)
CORRECTION_N = 20
CORRECTION_WEIGHT = 5  # (weighted) calls after which the observed ratio counts as much as the model
CORRECTION_HALF_LIFE_MIN = 20.0  # a customer told this long ago counts half
_lock = threading.Lock()


def queue_snapshot(db: Database, now: dt.datetime | None = None) -> Snapshot:
    """The queue now (one read transaction)."""
    with db.read() as s:
        m = moment(s, now)
        return snapshot_in(db, s, m)


def snapshot_in(db: Database, s: Session, m: Moment) -> Snapshot:
    windows = _windows(s, m)
    key = ("estimate_figures", m.day)
    with _lock:
        refresh = not _fresh(db.memo.get(key), m)
    # Kept per process, brought up to date from the event log; its periodic
    # full read is not added to the minute's refresh of the figures.
    waiting, lined = waiting_lined(db, s, m, postpone=refresh)
    slow = _slow_figures(db, s, m)
    return Snapshot(
        now=m.now, windows=windows, waiting=waiting, times=slow["times"], config=policy_config(m.settings),
        closes_at=m.settings.closes_at(m.day), arrivals=slow["arrivals"], correction=slow["correction"],
        lined=lined,
    )


_W, _WS, _T = Window.__table__, WindowService.__table__, Ticket.__table__
_CUR = _T.alias("cur")
_ORDERS = Lean(select(_WS.c.window_id, _WS.c.service_id).order_by(_WS.c.window_id, _WS.c.position))
_OPEN_WINDOWS = Lean(
    select(_W.c.id, _W.c.state, _W.c.holder, _W.c.heartbeat_at, _W.c.priority_streak,
           _CUR.c.service_id.label("busy_service"), _CUR.c.status.label("busy_status"),
           _CUR.c.called_at.label("busy_called_at"))
    .select_from(_W.outerjoin(_CUR, _CUR.c.id == _W.c.current_ticket_id))
    .where(_W.c.state != "closed")
)


def _windows(s: Session, m: Moment) -> tuple[WindowNow, ...]:
    """The attended open or paused windows, each with what it is doing (two queries)."""
    order: dict[int, list[int]] = defaultdict(list)
    for wid, sid in _ORDERS.tuples(s):
        order[wid].append(sid)
    out = []
    for win in _OPEN_WINDOWS.records(s):
        if not attended(win, m.now, m.settings.unattended_after):  # type: ignore[arg-type]
            continue  # nobody is at it: it serves no one
        busy_service = busy_for = None
        serving = False
        if win.busy_status in ("called", "serving"):
            busy_service, serving = win.busy_service, win.busy_status == "serving"
            busy_for = max(0.0, (m.now - (win.busy_called_at or m.now)).total_seconds() / 60)
        out.append(WindowNow(win.id, tuple(order.get(win.id, ())), win.priority_streak or 0, win.state == "paused",
                             busy_service, busy_for or 0.0, serving))
    return tuple(out)


def _slow_figures(db: Database, s: Session, m: Moment) -> dict[str, Any]:
    """Service times, arrival rates and corrections, read at most once a minute per process."""
    key = ("estimate_figures", m.day)
    with _lock:
        cached = db.memo.get(key)
        if _fresh(cached, m):
            return cached[1]  # type: ignore[index]
        kept = db.memo.get("service_history")
    times, kept = service_times(s, m, kept)  # type: ignore[arg-type]
    figures = {"times": times, "arrivals": arrival_rates(s, m, db.memo),
               "correction": corrections(s, m, list(times))}  # times: every service, by id
    with _lock:
        db.memo[key] = (m.now, figures)
        db.memo["service_history"] = kept
    return figures


def _fresh(cached: tuple[dt.datetime, dict[str, Any]] | None, m: Moment) -> bool:
    """Whether figures kept at ``cached[0]`` still serve at ``m.now``."""
    return cached is not None and 0 <= (m.now - cached[0]).total_seconds() < CACHE_S


def arrival_rates(s: Session, m: Moment,
                  memo: dict[Any, Any] | None = None) -> dict[tuple[int, bool], tuple[float, ...]]:
    """Expected customers per minute, per service and class (priority or not),
    for each hour of the day: the branch's usual hourly profile over its last
    open days (up to PROFILE_DAYS), scaled to how busy today has been in the
    last hour; without history, the last hour's rate from now on."""
    profile, days = _profile(s, m.day, memo)
    since = max(m.now - ARRIVAL_WINDOW, dt.datetime.combine(m.day, dt.time()))
    span = max(15.0, (m.now - since).total_seconds() / 60)
    recent: dict[tuple[int, bool], float] = defaultdict(float)
    params = {"day": m.day, "since": since, "now": m.now}
    for stmt in (_ARRIVED, _MOVED_IN):  # from the indexes alone (migration 0018)
        for sid, priority, n in stmt.tuples(s, params):
            recent[(sid, priority != "normal")] += n
    return _scaled(profile, recent, days, since, span, m)


_DAY = bindparam("day", type_=_T.c.business_date.type)
_SINCE, _NOW = bindparam("since", type_=_T.c.issued_at.type), bindparam("now", type_=_T.c.issued_at.type)
# Today's arrivals in the window, per service and class; and the customers
# transferred to another service, who arrive there a second time.
_ARRIVED = Lean(select(_T.c.original_service_id, _T.c.priority, func.count())
                .where(_T.c.business_date == _DAY, _T.c.issued_at > _SINCE, _T.c.issued_at <= _NOW)
                .group_by(_T.c.original_service_id, _T.c.priority))
_MOVED_IN = Lean(select(_T.c.service_id, _T.c.priority, func.count())
                 .where(text(MOVED_SQL), _T.c.business_date == _DAY, _T.c.queued_at > _SINCE, _T.c.queued_at <= _NOW)
                 .group_by(_T.c.service_id, _T.c.priority))


def _profile(s: Session, day: dt.date, memo: dict[Any, Any] | None
             ) -> tuple[dict[tuple[int, bool], list[float]], int]:
    """The usual hourly arrivals per service and class over the open days
    before ``day``, and how many days. Those days are over, so with ``memo``
    (the database's per-process memo) it is read once per day (over a long
    history the grouping takes a while: not again on every refresh)."""
    key = ("arrival_profile", day)
    with _lock:
        cached = memo.get(key) if memo is not None else None
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    t = Ticket.__table__
    hour = extract("hour", t.c.issued_at)
    since_day = day - dt.timedelta(days=PROFILE_DAYS)
    rows = s.execute(
        select(t.c.original_service_id, t.c.priority, hour, func.count())
        .where(t.c.business_date >= since_day, t.c.business_date < day)
        .group_by(t.c.original_service_id, t.c.priority, hour)
    ).all()
    # Customers transferred to another service arrive there a second time, when
    # transferred (their queued_at): the service's load counts them too.
    moved = text(MOVED_SQL)  # the partial index of the moved tickets
    rows += s.execute(
        select(t.c.service_id, t.c.priority, extract("hour", t.c.queued_at), func.count())
        .where(t.c.business_date >= since_day, t.c.business_date < day, moved)
        .group_by(t.c.service_id, t.c.priority, extract("hour", t.c.queued_at))
    ).all()
    days = s.scalar(select(func.count(func.distinct(t.c.business_date)))
                    .where(t.c.business_date >= since_day, t.c.business_date < day)) or 0
    profile: dict[tuple[int, bool], list[float]] = defaultdict(lambda: [0.0] * 24)
    for sid, priority, h, n in rows:
        profile[(sid, priority != "normal")][int(h)] += n / days / 60
    if memo is not None:
        with _lock:
            memo[key] = (profile, days)
    return profile, days


def _scaled(profile: dict[tuple[int, bool], list[float]], recent: dict[tuple[int, bool], float], days: int,
            since: dt.datetime, span: float, m: Moment) -> dict[tuple[int, bool], tuple[float, ...]]:
    """Each service's usual hourly profile (both classes together, split by the
    service's priority share over all those days), scaled to today: the
    service's own last hour, pulled towards the whole branch's (a service of
    two customers an hour says little by itself)."""
    if not days:
        return {key: tuple(n / span if h >= m.now.hour else 0.0 for h in range(24)) for key, n in recent.items()}
    services = {sid for sid, _ in set(profile) | set(recent)}
    zeros = [0.0] * 24
    total = {sid: [n + p for n, p in zip(profile.get((sid, False), zeros), profile.get((sid, True), zeros))]
             for sid in services}
    expected = {sid: _expected(total[sid], since, m.now) for sid in services}
    came = {sid: recent.get((sid, False), 0.0) + recent.get((sid, True), 0.0) for sid in services}
    branch = (sum(came.values()) + 2) / (sum(expected.values()) + 2)
    out = {}
    for sid in services:
        level = min(2.0, max(0.5, (came[sid] + LEVEL_PRIOR * branch) / (expected[sid] + LEVEL_PRIOR)))
        all_day = sum(total[sid])
        prio = sum(profile.get((sid, True), zeros))
        share = (prio + PRIORITY_SHARE_PRIOR) / (all_day + 1) if all_day else 0.0
        hourly = total[sid]
        if not all_day:  # new since: today's rate from now on
            rate = came[sid] / span
            hourly = [rate if h >= m.now.hour else 0.0 for h in range(24)]
            level = 1.0
        out[(sid, False)] = tuple(r * level * (1 - share) for r in hourly)
        out[(sid, True)] = tuple(r * level * share for r in hourly)
    return out


def _expected(hourly: list[float], start: dt.datetime, end: dt.datetime) -> float:
    """Customers the hourly profile expects between ``start`` and ``end``."""
    total, t = 0.0, start
    while t < end:
        nxt = min(end, (t + dt.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0))
        total += hourly[t.hour] * (nxt - t).total_seconds() / 60
        t = nxt
    return total


def corrections(s: Session, m: Moment, service_ids: list[int] | None = None) -> dict[int, float]:
    """Per service: how much longer (or shorter) its recent customers waited than
    they were told, as a factor shrunk towards 1 while there is little to go on.

    A customer counts by how far their wait fell outside the range printed on
    their ticket (inside it: no error; the range already allows for chance),
    and by how recently they were issued it (half-life
    CORRECTION_HALF_LIFE_MIN): customers of a long queue, called now but told
    an hour ago, say little about what a customer issued now will meet, and a
    surge they lived through (which the queue now shows) is not counted twice.
    A systematic error (ranges missed on one side, customer after customer)
    fades within the hour. ``service_ids``: every service's id, when the
    caller has them (the minute's refresh: from the service times)."""
    params = {"day": m.day, "since": m.now - CORRECTION_WINDOW, "now": m.now}
    if service_ids is None:
        service_ids = [sid for sid, _default in catalogue(s)]
    rows = [r for sid in service_ids for r in _LAST_CALLED.tuples(s, {**params, "sid": sid})]
    seen: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for sid, issued, called, told, low, high in rows:
        actual = (called - issued).total_seconds() / 60
        miss = range_miss(actual, told if low is None else low, told if high is None else high)
        age = max(0.0, (m.now - issued).total_seconds() / 60)
        seen[sid].append((miss, 0.5 ** (age / CORRECTION_HALF_LIFE_MIN)))
    out = {}
    for sid, pairs in seen.items():
        total = sum(w for _, w in pairs)
        shrink = total / (total + CORRECTION_WEIGHT)
        out[sid] = math.exp(shrink * _weighted_median(pairs))
    return out


# Each service's last CORRECTION_N customers called within the window, newest
# first: one service at a time, through the partial index of the called
# (migration 0019), so a refresh reads about CORRECTION_N entries per service
# whatever the hour's calls.
_LAST_CALLED = Lean(select(_T.c.service_id, _T.c.issued_at, _T.c.first_called_at, _T.c.promised_wait_min,
                           _T.c.promised_low_min, _T.c.promised_high_min)
                    .where(text(CALLED_SQL), _T.c.business_date == _DAY,
                           _T.c.service_id == bindparam("sid", type_=_T.c.service_id.type),
                           _T.c.first_called_at > _SINCE, _T.c.first_called_at <= _NOW,
                           _T.c.promised_wait_min.is_not(None), _T.c.transfer_count == 0)
                    .order_by(_T.c.first_called_at.desc(), _T.c.id.desc()).limit(CORRECTION_N))


def range_miss(actual: float, low: float, high: float) -> float:
    """How far a wait fell outside the printed range, as a log ratio (0 inside
    it, give or take the half minute of rounding; +2: short waits are not
    blown up)."""
    if actual > high + 0.5:
        return math.log((actual + 2) / (high + 2))
    if actual < low - 0.5:
        return math.log((actual + 2) / (low + 2))
    return 0.0


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    ordered = sorted(pairs)
    half, run = sum(w for _, w in ordered) / 2, 0.0
    for value, w in ordered:
        run += w
        if run >= half:
            return value
    return ordered[-1][0]


def service_estimates(db: Database, now: dt.datetime | None = None) -> dict[str, Estimate]:
    """What a new normal customer of each active service would be told now,
    by service code (the greeter's buttons): one snapshot, one replay each."""
    snap = queue_snapshot(db, now)
    with db.read() as s:
        services = s.execute(select(Service.id, Service.code).where(Service.active.is_(True))).all()
    return {code: estimate(snap, service_id=sid) for sid, code in services}
