"""``branchdesk doctor`` warns while the working-day calendar does not reach
far enough for complaint deadlines (chinesecalendar stops at 2026)."""

from __future__ import annotations

import datetime as dt

import app.complaints as cp
from app.ops.doctor import OK, WARN, check_calendar
from app.staff.roles import SYSTEM

T = dt.datetime


def test_doctor_warns_from_november_until_next_year_is_entered(branch_db, sqlite_url):
    c = check_calendar(sqlite_url, now=T(2026, 11, 23, 9))
    assert c.status == WARN
    assert c.line() == ("WARN calendar: Enter next year's holidays: "
                        "the 2027 working-day calendar is not known yet.")
    # In October nothing is due in 2027 yet, and nothing waits.
    assert check_calendar(sqlite_url, now=T(2026, 10, 30, 9)).status == OK
    cp.set_calendar_override(branch_db, dt.date(2027, 1, 1), kind="holiday", actor=SYSTEM, now=T(2026, 11, 23, 10))
    assert check_calendar(sqlite_url, now=T(2026, 11, 23, 11)).status == OK


def test_doctor_warns_about_cases_waiting_for_the_calendar(branch_db, sqlite_url):
    cp.intake_complaint(branch_db, kind="suggestion", channel="counter", content="年底建议",
                        actor=SYSTEM, now=T(2026, 12, 28, 10))  # due in January 2027: pending
    c = check_calendar(sqlite_url, now=T(2026, 12, 28, 11))
    assert c.status == WARN and c.message.endswith("Open cases with a pending deadline: 1.")


def test_doctor_calendar_check_without_a_database_is_one_line(tmp_path):
    missing = tmp_path / "none.sqlite3"
    c = check_calendar(f"sqlite:///{missing}", now=T(2026, 11, 23, 9))
    assert c.status == WARN and "not checked" in c.message and not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")  # a file without the schema: one sentence, no traceback
    c = check_calendar(f"sqlite:///{empty}", now=T(2026, 11, 23, 9))
    assert c.status == WARN and c.message.startswith("The working-day calendar could not be read:")
    assert "\n" not in c.message
