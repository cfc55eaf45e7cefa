"""The teller's waiting list is the order Call next calls in (app/queue/lineup.py)."""

from __future__ import annotations

import random

import pytest

import app.queue as q
from app.queue.lineup import window_lineup
from app.staff.roles import SYSTEM
from app.store import open_database
from tests.integration.core_support import branch, open_windows  # noqa: F401


def test_the_list_is_the_order_f1_then_calls_in(branch, at):
    """A mixed morning at window 1 (A before D, a priority ratio of 2, a transfer
    to the window, a promoted long wait): the list read before any call is the
    order in which pressing F1 again and again calls them."""
    open_windows(branch, 1, 2, now=at(8, 30))
    rng = random.Random(15)
    minute = 0
    for _ in range(24):
        code = rng.choice("AADDB")
        prio = rng.choice(("normal", "normal", "normal", "vip", "needs"))
        q.issue_ticket(branch, service=code, priority=prio, priority_note="elderly" if prio == "needs" else None,
                       actor=SYSTEM, now=at(8, 35 + minute))
        minute += rng.randint(0, 2)
    q.call_next(branch, window=2, actor=SYSTEM, now=at(9, 30))
    moved = q.transfer_ticket(branch, q.call_next(branch, window=2, finish_current=True, actor=SYSTEM,
                                                  now=at(9, 31)).id, to_window=1, actor=SYSTEM, now=at(9, 32))
    now = at(9, 33)
    lineup = window_lineup(branch, window=1, now=now)
    listed = [t.number for t in lineup.tickets]
    assert listed[0] == moved.number and lineup.reasons[0] == "transferred"
    assert lineup.waiting == len(listed)
    called = []
    for _ in listed:
        called.append(q.call_next(branch, window=1, finish_current=True, actor=SYSTEM, now=now).number)
    assert called == listed
    assert [t.number for t in q.waiting_list(branch, now=now, window=1)] == []


def test_service_order_decides_not_arrival(branch, at):
    """The defect: D001 was listed first, but F1 called A005."""
    open_windows(branch, 1, now=at(8, 30))
    q.issue_ticket(branch, service="D", actor=SYSTEM, now=at(9, 0))
    q.issue_ticket(branch, service="A", actor=SYSTEM, now=at(9, 1))
    assert [t.number for t in q.waiting_list(branch, now=at(9, 2), window=1)] == ["A001", "D001"]
    assert q.call_next(branch, window=1, actor=SYSTEM, now=at(9, 2)).number == "A001"


def test_limit_and_the_need_note_flag(branch, at):
    for i in range(5):
        q.issue_ticket(branch, service="A", need_note="办理社保卡" if i == 1 else None, actor=SYSTEM, now=at(9, i))
    lineup = window_lineup(branch, window=1, now=at(9, 10), limit=3)
    assert [t.number for t in lineup.tickets] == ["A001", "A002", "A003"] and lineup.waiting == 5
    assert [t.has_need_note for t in lineup.tickets] == [False, True, False]
    assert window_lineup(branch, window=77, now=at(9, 10)).tickets == ()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_branch(request, at):
    db = open_database(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    q.init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    yield db
    db.dispose()


def test_each_listed_ticket_shows_what_its_own_page_shows(any_branch, at):
    """The list reads its rows its own way (app/queue/lineup.py: ticket_views):
    each ticket on it is exactly the one ``ticket show`` gives, masked name and
    phone, the need-note flag, the window it was sent to and the promise; and
    the one called by its number is the one listed under it."""
    db = any_branch
    open_windows(db, 1, 2, now=at(8, 30))
    q.issue_ticket(db, service="A", customer_name="王小明", customer_phone="13812345678", actor=SYSTEM,
                   now=at(9, 0))
    q.issue_ticket(db, service="A", need_note="挂失", priority="vip", actor=SYSTEM, now=at(9, 1))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 2))
    sent = q.call_next(db, window=2, actor=SYSTEM, now=at(9, 3))
    q.transfer_ticket(db, sent.id, to_window=1, actor=SYSTEM, now=at(9, 4))
    listed = window_lineup(db, window=1, now=at(9, 5)).tickets
    assert len(listed) == 3 and listed[0].target_window_number == 1
    assert [t for t in listed] == [q.get_ticket(db, t.number, now=at(9, 5)) for t in listed]
    named = next(t for t in listed if t.has_personal_data and not t.has_need_note)
    assert "王小明" not in str(named) and "13812345678" not in str(named)
    assert named.customer_name_masked and named.customer_phone_masked.endswith("5678")
    assert sum(t.has_need_note for t in listed) == 1 and all(t.promised_wait_min is not None for t in listed)
    chosen = q.call_ticket(db, window=1, ticket=listed[2].number.lower(), actor=SYSTEM, now=at(9, 6))
    assert (chosen.id, chosen.status, chosen.window_number) == (listed[2].id, "called", 1)
