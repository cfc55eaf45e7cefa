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
ticket at the windows that can serve it. The replay itself (its random
futures, the arrivals it feeds, its shortcuts) is app/queue/replay.py.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.queue.policy import Candidate, PolicyConfig, Queues
from app.queue.replay import (  # noqa: F401 (the replay's parts: re-exported)
    PAUSE_RESUMES_MIN,
    SAMPLE_STEP_BUDGET,
    SAMPLES_MAX,
    SAMPLES_MIN,
    line_up,
    replay,
    sample,
    settled,
)
from app.queue.service_times import (  # noqa: F401 (ServiceTimes and the normal functions: re-exported)
    DEFAULT_TIMES_UNCERTAINTY,
    NO_SHOW_MIN,
    ServiceTimes,
    inv_phi,
    phi,
)

Z90 = 1.2816  # the 10th and 90th percentiles of a normal distribution
MIN_HISTORY = 5  # finished services of a service before its history replaces the catalogue default
# Relative error of the replay itself, beyond its inputs' (evenly spaced expected
# arrivals, transfers met as new arrivals, windows that open or close unannounced):
# measured by benchmarks/bench_estimate.py, where ranges without it held 73 % of
# the waits on the day with transfers and no-shows.
MODEL_ERROR = 0.12


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
    # Expected arrivals per minute, per (service, priority?): one rate per hour of the day.
    arrivals: Mapping[tuple[int, bool], Sequence[float]] = field(default_factory=dict)
    correction: Mapping[int, float] = field(default_factory=dict)  # per service: actual / told, recently
    # ``waiting`` already in its lines (kept by app/queue/waiting.py), or None:
    # never changed, each estimate copies it (``replay.line_up``).
    lined: Queues | None = field(default=None, compare=False, repr=False)

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
             target_window_id: int | None = None, appointment_at: dt.datetime | None = None) -> Estimate:
    """The estimate for one ticket: a new one (the default) or one already waiting."""
    if target_window_id is None and not snap.serves(service_id):
        return Estimate(None, None, None, 0, "no_window")
    if target_window_id is not None and all(w.id != target_window_id for w in snap.windows):
        return Estimate(None, None, None, 0, "no_window")
    target = Candidate(ticket_id, service_id, priority, queued_at or snap.now, target_window_id, appointment_at)
    factor = snap.correction.get(service_id, 1.0)
    horizon = None  # beyond closing only "after closing" is said: the replay stops there
    if snap.closes_at is not None and factor > 0:
        horizon = max(0.0, (snap.closes_at - snap.now).total_seconds() / 60 / factor)
    queues = line_up(snap, target)
    result = replay(snap, target, horizon, queues)
    if result is None:
        return Estimate(None, None, None, 0, "no_window")
    mean, var, ahead, steps = result
    times = snap.times.get(service_id)
    note = None if times is None or times.from_history else "default_times"
    if snap.closes_at is not None and snap.now + dt.timedelta(minutes=mean * factor) > snap.closes_at:
        return Estimate(None, None, None, ahead, "after_closing")
    n = min(SAMPLES_MAX, SAMPLE_STEP_BUDGET // (steps + 2))
    n -= 1 - n % 2  # odd: the median is one of the futures (a wait that can happen, not between two)
    waits = sample(snap, target, n, steps, queues, factor) if n >= SAMPLES_MIN else []
    if len(waits) >= SAMPLES_MIN:
        waits.sort()
        point, low, high = (percentile(waits, q) * factor for q in (0.5, 0.1, 0.9))
    else:
        # the service times' own spread, and their estimates' (in log terms: the median stays)
        extra = math.hypot(_uncertainty(snap, target), MODEL_ERROR)
        point, low, high = quantiles(mean * factor, math.sqrt(var) * factor, extra)
    return Estimate(round(point), math.floor(low), math.ceil(high), ahead, note)


def _uncertainty(snap: Snapshot, target: Candidate) -> float:
    """How far off the service-time means may be, over the services the
    target's windows serve (relative, as one standard error)."""
    found = [snap.times[sid].uncertainty if sid in snap.times else DEFAULT_TIMES_UNCERTAINTY
             for w in snap.windows if target.service_id in w.service_order for sid in w.service_order]
    return sum(found) / len(found) if found else DEFAULT_TIMES_UNCERTAINTY


def percentile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values, interpolated between neighbours."""
    x = q * (len(ordered) - 1)
    i = int(x)
    if i + 1 >= len(ordered):
        return ordered[-1]
    return ordered[i] + (x - i) * (ordered[i + 1] - ordered[i])


def quantiles(mean: float, sd: float, extra: float = 0.0) -> tuple[float, float, float]:
    """(median, 10th, 90th percentile) of a log-normal with this mean and sd,
    its log spread widened by ``extra`` (a relative error of the inputs)."""
    if mean <= 0.05:
        return 0.0, 0.0, 0.0
    s2 = math.log(1 + (sd / mean) ** 2)
    s = math.sqrt(s2 + extra ** 2)
    med = mean / math.sqrt(1 + (sd / mean) ** 2)
    return med, med * math.exp(-Z90 * s), med * math.exp(Z90 * s)


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
