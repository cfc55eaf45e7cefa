"""Staff figures against a day worked out by hand: two tellers, a pause,
idle time with people waiting, a transfer, a recall, a no-show, ratings.

    08:30 li opens window 1 (A, D); wang opens window 4 (B)
    09:00 A001 issued: window 1 free with A001 waiting          -> li idle 09:00-09:02 (2 min)
    09:02 li calls A001, 09:04 Start (walk 2), 09:10 finish (service 6), rated 5
    09:05 B001 issued: window 4 free                            -> wang idle 09:05-09:07 (2 min)
    09:07 wang calls B001, 09:08 recall, 09:10 no-show
    09:12 A002 issued: window 1 free since 09:10                -> li idle 09:12-09:15 (3 min)
    09:15 li calls A002, 09:16 Start (walk 1), 09:20 transfer to B (service 4 at window 1)
          A002 waits for B, window 4 free                       -> wang idle 09:20-09:25 (5 min)
    09:25 wang calls A002, 09:25 Start (walk 0), 09:37 finish (service 12), rated 2
    10:00 li pauses window 1 (午休); 10:05 A003 issued: a paused window is not idle
    10:30 li resumes with A003 waiting                          -> li idle 10:30-10:35 (5 min)
    10:35 li calls A003, Start never pressed, 10:41 finish (service 6 from the call)
    11:00 both windows closed; 11:05 A004 issued and still waiting when the day closes
    18:00 the day closes (A004 expires: nobody's figure)

    li:   served 2, service 6, 4, 6 (avg 5.3, p90 6.0), walk 2, 1 (avg 1.5), transfers out 1,
          open 90 + 30 = 120 min, paused 30 (午休), idle 2 + 3 + 5 = 10 min, rating 5 (1)
    wang: served 1, service 12 (p90 12.0), walk 0, no-show 1, recall 1, open 150 min,
          idle 2 + 5 = 7 min, rating 2 (1)
"""

from __future__ import annotations

import dataclasses

import pytest

import app.queue as q
from app.reports.daily import build_daily
from app.reports.staff import staff_figures
from app.staff.accounts import actor_for, add_staff
from app.staff.roles import SYSTEM
from app.store import open_database


@pytest.fixture
def worked_day(sqlite_url, at):
    db = open_database(sqlite_url)
    q.init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    for name, full in (("li", "李四"), ("wang", "王五")):
        add_staff(db, username=name, password="a-long-password", roles="teller", full_name=full, actor=SYSTEM,
                  now=at(8, 0))
    li, wang = actor_for(db, "li"), actor_for(db, "wang")
    q.open_window(db, window=1, actor=li, now=at(8, 30))
    q.open_window(db, window=4, actor=wang, now=at(8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))
    q.call_next(db, window=1, actor=li, now=at(9, 2))
    q.start_service(db, window=1, actor=li, now=at(9, 4))
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, 5))
    q.call_next(db, window=4, actor=wang, now=at(9, 7))
    q.recall(db, window=4, actor=wang, now=at(9, 8))
    q.finish(db, window=1, actor=li, now=at(9, 10))
    q.rate_ticket(db, "A001", rating=5, actor=li, now=at(9, 11))
    q.no_show(db, window=4, actor=wang, now=at(9, 10))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 12))
    q.call_next(db, window=1, actor=li, now=at(9, 15))
    q.start_service(db, window=1, actor=li, now=at(9, 16))
    q.transfer_ticket(db, "A002", to_service="B", actor=li, now=at(9, 20))
    q.call_next(db, window=4, actor=wang, now=at(9, 25))
    q.start_service(db, window=4, actor=wang, now=at(9, 25))
    q.finish(db, window=4, actor=wang, now=at(9, 37))
    q.rate_ticket(db, "A002", rating=2, actor=wang, now=at(9, 38))
    q.pause_window(db, window=1, reason="午休", actor=li, now=at(10, 0))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(10, 5))
    q.resume_window(db, window=1, actor=li, now=at(10, 30))
    q.call_next(db, window=1, actor=li, now=at(10, 35))
    q.finish(db, window=1, actor=li, now=at(10, 41))
    q.close_window(db, window=1, actor=li, now=at(11, 0))
    q.close_window(db, window=4, actor=wang, now=at(11, 0))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(11, 5))
    q.end_of_day(db, day=at(0).date(), actor=SYSTEM, now=at(18, 0))
    yield db
    db.dispose()


def figures(row) -> dict:  # type: ignore[no-untyped-def]
    return dataclasses.asdict(row)


def test_the_worked_day_per_teller(worked_day, at):
    with worked_day.read() as s:
        f = staff_figures(s, at(0).date(), at(0).date(), at(19, 0))
    li, wang = f.tellers
    assert figures(li) == {
        "key": "li", "name": "李四", "others": "1", "served": 2, "service_avg_min": 5.3, "service_p90_min": 6.0,
        "walk_avg_min": 1.5, "no_shows": 0, "recalls": 0, "transfers_out": 1, "open_min": 120.0,
        "paused_min": 30.0, "idle_waiting_min": 10.0, "rating_avg": 5.0, "rating_count": 1,
    }
    assert figures(wang) == {
        "key": "wang", "name": "王五", "others": "4", "served": 1, "service_avg_min": 12.0, "service_p90_min": 12.0,
        "walk_avg_min": 0.0, "no_shows": 1, "recalls": 1, "transfers_out": 0, "open_min": 150.0,
        "paused_min": 0.0, "idle_waiting_min": 7.0, "rating_avg": 2.0, "rating_count": 1,
    }
    assert [(p.teller, p.window, p.reason, p.minutes) for p in f.pauses] == [("li", 1, "午休", 30.0)]


def test_the_worked_day_per_window_and_in_the_daily_report(worked_day, at):
    report = build_daily(worked_day, at(0).date(), now=at(19, 0))
    w1, w4 = report.staff.windows
    assert (w1.key, w1.name, w1.others, w1.served, w1.open_min, w1.idle_waiting_min) == ("1", "1号窗口", "li", 2,
                                                                                       120.0, 10.0)
    assert (w4.key, w4.others, w4.no_shows, w4.recalls, w4.idle_waiting_min) == ("4", "wang", 1, 1, 7.0)
    # The per-window table of the daily report names the teller of each row.
    assert [(w.window, w.teller, w.called) for w in report.windows] == [(1, "li", 3), (4, "wang", 1)]


def test_calls_without_a_teller_count_for_the_teller_holding_the_window(sqlite_url, at):
    db = open_database(sqlite_url)
    try:
        q.init_catalogue(db, actor=SYSTEM, now=at(8, 0))
        add_staff(db, username="zhao", password="a-long-password", roles="teller", actor=SYSTEM, now=at(8, 0))
        q.open_window(db, window=2, actor=actor_for(db, "zhao"), now=at(8, 30))
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))
        keypad = dataclasses.replace(SYSTEM, username="keypad-2")  # a keypad with no teller logged in
        q.call_next(db, window=2, actor=keypad, now=at(9, 5))
        q.finish(db, window=2, actor=keypad, now=at(9, 9))
        with db.read() as s:
            (row,) = staff_figures(s, at(0).date(), at(0).date(), at(10, 0)).tellers
        assert (row.key, row.served, row.service_avg_min, row.idle_waiting_min, row.open_min) == ("zhao", 1, 4.0,
                                                                                              5.0, 90.0)
    finally:
        db.dispose()
