"""The wait estimate against hand-worked small queues: a replay of the calling
policy, shared windows with their own service orders, priorities and the
anti-starvation ratio, customers at the window, closing time, and the old
estimator kept as the benchmark's baseline."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from app.queue.estimate import (
    NEW_TICKET_ID,
    ServiceTimes,
    Snapshot,
    WindowNow,
    estimate,
    estimate_wait_minutes,
    percentile,
    quantiles,
    sample,
    settled,
    typical_service_minutes,
)
from app.queue.policy import Candidate, PolicyConfig
from app.queue.snapshot import blend, range_miss

NOW = dt.datetime(2026, 11, 23, 10, 0)
A, D, F = 1, 4, 6  # service ids


def fixed(mean: float) -> ServiceTimes:
    """Every customer takes exactly ``mean`` minutes: the replay's arithmetic alone."""
    return ServiceTimes(mean, 0.0)


def waiting(*tickets: tuple[int, int, str, int]) -> tuple[Candidate, ...]:
    """(id, service, priority, minutes before NOW it queued)."""
    return tuple(Candidate(i, sid, prio, NOW - dt.timedelta(minutes=ago)) for i, sid, prio, ago in tickets)


def snap(windows, queue=(), times=None, **kw) -> Snapshot:  # type: ignore[no-untyped-def]
    return Snapshot(NOW, tuple(windows), tuple(queue), times or {A: fixed(10), D: fixed(10)},
                    PolicyConfig(priority_ratio=kw.pop("ratio", 2), promote_after=None), **kw)


def test_an_idle_window_and_nobody_ahead_is_no_wait():
    e = estimate(snap([WindowNow(1, (A, D))]), service_id=A)
    assert (e.minutes, e.range, e.people_ahead, e.note) == (0, (0, 0), 0, None)


def test_two_ahead_at_one_window_is_two_services():
    e = estimate(snap([WindowNow(1, (A,))], waiting((1, A, "normal", 5), (2, A, "normal", 3))), service_id=A)
    assert (e.minutes, e.range, e.people_ahead) == (20, (20, 20), 2)


def test_shared_windows_call_other_services_first_by_their_own_order():
    """W1 serves A then D, W2 serves D then A. A takes 8 min, D 12. Waiting: A1, A2, D1.
    0': W1 calls A1, W2 calls D1. 8': W1 calls A2 (A first there). 12': W2 is free and
    calls the new D ticket. Everyone called before it at a window serving D is ahead:
    A1, D1 and A2. (The old estimator said: 1 ahead x 12 min / 2 windows = 6.)"""
    s = snap([WindowNow(1, (A, D)), WindowNow(2, (D, A))],
             waiting((1, A, "normal", 6), (2, A, "normal", 5), (3, D, "normal", 4)),
             {A: fixed(8), D: fixed(12)})
    e = estimate(s, service_id=D)
    assert (e.minutes, e.people_ahead) == (12, 3)
    assert estimate_wait_minutes(1, 12, 2) == 6  # what the old estimator printed


def test_a_window_far_down_its_order_for_a_service_helps_it_late():
    """W1 serves A only; W2 serves D then A. Four A tickets wait and one D. A: 10 min, D: 30.
    0': W1 calls A1, W2 calls D1 (until 30'). 10': A2, 20': A3, 30': W1 calls A4 and W2
    (free too) calls the new A ticket: W2 does count, but only once its D customer is done."""
    s = snap([WindowNow(1, (A,)), WindowNow(2, (D, A))],
             waiting(*[(i, A, "normal", 10 - i) for i in range(1, 5)], (9, D, "normal", 1)),
             {A: fixed(10), D: fixed(30)})
    assert estimate(s, service_id=A).minutes == 30


@pytest.mark.parametrize("ratio, minutes, ahead", [(2, 10, 1), (1, 20, 2), (0, 30, 3)])
def test_a_priority_customer_waits_behind_earlier_priority_and_the_ratio(ratio, minutes, ahead):
    """Waiting at one window: N1, N2 (normal) and P1 (needs). A new VIP is called
    after P1; with a ratio of 1 a normal customer goes between; with 0 priority
    only goes first when no normal customer waits."""
    q = waiting((1, A, "normal", 9), (2, A, "normal", 8), (3, A, "needs", 7))
    e = estimate(snap([WindowNow(1, (A,))], q, ratio=ratio), service_id=A, priority="vip")
    assert (e.minutes, e.people_ahead) == (minutes, ahead)


def test_a_normal_customer_waits_for_everyone_the_policy_calls_first():
    q = waiting((1, A, "normal", 9), (2, A, "normal", 8), (3, A, "needs", 7))
    e = estimate(snap([WindowNow(1, (A,))], q), service_id=A)
    assert (e.minutes, e.people_ahead) == (30, 3)


