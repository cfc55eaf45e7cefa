"""Each service's time at the window, from its recent history, kept per
process and brought up to date incrementally.

The estimate learns a service's mean and spread from its last LONG_HISTORY
finished customers (``service_times``). Reading them afresh means walking
LONG_HISTORY index entries per service (about 10 ms with seven services):
done once a minute, that was the issue's p99. Finished tickets do not change
afterwards (a done ticket is never reopened), so the rows are read once and
kept (``HistoryRows``); a refresh reads only the tickets finished since the
last one, plus an OVERLAP before it, so a ticket whose transaction committed
a little after its finish time is still seen. What is older than the overlap
is settled. A settled row that changed or arrived late (a back-dated import)
is seen at the next full read: at the first refresh of a day, when the time
runs backwards, and at least every FULL_EVERY.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.queue.common import ARTIFICIAL_ENDS
from app.queue.day import Moment
from app.queue.estimate import MIN_HISTORY
from app.queue.service_times import ServiceTimes
from app.store.lean import ByIds, Lean, written_list
from app.store.models import Service, Ticket
from app.store.sqltime import seconds_between

HISTORY = 60  # recent finished services per service
LONG_HISTORY = 400  # the longer run they are weighed against
OVERLAP = dt.timedelta(minutes=5)  # re-read: finishes committed late (PostgreSQL: a transaction's clock
# is read at its start) or by another PC whose clock is a little behind
FULL_EVERY = dt.timedelta(minutes=30)

_T, _S = Ticket.__table__, Service.__table__
Row = tuple[str, float]  # (status, seconds from call to finish)


@dataclass(frozen=True)
class HistoryRows:
    """What a process keeps of the history: per service, its finished tickets
    up to ``settled_to`` (newest first, at most LONG_HISTORY), and the figures
    last computed from them."""

    day: dt.date
    now: dt.datetime  # the refresh's time
    settled_to: dt.datetime  # rows finished at or before this are settled
    full_at: dt.datetime  # the last full read
    services: tuple[tuple[int, float], ...]  # (id, catalogue default minutes)
    settled: dict[int, tuple[Row, ...]]
    figures: dict[int, tuple[tuple[Row, ...], ServiceTimes]]


@lru_cache(maxsize=4)
def _statements(dialect: str) -> tuple[Lean, ByIds]:
    """(one service's rows up to a time, newest first; the rows of some
    services in a span of time, by service and newest first), built once per
    dialect and run on the driver's cursor. Both walk
    ix_tickets_service_finished, which covers them."""
    t = _T
    held = seconds_between(dialect, t.c.called_at, t.c.finished_at)
    artificial = written_list(sorted(ARTIFICIAL_ENDS))  # written in: a fixed statement
    base = select(t.c.status, held).where(
        t.c.finished_at.is_not(None), t.c.called_at.is_not(None), text("tickets.status IN ('done', 'no_show')"),
        text(f"(tickets.outcome IS NULL OR tickets.outcome NOT IN ({artificial}))"))
    upto = (base.where(t.c.service_id == bindparam("sid"), t.c.finished_at <= bindparam("upto"))
            .order_by(t.c.finished_at.desc()).limit(LONG_HISTORY))
    span = (base.add_columns(t.c.service_id, (t.c.finished_at <= bindparam("settle")).label("settles"))
            .where(t.c.finished_at > bindparam("after"), t.c.finished_at <= bindparam("upto"))
            .order_by(t.c.service_id, t.c.finished_at.desc()))
    return Lean(upto), ByIds(span, t.c.service_id, 8)


_SERVICES = Lean(select(_S.c.id, _S.c.default_service_min).order_by(_S.c.id))


def catalogue(s: Session | Connection) -> tuple[tuple[int, float], ...]:
    """Every service as (id, catalogue default minutes), by id."""
    return tuple((sid, float(default or 6)) for sid, default in _SERVICES.tuples(s))


def refresh(s: Session, m: Moment, kept: HistoryRows | None) -> HistoryRows:
    """The history as of ``m.now``: from ``kept`` and the tickets finished
    since (see the module's note), or read in full."""
    conn = s.connection()
    upto, span = _statements(conn.dialect.name)
    services = catalogue(conn)
    settle = m.now - OVERLAP
    full = (kept is None or kept.day != m.day or m.now < kept.now or m.now - kept.full_at >= FULL_EVERY
            or kept.services != services)
    if full:
        after = settle
        # plain tuples (not SQLAlchemy rows): each refresh compares 400 of them per service
        settled = {sid: tuple(upto.tuples(conn, {"sid": sid, "upto": settle})) for sid, _ in services}
    else:
        assert kept is not None
        after, settled = kept.settled_to, kept.settled
    fresh: dict[int, list[Row]] = {sid: [] for sid, _ in services}
    settling: dict[int, list[Row]] = {sid: [] for sid, _ in services}
    ids = [sid for sid, _ in services]
    for status, held_s, sid, settles in span.tuples(conn, ids, {"after": after, "upto": m.now, "settle": settle}):
        (settling if settles else fresh)[sid].append((status, held_s))
    new_settled = {sid: (tuple(settling[sid]) + settled.get(sid, ()))[:LONG_HISTORY] if settling[sid]
                   else settled.get(sid, ()) for sid, _ in services}
    figures = {}
    for sid, default in services:
        rows = (tuple(fresh[sid]) + new_settled[sid])[:LONG_HISTORY]
        before = kept.figures.get(sid) if kept is not None else None
        if before is not None and before[0] == rows:  # nothing finished: the same figures
            figures[sid] = before
        else:
            figures[sid] = (rows, times_of(rows, default))
    return HistoryRows(m.day, m.now, settle, m.now if full else kept.full_at,  # type: ignore[union-attr]
                       services, new_settled, figures)


def service_times(s: Session, m: Moment, kept: HistoryRows | None = None) -> tuple[dict[int, ServiceTimes],
                                                                                      HistoryRows]:
    """Per service: mean and spread of call-to-finish over its customers, and
    its no-show rate (``times_of``); with the rows to keep for the next time."""
    rows = refresh(s, m, kept)
    return {sid: fig for sid, (_, fig) in rows.figures.items()}, rows


def times_of(rows: tuple[Row, ...], default: float) -> ServiceTimes:
    """A service's times from its finished tickets, newest first; the
    catalogue default until MIN_HISTORY are known.

    The mean is the last HISTORY customers' unless they agree with the longer
    run (LONG_HISTORY) within what chance explains: then the longer run's,
    whose error is smaller (a shrinkage: the further the recent customers are
    from the longer run, in standard errors, the more they count). A teller
    who is slow today moves it within the hour; a few long services do not."""
    recent_rows = rows[:HISTORY]
    times = _durations(rows)
    recent = _durations(recent_rows)
    no_shows = sum(1 for status, _ in recent_rows if status == "no_show")
    called = len(recent) + no_shows
    rate = no_shows / called if called >= MIN_HISTORY else 0.0
    if len(recent) >= MIN_HISTORY:
        mean, sd, samples = blend(recent, times)
        return ServiceTimes(mean, sd, rate, True, samples)
    return ServiceTimes(default, default, rate, False)  # skewed: sd about the mean


def blend(recent: list[float], longer: list[float]) -> tuple[float, float, int]:
    """(mean, sd, how many services they stand for) of service times: the
    recent ones' where they differ from the longer run by more than chance
    explains, else the longer run's (James-Stein: the recent mean keeps the
    share 1 - se^2 / gap^2 of its distance from the longer run's)."""
    mean, sd = _mean_sd(recent)
    long_mean, long_sd = _mean_sd(longer)
    gap2 = (mean - long_mean) ** 2
    keep = max(0.0, 1 - (sd * sd / len(recent)) / gap2) if gap2 > 0 else 0.0
    samples = round(len(recent) + (1 - keep) * (len(longer) - len(recent)))
    return long_mean + keep * (mean - long_mean), long_sd + keep * (sd - long_sd), samples


def _durations(rows: Any) -> list[float]:
    times = [held_s / 60 for status, held_s in rows if status == "done" and held_s > 0]
    return [x for x in times if x < 240]


def _mean_sd(times: list[float]) -> tuple[float, float]:
    """Mean and spread of service times. The spread comes from the times'
    logarithms (service times are about log-normal, whose few long ones make
    a plain standard deviation of a small sample come out low most days)."""
    mean = statistics.fmean(times)
    logs = [math.log(max(x, 0.05)) for x in times]
    mid = sum(logs) / len(logs)  # in floats (statistics.pstdev works in exact fractions: 10x slower)
    s = math.sqrt(sum((x - mid) ** 2 for x in logs) / len(logs))
    if s <= 0:
        return mean, mean * 0.5
    return mean, mean * math.sqrt(math.expm1(s * s))
