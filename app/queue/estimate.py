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
import random
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from app.queue.futures import _Draws, _Means
from app.queue.policy import Candidate, PolicyConfig, Queues, choose, is_priority, next_streak
from app.queue.service_times import (  # noqa: F401 (ServiceTimes and the normal functions: re-exported)
    DEFAULT_TIMES_UNCERTAINTY,
    NO_SHOW_MIN,
    ServiceTimes,
    inv_phi,
    phi,
)

Z90 = 1.2816  # the 10th and 90th percentiles of a normal distribution
PAUSE_RESUMES_MIN = 10.0  # a paused window is assumed back after this long
MIN_HISTORY = 5  # finished services of a service before its history replaces the catalogue default
STEP_LIMIT = 20_000  # a replay never runs longer than this many calls
STRAIGHT_CALLS = True  # the replay's shortcut for a lone line (off: every call asks the policy; tests compare)
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
# Short waits are sampled: a handful of random futures of the same replay, as
# many as fit in about a millisecond (few people ahead: cheap, and where the
# mean-time replay is least right: which busy window frees first is chance).
SAMPLE_STEP_BUDGET = 160
SAMPLES_MIN, SAMPLES_MAX = 16, 48


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
    line_up = _line_up(snap, target)
    result = replay(snap, target, horizon, line_up)
    if result is None:
        return Estimate(None, None, None, 0, "no_window")
    mean, var, ahead, steps = result
    times = snap.times.get(service_id)
    note = None if times is None or times.from_history else "default_times"
    if snap.closes_at is not None and snap.now + dt.timedelta(minutes=mean * factor) > snap.closes_at:
        return Estimate(None, None, None, ahead, "after_closing")
    n = min(SAMPLES_MAX, SAMPLE_STEP_BUDGET // (steps + 2))
    n -= 1 - n % 2  # odd: the median is one of the futures (a wait that can happen, not between two)
    waits = sample(snap, target, n, steps, line_up, factor) if n >= SAMPLES_MIN else []
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


def replay(snap: Snapshot, target: Candidate, horizon: float | None = None,
           line_up: Queues | None = None) -> tuple[float, float, int, int] | None:
    """The replay with mean durations: (minutes until ``target`` is called, the
    variance of that, people ahead, calls made before it), or None when no
    window would ever call it.

    With ``horizon`` (minutes) the replay stops there: a call beyond it only
    needs to be known to lie beyond it (a ticket past closing). It then
    returns the time reached, and as people ahead those already called plus
    the customers still waiting for the same windows who came before."""
    queues = (line_up or _line_up(snap, target)).copy()
    return _run(snap, target, queues, _Means(snap), STEP_LIMIT, horizon)


def sample(snap: Snapshot, target: Candidate, n: int, steps: int, line_up: Queues | None = None,
           factor: float = 1.0) -> list[float]:
    """At most ``n`` random futures of the replay (a fixed seed: the same state,
    the same answer). From ``SAMPLES_MIN`` on, every ``SAMPLES_CHECK_EVERY``
    futures, the sampling stops once more futures could not change what is
    printed (``settled``: a customer who will surely be called at once is told
    so after 17 futures, not 47)."""
    base = line_up or _line_up(snap, target)
    # A seed from the state itself (not hash(): it differs between processes).
    seed = (int(snap.now.timestamp()) * 31 + target.service_id * 7919 + len(snap.waiting) * 104729
            + (0 if target.priority == "normal" else 1)) & 0xFFFFFFFF
    rng = random.Random(seed)  # one stream: each future draws on where the last one stopped
    waits: list[float] = []
    check_at = SAMPLES_MIN + 1
    for i in range(1, n + 1):
        result = _run(snap, target, base.copy(), _Draws(snap, rng), STEP_LIMIT)
        if result is not None:
            waits.append(result[0])
        if i == check_at and i < n:
            check_at += SAMPLES_CHECK_EVERY
            if len(waits) == i and settled(sorted(waits), factor):
                break
    return waits


SAMPLES_CHECK_EVERY = 8  # futures between two looks (odd counts: 17, 25, 33, 41)
Z_SETTLED = 2.0  # how sure "more futures would print the same" must be (each quantile: about 95 %)


def settled(ordered: Sequence[float], factor: float = 1.0) -> bool:
    """Whether the printed point (rounded), low (floored) and high (ceiled)
    would come out the same at both ends of each one's confidence interval
    (distribution-free: the order statistics a binomial count of the futures
    puts around the quantile), so that more futures would not change them."""
    n = len(ordered)
    for q, printed in ((0.5, round), (0.1, math.floor), (0.9, math.ceil)):
        spread = Z_SETTLED * math.sqrt(n * q * (1 - q))
        lo = max(0, math.floor(n * q - spread) - 1)
        hi = min(n - 1, math.ceil(n * q + spread))
        if printed(ordered[lo] * factor) != printed(ordered[hi] * factor):
            return False
    return True


def _line_up(snap: Snapshot, target: Candidate) -> Queues:
    """The waiting customers and ``target`` in their lines (copied by each replay)."""
    queues = Queues(c for c in snap.waiting if c.ticket_id != target.ticket_id)
    queues.add(target)
    return queues


def _arrivals_that_matter(snap: Snapshot, target: Candidate) -> tuple[frozenset[tuple[int, bool]], float]:
    """Which expected arrivals can change when ``target`` is called, exactly.
    Returns the lines whose arrivals are fed to the replay and the last
    arrival time (minutes) that counts. Left out:
    - those of its own line: they queue behind it;
    - for a normal ticket, those of a normal line that every window the
      target could go to serves after the target's service: such a window
      takes the target's line first, and the target is in it (the streak
      counts the same: a normal customer waits, the target). Unless a window
      that takes a line that does count also serves it: it keeps that
      window busy, or not;
    - any after the promotion limit: from then on each window the target
      could go to calls the oldest head among its lines, which is never a
      newcomer while the target waits.
    Arrivals come only for the services of the target's windows (a window
    serving none of them is not followed further)."""
    global _matter_memo
    memo = _matter_memo
    if memo is not None and memo[0] is snap and memo[1] == target:
        return memo[2]
    relevant = [w for w in snap.windows if target.target_window_id == w.id
                or (target.target_window_id is None and target.service_id in w.service_order)]
    fed = {sid for w in relevant for sid in w.service_order}
    lines = {(sid, prio) for sid in fed for prio in (True, False)}
    if target.target_window_id is None and not is_priority(target.priority):
        lines = set()
        for w in relevant:
            at = w.service_order.index(target.service_id)
            lines.update((sid, True) for sid in w.service_order)
            lines.update((sid, False) for sid in w.service_order[:at])
        others = [w for w in snap.windows if w not in relevant]
        grew = True
        while grew:  # the lines of every other window that takes one of them
            grew = False
            for w in others:
                if any((sid, prio) in lines for sid in w.service_order for prio in (True, False)):
                    more = {(sid, prio) for sid in w.service_order for prio in (True, False) if sid in fed}
                    grew = grew or not more <= lines
                    lines |= more
    if target.target_window_id is None:
        lines.discard((target.service_id, is_priority(target.priority)))
    until = math.inf if snap.config.promote_after is None else snap.config.promote_after.total_seconds() / 60
    found = frozenset(lines), until
    _matter_memo = (snap, target, found)
    return found


# The last answer (an estimate asks once per future, with the same snapshot and ticket).
_matter_memo: tuple[Snapshot, Candidate, tuple[frozenset[tuple[int, bool]], float]] | None = None


def _windows_of(snap: Snapshot, target: Candidate) -> tuple[frozenset[int], frozenset[int]]:
    """The windows that can call ``target`` and the services they serve (the
    same for every future of an estimate: kept for the last one asked)."""
    global _windows_memo
    memo = _windows_memo
    if memo is not None and memo[0] is snap and memo[1] == target:
        return memo[2]
    relevant = frozenset(w.id for w in snap.windows if target.target_window_id == w.id
                         or (target.target_window_id is None and target.service_id in w.service_order))
    found = relevant, frozenset(sid for w in snap.windows if w.id in relevant for sid in w.service_order)
    _windows_memo = (snap, target, found)
    return found


_windows_memo: tuple[Snapshot, Candidate, tuple[frozenset[int], frozenset[int]]] | None = None


def _run(snap: Snapshot, target: Candidate, queues: Queues, durations: _Means, limit: int,
         horizon: float | None = None) -> tuple[float, float, int, int] | None:
    relevant, services = _windows_of(snap, target)
    if not relevant:
        return None
    busy: list[tuple[float, int, WindowNow]] = []
    streaks: dict[int, int] = {}
    var_at: dict[int, float] = {}  # variance of each window's free time
    for i, w in enumerate(snap.windows):
        left, var = durations.at_window(w)
        busy.append(((PAUSE_RESUMES_MIN if w.paused else 0.0) + left, i, w))
        streaks[w.id] = w.streak
        var_at[w.id] = var
    heapq.heapify(busy)
    if horizon is not None:
        soonest = _soonest_call(queues, target, durations, len(relevant))
        if soonest > horizon:  # the customers before it in its own line alone take longer
            return soonest, 0.0, _still_ahead(queues, target, relevant, services), 0
    lines, until = _arrivals_that_matter(snap, target)
    arrivals = durations.arrivals(lines, until)
    upcoming = next(arrivals, None)
    ahead = steps = 0
    seq, fake = len(snap.windows), -1000
    m = len(relevant)
    fake_base = fake - 1
    # The target's own line: while nobody else waits and nobody comes, a
    # window serving its service calls that line's head, and any other
    # window nobody (the same calls as ``choose``'s, without asking it).
    own = None if target.target_window_id is not None or not STRAIGHT_CALLS else queues.lines.get(
        (target.service_id, is_priority(target.priority)))
    resets_streak = not is_priority(target.priority)
    for _ in range(limit):
        if not busy:
            return None
        t, _i, w = heapq.heappop(busy)
        if horizon is not None and t > horizon:  # the target's call lies beyond: enough known
            return t, sum(var_at[j] for j in relevant) / (m * m), ahead + _still_ahead(queues, target, relevant,
                                                                                     services), steps
        if own is not None and queues.size == len(own) and (upcoming is None or t < upcoming[0]):
            if w.id not in relevant:  # nothing it serves waits: idle until the next arrival
                if upcoming is not None:
                    seq += 1
                    heapq.heappush(busy, (max(t, upcoming[0]), seq, w))
                continue
            c = own[0]
            if c.ticket_id == target.ticket_id:
                return t, sum(var_at[j] for j in relevant) / (m * m), ahead, steps
            own.popleft()
            queues.size -= 1
            steps += 1
            if resets_streak:  # a normal call (a priority one with no normal customer waiting keeps it)
                streaks[w.id] = 0
            if c.ticket_id >= 0:
                ahead += 1
            hold, var = durations.holds(c.service_id)
            var_at[w.id] += var
            seq += 1
            heapq.heappush(busy, (t + hold, seq, w))
            continue
        while upcoming is not None and upcoming[0] <= t:
            fake -= 1
            queues.add(Candidate(fake, upcoming[1], "vip" if upcoming[2] else "normal",
                                 snap.now + dt.timedelta(minutes=upcoming[0])))
            upcoming = next(arrivals, None)
        choice = choose(queues, window_id=w.id, service_order=w.service_order, priority_streak=streaks[w.id],
                        config=snap.config, now=snap.now + dt.timedelta(minutes=t))
        if choice is None:
            if upcoming is not None:  # idle until the next arrival
                seq += 1
                heapq.heappush(busy, (max(t, upcoming[0]), seq, w))
            continue
        c = choice.candidate
        assert c is not None
        if c.ticket_id == target.ticket_id:
            # The call time is about when the relevant windows together get through
            # the work ahead: the variance of their mean finishing time.
            return t, sum(var_at[j] for j in relevant) / (m * m), ahead, steps
        queues.remove(c)
        steps += 1
        streaks[w.id] = next_streak(streaks[w.id], choice, choice.normal_waiting)
        if w.id in relevant and c.ticket_id >= 0:
            ahead += 1
        hold, var = durations.holds(c.service_id)
        if c.ticket_id <= fake_base:
            # an expected arrival: whether they come at all is chance too (a
            # Poisson count: each adds the square of its mean to the variance)
            var += hold * hold
        var_at[w.id] += var
        seq += 1
        heapq.heappush(busy, (t + hold, seq, w))
    return None


def _soonest_call(queues: Queues, target: Candidate, durations: _Means, windows: int) -> float:
    """A lower bound of the target's call time in the mean replay: everyone
    before it in its own line is called first, each holding one of its
    ``windows`` for the service's mean time, so the (k+1)-th call of the line
    comes no sooner than (ceil((k+1)/windows) - 1) holds from now."""
    if target.target_window_id is not None or windows <= 0:
        return 0.0
    line = queues.lines.get((target.service_id, is_priority(target.priority)), ())
    before = next((i for i, c in enumerate(line) if c.ticket_id == target.ticket_id), 0)
    hold, _ = durations.holds(target.service_id)
    return (math.ceil((before + 1) / windows) - 1) * hold


def _still_ahead(queues: Queues, target: Candidate, relevant: Set[int], services: Set[int]) -> int:
    """Customers waiting now, not yet called, who will go before ``target``:
    those transferred to its windows and those of their services who came before it."""
    before = (target.order_at, target.ticket_id)
    n = sum(1 for wid in relevant for c in queues.targeted.get(wid, ())
            if c.ticket_id >= 0 and c.ticket_id != target.ticket_id)
    for (sid, _prio), line in queues.lines.items():
        if sid in services:
            n += sum(1 for c in line if c.ticket_id >= 0 and c.ticket_id != target.ticket_id
                     and (c.order_at, c.ticket_id) < before)
    return n


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
