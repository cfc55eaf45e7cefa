"""The estimate's replay takes two shortcuts, each checked over random
branches (shared windows in any order, priorities, transfers, paused windows,
promotion, a closing horizon) against the replay without it: the very same
answer (wait, variance, people ahead and steps).
- It leaves out expected arrivals that cannot change when the ticket is
  called (``_arrivals_that_matter``).
- While only the ticket's own line waits, it calls that line's heads without
  asking the policy each time (``STRAIGHT_CALLS``); and so it does while
  that line's head has waited past the promotion limit and is the oldest
  head of the window's lines, no customer being transferred to the window.
  The tests count the policy's answers too: the shortcut must be taken, not
  only agree."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import app.queue.replay as est
from app.queue.estimate import ServiceTimes, Snapshot, WindowNow, replay, sample
from app.queue.policy import Candidate, PolicyConfig, choose, is_priority

NOW = dt.datetime(2026, 11, 23, 10, 0)


def every_arrival(snap: Snapshot, target: Candidate) -> tuple[frozenset[tuple[int, bool]], float]:
    """The reference: every line of the services of the target's windows, but its own."""
    windows = [w for w in snap.windows if target.target_window_id == w.id
               or (target.target_window_id is None and target.service_id in w.service_order)]
    lines = {(sid, prio) for w in windows for sid in w.service_order for prio in (True, False)}
    if target.target_window_id is None:
        lines.discard((target.service_id, is_priority(target.priority)))
    limit = snap.config.promote_after
    return frozenset(lines), math.inf if limit is None else limit.total_seconds() / 60


def random_branch(rng: random.Random) -> tuple[Snapshot, Candidate]:
    services = list(range(1, rng.randint(1, 6) + 1))
    windows = tuple(
        WindowNow(wid, tuple(rng.sample(services, rng.randint(1, len(services)))), streak=rng.randint(0, 2),
                  paused=rng.random() < 0.1, busy_service=rng.choice(services) if rng.random() < 0.7 else None,
                  busy_for_min=rng.random() * 10, busy_serving=rng.random() < 0.5)
        for wid in range(1, rng.randint(1, 6) + 1))
    waiting = tuple(
        Candidate(i, rng.choice(services), rng.choice(["normal"] * 4 + ["needs", "vip"]),
                  NOW - dt.timedelta(minutes=rng.uniform(0, 60)), rng.choice([None] * 9 + [rng.randint(1, 6)]))
        for i in range(1, rng.randint(0, 40) + 1))
    snap = Snapshot(
        NOW, windows, waiting,
        {sid: ServiceTimes(rng.uniform(2, 15), rng.uniform(0.5, 10), no_show_rate=rng.choice([0.0, 0.1]))
         for sid in services},
        PolicyConfig(priority_ratio=rng.randint(0, 3),
                     promote_after=rng.choice([None, dt.timedelta(minutes=45), dt.timedelta(minutes=20)])),
        closes_at=rng.choice([None, NOW + dt.timedelta(hours=3)]),
        arrivals={(sid, prio): [rng.uniform(0, 0.2 if prio else 1.0) for _ in range(24)]
                  for sid in services for prio in (True, False)})
    target = Candidate(-1, rng.choice(services), rng.choice(["normal"] * 3 + ["needs"]), NOW,
                       rng.choice([None] * 8 + [rng.randint(1, 6)]))
    return snap, target


def test_arrivals_left_out_change_no_replay(monkeypatch):
    rng = random.Random(20261123)
    fewer = 0
    for _ in range(600):
        snap, target = random_branch(rng)
        horizon = None if snap.closes_at is None else 180.0
        kept = est._arrivals_that_matter(snap, target)[0]
        left_out = replay(snap, target, horizon)
        with monkeypatch.context() as m:
            m.setattr(est, "_arrivals_that_matter", every_arrival)
            reference = every_arrival(snap, target)[0]
            assert kept <= reference
            fewer += len(kept) < len(reference)
            assert replay(snap, target, horizon) == left_out
    assert fewer > 60  # the cases where something was left out are many, not a corner


def test_a_lone_line_called_straight_gives_what_the_policy_gives(monkeypatch):
    """While only the ticket's own line waits (or its head is promoted and
    the oldest head of the window's lines), the replay calls its heads without
    asking the policy each time: the same waits, variances, people ahead and
    steps, and the same random futures, as when every call asks it."""
    rng = random.Random(5)
    straight = promoted = 0
    for _ in range(400):
        snap, target = random_branch(rng)
        if rng.random() < 0.5:  # often a long queue in the ticket's own line alone
            line = tuple(Candidate(100 + i, target.service_id, target.priority,
                                   NOW - dt.timedelta(minutes=rng.uniform(0, 90))) for i in range(rng.randint(5, 250)))
            snap = dataclasses.replace(snap, waiting=line if rng.random() < 0.5 else snap.waiting + line)
        horizon = None if snap.closes_at is None else 180.0
        fast, asked_fast = asking(monkeypatch, lambda: replay(snap, target, horizon))  # noqa: B023
        futures = sample(snap, target, 17, 0)
        with monkeypatch.context() as m:
            m.setattr(est, "STRAIGHT_CALLS", False)
            slow, asked_slow = asking(monkeypatch, lambda: replay(snap, target, horizon))  # noqa: B023
            assert slow == fast
            assert sample(snap, target, 17, 0) == futures
        straight += asked_slow - asked_fast > 5  # calls made without asking the policy
        limit = snap.config.promote_after
        promoted += fast is not None and limit is not None and any(
            c.queued_at < NOW - limit and c.service_id == target.service_id for c in snap.waiting)
    assert straight > 60  # calls made straight in many branches, not a corner
    assert promoted > 60  # lines whose heads waited past the promotion limit: many, not a corner