def test_the_customer_at_the_window_counts_for_what_is_left_of_their_service():
    w = WindowNow(1, (A,), busy_service=A, busy_for_min=4.0, busy_serving=True)
    assert estimate(snap([w]), service_id=A).minutes == 6  # 10 - 4
    walking = WindowNow(1, (A,), busy_service=A, busy_for_min=1.0, busy_serving=False)
    assert estimate(snap([walking]), service_id=A).minutes == 10  # not started: the whole service


def test_a_long_service_under_way_is_not_assumed_nearly_over():
    skewed = ServiceTimes(10.0, 10.0)
    left_early, _ = skewed.residual(2.0)
    left_late, _ = skewed.residual(25.0)
    assert left_late > 10 - 2 > 0 and left_late > left_early  # the longer it ran, the longer it may run


def test_a_paused_window_is_counted_once_it_is_expected_back():
    e = estimate(snap([WindowNow(1, (A,), paused=True)]), service_id=A)
    assert e.minutes == 10  # PAUSE_RESUMES_MIN


def test_a_window_serving_nothing_and_a_service_nobody_serves_promise_no_number():
    s = snap([WindowNow(1, ()), WindowNow(2, (A,))])
    e = estimate(s, service_id=F)
    assert (e.minutes, e.range, e.note) == (None, None, "no_window")
    assert estimate(snap([]), service_id=A).note == "no_window"


def test_past_closing_the_ticket_says_so_instead_of_a_number():
    q = waiting(*[(i, A, "normal", 5) for i in range(1, 4)])
    s = snap([WindowNow(1, (A,))], q, closes_at=NOW + dt.timedelta(minutes=25))
    e = estimate(s, service_id=A)
    assert (e.minutes, e.note, e.people_ahead) == (None, "after_closing", 3)


def test_recent_experience_corrects_the_estimate():
    q = waiting((1, A, "normal", 5), (2, A, "normal", 3))
    assert estimate(snap([WindowNow(1, (A,))], q, correction={A: 1.5}), service_id=A).minutes == 30


def test_skewed_waits_give_a_median_below_the_mean_and_a_wide_range():
    """A log-normal with mean 10 and sd 10: median 10/sqrt(2) = 7.07; 10th and
    90th percentiles 7.07 x exp(-/+1.2816 x sqrt(ln 2)) = 2.43 and 20.6."""
    med, low, high = quantiles(10.0, 10.0)
    assert (round(med, 2), round(low, 2), round(high, 1)) == (7.07, 2.43, 20.6)


def test_a_short_wait_is_sampled_from_random_futures_and_the_same_state_gives_the_same_answer():
    """One customer ahead of a skewed service (mean 10, sd 10): the wait is that
    customer's service, so the printed point is near its median (7.07) and the
    range near its 10th-90th percentiles (2.4-20.6), from a fixed-seed sample.
    The bounds are the sample's own spread: over 300 seeds 90 % of the answers
    had the point in 5-9, the low end in 1-3 and the high end in 15-28."""
    s = snap([WindowNow(1, (A,))], waiting((1, A, "normal", 5)), {A: ServiceTimes(10.0, 10.0)})
    e = estimate(s, service_id=A)
    assert 5 <= e.minutes <= 9 and 1 <= e.low <= 4 and 15 <= e.high <= 28
    assert estimate(s, service_id=A) == e


def test_sampling_stops_once_more_futures_could_not_change_the_printed_wait(monkeypatch):
    """A customer about to be called (the window's customer is a minute past
    a 10-minute service that hardly varies: every future calls within a
    minute) is told 0 (0-1) after 17 futures, what all 47 tell too; a skewed
    wait of about 7 minutes takes all 47, since more futures still move its
    printed range."""
    soon = snap([WindowNow(1, (A,), busy_service=A, busy_for_min=11.0, busy_serving=True)],
                times={A: ServiceTimes(10.0, 0.5)})
    target = Candidate(NEW_TICKET_ID, A, "normal", NOW)
    assert len(sample(soon, target, 47, 1)) == 17
    told = estimate(soon, service_id=A)
    assert (told.minutes, told.range) == (0, (0, 1))
    skewed = snap([WindowNow(1, (A,))], waiting((1, A, "normal", 5)), {A: ServiceTimes(10.0, 10.0)})
    assert len(sample(skewed, target, 47, 1)) == 47
    monkeypatch.setattr("app.queue.replay.settled", lambda *_a: False)
    assert len(sample(soon, target, 47, 1)) == 47
    assert estimate(soon, service_id=A) == told
    assert settled([0.1] * 17) and settled([3.2] * 8 + [3.3] * 9)
    assert settled([0.0] * 17) and not settled([0.0] * 16 + [1.4])  # that one future: a range of 0-2, not 0-0


