"""A small scripted branch day, played through the real queue service functions.

Business day 2026-11-23. Service A (个人业务) targets 15 min, B (对公业务) 20 min.

    09:00 A001 issued   09:12 called at window 1 (wait 12)  09:14 start  09:20 finish (service 6)  rated 5
    09:05 A002 issued   09:25 called at window 1 (wait 20, over A's 15)  09:26 start
                        09:30 transferred to service B (second wait starts)
                        09:40 called at window 4 (transfer wait 10)  09:41 start  09:50 finish (service 9)
    09:10 B001 issued   09:15 called at window 4 (wait 5)  start never pressed  09:30 finish (service 15) rated 3
    10:00 A003 issued (name and phone given)   10:02 called at window 2 (wait 2)  10:05 no-show
    10:10 A004 issued   10:20 cancelled
    10:30 B002 issued   still waiting past midnight: 11-24 00:30 end_of_day(day=11-23) expires it
"""

from __future__ import annotations

import datetime as dt

import app.queue as q
from app.staff.roles import SYSTEM
from app.store import Database, open_database

DAY = dt.date(2026, 11, 23)
REPORT_AT = dt.datetime(2026, 11, 24, 8, 0)


def at(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(h, m))


def play_day(db: Database) -> None:
    kw = {"actor": SYSTEM}
    q.init_catalogue(db, now=at(8), **kw)
    for w in (1, 2, 4):
        q.open_window(db, window=w, now=at(8, 30), **kw)
    q.issue_ticket(db, service="A", now=at(9, 0), **kw)  # A001
    q.issue_ticket(db, service="A", now=at(9, 5), **kw)  # A002
    q.issue_ticket(db, service="B", now=at(9, 10), **kw)  # B001
    assert q.call_next(db, window=1, now=at(9, 12), **kw).number == "A001"
    q.start_service(db, window=1, now=at(9, 14), **kw)
    assert q.call_next(db, window=4, now=at(9, 15), **kw).number == "B001"
    q.finish(db, window=1, now=at(9, 20), **kw)
    q.rate_ticket(db, "A001", rating=5, now=at(9, 21), **kw)
    assert q.call_next(db, window=1, now=at(9, 25), **kw).number == "A002"
    q.start_service(db, window=1, now=at(9, 26), **kw)
    q.transfer_ticket(db, "A002", to_service="B", now=at(9, 30), **kw)
    q.finish(db, window=4, now=at(9, 30), **kw)  # B001, never started
    q.rate_ticket(db, "B001", rating=3, now=at(9, 31), **kw)
    assert q.call_next(db, window=4, now=at(9, 40), **kw).number == "A002"
    q.start_service(db, window=4, now=at(9, 41), **kw)
    q.finish(db, window=4, now=at(9, 50), **kw)
    q.issue_ticket(db, service="A", customer_name="张三丰", customer_phone="13812345678",
                   now=at(10, 0), **kw)  # A003 (personal data: never in a report)
    assert q.call_next(db, window=2, now=at(10, 2), **kw).number == "A003"
    q.no_show(db, window=2, now=at(10, 5), **kw)
    q.issue_ticket(db, service="A", now=at(10, 10), **kw)  # A004
    q.cancel_ticket(db, "A004", now=at(10, 20), **kw)
    q.issue_ticket(db, service="B", now=at(10, 30), **kw)  # B002
    q.end_of_day(db, day=DAY, now=dt.datetime(2026, 11, 24, 0, 30), **kw)


def scripted_database(url: str) -> Database:
    db = open_database(url)
    play_day(db)
    return db
