"""Erlang C against values worked out by hand and published tables."""

from __future__ import annotations

import math

import pytest

from app.reports.erlang import erlang_c, mean_wait, mixed_within_target, windows_needed, within_target


@pytest.mark.parametrize(("c", "a", "expected"), [
    (1, 0.5, 0.5),  # one window: the chance to wait is the load itself
    (2, 1.0, 1 / 3),  # (1/2 x 2/1) / (1 + 1 + 1) = 1/3
    (3, 2.0, 4 / 9),  # (8/6 x 3/1) / (1 + 2 + 2 + 4) = 4/9
    # the Erlang C table for 10 Erlangs
    (11, 10.0, 0.6821), (12, 10.0, 0.4494), (13, 10.0, 0.2853), (14, 10.0, 0.1741), (15, 10.0, 0.1020),
])
def test_probability_of_waiting(c, a, expected):
    assert erlang_c(c, a) == pytest.approx(expected, abs=5e-5)


def test_no_more_windows_than_the_load_never_catches_up():
    assert erlang_c(4, 4.0) == 1.0 and within_target(4, 4 / 6, 6, 15) == 0.0 and mean_wait(4, 4 / 6, 6) == math.inf


def test_the_worked_service_level_example():
    """100 customers in 30 minutes, 3 minutes each, 80 % to be served within 20 seconds:
    10 Erlangs; 13 windows give 1 - 0.2853 e^(-3 x 20/180) = 79.6 %, 14 give 1 - 0.1741 e^(-4/9) = 88.8 %."""
    lam, service, target = 100 / 30, 3.0, 20 / 60
    assert within_target(13, lam, service, target) == pytest.approx(0.7956, abs=1e-4)
    assert within_target(14, lam, service, target) == pytest.approx(0.8884, abs=1e-4)
    assert windows_needed(lam, service, [(1, target)], 0.80) == 14
    assert mean_wait(14, lam, service) * 60 == pytest.approx(7.8, abs=0.05)  # seconds: 0.1741 x 180 / 4


def test_a_mix_of_services_is_judged_by_each_target():
    lam, service = 40 / 60, 6.0  # 4 Erlangs
    strict, loose = within_target(5, lam, service, 5), within_target(5, lam, service, 20)
    assert mixed_within_target(5, lam, service, [(3, 5), (1, 20)]) == pytest.approx(0.75 * strict + 0.25 * loose)
    assert windows_needed(lam, service, [(1, 5)], 0.80) == 6  # 5 windows: 75.9 %, 6: 94.6 %
    assert windows_needed(lam, service, [(1, 15)], 0.80) == 5
    assert windows_needed(0, service, [(1, 15)], 0.80) == 0
