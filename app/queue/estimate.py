"""The wait a customer is told: a replay of the calling policy over a snapshot
of the queue. Pure Python, no database (the snapshot: app/queue/snapshot.py).

From the moment of issue, every window that is open or paused (and attended)
takes, whenever it becomes free, the ticket the real calling policy
(``policy.choose``) would give it: transfers to it, promotion, priority with
the anti-starvation ratio, its service order, first come first served. Each
customer occupies the window for the mean time of their service (history, or
the catalogue default until there is enough), shortened by that service's
no-show rate; customers already at a window for what is left of theirs, given
how long they have been there. Customers expected to arrive meanwhile (the
recent arrival rate per service and class) are fed in as they come, so a
priority customer or a service a shared window takes first is not forgotten.
The new ticket's call time in that replay is the expected wait. The spread
comes from the service times' variance along the way: the printed range and
point are quantiles of a log-normal matched to that mean and variance (service
times are skewed, so the median is below the mean). The branch's recent
experience (how long customers of the service actually waited against what
they were told) corrects the result, so a systematic error fades within the
hour.

"People ahead" are the customers waiting now whom the replay calls before this
ticket at the windows that can serve it. The replay stops at the ticket's
call, so its cost grows with the people ahead, not with the history.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.queue.policy import Candidate, PolicyConfig, Queues, choose, is_priority, next_streak

Z90 = 1.2816  # the 10th and 90th percentiles of a normal distribution
NO_SHOW_MIN = 2.0  # a customer who does not come holds the window about this long
PAUSE_RESUMES_MIN = 10.0  # a paused window is assumed back after this long
MIN_HISTORY = 5  # finished services of a service before its history replaces the catalogue default
STEP_LIMIT = 20_000  # a replay never runs longer than this many calls


@dataclass(frozen=True)
class ServiceTimes:
    """How long a customer of one service holds a window, in minutes (call to finish)."""

    mean: float
    sd: float
    no_show_rate: float = 0.0
    from_history: bool = True

    @property
    def expected(self) -> float:
        """What one waiting customer costs the window, no-shows included."""
        return (1 - self.no_show_rate) * self.mean + self.no_show_rate * NO_SHOW_MIN

    @property
    def variance(self) -> float:
        p = self.no_show_rate
        second = (1 - p) * (self.sd ** 2 + self.mean ** 2) + p * NO_SHOW_MIN ** 2
        return max(0.0, second - self.expected ** 2)

    def residual(self, elapsed: float) -> tuple[float, float]:
        """(mean, variance) of what is left of a service under way for ``elapsed`` minutes:
        a log-normal's mean residual life, so a long service is not assumed nearly over."""
        if self.mean <= 0:
            return 0.0, 0.0
        if elapsed <= 0:
            return self.mean, self.sd ** 2
        if self.sd <= 0:
            return max(0.5, self.mean - elapsed), 0.0
        s2 = math.log(1 + (self.sd / self.mean) ** 2)
        s = math.sqrt(s2)
        mu = math.log(self.mean) - s2 / 2
        tail = _phi((mu - math.log(elapsed)) / s)
        if tail < 1e-9:
            return 0.5, 0.25
        beyond = self.mean * _phi((mu + s2 - math.log(elapsed)) / s) / tail  # E[X | X > elapsed]
        left = max(0.5, beyond - elapsed)
        return left, (left * self.sd / self.mean) ** 2


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


@dataclass(frozen=True)
class WindowNow:
    """A window the replay may use: its services in order and what it is doing."""

    id: int
    service_order: tuple[int, ...]
    streak: int = 0
    paused: bool = False
    busy_service: int | None = None  # the service of the customer at the window, if any
    busy_for_min: float = 0.0  # how long that customer has been at the window
    busy_serving: bool = False  # service started (else: called, walking up)


@dataclass(frozen=True)
class Snapshot:
    """The queue at one moment: everything the estimate reads."""

    now: dt.datetime
    windows: tuple[WindowNow, ...]
    waiting: tuple[Candidate, ...]
    times: Mapping[int, ServiceTimes]
    config: PolicyConfig
    closes_at: dt.datetime | None = None
    arrivals: Mapping[tuple[int, bool], float] = field(default_factory=dict)  # per minute, per (service, priority?)
    correction: Mapping[int, float] = field(default_factory=dict)  # per service: actual / told, recently

    def serves(self, service_id: int) -> bool:
        return any(service_id in w.service_order for w in self.windows)


@dataclass(frozen=True)
class Estimate:
    """What the customer is told (minutes from issue, rounded as printed)."""

    minutes: int | None  # None: no number can be promised (see ``note``)
    low: int | None
    high: int | None
    people_ahead: int
    note: str | None = None  # no_window / after_closing / default_times

    @property
    def range(self) -> tuple[int, int] | None:
        return None if self.low is None or self.high is None else (self.low, self.high)


NEW_TICKET_ID = -1


