"""The maths of the reports: plain functions over plain numbers (no database).

Every figure in every report comes from ``Accumulator`` so the daily report,
the range report and the manager screen cannot disagree. Durations are in
seconds while counting and turned into minutes (one decimal) at the end.
The definitions are written out in docs/metrics.md and printed on each report.

Everyone who waited counts. A customer who was called has a wait (issue to
first call); one who never was — still waiting, expired when the day closed,
cancelled or left — has a wait of *at least* issue to leaving (or to now):
those lower bounds are reported on a line of their own, never mixed into the
average of the called, and the within-target share is taken over everyone
who waited: a never-called customer whose lower bound passed the target is
outside it.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.queue.common import ARTIFICIAL_ENDS  # noqa: F401  (the reports' definitions, one place)

STATUSES = ("done", "no_show", "cancelled", "expired")

# Every status in both languages, for the printed reports (no raw codes).
STATUS_LABELS = {
    "waiting": ("等候中", "waiting"), "transferred": ("已转移待叫", "transferred"),
    "called": ("已叫号", "called"), "serving": ("办理中", "being served"), "done": ("已办结", "served"),
    "no_show": ("过号未到", "no-show"), "cancelled": ("已取消", "cancelled"),
    "expired": ("日终未办", "expired at closing"),
}

# Upper bounds (minutes) of the wait histogram bins; the last bin is open.
HISTOGRAM_EDGES = (5, 10, 15, 20, 30, 45, 60)

DEFINITIONS = (
    "等候：从取号到首次叫号。 Wait: from the ticket's issue to its first call.",
    "未叫号：从未被叫到的客户（日终仍在等候、日终作废、取消或离开）的等候至少为取号到离开（或到现在），单独列出，"
    "不计入平均等候。 Never called: a customer never called (still waiting, expired at closing, cancelled, "
    "left) waited at least from issue to leaving (or to now); shown on a line of its own, not averaged.",
    "达标率：在所有等候过的客户中，等候未超过所取业务目标时间的比例；未叫号客户若至少等候已超目标，计为未达标。 "
    "Within target: the share of everyone who waited whose wait stayed at or under the target of the "
    "service the ticket was issued for; a never-called customer whose wait passed it counts as outside.",
    "转移后再等候：叫号后转移到下次叫号的时间，单独列出，并计入客户总等候。 Transfer wait: from a transfer "
    "after a call to the next call; shown apart and added to the customer's total wait.",
    "办理时间：每个窗口从开始办理（未按开始则从叫号）到办结或转出，转移后各窗口时间相加；日终或柜员离开时结束的"
    "办理计为已办结，不计入办理时间。 Service time: at each window from start (or the call) to finish or "
    "transfer, added up over the windows; services ended by the day's close or the teller leaving count as "
    "served and are left out of service times.",
    "按窗口：每个客户计入首次叫到他的窗口，各窗口叫号数之和即叫到的客户数。 By window: each customer counts at "
    "the window that first called them, so the rows add up to the customers called.",
    "百分位按最近秩法：排序后第 ceil(p/100 x N) 个值。 Percentiles by the nearest-rank method: the value at "
    "rank ceil(p/100 x N) of the sorted waits.",
    "营业日：取号所在日（按网点时区），即使等候跨过午夜。 Business day: the day the ticket was issued in the "
    "branch's time zone, even if it waits past midnight.",
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
    wait: WaitStats  # the customers who were called
    within_target: int
    within_target_pct: float | None  # of ``waited``
    waited: int  # everyone who waited: called, or never called but waited a while
    never_called: int
    never_called_wait: WaitStats  # lower bounds: issue to leaving, or to now
    never_called_total_min: float | None  # their lower bounds added up
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
        self.waited = 0
        self.never = array("d")  # lower bounds of the never-called
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
        left_s: float | None = None,
    ) -> float | None:
        """Count one ticket; returns its wait in seconds if it was called, else None.

        ``wait_s``: issue to first call (None if never called); ``left_s``: for
        a ticket never called, issue to when it left or the day closed (or to
        now); ``service_s``: its service time, None when it says nothing (an
        artificial end, see ARTIFICIAL_ENDS).
        """
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
        if status == "done" and service_s is not None:
            self.service_sum += service_s
            self.service_n += 1
        if wait_s is None:
            if left_s is not None and left_s > 0:
                self.waited += 1
                self.never.append(left_s)
                if target_min is not None and left_s <= target_min * 60:
                    self.within += 1
            return None
        self.waited += 1
        self.waits.append(wait_s)
        self.transfer_waits.extend(transfer_waits)
        self.totals.append(wait_s + math.fsum(transfer_waits))
        if target_min is not None and wait_s <= target_min * 60:
            self.within += 1
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
        self.waited += other.waited
        self.never.extend(other.never)
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
            within_target_pct=share(self.within, self.waited),
            waited=self.waited,
            never_called=len(self.never),
            never_called_wait=wait_stats(self.never),
            never_called_total_min=minutes(math.fsum(self.never)) if self.never else None,
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
