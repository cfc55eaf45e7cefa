"""A simulated branch day, played through the real service functions with
explicit times (issue, call, start, finish, no-show, transfer, windows opening
and closing, the day closing itself), for the estimate and staffing benchmarks.

A ``Scenario`` states everything the day is drawn from: per service the true
service time (log-normal: mean and coefficient of variation), the catalogue
default the branch starts with, the no-show and transfer rates; per hour the
Poisson arrival rate per service and the priority share; the windows, their
service order and when they are open. ``play_day`` plays one day with a seed
and returns, per ticket, what it was told at issue, what an ``observer`` said
(the oracle, the old estimator), and how long it actually waited.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import app.queue as q
from app.appointments import book_appointment, check_in
from app.errors import NoTicketWaiting
from app.queue.estimate import inv_phi, phi
from app.ops.admin import save_window
from app.staff.roles import SYSTEM
from app.store import Database, open_database
from app.store.models import Service

WALK_MIN = 0.5  # from the call to the customer at the window
NO_SHOW_WAIT_MIN = 2.0  # how long a teller waits for a customer who does not come
ARRIVALS_END = 17  # the last arrivals before closing time (17:00)
APPOINTMENT_SLOT_MIN = 15
DAY_END_MIN = 18 * 60  # the day closes itself at 17:00 + 60 min


@dataclass(frozen=True)
class Truth:
    """A service as it really is (the branch only ever sees its history)."""

    mean: float  # minutes at the window, service only
    cv: float = 0.9
    no_show: float = 0.0
    transfer: float = 0.0  # share transferred to ``transfer_to`` half-way through
    transfer_to: str | None = None

    def draw(self, rng: random.Random) -> float:
        s2 = math.log(1 + self.cv ** 2)
        return rng.lognormvariate(math.log(self.mean) - s2 / 2, math.sqrt(s2))

    def draw_beyond(self, rng: random.Random, elapsed: float) -> float:
        """A service time known to exceed ``elapsed`` (inverse CDF of the tail)."""
        s2 = math.log(1 + self.cv ** 2)
        s, mu = math.sqrt(s2), math.log(self.mean) - s2 / 2
        lo = phi((math.log(max(elapsed, 1e-9)) - mu) / s)
        u = lo + (1 - lo) * rng.random()
        return max(elapsed, math.exp(mu + s * inv_phi(min(max(u, 1e-12), 1 - 1e-12))))


@dataclass(frozen=True)
class WindowPlan:
    number: int
    services: tuple[str, ...]  # in the window's order
    open_at: tuple[tuple[float, float], ...] = ((8.5, 18.0),)  # (from, to) hours


@dataclass(frozen=True)
class Scenario:
    name: str
    truth: dict[str, Truth]
    rates: dict[str, dict[int, float]]  # service -> hour -> customers per hour
    windows: tuple[WindowPlan, ...]
    priority_share: float = 0.08
    default_factor: float = 0.6  # catalogue defaults 40 % off the true means
    warm_up: int = 3  # days of history played before the measured day (a branch with some past)
    targets: bool = True
    # Of these services' customers, this share booked the 15-minute slot nearest their arrival
    # (booked before the day opens) and checks in on arrival: an appointment ticket.
    appointment_share: float = 0.0
    appointment_services: tuple[str, ...] = ("B", "C", "E")

    def rate(self, code: str, minute: float) -> float:
        """Customers per minute of ``code`` at ``minute`` after midnight."""
        if minute >= ARRIVALS_END * 60:
            return 0.0
        return self.rates.get(code, {}).get(int(minute // 60), 0.0) / 60

    def describe(self) -> dict[str, Any]:
        return {
            "services": {c: {"mean_min": t.mean, "cv": t.cv, "no_show": t.no_show, "transfer": t.transfer,
                             "transfer_to": t.transfer_to,
                             "catalogue_default_min": max(1, round(t.mean * self.default_factor))}
                         for c, t in self.truth.items()},
            "arrivals_per_hour": {c: dict(sorted(h.items())) for c, h in self.rates.items()},
            "priority_share": self.priority_share,
            "windows": [{"number": w.number, "services": list(w.services), "open": list(w.open_at)}
                        for w in self.windows],
            "warm_up_days": self.warm_up,
            **({"appointment_share": self.appointment_share, "appointment_services": list(self.appointment_services),
                "appointment_slot_min": APPOINTMENT_SLOT_MIN} if self.appointment_share else {}),
        }


def poisson_arrivals(scenario: Scenario, code: str, start: float, rng: random.Random) -> list[float]:
    """Arrival minutes of ``code`` from ``start`` to the last arrival hour: a
    Poisson process whose rate changes by the hour (at each hour the next
    arrival is drawn again with the new rate: exact, the process has no memory)."""
    out, t = [], start
    while t < ARRIVALS_END * 60:
        hour_end = (int(t // 60) + 1) * 60.0
        rate = scenario.rate(code, t)
        nxt = t + rng.expovariate(rate) if rate > 0 else hour_end
        if nxt >= hour_end:
            t = hour_end
            continue
        out.append(nxt)
        t = nxt
    return out


@dataclass
class TicketRecord:
    ticket_id: int
    number: str
    service: str
    priority: str
    issued_min: float
    told: int | None
    told_range: tuple[int, int] | None
    note: str | None
    observed: dict[str, Any] = field(default_factory=dict)  # observer name -> its estimate
    called_min: float | None = None


def setup(url: str, scenario: Scenario) -> Database:
    db = open_database(url)
    q.init_catalogue(db, actor=SYSTEM, now=dt.datetime(2026, 11, 22, 7))
    with db.write() as s:
        for svc in s.query(Service):
            t = scenario.truth.get(svc.code)
            if t is not None:
                svc.default_service_min = max(1, round(t.mean * scenario.default_factor))
    for w in scenario.windows:
        with db.read() as s:
            from sqlalchemy import select

            from app.store.models import Window
            wid = s.scalar(select(Window.id).where(Window.number == w.number))
        save_window(db, number=w.number, name=f"{w.number}号窗口", service_codes=list(w.services), window_id=wid,
                    actor=SYSTEM, now=dt.datetime(2026, 11, 22, 7, 30))
    if scenario.appointment_share:
        from app.settings import change_settings

        change_settings(db, {"appointments.slot_min": APPOINTMENT_SLOT_MIN, "appointments.first_slot": "08:30",
                             "appointments.capacity": {"*": 50}}, actor=SYSTEM, now=dt.datetime(2026, 11, 22, 7, 40))
    return db


def _at(day: dt.date, minute: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=round(minute * 60))


Observer = Callable[[Database, dt.datetime, dict[str, Any]], Any]


def play_day(db: Database, scenario: Scenario, day: dt.date, seed: int,
             observers: dict[str, Observer] | None = None) -> list[TicketRecord]:
    """Play one day; ``observers`` are asked at each issue, before the ticket is issued."""
    rng = random.Random(seed)
    observers = observers or {}
    events: list[tuple[float, int, str, Any]] = []
    seq = [0]

    def push(t: float, kind: str, data: Any = None) -> None:
        seq[0] += 1
        heapq.heappush(events, (t, seq[0], kind, data))

    for code in scenario.rates:
        for t in poisson_arrivals(scenario, code, 8.5 * 60, rng):
            priority = "vip" if rng.random() < scenario.priority_share else "normal"
            if scenario.appointment_share and code in scenario.appointment_services \
                    and priority == "normal" and rng.random() < scenario.appointment_share:
                nearest = round(t / APPOINTMENT_SLOT_MIN) * APPOINTMENT_SLOT_MIN
                slot = _at(day, min(max(8.5 * 60, nearest), ARRIVALS_END * 60 - APPOINTMENT_SLOT_MIN))
                booked = book_appointment(db, service=code, slot=slot, actor=SYSTEM, now=_at(day, 8 * 60))
                priority = ("appointment", booked.reference, slot)
            push(t, "arrive", (code, priority))
    for w in scenario.windows:
        for start, end in w.open_at:
            push(start * 60, "open", w.number)
            push(end * 60, "close", w.number)
    state = {w.number: {"open": False, "busy": False, "closing": False, "services": w.services}
             for w in scenario.windows}
    records: dict[int, TicketRecord] = {}

    def free(t: float, number: int) -> None:
        st = state[number]
        st["busy"] = False
        if st["closing"]:
            q.close_window(db, window=number, actor=SYSTEM, now=_at(day, t))
            st["open"] = st["closing"] = False
            return
        if st["open"] and t < DAY_END_MIN:
            push(t, "call", number)

    while events:
        t, _, kind, data = heapq.heappop(events)
        if t >= DAY_END_MIN:
            break
        now = _at(day, t)
        if kind == "arrive":
            code, priority = data
            reference = None
            if isinstance(priority, tuple):  # an appointment, checked in on arrival
                priority, reference, slot = priority
                context = {"service": code, "priority": priority, "appointment_at": slot}
            else:
                context = {"service": code, "priority": priority}
            seen = {name: obs(db, now, context) for name, obs in observers.items()}
            if reference is not None:
                r = check_in(db, reference, actor=SYSTEM, now=now).issued
                priority = r.ticket.priority
            else:
                r = q.issue_ticket(db, service=code, priority=priority, after_hours_ok=True, actor=SYSTEM, now=now)
            records[r.ticket.id] = TicketRecord(r.ticket.id, r.ticket.number, code, priority, t,
                                                r.estimated_wait_min, r.estimated_wait_range_min, r.estimate_note,
                                                seen)
            for number, st in state.items():
                if st["open"] and not st["busy"] and code in st["services"]:
                    push(t + 0.05, "call", number)
        elif kind == "open":
            q.open_window(db, window=data, actor=SYSTEM, now=now)
            state[data]["open"] = True
            push(t, "call", data)
        elif kind == "close":
            st = state[data]
            if st["busy"]:
                st["closing"] = True
            elif st["open"]:
                q.close_window(db, window=data, actor=SYSTEM, now=now)
                st["open"] = False
        elif kind == "call":
            st = state[data]
            if not st["open"] or st["busy"]:
                continue
            try:
                called = q.call_next(db, window=data, actor=SYSTEM, now=now)
            except NoTicketWaiting:
                continue
            st["busy"] = True
            rec = records.get(called.id)
            if rec is not None and rec.called_min is None:
                rec.called_min = t
            truth = scenario.truth[called.service_code]
            if rng.random() < truth.no_show:
                push(t + NO_SHOW_WAIT_MIN, "no_show", data)
                continue
            service = truth.draw(rng)
            push(t + WALK_MIN, "start", data)
            if truth.transfer_to and rng.random() < truth.transfer:
                push(t + WALK_MIN + service / 2, "transfer", (data, called.id, truth.transfer_to))
            else:
                push(t + WALK_MIN + service, "finish", data)
        elif kind == "start":
            q.start_service(db, window=data, actor=SYSTEM, now=now)
        elif kind == "finish":
            q.finish(db, window=data, actor=SYSTEM, now=now)
            free(t, data)
        elif kind == "no_show":
            q.no_show(db, window=data, actor=SYSTEM, now=now)
            free(t, data)
        elif kind == "transfer":
            number, ticket_id, to = data
            q.transfer_ticket(db, ticket_id, to_service=to, actor=SYSTEM, now=now)
            free(t, number)
    q.end_of_day(db, day=day, actor=SYSTEM, now=_at(day, DAY_END_MIN))
    return list(records.values())
