"""What the estimate's replay (app/queue/replay.py) asks of the lines
between its calls: whose head a window's promotion takes, whether a customer
has waited past the limit, the soonest a ticket can be called, and who is
still ahead of it. Pure Python, no database."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Set

from app.queue.futures import _Means
from app.queue.policy import Candidate, Queues, _line_keys, is_priority


def _oldest_other(queues: Queues, service_order: tuple[int, ...],
                  own_key: tuple[int, bool]) -> tuple[dt.datetime, int] | None:
    """The promotion order (queued, ticket) of the oldest head among a
    window's lines but ``own_key``, or None when they are all empty."""
    found = None
    lines = queues.lines
    for key in _line_keys(service_order):
        if key != own_key:
            line = lines.get(key)
            if line:
                head = line[0]
                if found is None or (head.queued_at, head.ticket_id) < found:
                    found = (head.queued_at, head.ticket_id)
    return found


# Whether a customer who queued at ``queued`` (before the replay's start) has
# waited past the promotion limit ``t`` minutes after the start: the replay's
# loops ask it once per call, in minutes (``t + (start - queued) - limit``,
# written out there), and within NEAR_LIMIT_MIN (60 µs) of the limit, where
# that sum's rounding could decide, as ``choose`` does (``_past_limit``).
NEAR_LIMIT_MIN = 1e-6


def _past_limit(queued: dt.datetime, t: float, start: dt.datetime, promote: dt.timedelta | None) -> bool:
    """``choose``'s own test of the promotion limit: datetimes, whole microseconds."""
    return start + dt.timedelta(minutes=t) - queued > promote  # type: ignore[operator]


def _first(c: Candidate, oldest: tuple[dt.datetime, int] | None) -> bool:
    """Whether ``c`` comes before ``oldest`` in promotion order."""
    return oldest is None or (c.queued_at, c.ticket_id) < oldest


def _soonest_call(queues: Queues, target: Candidate, durations: _Means, windows: int) -> float:
    """A lower bound of the target's call time in the mean replay: everyone
    before it in its own line is called first, each holding one of its
    ``windows`` for the service's mean time, so the (k+1)-th call of the line
    comes no sooner than (ceil((k+1)/windows) - 1) holds from now."""
    if target.target_window_id is not None or windows <= 0:
        return 0.0
    line = queues.lines.get((target.service_id, is_priority(target.priority)), ())
    before = next((i for i, c in enumerate(line) if c.ticket_id == target.ticket_id), 0)
    hold, _ = durations.holds(target.service_id)
    return (math.ceil((before + 1) / windows) - 1) * hold


def _still_ahead(queues: Queues, target: Candidate, relevant: Set[int], services: Set[int]) -> int:
    """Customers waiting now, not yet called, who will go before ``target``:
    those transferred to its windows and those of their services who came before it."""
    before = (target.order_at, target.ticket_id)
    n = sum(1 for wid in relevant for c in queues.targeted.get(wid, ())
            if c.ticket_id >= 0 and c.ticket_id != target.ticket_id)
    for (sid, _prio), line in queues.lines.items():
        if sid in services:
            n += sum(1 for c in line if c.ticket_id >= 0 and c.ticket_id != target.ticket_id
                     and (c.order_at, c.ticket_id) < before)
    return n