def estimate(snap: Snapshot, *, service_id: int, priority: str = "normal",
             ticket_id: int = NEW_TICKET_ID, queued_at: dt.datetime | None = None,
             target_window_id: int | None = None) -> Estimate:
    """The estimate for one ticket: a new one (the default) or one already waiting."""
    if target_window_id is None and not snap.serves(service_id):
        return Estimate(None, None, None, 0, "no_window")
    if target_window_id is not None and all(w.id != target_window_id for w in snap.windows):
        return Estimate(None, None, None, 0, "no_window")
    target = Candidate(ticket_id, service_id, priority, queued_at or snap.now, target_window_id)
    result = replay(snap, target)
    if result is None:
        return Estimate(None, None, None, 0, "no_window")
    mean, var, ahead = result
    factor = snap.correction.get(service_id, 1.0)
    mean, sd = mean * factor, math.sqrt(var) * factor
    times = snap.times.get(service_id)
    note = None if times is None or times.from_history else "default_times"
    if snap.closes_at is not None and snap.now + dt.timedelta(minutes=mean) > snap.closes_at:
        return Estimate(None, None, None, ahead, "after_closing")
    point, low, high = quantiles(mean, sd)
    return Estimate(round(point), math.floor(low), math.ceil(high), ahead, note)


def quantiles(mean: float, sd: float) -> tuple[float, float, float]:
    """(median, 10th, 90th percentile) of a log-normal with this mean and sd."""
    if mean <= 0.05:
        return 0.0, 0.0, 0.0
    s2 = math.log(1 + (sd / mean) ** 2)
    s = math.sqrt(s2)
    med = mean / math.sqrt(1 + (sd / mean) ** 2)
    return med, med * math.exp(-Z90 * s), med * math.exp(Z90 * s)


def replay(snap: Snapshot, target: Candidate) -> tuple[float, float, int] | None:
    """(mean minutes until ``target`` is called, its variance, people ahead), or
    None when no window would ever call it."""
    queues = Queues(c for c in snap.waiting if c.ticket_id != target.ticket_id)
    queues.add(target)
    relevant = {w.id for w in snap.windows
                if target.target_window_id == w.id
                or (target.target_window_id is None and target.service_id in w.service_order)}
    if not relevant:
        return None
    busy: list[tuple[float, int, WindowNow]] = []
    streaks: dict[int, int] = {}
    var_at: dict[int, float] = {}  # variance of each window's free time
    for i, w in enumerate(snap.windows):
        start, var = (PAUSE_RESUMES_MIN, 0.0) if w.paused else (0.0, 0.0)
        if w.busy_service is not None:
            times = snap.times.get(w.busy_service)
            if times is not None:
                left, left_var = times.residual(w.busy_for_min) if w.busy_serving else (times.mean, times.sd ** 2)
                start, var = start + left, var + left_var
        heapq.heappush(busy, (start, i, w))
        streaks[w.id] = w.streak
        var_at[w.id] = var
    arrivals = _arrival_streams(snap, relevant)
    ahead = 0
    seq = len(snap.windows)
    for _ in range(STEP_LIMIT):
        if not busy:
            return None
        t, _i, w = heapq.heappop(busy)
        while arrivals and arrivals[0][0] <= t:
            at, n, sid, prio, rate = heapq.heappop(arrivals)
            queues.add(Candidate(-1000 - n * 1000 - sid, sid, "vip" if prio else "normal",
                                 snap.now + dt.timedelta(minutes=at)))
            heapq.heappush(arrivals, (at + 1 / rate, n + 1, sid, prio, rate))
        choice = choose(queues, window_id=w.id, service_order=w.service_order, priority_streak=streaks[w.id],
                        config=snap.config, now=snap.now + dt.timedelta(minutes=t))
        if choice is None:
            if arrivals:  # idle until the next expected arrival
                seq += 1
                heapq.heappush(busy, (max(t, arrivals[0][0]), seq, w))
            continue
        c = choice.candidate
        assert c is not None
        if c.ticket_id == target.ticket_id:
            # The call time is about when the relevant windows together get through
            # the work ahead: the variance of their mean finishing time.
            m = len(relevant)
            return t, sum(var_at[j] for j in relevant) / (m * m), ahead
        queues.remove(c)
        streaks[w.id] = next_streak(streaks[w.id], choice, choice.normal_waiting)
        if w.id in relevant and c.ticket_id >= 0:
            ahead += 1
        times = snap.times.get(c.service_id) or ServiceTimes(6.0, 6.0, from_history=False)
        var_at[w.id] += times.variance
        seq += 1
        heapq.heappush(busy, (t + times.expected, seq, w))
    return None


def _arrival_streams(snap: Snapshot, relevant: set[int]) -> list[tuple[float, int, int, bool, float]]:
    """Expected arrivals that could come before the target: the services of the
    windows that can serve it. Each stream: (first arrival, n, service, priority?, per minute)."""
    services = {sid for w in snap.windows if w.id in relevant for sid in w.service_order}
    streams = []
    for (sid, prio), rate in snap.arrivals.items():
        if sid in services and rate > 1e-6:
            streams.append((1 / rate, 0, sid, prio, rate))
    heapq.heapify(streams)
    return streams


def typical_service_minutes(recent_minutes: Sequence[float], default_minutes: float) -> float:
    """The old estimator's service time: the median of recent ones, else the
    default (kept as the benchmark's baseline; the median is about 0.7 of the
    mean for skewed service times, one reason it promised too little)."""
    usable = sorted(m for m in recent_minutes if 0 < m < 240)
    if len(usable) < 3:
        return float(default_minutes)
    mid = len(usable) // 2
    return float(usable[mid] if len(usable) % 2 else (usable[mid - 1] + usable[mid]) / 2)


def estimate_wait_minutes(people_ahead: int, service_minutes: float, open_windows: int) -> int:
    """The old estimator (people ahead x typical time / windows), kept as the benchmark's baseline."""
    if people_ahead <= 0:
        return 0
    windows = max(1, open_windows)
    return int(math.ceil(people_ahead * service_minutes / windows))
