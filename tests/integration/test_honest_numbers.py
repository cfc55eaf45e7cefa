"""Honest numbers (issue 21) through the service functions, on SQLite and
PostgreSQL: a day where most customers are never called, what the greeter's
customers are told when no window serves them, and reprints that say what
was told at issue."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import app.queue as q
from app.devices.printing import ticket_job
from app.reports import build_daily, render
from app.reports.endofday import end_of_day_tick
from app.staff.roles import SYSTEM
from tests.support.branch import BACKENDS, DAY, at, catalogue_database


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    yield from catalogue_database(request, tmp_path)


def test_the_six_customer_day_says_33_percent_and_shows_the_four_never_called(db):
    """Six customers wait for personal banking (target 15 min). Two are served
    within minutes; the window closes for the day and the other four are never
    called: the day closes itself at 18:00."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for minute in range(6):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, minute))
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 3))  # A001: 3 min
    q.finish(db, window=1, actor=SYSTEM, now=at(9, 10))
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 11))  # A002: 10 min
    q.finish(db, window=1, actor=SYSTEM, now=at(9, 20))
    q.close_window(db, window=1, actor=SYSTEM, now=at(9, 21))
    closed = end_of_day_tick(db, now=at(18, 10)).closed
    assert closed.expired == 4
    report = build_daily(db, DAY, now=at(18, 11))
    sm = report.summary
    assert (sm.waited, sm.within_target, sm.within_target_pct) == (6, 2, 33.3)
    assert (sm.wait.count, sm.wait.average_min, sm.expired) == (2, 6.5, 4)  # the called: (3 + 10) / 2
    # Never called (A003..A006, issued 09:02..09:05), at least until the day closed itself at its
    # closing moment, 18:00 (the tick came at 18:10): 538 + 537 + 536 + 535 minutes.
    assert (sm.never_called, sm.never_called_total_min, sm.never_called_wait.max_min) == (4, 2146.0, 538.0)
    data = json.loads(render(report, "json"))
    assert data["summary"]["within_target_pct"] == 33.3 and data["summary"]["never_called"] == 4
    csv = render(report, "csv").decode("utf-8-sig")
    assert "never_called,4" in csv and "within_target_pct,33.3" in csv


def test_a_service_no_open_window_serves_gets_a_ticket_that_promises_no_minutes(db):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))  # serves A and D, not B
    issued = q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9))
    assert (issued.estimated_wait_min, issued.estimated_wait_range_min, issued.estimate_note) == (
        None, None, "no_window")
    job = ticket_job(q.get_ticket(db, issued.ticket.number, now=at(9, 1)), {})
    assert (job.estimated_wait_min, job.estimate_note) == (None, "no_window")


def test_a_reprint_says_what_was_told_at_issue_not_what_would_be_told_now(db):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for minute in range(4):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, minute))
    first = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 5))
    q.open_window(db, window=2, actor=SYSTEM, now=at(9, 6))  # the queue now moves twice as fast
    reprint = ticket_job(q.get_ticket(db, first.ticket.number, now=at(9, 7)), {})
    assert (reprint.people_ahead, reprint.estimated_wait_min, reprint.estimated_range) == (
        first.people_ahead, first.estimated_wait_min, first.estimated_wait_range_min)
    assert first.people_ahead == 4 and first.estimate_note == "default_times"


def test_the_estimate_learns_from_what_customers_of_the_day_actually_waited(db):
    """Tellers take far longer than the catalogue says: the later customers of
    the morning are told more than the first ones, for the same queue."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))

    def one_customer(start: dt.datetime) -> int:
        told = q.issue_ticket(db, service="A", actor=SYSTEM, now=start).estimated_wait_min
        q.issue_ticket(db, service="A", actor=SYSTEM, now=start + dt.timedelta(seconds=30))
        q.call_next(db, window=1, actor=SYSTEM, now=start + dt.timedelta(minutes=1))
        q.finish(db, window=1, actor=SYSTEM, now=start + dt.timedelta(minutes=31))  # 30 min, not 6
        q.call_next(db, window=1, actor=SYSTEM, now=start + dt.timedelta(minutes=31))
        q.finish(db, window=1, actor=SYSTEM, now=start + dt.timedelta(minutes=61))
        return told

    told = [one_customer(at(9) + dt.timedelta(minutes=62 * i)) for i in range(4)]
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(13, 10))
    late = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(13, 11))
    # One customer ahead, each now known to take about half an hour (history and correction).
    assert told[0] == 0 and late.estimated_wait_min >= 20 and late.estimate_note is None
