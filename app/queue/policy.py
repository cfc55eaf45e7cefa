"""The calling policy: which waiting ticket a window calls next. Pure Python.

Rank, highest first:
1. tickets transferred to this very window;
2. tickets that waited longer than the promotion limit (oldest first);
3. priority classes (needs, VIP, appointment) before normal ones, but after
   ``priority_ratio`` priority calls in a row while normal tickets wait, one
   normal ticket goes next so nobody starves;
4. then the window's service order, then first come first served.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PRIORITY_CLASSES = ("normal", "needs", "vip", "appointment")
PRIORITY_NOTES = ("elderly", "disabled", "pregnant", "other")


@dataclass(frozen=True)
class Candidate:
    ticket_id: int
    service_id: int
    priority: str
    queued_at: dt.datetime
    target_window_id: int | None = None


@dataclass(frozen=True)
class PolicyConfig:
    priority_ratio: int = 2  # priority calls in a row while normal tickets wait
    promote_after: dt.timedelta | None = dt.timedelta(minutes=45)


@dataclass(frozen=True)
class Choice:
    ticket_id: int
    is_priority: bool
    reason: str  # transferred / promoted / priority / normal


def is_priority(priority: str) -> bool:
    return priority != "normal"


def choose_next(
    candidates: Sequence[Candidate],
    *,
    window_id: int,
    service_order: Sequence[int],
    priority_streak: int,
    config: PolicyConfig,
    now: dt.datetime,
    exclude: frozenset[int] = frozenset(),
) -> Choice | None:
    """The ticket the window should call, or None when nobody waits for it."""
    order = {sid: i for i, sid in enumerate(service_order)}
    pool = [
        c for c in candidates
        if c.ticket_id not in exclude
        and (c.target_window_id == window_id or (c.target_window_id is None and c.service_id in order))
    ]
    if not pool:
        return None

    def fcfs(c: Candidate) -> tuple[int, dt.datetime, int]:
        return (order.get(c.service_id, len(order)), c.queued_at, c.ticket_id)

    mine = [c for c in pool if c.target_window_id == window_id]
    if mine:
        best = min(mine, key=lambda c: (c.queued_at, c.ticket_id))
        return Choice(best.ticket_id, is_priority(best.priority), "transferred")

    if config.promote_after is not None:
        overdue = [c for c in pool if now - c.queued_at > config.promote_after]
        if overdue:
            best = min(overdue, key=lambda c: (c.queued_at, c.ticket_id))
            return Choice(best.ticket_id, is_priority(best.priority), "promoted")

    prio = [c for c in pool if is_priority(c.priority)]
    normal = [c for c in pool if not is_priority(c.priority)]
    if prio and (not normal or priority_streak < config.priority_ratio):
        return Choice(min(prio, key=fcfs).ticket_id, True, "priority")
    if normal:
        return Choice(min(normal, key=fcfs).ticket_id, False, "normal")
    return None


def next_streak(streak: int, choice: Choice, normal_waiting: bool) -> int:
    """The priority-streak counter after ``choice`` was called."""
    if choice.is_priority and normal_waiting:
        return streak + 1
    if not choice.is_priority:
        return 0
    return streak
