"""Erlang C: how many windows a stream of customers needs (pure functions).

The model (M/M/c): customers arrive at random (Poisson, rate ``lam`` per
minute), each holds a window for a random time with mean ``service_min``
(exponential), ``c`` identical windows take the queue first come first
served. Then, with the offered load ``a = lam x service_min`` (in Erlangs):

- the probability that a customer waits at all is Erlang C,
  ``C(c, a) = (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! + (a^c / c!) (c / (c - a)))``
  (computed from the Erlang B recursion, which never overflows);
- the probability that the wait is at most ``t`` is
  ``1 - C(c, a) exp(-(c - a) t / service_min)``;
- with ``c <= a`` the queue grows without end: nobody is sure to be served
  within any target.

docs/metrics.md ("Staffing advice") says how the branch's figures feed it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MAX_WINDOWS = 200


def erlang_b(c: int, a: float) -> float:
    """Blocking probability of ``c`` servers under load ``a`` (recursion B(k) = aB(k-1) / (k + aB(k-1)))."""
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(c: int, a: float) -> float:
    """Probability that a customer has to wait (1.0 when ``c <= a``: the queue never empties)."""
    if a <= 0:
        return 0.0
    if c <= a:
        return 1.0
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def within_target(c: int, lam: float, service_min: float, target_min: float) -> float:
    """Share of customers whose wait is at most ``target_min`` with ``c`` windows."""
    if lam <= 0:
        return 1.0
    a = lam * service_min
    if c <= a:
        return 0.0
    return 1.0 - erlang_c(c, a) * math.exp(-(c - a) * target_min / service_min)


def mean_wait(c: int, lam: float, service_min: float) -> float:
    """Average wait in minutes (infinite when ``c <= a``)."""
    a = lam * service_min
    if lam <= 0:
        return 0.0
    if c <= a:
        return math.inf
    return erlang_c(c, a) * service_min / (c - a)


def mixed_within_target(c: int, lam: float, service_min: float, targets: Sequence[tuple[float, float]]) -> float:
    """Within-target share over a mix of services that share the windows:
    ``targets`` are (share of the arrivals, target in minutes)."""
    total = sum(w for w, _ in targets)
    if lam <= 0 or total <= 0:
        return 1.0
    return sum(w / total * within_target(c, lam, service_min, t) for w, t in targets)


def windows_needed(lam: float, service_min: float, targets: Sequence[tuple[float, float]], goal: float) -> int:
    """The fewest windows that serve a ``goal`` share (0..1) of customers within their target."""
    if lam <= 0 or service_min <= 0:
        return 0
    c = max(1, math.floor(lam * service_min) + 1)
    while c < MAX_WINDOWS and mixed_within_target(c, lam, service_min, targets) < goal:
        c += 1
    return c
