"""Shared by the multi-process test and benchmark: a branch where N windows
all serve service A, and a window process that calls until nobody waits."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time

from sqlalchemy import func, select

from app.errors import NoTicketWaiting
from app.queue import call_next, init_catalogue, issue_ticket, open_window
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Service, Ticket, Window, WindowService

DAY = dt.date(2026, 11, 23)
START = dt.datetime(2026, 11, 23, 8, 0)


def prepare_branch(url: str, *, windows: int, tickets: int) -> None:
    """Catalogue, ``windows`` open windows that all serve A, ``tickets`` A tickets waiting."""
    db = open_database(url)
    try:
        init_catalogue(db, actor=SYSTEM, now=START)
        with db.write() as s:
            a = s.scalar(select(Service).where(Service.code == "A"))
            a.max_number = 9999  # the benchmark issues more than 999 in one day
            for n in range(1, windows + 1):
                win = s.scalar(select(Window).where(Window.number == n))
                if win is None:
                    win = Window(number=n, name=f"W{n}", state="closed", priority_streak=0)
                    s.add(win)
                    s.flush()
                if not any(ws.service_id == a.id for ws in win.services):
                    win.services.append(WindowService(service_id=a.id, position=0))
        for n in range(1, windows + 1):
            open_window(db, window=n, actor=SYSTEM, now=START)
        for i in range(tickets):
            issue_ticket(db, service="A", actor=SYSTEM, now=START + dt.timedelta(seconds=i % 3600))
    finally:
        db.dispose()


def window_worker(url: str, window: int, pause_s: float, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """One teller: call next (finishing the previous one) until nobody waits,
    pausing ``pause_s`` after each call (0 for the benchmark's flat-out run)."""
    db = open_database(url, upgrade=False)
    called: list[int] = []
    error = None
    from app.queue import queue_status

    queue_status(db, now=START)  # connect and compile before the start line, not after it
    barrier.wait()
    t0 = time.perf_counter()
    try:
        now = dt.datetime(2026, 11, 23, 10, 0)
        while True:
            try:
                t = call_next(db, window=window, finish_current=True, actor=SYSTEM, now=now)
            except NoTicketWaiting:
                break
            called.append(t.id)
            if pause_s:
                time.sleep(pause_s)
    except Exception as exc:  # reported to the parent
        error = repr(exc)
    results.put((window, called, time.perf_counter() - t0, error))
    db.dispose()


def run_at_once(target, args: list[tuple], timeout: float = 600) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Start one spawned process per argument tuple; each calls
    ``target(*args, barrier, results)``, waits at the barrier, then puts one
    result. Returns the results (in finishing order)."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(args)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, results)) for a in args]
    for p in procs:
        p.start()
    out = [results.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return out


def run_windows(url: str, windows: int, pause_s: float = 0.0) -> list[tuple[int, list[int], float, str | None]]:
    return run_at_once(window_worker, [(url, n, pause_s) for n in range(1, windows + 1)])


def stored_calls(url: str) -> tuple[int, int, int, int]:
    """(tickets, tickets called, TicketCalled events, distinct tickets in those events)."""
    db = open_database(url, upgrade=False)
    try:
        with db.read() as s:
            n = s.scalar(select(func.count()).select_from(Ticket))
            called = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.call_count > 0))
            events = s.scalar(select(func.count()).select_from(Event).where(Event.type == "TicketCalled"))
            distinct = s.scalar(select(func.count(func.distinct(Event.ticket_id))).where(Event.type == "TicketCalled"))
            return int(n), int(called), int(events), int(distinct)
    finally:
        db.dispose()
