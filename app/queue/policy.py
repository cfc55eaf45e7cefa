"""The calling policy: which waiting ticket a window calls next. Pure Python.

Rank, highest first:
1. tickets transferred to this very window;
2. tickets that waited longer than the promotion limit (oldest first);
3. priority classes (needs, VIP, appointment) before normal ones, but after
   ``priority_ratio`` priority calls in a row while normal tickets wait, one
   normal ticket goes next so nobody starves;
4. then the window's service order, then first come first served; a
   checked-in appointment comes by its slot time, not its check-in time (an
   early arrival waits for its slot's turn, a late one keeps its slot's place).

One function decides (``choose``), over ``Queues``: the waiting tickets kept
as the policy reads them, per service a priority and a normal line in
(queued_at, id) order, and per window the tickets transferred to it. The
policy only ever looks at the heads of those lines, so a decision costs the
same with 10 or 5,000 people waiting. The database's ``call_next``, the wait
estimate's replay of the coming calls (app/queue/estimate.py) and the teller's
waiting list (``call_order``: ``choose`` applied again and again on a copy) all
use it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

PRIORITY_CLASSES = ("normal", "needs", "vip", "appointment")
PRIORITY_NOTES = ("elderly", "disabled", "pregnant", "other")


class Candidate(NamedTuple):
    """A waiting ticket as the policy sees it (a named tuple: the estimate
    builds thousands of them per replay, and reads them from rows)."""

    ticket_id: int
    service_id: int
    priority: str
    queued_at: dt.datetime
    target_window_id: int | None = None
    appointment_at: dt.datetime | None = None  # the slot of a checked-in appointment

    @property
    def order_at(self) -> dt.datetime:
        """Its place in its line: the slot time of an appointment, else when it queued."""
        return self.appointment_at or self.queued_at


@dataclass(frozen=True)
class PolicyConfig:
    priority_ratio: int = 2  # priority calls in a row while normal tickets wait
    promote_after: dt.timedelta | None = dt.timedelta(minutes=45)


class Choice(NamedTuple):
    """What a window calls, and why (a named tuple: one per step of every replay)."""

    ticket_id: int
    is_priority: bool
    reason: str  # transferred / promoted / priority / normal
    candidate: Candidate | None = None
    # Another normal ticket waits for this window (the anti-starvation count).
    # Worked out for a priority choice only: a normal call resets the streak
    # whatever waits (``next_streak``), so for it this stays False.
    normal_waiting: bool = False


def is_priority(priority: str) -> bool:
    return priority != "normal"


def _key(c: Candidate) -> tuple[dt.datetime, int]:
    """Who has waited longest (promotion)."""
    return (c.queued_at, c.ticket_id)


def _order(c: Candidate) -> tuple[dt.datetime, int]:
    """A line's order: first come first served, appointments by their slot."""
    return (c.order_at, c.ticket_id)


class Queues:
    """Waiting tickets as the policy reads them (see the module docstring)."""

    __slots__ = ("lines", "targeted", "size")

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self.lines: dict[tuple[int, bool], deque[Candidate]] = {}  # (service, priority?) -> line
        self.targeted: dict[int, deque[Candidate]] = {}  # window -> tickets transferred to it
        self.size = 0
        lines, targeted = self.lines, self.targeted
        for c in sorted(candidates, key=_order):  # in order: each line is built by appending
            if c.target_window_id is not None:
                line = targeted.get(c.target_window_id)
                if line is None:
                    line = targeted[c.target_window_id] = deque()
            else:
                key = (c.service_id, c.priority != "normal")
                line = lines.get(key)
                if line is None:
                    line = lines[key] = deque()
            line.append(c)
            self.size += 1

    def copy(self) -> Queues:
        """An independent copy (the lines' tickets are immutable and shared)."""
        other = Queues()
        other.lines = {k: deque(v) for k, v in self.lines.items()}
        other.targeted = {k: deque(v) for k, v in self.targeted.items()}
        other.size = self.size
        return other

    def add(self, c: Candidate) -> None:
        """Put ``c`` in its line at its place (at the end, unless it queued earlier).

        Written out (no ``_line``/``_order`` calls): a replay of the estimate
        adds every expected arrival, tens of thousands per issue."""
        if c.target_window_id is not None:
            line = self.targeted.get(c.target_window_id)
            if line is None:
                line = self.targeted[c.target_window_id] = deque()
        else:
            key = (c.service_id, c.priority != "normal")
            line = self.lines.get(key)
            if line is None:
                line = self.lines[key] = deque()
        self.size += 1
        if line:
            last = line[-1]
            order = (c.appointment_at or c.queued_at, c.ticket_id)
            if (last.appointment_at or last.queued_at, last.ticket_id) > order:
                i = len(line) - 1
                while i > 0 and _order(line[i - 1]) > order:
                    i -= 1
                line.insert(i, c)
                return
        line.append(c)

    def remove(self, c: Candidate) -> None:
        """Take ``c`` out of its line (a head, as every call does, at once).
        Written out as ``add`` is: once per step of every replay."""
        if c.target_window_id is not None:
            line = self.targeted.get(c.target_window_id)
        else:
            line = self.lines.get((c.service_id, c.priority != "normal"))
        if line and line[0].ticket_id == c.ticket_id:
            line.popleft()
        elif line is None:
            raise ValueError(f"ticket {c.ticket_id} is not waiting")
        else:
            line.remove(c)
        self.size -= 1

    def waiting_for(self, window_id: int, service_order: Sequence[int]) -> bool:
        return bool(self.targeted.get(window_id)) or any(
            self.lines.get((sid, p)) for sid in service_order for p in (True, False))


