"""Random sequences of queue operations on a real SQLite file, checked against
a small model of the lobby after every step.

Invariants: a refused operation changes nothing; a sequence number is never
issued twice in a day and no active number appears twice; no ticket is held by
two windows; every state change has its event; counts add up.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

import app.queue as q
from app.errors import DomainError
from app.queue.catalogue import DEFAULT_WINDOWS
from app.queue.common import TICKET_STATUSES
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Ticket, Window

WINDOWS = (1, 2, 4, 6)
SERVICES = ("A", "B", "D", "G")
SERVES = {n: set(codes) for n, _, codes in DEFAULT_WINDOWS}
STATUSES = TICKET_STATUSES  # the number lookup's list (app/queue/common.py): every stored status in it
WAITING = ("waiting", "transferred")
AT_WINDOW = ("called", "serving")
START = dt.datetime(2026, 11, 23, 8, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "branch.sqlite3"
    db = open_database(str(path))
    q.init_catalogue(db, actor=SYSTEM, now=START)
    db.dispose()
    return path


@dataclass
class T:
    status: str
    service: str
    target: int | None = None
    window: int | None = None


class Lobby(RuleBasedStateMachine):
    template: Path

    @initialize()
    def setup(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bd-prop-"))
        shutil.copy(self.template, self.dir / "b.sqlite3")
        self.db = open_database(str(self.dir / "b.sqlite3"), upgrade=False)
        self.clock = START
        self.tickets: dict[int, T] = {}
        self.windows = {n: "closed" for n in WINDOWS}
        self.holding: dict[int, int] = {}  # window -> ticket id
        self.events = Counter(self._stored_events())
        for i, n in enumerate(WINDOWS[:3]):  # most of the day, windows are open
            self._attempt(True, lambda: q.open_window(self.db, window=n, actor=SYSTEM, now=self._now()),
                          "WindowOpened", *(("DayOpened",) if i == 0 else ()))  # the day's first action opens it
            self.windows[n] = "open"

    def teardown(self) -> None:
        if hasattr(self, "db"):
            self.db.dispose()
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers ---------------------------------------------------------
    def _stored_events(self) -> Counter:
        with self.db.read() as s:
            return Counter(dict(s.execute(select(Event.type, func.count()).group_by(Event.type)).all()))

    def _now(self) -> dt.datetime:
        self.clock += dt.timedelta(minutes=1)
        return self.clock

    def _attempt(self, expect_ok: bool, fn, *events: str):  # type: ignore[no-untyped-def]
        """Run ``fn``; it must succeed exactly when the model says so."""
        before = self._stored_events()
        try:
            result = fn()
        except DomainError as exc:
            assert not expect_ok, f"refused unexpectedly: {exc.message}"
            assert self._stored_events() == before, "a refused operation wrote events"
            return None
        assert expect_ok, f"accepted but the model expected a refusal: {result}"
        self.events.update(events)
        return result

    def _pick(self, i: int, statuses: tuple[str, ...]) -> int | None:
        ids = sorted(k for k, t in self.tickets.items() if t.status in statuses)
        return ids[i % len(ids)] if ids else None

    def _free(self, tid: int) -> None:
        t = self.tickets[tid]
        if t.window is not None and self.holding.get(t.window) == tid:
            del self.holding[t.window]
        t.window = None

    def _eligible(self, window: int) -> list[int]:
        return [k for k, t in self.tickets.items() if t.status in WAITING and
                (t.target == window or (t.target is None and t.service in SERVES[window]))]

    # -- rules -----------------------------------------------------------
    @rule(services=st.lists(st.sampled_from(SERVICES), min_size=1, max_size=3),
          priority=st.sampled_from(["normal", "normal", "needs", "vip"]))
    def issue(self, services: list[str], priority: str) -> None:
        for service in services:
            r = self._attempt(True, lambda: q.issue_ticket(self.db, service=service, priority=priority,
                                                           actor=SYSTEM, now=self._now()), "TicketIssued")
            assert r.ticket.number.startswith(service) and r.ticket.id not in self.tickets
            self.tickets[r.ticket.id] = T("waiting", service)

    @rule(window=st.sampled_from(WINDOWS), action=st.sampled_from(["open", "pause", "resume", "close"]))
    def window_change(self, window: int, action: str) -> None:
        state = self.windows[window]
        allowed = {"open": ("closed",), "pause": ("open",), "resume": ("paused",), "close": ("open", "paused")}
        ok = state in allowed[action] and not (action == "close" and window in self.holding)
        fn = {
            "open": lambda: q.open_window(self.db, window=window, actor=SYSTEM, now=self._now()),
            "pause": lambda: q.pause_window(self.db, window=window, reason="break", actor=SYSTEM, now=self._now()),
            "resume": lambda: q.resume_window(self.db, window=window, actor=SYSTEM, now=self._now()),
            "close": lambda: q.close_window(self.db, window=window, actor=SYSTEM, now=self._now()),
        }[action]
        event = {"open": "WindowOpened", "pause": "WindowPaused", "resume": "WindowResumed", "close": "WindowClosed"}
        w = self._attempt(ok, fn, event[action])
        if w is not None:
            self.windows[window] = w.state
            assert w.state == {"open": "open", "pause": "paused", "resume": "open", "close": "closed"}[action]

    @rule(i=st.integers(0, 1000), finish_current=st.sampled_from([True, True, False]))
    def call_next(self, i: int, finish_current: bool) -> None:
        ready = sorted(n for n in WINDOWS if self.windows[n] == "open" and self._eligible(n)
                       and (finish_current or n not in self.holding))
        window = ready[i % len(ready)] if ready and i % 5 != 4 else WINDOWS[i % len(WINDOWS)]
        busy = window in self.holding
        ok = (self.windows[window] == "open" and (finish_current or not busy)
              and bool(self._eligible(window)))
        events = (["TicketFinished"] if busy and finish_current else []) + ["TicketCalled"]
        t = self._attempt(ok, lambda: q.call_next(self.db, window=window, finish_current=finish_current,
                                                  actor=SYSTEM, now=self._now()), *events)
        if t is None:
            return
        assert t.id in self._eligible(window), f"window {window} called {t.number}, not waiting for it"
        if busy:
            prev = self.holding[window]
            self._free(prev)
            self.tickets[prev].status = "done"
        self._hold(window, t.id)

    def _hold(self, window: int, tid: int) -> None:
        m = self.tickets[tid]
        m.status, m.target, m.window = "called", None, window
        self.holding[window] = tid

    @rule(i=st.integers(0, 1000))
    def call_chosen(self, i: int) -> None:
        tid = self._pick(i, WAITING + ("done",))
        if tid is None:
            return
        free = sorted(n for n in WINDOWS if self.windows[n] == "open" and n not in self.holding)
        window = free[i % len(free)] if free and i % 5 != 4 else WINDOWS[i % len(WINDOWS)]
        ok = (self.windows[window] == "open" and window not in self.holding
              and self.tickets[tid].status in WAITING)
        t = self._attempt(ok, lambda: q.call_ticket(self.db, window=window, ticket=tid, actor=SYSTEM,
                                                    now=self._now()), "TicketCalled")
        if t is not None:
            self._hold(window, tid)

    @rule(i=st.integers(0, 1000), action=st.sampled_from(["recall", "no_show", "start", "finish"]))
    def at_window(self, i: int, action: str) -> None:
        # Mostly a window that holds a ticket; sometimes any window (refusals).
        holding = sorted(self.holding)
        window = holding[i % len(holding)] if holding and i % 5 != 4 else WINDOWS[i % len(WINDOWS)]
        tid = self.holding.get(window)
        status = self.tickets[tid].status if tid else None
        ok = status == "called" if action != "finish" else status in AT_WINDOW
        fn = {"recall": q.recall, "no_show": q.no_show, "start": q.start_service, "finish": q.finish}[action]
        event = {"recall": "TicketRecalled", "no_show": "TicketNoShow", "start": "ServiceStarted",
                 "finish": "TicketFinished"}[action]
        t = self._attempt(ok, lambda: fn(self.db, window=window, actor=SYSTEM, now=self._now()), event)
        if t is None:
            return
        new = {"recall": "called", "no_show": "no_show", "start": "serving", "finish": "done"}[action]
        assert (t.id, t.status) == (tid, new)
        self.tickets[tid].status = new
        if new in ("no_show", "done"):
            self._free(tid)

    @rule(i=st.integers(0, 1000))
    def requeue(self, i: int) -> None:
        tid = self._pick(i, ("no_show", "done"))
        if tid is None:
            return
        ok = self.tickets[tid].status == "no_show"
        if self._attempt(ok, lambda: q.requeue_ticket(self.db, tid, actor=SYSTEM, now=self._now()), "TicketRequeued"):
            self.tickets[tid].status, self.tickets[tid].target = "waiting", None

    @rule(i=st.integers(0, 1000), to_service=st.sampled_from([None, *SERVICES]),
          to_window=st.sampled_from([None, *WINDOWS]))
    def transfer(self, i: int, to_service: str | None, to_window: int | None) -> None:
        tid = self._pick(i, ("waiting", "transferred", "called", "serving", "done"))
        if tid is None:
            return
        m = self.tickets[tid]
        ok = (m.status != "done" and (to_service or to_window) is not None
              and (to_window is None or self.windows[to_window] != "closed")
              and not (to_window is not None and m.window == to_window and m.status in AT_WINDOW))
        t = self._attempt(ok, lambda: q.transfer_ticket(self.db, tid, to_service=to_service, to_window=to_window,
                                                        actor=SYSTEM, now=self._now()), "TicketTransferred")
        if t is not None:
            self._free(tid)
            m.status, m.target = "transferred", to_window
            m.service = to_service or m.service
            assert (t.service_code, t.target_window_number) == (m.service, to_window)

    @rule(i=st.integers(0, 1000))
    def cancel(self, i: int) -> None:
        tid = self._pick(i, ("waiting", "transferred", "called", "serving"))
        if tid is None:
            return
        ok = self.tickets[tid].status != "serving"
        if self._attempt(ok, lambda: q.cancel_ticket(self.db, tid, actor=SYSTEM, now=self._now()), "TicketCancelled"):
            self._free(tid)
            self.tickets[tid].status = "cancelled"

    @rule(roll=st.integers(0, 5))
    def end_of_day(self, roll: int) -> None:
        if roll < 5:  # rare: the end of day empties the lobby (hypothesis favours small numbers)
            return
        stale = [k for k, t in self.tickets.items() if t.status in WAITING + ("called",)]
        serving = [k for k, t in self.tickets.items() if t.status == "serving"]
        open_windows = [n for n, state in self.windows.items() if state != "closed"]
        r = self._attempt(True, lambda: q.end_of_day(self.db, actor=SYSTEM, now=self._now()), "DayClosed",
                          *["TicketExpired"] * len(stale), *["TicketFinished"] * len(serving),
                          *["WindowClosed"] * len(open_windows))
        assert (r.expired, r.served_at_close, r.windows_closed) == (len(stale), len(serving), tuple(open_windows))
        for k in stale:
            self._free(k)
            self.tickets[k].status = "expired"
        for k in serving:  # settled question 8: ends as served
            self._free(k)
            self.tickets[k].status = "done"
        for n in open_windows:
            self.windows[n] = "closed"

    # -- invariants ------------------------------------------------------
    @invariant()
    def database_matches_the_model(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.read() as s:
            rows = s.execute(select(Ticket.id, Ticket.status, Ticket.business_date, Ticket.prefix,
                                    Ticket.seq, Ticket.number, Ticket.window_id)).all()
            wins = dict(s.execute(select(Window.number, Window.current_ticket_id)).all())
            win_ids = dict(s.execute(select(Window.id, Window.number)).all())
            expired_logged = sum(e.payload["expired"] for e in s.scalars(select(Event).where(Event.type == "DayClosed")))
        assert {r.id: r.status for r in rows} == {k: t.status for k, t in self.tickets.items()}
        seqs = [(r.business_date, r.prefix, r.seq) for r in rows]
        assert len(seqs) == len(set(seqs)), "a sequence number was issued twice"
        active = [(r.business_date, r.number) for r in rows if r.status in WAITING + AT_WINDOW]
        assert len(active) == len(set(active)), "two active tickets show the same number"
        held = {n: tid for n, tid in wins.items() if tid is not None
                and self.tickets.get(tid, T("", "")).status in AT_WINDOW}
        assert held == {w: tid for w, tid in self.holding.items()}
        assert len(set(held.values())) == len(held), "one ticket held by two windows"
        for r in rows:
            if r.status in AT_WINDOW:
                assert held.get(win_ids[r.window_id]) == r.id
        counts = Counter(r.status for r in rows)
        assert sum(counts[x] for x in STATUSES) == len(rows) == self.events["TicketIssued"]
        assert counts["expired"] == expired_logged
        assert self._stored_events() == +self.events


Lobby.TestCase.settings = settings(max_examples=40, stateful_step_count=40, deadline=None,
                                   suppress_health_check=[HealthCheck.too_slow])


def test_random_operation_sequences(template):
    Lobby.template = template
    test = Lobby.TestCase("runTest")
    test.runTest()
