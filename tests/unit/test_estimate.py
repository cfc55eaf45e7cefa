"""Wait estimates from recent service times and open windows."""

from __future__ import annotations

import pytest

from app.queue.estimate import estimate_wait_minutes, typical_service_minutes


def test_default_used_until_three_recent_times_exist():
    assert typical_service_minutes([], 6) == 6.0
    assert typical_service_minutes([2.0, 3.0], 6) == 6.0
    assert typical_service_minutes([2.0, 3.0, 10.0], 6) == 3.0


def test_median_ignores_a_stuck_ticket_and_zero_times():
    assert typical_service_minutes([4, 5, 6, 0, 600, -3], 10) == 5.0


@pytest.mark.parametrize(
    "ahead, minutes, windows, expected",
    [
        (0, 6, 2, 0),
        (-1, 6, 2, 0),
        (1, 6, 1, 6),
        (5, 6, 2, 15),
        (5, 6, 3, 10),
        (1, 6, 4, 2),    # rounded up: 1.5 -> 2
        (3, 6, 0, 18),   # no window open: as if one will open
    ],
)
def test_estimate(ahead, minutes, windows, expected):
    assert estimate_wait_minutes(ahead, minutes, windows) == expected