def choose(q: Queues, *, window_id: int, service_order: Sequence[int], priority_streak: int,
           config: PolicyConfig, now: dt.datetime) -> Choice | None:
    """The ticket the window should call, or None when nobody waits for it."""
    mine = q.targeted.get(window_id)
    if mine:
        c = mine[0]
        prio = is_priority(c.priority)
        return Choice(c.ticket_id, prio, "transferred", c, prio and _normal_left(q, window_id, service_order, c))
    # The head of each of its services' lines, in the window's order; the
    # oldest of them all (promotion). Within a class the first service in the
    # window's order wins, so its first non-empty line is the choice.
    lines = q.lines
    promote = config.promote_after
    first_prio = first_normal = oldest = None
    for key in _line_keys(service_order):
        c = lines.get(key)
        if not c:
            continue
        head = c[0]
        if key[1]:
            if first_prio is None:
                first_prio = head
        elif first_normal is None:
            first_normal = head
        if promote is not None and (oldest is None or head.queued_at < oldest.queued_at or (
                head.queued_at == oldest.queued_at and head.ticket_id < oldest.ticket_id)):
            oldest = head
    if first_prio is None and first_normal is None:
        return None
    if oldest is not None and now - oldest.queued_at > promote:  # type: ignore[operator]
        prio = is_priority(oldest.priority)
        return Choice(oldest.ticket_id, prio, "promoted", oldest,
                      prio and _normal_left(q, window_id, service_order, oldest))
    if first_prio is not None and (first_normal is None or priority_streak < config.priority_ratio):
        return Choice(first_prio.ticket_id, True, "priority", first_prio, first_normal is not None)
    assert first_normal is not None
    return Choice(first_normal.ticket_id, False, "normal", first_normal)


def _line_keys(service_order: Sequence[int]) -> tuple[tuple[int, bool], ...]:
    """The keys of a window's lines in the order ``choose`` looks at them (per
    service: priority, then normal), kept per service order: every step of
    every replay asks."""
    key = service_order if type(service_order) is tuple else tuple(service_order)
    found = _LINE_KEYS.get(key)
    if found is None:
        found = tuple((sid, prio) for sid in key for prio in (True, False))
        if len(_LINE_KEYS) < 4096:
            _LINE_KEYS[key] = found
    return found


_LINE_KEYS: dict[tuple[int, ...], tuple[tuple[int, bool], ...]] = {}


def _normal_left(q: Queues, window_id: int, service_order: Sequence[int], chosen: Candidate) -> bool:
    """Whether a normal ticket other than ``chosen`` waits for this window."""
    if any(not is_priority(c.priority) and c.ticket_id != chosen.ticket_id for c in q.targeted.get(window_id, ())):
        return True
    for sid in service_order:
        line = q.lines.get((sid, False))
        if line and (len(line) > 1 or line[0].ticket_id != chosen.ticket_id):
            return True
    return False


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
    """``choose`` over a list of waiting tickets (those for other windows and
    services are ignored; ``exclude``: tickets another window holds)."""
    first = choose_in_turn(candidates, window_id=window_id, service_order=service_order,
                           priority_streak=priority_streak, config=config, now=now, exclude=exclude, limit=1)
    return first[0] if first else None


def choose_in_turn(
    candidates: Sequence[Candidate],
    *,
    window_id: int,
    service_order: Sequence[int],
    priority_streak: int,
    config: PolicyConfig,
    now: dt.datetime,
    exclude: frozenset[int] = frozenset(),
    limit: int,
) -> list[Choice]:
    """``choose_next``, then what it would choose were that ticket taken by
    another window, and so on (the same streak): at most ``limit`` choices,
    the window's preferences when several windows call at once."""
    order = set(service_order)
    q = Queues(c for c in candidates if c.ticket_id not in exclude
               and (c.target_window_id == window_id or (c.target_window_id is None and c.service_id in order)))
    out: list[Choice] = []
    while len(out) < limit:
        choice = choose(q, window_id=window_id, service_order=service_order, priority_streak=priority_streak,
                        config=config, now=now)
        if choice is None or choice.candidate is None:
            break
        out.append(choice)
        q.remove(choice.candidate)
    return out


def next_streak(streak: int, choice: Choice, normal_waiting: bool) -> int:
    """The priority-streak counter after ``choice`` was called."""
    if choice.is_priority and normal_waiting:
        return streak + 1
    if not choice.is_priority:
        return 0
    return streak


def call_order(q: Queues, *, window_id: int, service_order: Sequence[int], priority_streak: int,
               config: PolicyConfig, now: dt.datetime, limit: int | None = None) -> Iterator[Choice]:
    """The tickets in the order the window's Call-next key would call them, one
    press after another, if nobody else called and nobody new came: ``choose``,
    take the ticket out of a copy of ``q``, count the streak, again. ``q`` is
    left as it is; at most ``limit`` choices."""
    left = q.copy()
    streak = priority_streak
    n = 0
    while limit is None or n < limit:
        choice = choose(left, window_id=window_id, service_order=service_order, priority_streak=streak,
                        config=config, now=now)
        if choice is None or choice.candidate is None:
            return
        yield choice
        left.remove(choice.candidate)
        streak = next_streak(streak, choice, choice.normal_waiting)
        n += 1