def test_a_promoted_run_stops_at_the_first_head_not_promoted(monkeypatch):
    """A long line whose heads cross the promotion limit during the replay,
    while priority customers keep coming and some already wait (older or
    younger than its heads, some transferred to a window): the heads called
    straight are exactly those the policy would promote (a head a few seconds
    short of the limit, or younger than another line's head, goes to the
    policy), in the mean replay and in every random future."""
    limit = dt.timedelta(minutes=45)
    long_runs = 0
    for k in range(60):
        rng = random.Random(k)
        # Queued 20 s apart: the first 15 or so are past the limit now, the rest soon.
        start = NOW - limit - dt.timedelta(minutes=5)
        line = tuple(Candidate(100 + i, 1, "normal", start + dt.timedelta(seconds=20 * i + rng.uniform(-9, 9)))
                     for i in range(rng.randint(20, 60)))
        if k % 3:  # priority customers of both services waiting among them, one now and then transferred
            line += tuple(Candidate(500 + i, rng.choice((1, 2)), "needs",
                                    start + dt.timedelta(seconds=rng.uniform(-120, 1200)),
                                    rng.choice((None, None, None, 2))) for i in range(rng.randint(1, 12)))
        snap = Snapshot(
            NOW, (WindowNow(1, (1,)), WindowNow(2, (1, 2), busy_service=1, busy_for_min=rng.uniform(0, 3))), line,
            {1: ServiceTimes(rng.uniform(0.2, 1.0), 0.3), 2: ServiceTimes(3.0, 1.0)},
            PolicyConfig(priority_ratio=2, promote_after=limit),
            arrivals={(1, True): [rng.uniform(0.5, 2.0)] * 24, (1, False): [1.0] * 24, (2, True): [0.3] * 24})
        target = Candidate(-1, 1, "normal", NOW)
        fast, asked_fast = asking(monkeypatch, lambda: replay(snap, target))  # noqa: B023
        futures = sample(snap, target, 33, 0)
        with monkeypatch.context() as m:
            m.setattr(est, "STRAIGHT_CALLS", False)
            slow, asked_slow = asking(monkeypatch, lambda: replay(snap, target))  # noqa: B023
            assert slow == fast
            assert sample(snap, target, 33, 0) == futures
        long_runs += asked_slow - asked_fast > 20  # promoted heads called without asking the policy
    assert long_runs > 45  # long runs of straight calls, not a corner


def asking(monkeypatch, run):  # type: ignore[no-untyped-def]
    """``run()``'s answer and how many times the replay asked the policy."""
    asked = []

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(1)
        return choose(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(est, "choose", counted)
        return run(), len(asked)


def test_a_straight_run_stops_at_an_arrival_at_the_same_moment(monkeypatch):
    """A window frees exactly when a priority customer is expected (half-minute
    services, arrivals on the half minute): the newcomer is in the line when
    the window chooses, as the policy has it; and a replay cut short by its
    step limit gives up at the same call either way."""
    for rate in (0.25, 0.5, 1.0, 2.0):
        own = tuple(Candidate(100 + k, 2, "normal", NOW - dt.timedelta(minutes=10 - k * 0.1)) for k in range(10))
        snap = Snapshot(NOW, (WindowNow(1, (1, 2)),), own, {1: ServiceTimes(0.5, 0.1), 2: ServiceTimes(0.5, 0.1)},
                        PolicyConfig(priority_ratio=2, promote_after=None), arrivals={(1, True): [rate] * 24})
        target = Candidate(-1, 2, "normal", NOW)
        answers = {}
        for limit in (est.STEP_LIMIT, 1, 2, 5, 9):
            with monkeypatch.context() as m:
                m.setattr(est, "STEP_LIMIT", limit)
                fast, asked_fast = asking(monkeypatch, lambda: replay(snap, target))  # noqa: B023
                m.setattr(est, "STRAIGHT_CALLS", False)
                slow, asked_slow = asking(monkeypatch, lambda: replay(snap, target))  # noqa: B023
            assert fast == slow and asked_fast < asked_slow
            answers[limit] = fast
        assert answers[1] is None and answers[est.STEP_LIMIT] is not None


def test_heads_at_the_promotion_limit_to_the_microsecond(monkeypatch):
    """A line whose heads reach the promotion limit exactly when the window
    frees, one microsecond before or after it (services of half a minute, the
    window free on the half minute), behind customers of a service the window
    takes first: the straight calls promote exactly the heads the policy
    promotes (it needs strictly more than the limit), and that microsecond
    moves the waiting ticket's call by one service."""
    limit = dt.timedelta(minutes=45)
    waits = {}
    for shift in (-1, 0, 1):
        def queued(k: int) -> dt.datetime:
            return NOW - limit + dt.timedelta(seconds=30 * k, microseconds=shift)  # noqa: B023

        heads = tuple(Candidate(100 + k, 2, "normal", queued(k)) for k in range(5))
        first = tuple(Candidate(300 + i, 1, "normal", NOW - dt.timedelta(minutes=20 - i * 0.25)) for i in range(40))
        snap = Snapshot(NOW, (WindowNow(1, (1, 2)),), heads + first,
                        {1: ServiceTimes(0.5, 0.1), 2: ServiceTimes(0.5, 0.1)},
                        PolicyConfig(priority_ratio=2, promote_after=limit), arrivals={(1, False): [2.0] * 24})
        target = Candidate(105, 2, "normal", queued(5))  # already waiting, behind the five heads
        fast = replay(snap, target)
        with monkeypatch.context() as m:
            m.setattr(est, "STRAIGHT_CALLS", False)
            assert replay(snap, target) == fast
        waits[shift] = fast[0]  # type: ignore[index]
    assert waits == {-1: 2.5, 0: 3.0, 1: 3.0}
