"""The durations and arrivals a replay of the estimate uses
(app/queue/replay.py): every duration at its mean (``_Means``: the printed
point and its variance), or drawn at random for one possible future
(``_Draws``: the sampled short waits). Arrivals come evenly spaced at each
hour's rate in the first, as Poisson streams in the second."""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from app.queue.service_times import NO_SHOW_MIN, ServiceTimes

if TYPE_CHECKING:
    from app.queue.estimate import Snapshot, WindowNow


class _Means:
    """The replay with every duration at its mean (and its variance kept)."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self._holds: dict[int, tuple[float, float]] = {}  # per service: asked at every step of the replay

    def at_window(self, w: WindowNow) -> tuple[float, float]:
        times = self.snap.times.get(w.busy_service) if w.busy_service is not None else None
        if times is None:
            return 0.0, 0.0
        return times.residual(w.busy_for_min) if w.busy_serving else (times.mean, times.sd ** 2)

    def holds(self, service_id: int) -> tuple[float, float]:
        found = self._holds.get(service_id)
        if found is None:
            times = self.snap.times.get(service_id) or ServiceTimes(6.0, 6.0, from_history=False)
            found = self._holds[service_id] = (times.expected, times.variance)
        return found

    def arrivals(self, lines: Collection[tuple[int, bool]],
                 until: float = math.inf) -> Iterator[tuple[float, int, bool]]:
        """Expected arrivals of ``lines`` ((service, priority?): those that can
        matter), evenly spaced at the hour's rate, up to ``until`` minutes from now."""
        streams = []
        base = _minute_of_day(self.snap)
        for (sid, prio), rates in self.snap.arrivals.items():
            if (sid, prio) in lines:
                first = _next_even(base, rates, 0.0)
                if first is not None:
                    streams.append((first, sid, prio))
        heapq.heapify(streams)
        while streams:
            at, sid, prio = heapq.heappop(streams)
            if at > until:
                return
            yield at, sid, prio
            nxt = _next_even(base, self.snap.arrivals[(sid, prio)], at)
            if nxt is not None:
                heapq.heappush(streams, (nxt, sid, prio))


class _Draws(_Means):
    """The replay with durations and arrivals drawn at random (one future)."""

    def __init__(self, snap: Snapshot, rng: random.Random) -> None:
        super().__init__(snap)
        self.rng = rng
        # This future's service-time means: the estimates are samples, so each
        # future draws its own (log-normal around them, median kept), for a
        # service when it first needs one.
        self.scale: dict[int, float] = {}

    def at_window(self, w: WindowNow) -> tuple[float, float]:
        times = self.snap.times.get(w.busy_service) if w.busy_service is not None else None
        if times is None:
            return 0.0, 0.0
        if w.busy_serving:
            return times.draw_beyond(self.rng, w.busy_for_min) - w.busy_for_min, 0.0
        return self._draw(w.busy_service, times), 0.0

    def holds(self, service_id: int) -> tuple[float, float]:
        times = self.snap.times.get(service_id) or ServiceTimes(6.0, 6.0, from_history=False)
        return self._draw(service_id, times), 0.0

    def _draw(self, service_id: int, times: ServiceTimes) -> float:
        if times.no_show_rate and self.rng.random() < times.no_show_rate:
            return NO_SHOW_MIN
        scale = self.scale.get(service_id)
        if scale is None:  # a service without figures keeps its default time as it is
            scale = self.scale[service_id] = (math.exp(self.rng.gauss(0.0, times.uncertainty))
                                              if service_id in self.snap.times else 1.0)
        return times.draw(self.rng) * scale

    def arrivals(self, lines: Collection[tuple[int, bool]],
                 until: float = math.inf) -> Iterator[tuple[float, int, bool]]:
        """Poisson arrivals at each hour's rate, drawn only as far as they can
        matter, and lazily: a replay that ends early draws no more."""
        horizon = min(POISSON_HORIZON_MIN, until)
        base, rng = _minute_of_day(self.snap), self.rng
        return heapq.merge(*[_poisson(base, rates, rng, horizon, sid, prio)
                             for sid, prio, rates in _streams(self.snap, lines)])


def _streams(snap: Snapshot, lines: Collection[tuple[int, bool]]) -> list[tuple[int, bool, Sequence[float]]]:
    """The arrival streams of ``lines`` (service, priority?, hourly rates), in
    the snapshot's order: the same for every future of an estimate, so kept
    for the last snapshot and lines asked."""
    global _streams_memo
    memo = _streams_memo
    if memo is not None and memo[0] is snap and memo[1] is lines:
        return memo[2]
    found = [(sid, prio, rates) for (sid, prio), rates in snap.arrivals.items() if (sid, prio) in lines]
    _streams_memo = (snap, lines, found)
    return found


_streams_memo: tuple[Snapshot, Collection[tuple[int, bool]], list[tuple[int, bool, Sequence[float]]]] | None = None


def _minute_of_day(snap: Snapshot) -> float:
    return snap.now.hour * 60 + snap.now.minute + snap.now.second / 60


def _next_even(base: float, rates: Sequence[float], after: float) -> float | None:
    """The next evenly spaced expected arrival after ``after`` minutes from now
    (``base``: now's minute of the day)."""
    t = after
    for _ in range(48):
        hour = int((base + t) // 60)
        if hour >= 24:
            return None
        rate = rates[hour]
        end = (hour + 1) * 60 - base
        if rate > 1e-6 and t + 1 / rate < end:
            return t + 1 / rate
        t = end
    return None


POISSON_HORIZON_MIN = 240.0  # a random future draws arrivals this far at most


def _poisson(base: float, rates: Sequence[float], rng: random.Random, horizon: float, sid: int,
             prio: bool) -> Iterator[tuple[float, int, bool]]:
    """One stream's Poisson arrivals (minutes from now, service, priority?), in
    time order (``base``: now's minute of the day)."""
    t = 0.0
    while t < horizon:
        hour = int((base + t) // 60)
        if hour >= 24:
            return
        end = (hour + 1) * 60 - base
        rate = rates[hour]
        nxt = t + rng.expovariate(rate) if rate > 1e-6 else end
        if nxt >= end:
            t = end
            continue
        yield nxt, sid, prio
        t = nxt
