"""How long a customer of one service holds a window: the service-time
distribution the estimate replays (log-normal, matched to a mean and spread),
its residual for a customer already at the window, and the normal functions
it needs. Pure Python."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cached_property

NO_SHOW_MIN = 2.0  # a customer who does not come holds the window about this long
DEFAULT_TIMES_UNCERTAINTY = 0.35  # relative error of a catalogue default service time


@dataclass(frozen=True)
class ServiceTimes:
    """How long a customer of one service holds a window, in minutes (call to finish)."""

    mean: float
    sd: float
    no_show_rate: float = 0.0
    from_history: bool = True
    samples: int = 60  # finished services the mean comes from

    @property
    def uncertainty(self) -> float:
        """Relative standard error of ``mean``: the history is a sample, the
        catalogue default a guess. It widens the range, it does not move it."""
        if not self.from_history or self.mean <= 0:
            return DEFAULT_TIMES_UNCERTAINTY
        return (self.sd / self.mean) / math.sqrt(max(1, self.samples))

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
        tail = phi((mu - math.log(elapsed)) / s)
        if tail < 1e-9:
            return 0.5, 0.25
        beyond = self.mean * phi((mu + s2 - math.log(elapsed)) / s) / tail  # E[X | X > elapsed]
        left = max(0.5, beyond - elapsed)
        return left, (left * self.sd / self.mean) ** 2


    @cached_property
    def _lognormal(self) -> tuple[float, float]:
        """(mu, sigma) of the log-normal: once per instance (every draw of every
        sampled future asks)."""
        s2 = math.log(1 + (self.sd / self.mean) ** 2) if self.mean > 0 else 0.0
        return math.log(max(self.mean, 1e-9)) - s2 / 2, math.sqrt(s2)

    def draw(self, rng: random.Random) -> float:
        """One customer's time at the window (log-normal with this mean and sd)."""
        mu, s = self._lognormal
        return rng.lognormvariate(mu, s) if s > 0 else self.mean

    def draw_beyond(self, rng: random.Random, elapsed: float) -> float:
        """One time known to exceed ``elapsed`` (the tail's inverse distribution)."""
        mu, s = self._lognormal
        if s <= 0 or elapsed <= 0:
            return max(elapsed, self.draw(rng))
        lo = phi((math.log(elapsed) - mu) / s)
        u = lo + (1 - lo) * rng.random()
        return max(elapsed, math.exp(mu + s * inv_phi(min(max(u, 1e-12), 1 - 1e-12))))


def phi(x: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def inv_phi(p: float) -> float:
    """The standard normal quantile (Acklam's approximation, ample for sampling)."""
    a = (-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716,
         2.506628277459239)
    b = (-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572)
    c = (-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
         2.938163982698783)
    d = (0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416)
    if p < 0.02425:
        r = math.sqrt(-2 * math.log(p))
        return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / \
            ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    if p > 1 - 0.02425:
        return -inv_phi(1 - p)
    r = (p - 0.5) ** 2
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (p - 0.5) / \
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
