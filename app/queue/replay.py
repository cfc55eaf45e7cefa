"""The replay of the calling policy behind the wait estimate
(app/queue/estimate.py): the coming calls, window by window, as ``policy.choose``
makes them, until the ticket's own. Pure Python, no database.

- ``replay``: every duration at its mean (the printed point and its
  variance); ``sample``: random futures of the same replay (the short waits'
  printed range), stopping once more could not change what is printed
  (``settled``). The durations and arrivals: app/queue/futures.py.
- Only the expected arrivals that can change the ticket's call are fed
  (``_arrivals_that_matter``), and the ticket's own line is called straight
  (``STRAIGHT_CALLS``), in runs of calls without asking the policy, while it
  is the only line waiting or its head is promoted and the oldest of the
  window's heads: tests compare both with the replay without them.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.queue.futures import _Draws, _Means
from app.queue.policy import Candidate, Queues, choose, is_priority
from app.queue.replay_lines import (NEAR_LIMIT_MIN, _first, _oldest_other, _past_limit, _soonest_call,
                                    _still_ahead)

if TYPE_CHECKING:
    from app.queue.estimate import Snapshot, WindowNow

PAUSE_RESUMES_MIN = 10.0  # a paused window is assumed back after this long
STEP_LIMIT = 20_000  # a replay never runs longer than this many calls
STRAIGHT_CALLS = True  # own-line calls without the policy (off: every call asks it; tests compare)
# Short waits are sampled: a handful of random futures of the same replay, as
# many as fit in about a millisecond (few people ahead: cheap, and where the
# mean-time replay is least right: which busy window frees first is chance).
SAMPLE_STEP_BUDGET = 160
SAMPLES_MIN, SAMPLES_MAX = 16, 48


def replay(snap: Snapshot, target: Candidate, horizon: float | None = None,
           lined_up: Queues | None = None) -> tuple[float, float, int, int] | None:
    """The replay with mean durations: (minutes until ``target`` is called, the
    variance of that, people ahead, calls made before it), or None when no
    window would ever call it.

    With ``horizon`` (minutes) the replay stops there: a call beyond it only
    needs to be known to lie beyond it (a ticket past closing). It then
    returns the time reached, and as people ahead those already called plus
    the customers still waiting for the same windows who came before."""
    queues = (lined_up or line_up(snap, target)).copy()
    return _run(snap, target, queues, _Means(snap), STEP_LIMIT, horizon)


def sample(snap: Snapshot, target: Candidate, n: int, steps: int, lined_up: Queues | None = None,
           factor: float = 1.0) -> list[float]:
    """At most ``n`` random futures of the replay (a fixed seed: the same state,
    the same answer). From ``SAMPLES_MIN`` on, every ``SAMPLES_CHECK_EVERY``
    futures, the sampling stops once more futures could not change what is
    printed (``settled``: a customer who will surely be called at once is told
    so after 17 futures, not 47)."""
    base = lined_up or line_up(snap, target)
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


def line_up(snap: Snapshot, target: Candidate) -> Queues:
    """The waiting customers and ``target`` in their lines (copied by each
    replay): a copy of the snapshot's lines when it has them (a new ticket
    joins them; a waiting one first leaves its place), else lined up here."""
    if snap.lined is None:
        queues = Queues(c for c in snap.waiting if c.ticket_id != target.ticket_id)
    else:
        queues = snap.lined.copy()
        if target.ticket_id >= 0:
            for c in snap.waiting:
                if c.ticket_id == target.ticket_id:
                    queues.remove(c)
                    break
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
    # Looked up once: the loop below runs once per call of the replay (up to
    # thousands per estimate with a long queue).
    pop, push, holds, add, remove = heapq.heappop, heapq.heappush, durations.holds, queues.add, queues.remove
    pushpop = heapq.heappushpop
    start, minutes, config = snap.now, dt.timedelta, snap.config
    promote = config.promote_after
    promote_min = math.inf if promote is None else promote.total_seconds() / 60
    expected = 0  # expected arrivals waiting (they all queue after now)
    target_id = target.ticket_id
    beyond = math.inf if horizon is None else horizon
    # Its own line's service: at its mean, one duration (a random future draws each).
    mean = holds(target.service_id) if own is not None and type(durations) is _Means else None
    own_key = (target.service_id, not resets_streak)
    others: dict[int, tuple[dt.datetime, int] | None] = {}
    new_candidate = tuple.__new__  # an expected arrival (``Candidate(...)`` without its Python-level __new__)
    pops = 0  # windows taken from ``busy``: at most ``limit``
    pending: tuple[float, WindowNow] | None = None  # one taken already (by a run of straight calls, below)
    while True:
        if pending is None:
            if pops >= limit or not busy:
                return None
            pops += 1
            t, _i, w = pop(busy)
        else:
            (t, w), pending = pending, None
        if horizon is not None and t > horizon:  # the target's call lies beyond: enough known
            return t, sum(var_at[j] for j in relevant) / (m * m), ahead + _still_ahead(queues, target, relevant,
                                                                                     services), steps
        wid = w.id
        straight = own is not None and queues.size == len(own) and (upcoming is None or t < upcoming[0])
        if straight and wid not in relevant:  # nothing it serves waits: idle until the next arrival
            if upcoming is not None:
                seq += 1
                push(busy, (max(t, upcoming[0]), seq, w))
            continue
        lone = straight  # only its own line waits (else: a promoted head, below)
        if not straight:
            while upcoming is not None and upcoming[0] <= t:
                fake -= 1
                add(new_candidate(Candidate, (fake, upcoming[1], "vip" if upcoming[2] else "normal",
                                              start + minutes(minutes=upcoming[0]), None, None)))
                expected += 1
                upcoming = next(arrivals, None)
            # Promoted heads: a normal line's head who has waited past the
            # promotion limit and is the oldest head of the window's lines (no
            # customer transferred to the window): the window calls it
            # (``choose``'s promotion; a normal call resets the streak). A long
            # queue past the limit goes this way, whoever else waits.
            straight = False
            if own is not None and resets_streak and wid in relevant:
                head = own[0]
                queued = head.queued_at
                past = t + (start - queued).total_seconds() / 60 - promote_min  # NEAR_LIMIT_MIN: replay_lines.py
                straight = (queued < start and past > -NEAR_LIMIT_MIN
                            and (past > NEAR_LIMIT_MIN or _past_limit(queued, t, start, promote))
                            and (queues.size - len(own) == expected  # nobody else waits but who comes later
                                 or not queues.targeted.get(wid)
                                 and _first(head, _oldest_other(queues, w.service_order, own_key))))
        if straight:
            if not lone:
                others.clear()  # the other lines' heads, per window, while this run of promoted heads lasts
            # Its own line's heads, called one after another while that holds:
            # until a call would fall at the next arrival, beyond the horizon,
            # to a window that does not serve it, or (a promoted head) to a
            # head not promoted yet. The very steps of this loop, without its
            # checks for what cannot change meanwhile (nobody else joins or
            # leaves): a queue of 1,000 is 1,000 of them.
            until_t = math.inf if upcoming is None else upcoming[0]
            while True:
                c = own[0]  # type: ignore[index]
                tid = c.ticket_id
                if tid == target_id:
                    return t, sum(var_at[j] for j in relevant) / (m * m), ahead, steps
                own.popleft()  # type: ignore[union-attr]
                queues.size -= 1
                steps += 1
                if resets_streak:  # a normal call (a priority one with no normal customer waiting keeps it)
                    streaks[wid] = 0
                if tid >= 0:
                    ahead += 1
                hold, var = mean or holds(c.service_id)
                var_at[wid] += var
                seq += 1
                if pops >= limit:
                    return None
                pops += 1
                t, _i, w = pushpop(busy, (t + hold, seq, w))
                wid = w.id
                if t > beyond or t >= until_t or wid not in relevant:
                    pending = t, w  # the loop's own checks take it from here
                    break
                if not lone:  # the next head promoted as well, and the oldest of this window's heads?
                    # The promotion test and ``_first`` written out (once per call of a run).
                    head = own[0]  # type: ignore[index]
                    queued = head.queued_at
                    past = t + (start - queued).total_seconds() / 60 - promote_min
                    if not queued < start or past <= -NEAR_LIMIT_MIN or queues.targeted.get(wid) or (
                            past <= NEAR_LIMIT_MIN and not _past_limit(queued, t, start, promote)):
                        pending = t, w
                        break
                    oldest = others.get(wid, others)
                    if oldest is others:  # the other lines do not change during the run: asked once per window
                        oldest = others[wid] = _oldest_other(queues, w.service_order, own_key)
                    if oldest is not None and not (queued, head.ticket_id) < oldest:  # type: ignore[operator]
                        pending = t, w
                        break
            continue
        choice = choose(queues, window_id=wid, service_order=w.service_order, priority_streak=streaks[wid],
                        config=config, now=start + minutes(minutes=t))
        if choice is None:
            if upcoming is not None:  # idle until the next arrival
                seq += 1
                push(busy, (max(t, upcoming[0]), seq, w))
            continue
        c = choice.candidate
        assert c is not None
        tid = c.ticket_id
        if tid == target_id:
            # The call time is about when the relevant windows together get through
            # the work ahead: the variance of their mean finishing time.
            return t, sum(var_at[j] for j in relevant) / (m * m), ahead, steps
        remove(c)
        steps += 1
        if not choice.is_priority:  # ``next_streak``, written out: once per step of every replay
            streaks[wid] = 0
        elif choice.normal_waiting:
            streaks[wid] += 1
        if tid >= 0 and wid in relevant:
            ahead += 1
        hold, var = holds(c.service_id)
        if tid <= fake_base:
            expected -= 1
            # an expected arrival: whether they come at all is chance too (a
            # Poisson count: each adds the square of its mean to the variance)
            var += hold * hold
        var_at[wid] += var
        seq += 1
        push(busy, (t + hold, seq, w))
