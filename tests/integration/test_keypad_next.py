"""A keypad's Next finishes the ticket at the window and calls the next one in
one transaction, both tickets in one update (each with its own version
check) and both events in one insert, finish first; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import app.queue as q
from app.errors import NoTicketWaiting
from app.staff.roles import SYSTEM
from app.store.models import Event, Ticket
from tests.support.branch import BACKENDS, at, catalogue_database


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    yield from catalogue_database(request, tmp_path)


def rows(db):  # type: ignore[no-untyped-def]
    with db.read() as s:
        tickets = {t.number: (t.status, t.version, t.finished_at, t.called_at, t.call_count, t.outcome)
                   for t in s.scalars(select(Ticket))}
        events = [(e.type, e.payload.get("number")) for e in s.scalars(select(Event).order_by(Event.id))]
    return tickets, events


def test_next_finishes_the_ticket_at_the_window_and_calls_the_next_in_one_update(db):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for minute in range(3):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, minute))
    q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 5))
    q.start_service(db, window=1, actor=SYSTEM, now=at(9, 6))
    called = q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 12))
    assert called.number == "A002" and called.status == "called"
    tickets, events = rows(db)
    # A001: issued (1), called (2), started (3), finished (4); A002: issued (1), called (2).
    assert tickets["A001"] == ("done", 4, at(9, 12), at(9, 5), 1, "done")
    assert tickets["A002"] == ("called", 2, None, at(9, 12), 1, None)
    assert tickets["A003"][:2] == ("waiting", 1)
    assert events[-2:] == [("TicketFinished", "A001"), ("TicketCalled", "A002")]


def test_next_with_nobody_waiting_finishes_nothing(db):
    """The finish and the call are one transaction: with nobody left to call,
    the ticket at the window stays as it was."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9))
    q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 1))
    before = rows(db)
    with pytest.raises(NoTicketWaiting):
        q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 8))
    assert rows(db) == before
