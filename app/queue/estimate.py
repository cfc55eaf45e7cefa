"""Wait estimates from recent service times and the windows open. Pure Python."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median


def typical_service_minutes(recent_minutes: Sequence[float], default_minutes: float) -> float:
    """Median of recent service times (robust to a stuck ticket), else the default."""
    usable = [m for m in recent_minutes if 0 < m < 240]
    if len(usable) < 3:
        return float(default_minutes)
    return float(median(usable))


def estimate_wait_minutes(people_ahead: int, service_minutes: float, open_windows: int) -> int:
    """Minutes until this customer is called, rounded up; 0 with nobody ahead."""
    if people_ahead <= 0:
        return 0
    windows = max(1, open_windows)
    return int(math.ceil(people_ahead * service_minutes / windows))
