"""The maths of the reports: plain functions over plain numbers (no database).

Every figure in every report comes from ``Accumulator`` so the daily report,
the range report and the manager screen cannot disagree. Durations are in
seconds while counting and turned into minutes (one decimal) at the end.
The definitions are written out in docs/metrics.md and printed on each report.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Tickets whose waits are counted but never averaged (DEFINITIONS).
NOT_AVERAGED = frozenset({"cancelled", "expired"})
STATUSES = ("done", "no_show", "cancelled", "expired")

# Upper bounds (minutes) of the wait histogram bins; the last bin is open.
HISTOGRAM_EDGES = (5, 10, 15, 20, 30, 45, 60)

DEFINITIONS = (
    "Wait: from ticket issue to its first call (issued_at -> first_called_at).",
    "Transfer wait: from a transfer after a call to the next call; reported separately "
    "and added to the customer's total wait.",
    "No-shows have a wait but no service time; cancelled and expired tickets are counted, not averaged.",
    "Service time: from start (or from the call, if start was not pressed) to finish.",
    "Within target: wait at or under the target wait of the service the ticket was issued for.",
    "Percentiles by the nearest-rank method: the value at rank ceil(p/100 x N) of the sorted waits.",
    "Business day: the day the ticket was issued, even if it waits past midnight.",
)


def nearest_rank(sorted_values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0 < p <= 100) of already sorted values, nearest-rank."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def minutes(seconds: float | None) -> float | None:
    """Seconds as minutes with one decimal (what every report prints)."""
    return None if seconds is None else round(seconds / 60 + 1e-9, 1)


def share(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide."""
    return None if whole == 0 else round(100 * part / whole + 1e-9, 1)


@dataclass(frozen=True)
class WaitStats:
    count: int
    average_min: float | None
    median_min: float | None
    p90_min: float | None
    max_min: float | None


def wait_stats(values: Iterable[float]) -> WaitStats:
    """Count, average, median, 90th percentile and maximum of durations in seconds."""
    ordered = sorted(values)
    if not ordered:
        return WaitStats(0, None, None, None, None)
    return WaitStats(
        len(ordered),
        minutes(math.fsum(ordered) / len(ordered)),
        minutes(nearest_rank(ordered, 50)),
        minutes(nearest_rank(ordered, 90)),
        minutes(ordered[-1]),
    )


@dataclass(frozen=True)
class Summary:
    issued: int
    served: int
    no_shows: int
    transferred: int
    cancelled: int
    expired: int
    in_progress: int  # still waiting, called or being served when the report was made
    wait: WaitStats
    within_target: int
    within_target_pct: float | None
    service_count: int
    service_avg_min: float | None
    transfer_wait: WaitStats
    total_wait_avg_min: float | None  # first wait plus any transfer waits, per customer
    rating_avg: float | None
    rating_count: int


class Accumulator:
    """Collects one ticket at a time (one pass) and yields a ``Summary``."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(STATUSES, 0)
        self.issued = self.transferred = self.in_progress = 0
        self.waits = array("d")
        self.totals = array("d")
        self.transfer_waits = array("d")
        self.within = 0
        self.service_sum = 0.0
        self.service_n = 0
        self.rating_sum = 0
        self.rating_n = 0

    def add(
        self,
        status: str,
        wait_s: float | None,
        service_s: float | None,
        target_min: int | None,
        rating: int | None,
        transfer_count: int,
        transfer_waits: Sequence[float] = (),
    ) -> float | None:
        """Count one ticket; returns its wait in seconds if it is averaged, else None."""
        self.issued += 1
        if status in self.counts:
            self.counts[status] += 1
        else:
            self.in_progress += 1
        if transfer_count:
            self.transferred += 1
        if rating is not None:
            self.rating_sum += rating
            self.rating_n += 1
        if status in NOT_AVERAGED or wait_s is None:
            return None
        self.waits.append(wait_s)
        self.transfer_waits.extend(transfer_waits)
        self.totals.append(wait_s + math.fsum(transfer_waits))
        if target_min is not None and wait_s <= target_min * 60:
            self.within += 1
        if status == "done" and service_s is not None:
            self.service_sum += service_s
            self.service_n += 1
        return wait_s

    def merge(self, other: Accumulator) -> None:
        """Add another accumulator's tickets to this one (a day into its range)."""
        for status, n in other.counts.items():
            self.counts[status] += n
        self.issued += other.issued
        self.transferred += other.transferred
        self.in_progress += other.in_progress
        self.waits.extend(other.waits)
        self.totals.extend(other.totals)
        self.transfer_waits.extend(other.transfer_waits)
        self.within += other.within
        self.service_sum += other.service_sum
        self.service_n += other.service_n
        self.rating_sum += other.rating_sum
        self.rating_n += other.rating_n

    def summary(self) -> Summary:
        n = len(self.waits)
        return Summary(
            issued=self.issued,
            served=self.counts["done"],
            no_shows=self.counts["no_show"],
            transferred=self.transferred,
            cancelled=self.counts["cancelled"],
            expired=self.counts["expired"],
            in_progress=self.in_progress,
            wait=wait_stats(self.waits),
            within_target=self.within,
            within_target_pct=share(self.within, n),
            service_count=self.service_n,
            service_avg_min=minutes(self.service_sum / self.service_n) if self.service_n else None,
            transfer_wait=wait_stats(self.transfer_waits),
            total_wait_avg_min=minutes(math.fsum(self.totals) / n) if n else None,
            rating_avg=round(self.rating_sum / self.rating_n + 1e-9, 2) if self.rating_n else None,
            rating_count=self.rating_n,
        )


def histogram(waits_s: Iterable[float], edges: Sequence[int] = HISTOGRAM_EDGES) -> list[tuple[str, int]]:
    """Waits per bin: ``[("0-5", n), ("5-10", n), ..., ("60+", n)]`` (upper bound inclusive)."""
    counts = [0] * (len(edges) + 1)
    for w in waits_s:
        m = w / 60
        i = next((k for k, edge in enumerate(edges) if m <= edge), len(edges))
        counts[i] += 1
    labels = [f"{lo}-{hi}" for lo, hi in zip((0, *edges[:-1]), edges)] + [f"{edges[-1]}+"]
    return list(zip(labels, counts))


def transfer_waits(events: Iterable[tuple[int, str, object]]) -> dict[int, list[float]]:
    """Second waits per ticket from its event log, in seconds.

    ``events`` are ``(ticket_id, type, at)`` in log order. A transfer made
    after the ticket had been called starts a second wait that ends at the
    next ``TicketCalled``; a transfer before any call is still the first wait.
    A negative interval (clocks of two PCs out of step) counts as zero.
    """
    result: dict[int, list[float]] = {}
    called: set[int] = set()
    pending: dict[int, object] = {}
    for ticket_id, type_, at in events:
        if type_ == "TicketTransferred":
            if ticket_id in called and ticket_id not in pending:
                pending[ticket_id] = at
        elif type_ == "TicketCalled":
            since = pending.pop(ticket_id, None)
            if since is not None:
                result.setdefault(ticket_id, []).append(max(0.0, (at - since).total_seconds()))  # type: ignore[operator]
            called.add(ticket_id)
    return result
