"""The waiting tickets the estimate reads (app/queue/waiting.py): kept per
process and brought up to date from the event log, they are those a full
read gives at the same moment, whichever PC changed them, on SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

import app.queue as q
from app.errors import DomainError
from app.queue import waiting
from app.queue.day import moment
from app.queue.estimate import estimate
from app.queue.policy import Queues
from app.queue.snapshot import queue_snapshot
from app.staff.roles import SYSTEM
from app.store import open_database
from tests.support.branch import BACKENDS, at, catalogue_database


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    yield from catalogue_database(request, tmp_path)


def lines_of(queues: Queues) -> dict:  # type: ignore[type-arg]
    """Every line that has someone in it, in its order."""
    return {**{k: list(v) for k, v in queues.lines.items() if v},
            **{("window", k): list(v) for k, v in queues.targeted.items() if v}}


def kept_and_full(db, now: dt.datetime) -> tuple[set, set]:  # type: ignore[no-untyped-def]
    """The kept tickets brought up to date, and a full read, at ``now``; the
    kept lines are checked against the full read's, lined up afresh."""
    with db.read() as s:
        m = moment(s, now)
        found, lined = waiting.waiting_lined(db, s, m)
        full = {c for c in waiting._full(s, m).tickets.values() if c.queued_at <= now}
    assert lined is not None and lined.size == len(full)
    assert lines_of(lined) == lines_of(Queues(full))
    return set(found), full


def same_estimates(db, now: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    """Every estimate (a new ticket of each service and class, each waiting
    ticket) is the same from the kept lines as from the tickets lined up afresh."""
    snap = queue_snapshot(db, now)
    plain = dataclasses.replace(snap, lined=None)
    assert snap.lined is not None
    services = {sid for w in snap.windows for sid in w.service_order}
    asked = [dict(service_id=sid, priority=p) for sid in services for p in ("normal", "needs")] + [
        dict(service_id=c.service_id, priority=c.priority, ticket_id=c.ticket_id, queued_at=c.queued_at,
             target_window_id=c.target_window_id, appointment_at=c.appointment_at) for c in snap.waiting]
    for kw in asked:
        assert estimate(snap, **kw) == estimate(plain, **kw), kw
    return len(asked)


def test_kept_waiting_tickets_are_those_of_a_full_read_after_every_change(db):
    """Two PCs (two connections to the database) issue, call, transfer, put
    back, cancel, mark no-shows, and leave a window with a customer at it, in
    random order for an hour; after every change the first PC's kept tickets
    are the full read's, and most were brought up to date, not read again."""
    other = open_database(str(db.engine.url.render_as_string(hide_password=False)), upgrade=False)
    try:
        rng = random.Random(11)
        for n in (1, 2, 3):
            q.open_window(db, window=n, actor=SYSTEM, now=at(8, 30))
        clock = at(9)
        kept_before = {c.ticket_id for c in kept_and_full(db, clock)[0]}
        assert kept_before == set()
        checked, compared, full_reads = 0, 0, set()
        for step in range(120):
            clock += dt.timedelta(seconds=rng.randint(5, 40))
            pc = db if rng.random() < 0.5 else other
            action = rng.choice(["issue", "issue", "issue", "call", "call", "transfer", "cancel", "no_show",
                                 "requeue", "leave"])
            try:
                if action == "issue":
                    q.issue_ticket(pc, service=rng.choice("ABD"), priority=rng.choice(["normal", "normal", "needs"]),
                                   actor=SYSTEM, now=clock)
                elif action == "call":
                    q.call_next(pc, window=rng.randint(1, 3), finish_current=True, actor=SYSTEM, now=clock)
                elif action == "transfer":
                    cur = next(w.current_ticket for w in q.queue_status(pc, now=clock).windows if w.current_ticket)
                    q.transfer_ticket(pc, cur.id, to_service=rng.choice("ABD"), actor=SYSTEM, now=clock)
                elif action == "cancel":
                    t = q.waiting_list(pc, now=clock)[0]
                    q.cancel_ticket(pc, t.id, actor=SYSTEM, now=clock)
                elif action == "no_show":
                    q.no_show(pc, window=rng.randint(1, 3), actor=SYSTEM, now=clock)
                elif action == "requeue":
                    gone = [t for t in q.recent_tickets(pc, now=clock, limit=50) if t.status == "no_show"]
                    q.requeue_ticket(pc, gone[0].id, actor=SYSTEM, now=clock)
                else:  # the teller leaves: the customer called there goes back to the head of the queue
                    n = rng.randint(1, 3)
                    q.leave_window(pc, window=n, reason="teller_moved", actor=SYSTEM, now=clock)
                    q.open_window(pc, window=n, actor=SYSTEM, now=clock)
            except (DomainError, StopIteration, IndexError):
                continue  # nothing to do it to right now
            kept, full = kept_and_full(db, clock)
            assert kept == full, (step, action)
            if step % 4 == 0:
                compared += same_estimates(db, clock)
            checked += 1
            full_reads.add(db.memo[waiting._KEY].read_at)  # a full read sets it, bringing up to date keeps it
        assert checked > 60 and len(full_reads) < checked / 4
        assert compared > 100
        assert len(full) > 5  # a real queue, not an empty one compared with an empty one
    finally:
        other.dispose()


def test_the_day_closing_and_a_new_day_leave_nobody_waiting_from_yesterday(db):
    for service in "AAB":
        q.issue_ticket(db, service=service, actor=SYSTEM, now=at(9))
    kept, full = kept_and_full(db, at(9, 5))
    assert len(kept) == 3 and kept == full
    q.end_of_day(db, actor=SYSTEM, now=at(18))
    kept, full = kept_and_full(db, at(18, 1))
    assert kept == full == set()
    tomorrow = at(9) + dt.timedelta(days=1)
    q.issue_ticket(db, service="A", actor=SYSTEM, now=tomorrow)
    kept, full = kept_and_full(db, tomorrow + dt.timedelta(minutes=1))
    assert [c.service_id for c in kept] == [c.service_id for c in full] and len(kept) == 1


def test_the_full_read_is_not_added_to_the_minute_refresh_of_the_figures(db):
    """Both are due every few minutes, from the same first estimate: the one
    due together with the figures' refresh comes with the next estimate, so a
    customer's ticket waits for one slow read at most. A branch asking only
    once in a long while still reads everything again within two periods."""
    first = at(9)
    for service in "AAB":  # the first one's estimate: the day's first read of both
        q.issue_ticket(db, service=service, actor=SYSTEM, now=first)
    assert db.memo[waiting._KEY].read_at == first
    assert db.memo[("estimate_figures", first.date())][0] == first
    both_due = first + waiting.FULL_EVERY
    snap = queue_snapshot(db, both_due)
    assert db.memo[("estimate_figures", both_due.date())][0] == both_due  # the figures refreshed now
    assert db.memo[waiting._KEY].read_at == first  # the tickets brought up to date, not read again
    assert len(snap.waiting) == 3
    last = both_due + dt.timedelta(seconds=4)
    queue_snapshot(db, last)
    assert db.memo[waiting._KEY].read_at == last  # then read again
    much_later = last + 2 * waiting.FULL_EVERY
    queue_snapshot(db, much_later - dt.timedelta(seconds=1))  # both due, the full read postponed once more
    assert db.memo[waiting._KEY].read_at == last
    queue_snapshot(db, much_later + dt.timedelta(minutes=2))  # both due again: two periods old, read now
    assert db.memo[waiting._KEY].read_at == much_later + dt.timedelta(minutes=2)