def test_no_shows_shorten_what_a_waiting_customer_costs():
    """Half the customers do not come and hold the window 2 minutes: one costs
    6 on average, with variance 0.5 x 100 + 0.5 x 4 - 36 = 16; the customer
    ahead either comes (10) or does not (2), and the range holds both."""
    times = ServiceTimes(10.0, 0.0, no_show_rate=0.5)
    assert (times.expected, times.variance) == (6.0, 16.0)
    s = snap([WindowNow(1, (A,))], waiting((1, A, "normal", 5)), {A: times})
    e = estimate(s, service_id=A)
    assert e.range == (2, 10) and e.minutes in (2, 10)
    many = snap([WindowNow(1, (A,))], waiting(*[(i, A, "normal", 30 - i) for i in range(1, 26)]), {A: times})
    # A long wait: the mean replay, 25 ahead x 6 = 150 with variance 25 x 16 = 400; the median of
    # the log-normal with that mean and sd 20 is 150 / sqrt(1 + 400 / 150^2) = 148.7.
    assert estimate(many, service_id=A).minutes == 149


def test_expected_priority_arrivals_come_before_a_normal_customer():
    """One priority customer a minute is expected for A at the only window: they
    are called first while the ratio allows."""
    q = waiting((1, A, "normal", 5))
    quiet = estimate(snap([WindowNow(1, (A,))], q), service_id=A).minutes
    busy = estimate(snap([WindowNow(1, (A,))], q, arrivals={(A, True): (1.0,) * 24}), service_id=A).minutes
    assert (quiet, busy) == (10, 30)  # 0': N1; 10': the first VIP, 20': the second (ratio 2), 30': us


def test_default_used_until_three_recent_times_exist():
    assert typical_service_minutes([], 6) == 6.0
    assert typical_service_minutes([2.0, 3.0], 6) == 6.0
    assert typical_service_minutes([2.0, 3.0, 10.0], 6) == 3.0


@pytest.mark.parametrize("ahead, minutes, windows, expected", [
    (0, 6, 2, 0), (1, 6, 1, 6), (5, 6, 2, 15), (1, 6, 4, 2), (3, 6, 0, 18)])
def test_old_estimator_kept_as_the_baseline(ahead, minutes, windows, expected):
    assert estimate_wait_minutes(ahead, minutes, windows) == expected


def test_an_uncertain_mean_widens_the_range_and_keeps_the_median():
    """Mean 10, sd 10, and the mean itself known to 30 %: the log spread is
    sqrt(ln 2 + 0.3^2) = 0.885, so 7.07 x exp(-/+1.2816 x 0.885) = 2.27 and 22.0."""
    med, low, high = quantiles(10.0, 10.0, 0.3)
    assert (round(med, 2), round(low, 2), round(high, 1)) == (7.07, 2.27, 22.0)


def test_a_mean_from_history_is_as_uncertain_as_its_sample_and_a_default_is_a_guess():
    assert ServiceTimes(10.0, 10.0, samples=100).uncertainty == pytest.approx(0.1)  # cv 1 / sqrt(100)
    assert ServiceTimes(10.0, 10.0, samples=400).uncertainty == pytest.approx(0.05)
    assert ServiceTimes(6.0, 6.0, from_history=False).uncertainty == 0.35


def test_sampled_waits_are_read_between_neighbours():
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([0.0, 10.0], 0.1) == 1.0
    assert percentile([3.0], 0.9) == 3.0


def test_recent_times_within_chance_of_the_longer_run_give_the_longer_runs_mean():
    """The last 60 average 6.1 min, the last 400 6.015: a gap smaller than the
    recent mean's standard error (about 0.13), so the longer run's mean and all
    400 services stand behind it."""
    recent = [5.0, 7.2] * 30
    mean, _, samples = blend(recent, recent + [5.0, 7.0] * 170)
    assert (round(mean, 3), samples) == (6.015, 400)


def test_a_teller_slow_today_moves_the_mean_at_once():
    """The last 60 take 12 min, the 340 before them 6: far beyond chance, so
    the recent mean holds (and stands for its 60 services only)."""
    recent = [11.0, 13.0] * 30
    mean, _, samples = blend(recent, recent + [5.0, 7.0] * 170)
    assert round(mean, 1) == 12.0 and samples == 60


@pytest.mark.parametrize("actual, expected", [
    (15.0, 0.0), (20.4, 0.0), (9.6, 0.0),  # inside the printed 10-20 (rounding allowed)
    (30.0, math.log(32 / 22)), (5.0, math.log(7 / 12))])  # outside: the log ratio to the nearer end
def test_the_correction_counts_how_far_a_wait_fell_outside_the_printed_range(actual, expected):
    assert range_miss(actual, 10.0, 20.0) == pytest.approx(expected)
