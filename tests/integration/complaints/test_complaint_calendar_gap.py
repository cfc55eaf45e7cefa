"""A complaint is always taken in, even when its deadlines reach a year the
working-day calendar does not know (chinesecalendar stops at 2026).

Hand-worked dates (2026 from chinesecalendar 1.11; 2027 once the branch has
entered 2027-01-01 as a holiday, every other 2027 weekday working):
- Mon 2026-12-28 17:30, complaint (3): after closing, counting day Tue Dec 29;
  Wed 30, Thu 31, (Fri Jan 1 closed, weekend) Mon Jan 4 -> 2027-01-04 17:00.
  Regulatory: Dec 29 + 15 = Wed 2027-01-13 (working) -> 2027-01-13 17:00.
  Acknowledgement: Dec 28 17:30 + 24 h = 2026-12-29 17:30 (on the clock).
- Mon 2026-12-28 10:00, suggestion (5): counting day Dec 28; Dec 29, 30, 31,
  Jan 4, Jan 5 -> 2027-01-05 17:00; regulatory Dec 28 + 15 = Tue Jan 12.
- Mon 2026-12-21 10:00, complaint (3): Dec 22, 23, 24 -> 2026-12-24 17:00
  (known without 2027); regulatory Dec 21 + 15 = Tue 2027-01-05 -> pending.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

import app.complaints as cp
from app.complaints.analysis import complaint_analysis
from app.queue import init_catalogue
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.migrate import current_revisions, known_heads
from app.store.models import Event
from app.store.models_complaints import Complaint, ComplaintLog
from tests.support.old_data import load_old_database

T, D = dt.datetime, dt.date
PENDING = ("Deadline pending: the working-day calendar for 2027 is not known yet; "
           "enter the 2027 holidays and make-up working days.")


def _intake(db, actor, at, **kw):  # type: ignore[no-untyped-def]
    args = dict(kind="complaint", channel="counter", content="年底排队太久", customer_name="王小明",
                customer_phone="139 1234 5678", categories=["waiting_time"])
    args.update(kw)
    return cp.intake_complaint(db, actor=actor, now=at, **args)


def _log(db, reference: str) -> list[tuple[str, str]]:
    with db.read() as s:
        cid = s.scalar(select(Complaint.id).where(Complaint.reference == reference))
        return [(a, n) for a, n in s.execute(select(ComplaintLog.action, ComplaintLog.note)
                                             .where(ComplaintLog.complaint_id == cid).order_by(ComplaintLog.id))]


def _events(db, type_: str) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Event).where(Event.type == type_)) or 0)


def test_intake_without_the_2027_calendar_is_stored_and_entering_2027_computes_it(branch, staff):
    o = staff["officer"]
    c = _intake(branch, o, T(2026, 12, 28, 17, 30))
    # Stored with its reference number; the clock deadline computed, the working-day ones pending.
    assert c.reference == "TS-20261228-0001" and c.status == "received"
    assert c.ack_due == T(2026, 12, 29, 17, 30)
    assert (c.resolve_due, c.regulatory_due) == (None, None)
    assert c.pending == ("resolve", "regulatory") and c.pending_year == 2027
    assert c.deadline_state == "due_soon" and c.next_due == T(2026, 12, 29, 17, 30)  # the acknowledgement
    with branch.read() as s:
        row = s.scalar(select(Complaint).where(Complaint.reference == c.reference))
        assert (row.resolve_due, row.regulatory_due, row.ack_due) == (None, None, T(2026, 12, 29, 17, 30))
    assert _log(branch, c.reference) == [("intake", ""), ("deadline_pending", PENDING)]
    assert _events(branch, "ComplaintReceived") == 1
    sug = _intake(branch, o, T(2026, 12, 28, 10), kind="suggestion", categories=[])
    assert (sug.resolve_due, sug.regulatory_due) == (None, None)
    early = _intake(branch, o, T(2026, 12, 21, 10), received_at=T(2026, 12, 21, 10))
    assert early.resolve_due == T(2026, 12, 24, 17) and early.regulatory_due is None
    assert early.pending == ("regulatory",) and early.deadline_state == "due_soon"  # its acknowledgement

    # Pending is not overdue; the unacknowledged case is overdue on its clock deadline only.
    cp.acknowledge(branch, c.reference, actor=o, now=T(2026, 12, 29, 9))
    cp.acknowledge(branch, sug.reference, actor=o, now=T(2026, 12, 29, 9))
    # Only the Dec 21 case is overdue (its known answer date Dec 24 has passed).
    assert cp.overdue_count(branch, T(2026, 12, 29, 10)) == 1
    acked = cp.get_complaint(branch, c.reference, actor=o, now=T(2026, 12, 29, 10))
    assert (acked.next_due, acked.deadline_state) == (None, "pending")  # not overdue, not forgotten
    assert cp.overdue_count(branch, T(2027, 3, 1)) == 1  # pending is never overdue
    status = cp.calendar_status(branch, T(2026, 12, 29, 10))
    assert (status.missing_year, status.pending_cases, status.pending_year) == (2027, 3, 2027)
    assert status.sentence().startswith(
        "Enter next year's holidays: the 2027 working-day calendar is not known yet.")

    # The branch enters 2027: every pending case is recomputed in that transaction.
    assert cp.set_calendar_override(branch, D(2027, 1, 1), kind="holiday", note="元旦", actor=SYSTEM,
                                    now=T(2026, 12, 29, 11)) == 3
    got = {x.reference: (x.resolve_due, x.regulatory_due, x.pending)
           for x in cp.list_complaints(branch, actor=o, now=T(2026, 12, 29, 11))}
    assert got == {
        c.reference: (T(2027, 1, 4, 17), T(2027, 1, 13, 17), ()),
        sug.reference: (T(2027, 1, 5, 17), T(2027, 1, 12, 17), ()),
        early.reference: (T(2026, 12, 24, 17), T(2027, 1, 5, 17), ()),
    }
    assert _log(branch, c.reference)[-1] == (
        "deadlines_computed", "Deadlines computed with the calendar now entered: "
        "answer by 2027-01-04 17:00, regulatory limit 2027-01-13 17:00.")
    assert _events(branch, "ComplaintDeadlinesComputed") == 3
    assert _events(branch, "CalendarOverrideSet") == 1
    assert not cp.calendar_status(branch, T(2026, 12, 29, 11)).needs_attention
    # A further override finds nothing pending: no more recomputation events.
    assert cp.set_calendar_override(branch, D(2027, 2, 20), kind="workday", actor=SYSTEM,
                                    now=T(2026, 12, 29, 12)) == 0
    assert _events(branch, "ComplaintDeadlinesComputed") == 3


def test_resume_and_extension_never_fail_on_a_calendar_gap(branch, staff):
    o, boss = staff["officer"], staff["boss"]
    c = _intake(branch, o, T(2026, 12, 21, 10), received_at=T(2026, 12, 21, 10))
    cp.acknowledge(branch, c.reference, actor=o, now=T(2026, 12, 21, 11))
    cp.pause_case(branch, c.reference, reason="customer", actor=o, now=T(2026, 12, 23, 10))
    r = cp.resume_case(branch, c.reference, actor=o, now=T(2027, 1, 4, 9))
    # The paused working days cannot be counted without 2027: pending, with its log line.
    assert r.status == "acknowledged" and (r.resolve_due, r.regulatory_due) == (None, None)
    assert _log(branch, c.reference)[-2:] == [("resume", ""), ("deadline_pending", PENDING)]
    e = cp.extend_limit(branch, c.reference, reason="需调取监控", actor=boss, now=T(2027, 1, 4, 10))
    assert e.regulatory_days == 30 and e.regulatory_due is None
    assert _log(branch, c.reference)[-1] == ("deadline_pending", PENDING)
    # Resolved while pending: stored, "within deadline" unknown.
    cp.start_handling(branch, c.reference, actor=o, now=T(2027, 1, 4, 11))
    cp.resolve_case(branch, c.reference, resolution="已退费", actor=o, now=T(2027, 1, 4, 16))
    assert cp.set_calendar_override(branch, D(2027, 1, 1), kind="holiday", actor=SYSTEM,
                                    now=T(2027, 1, 4, 17)) == 1
    # Closings inside the pause Dec 23 10:00 - Jan 4 09:00: working Dec 23, 24, 25, 28, 29,
    # 30, 31 (7) -> the 10th working day after Dec 21 = Tue 2027-01-05 17:00.
    # Regulatory, extended to 30: Dec 21 + 30 + 12 calendar closings (Dec 23 .. Jan 3) = Mon 2027-02-01.
    got = cp.get_complaint(branch, c.reference, actor=o, now=T(2027, 1, 4, 17))
    assert got.resolve_due == T(2027, 1, 5, 17) and got.regulatory_due == T(2027, 2, 1, 17)


def test_analysis_counts_a_pending_deadline_as_not_yet_due(branch, staff):
    o = staff["officer"]
    a = _intake(branch, o, T(2026, 12, 28, 17, 30))  # due 2027-01-04 once 2027 is entered
    cp.acknowledge(branch, a.reference, actor=o, now=T(2026, 12, 29, 9))
    cp.start_handling(branch, a.reference, actor=o, now=T(2026, 12, 29, 9))
    cp.resolve_case(branch, a.reference, resolution="已致歉", actor=o, now=T(2026, 12, 30, 10))
    b = _intake(branch, o, T(2026, 12, 21, 10), received_at=T(2026, 12, 21, 10))  # due Dec 24
    cp.acknowledge(branch, b.reference, actor=o, now=T(2026, 12, 21, 11))
    cp.start_handling(branch, b.reference, actor=o, now=T(2026, 12, 21, 11))
    cp.resolve_case(branch, b.reference, resolution="已处理", actor=o, now=T(2026, 12, 23, 10))
    _intake(branch, o, T(2026, 12, 28, 10), kind="suggestion", categories=[])  # due Jan 5, left open
    as_of = T(2027, 1, 20, 9)
    before = complaint_analysis(branch, month="2026-12", actor=o, now=as_of)
    # Only b is measured: a and the suggestion wait for their deadline.
    assert (before.timeliness.numerator, before.timeliness.denominator) == (1, 1)
    cp.set_calendar_override(branch, D(2027, 1, 1), kind="holiday", actor=SYSTEM, now=T(2027, 1, 20, 8))
    after = complaint_analysis(branch, month="2026-12", actor=o, now=as_of)
    # a answered Dec 30, before Jan 4: on time; the suggestion open past Jan 5: late.
    assert (after.timeliness.numerator, after.timeliness.denominator) == (2, 3)


def test_upgrading_a_0002_database_keeps_its_cases_and_allows_pending_deadlines(tmp_path):
    url = f"sqlite:///{tmp_path / 'branch-0002.sqlite3'}"
    old = Database(url)
    load_old_database(old, "complaint-case-0002.json")  # written by the 0002 release's own code
    kept_reference = "TS-20261123-0001"
    path = url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    notnull = {r[1]: r[3] for r in con.execute("PRAGMA table_info(complaints)")}
    con.close()
    assert (notnull["resolve_due"], notnull["regulatory_due"]) == (1, 1)
    old.dispose()

    db = open_database(url)
    try:
        assert current_revisions(db) == known_heads() == {"0011"}  # one line of migrations (issue 12), 0011 personal data
        con = sqlite3.connect(path)
        notnull = {r[1]: r[3] for r in con.execute("PRAGMA table_info(complaints)")}
        indexes = {r[1] for r in con.execute("PRAGMA index_list(complaints)")}
        con.close()
        assert (notnull["ack_due"], notnull["resolve_due"], notnull["regulatory_due"]) == (1, 0, 0)
        assert "ix_complaints_status_due" in indexes
        same = cp.get_complaint(db, kept_reference, actor=SYSTEM, now=T(2026, 11, 23, 11))
        assert (same.resolve_due, same.regulatory_due) == (T(2026, 11, 26, 17), T(2026, 12, 8, 17))
        pending = _intake(db, SYSTEM, T(2026, 12, 28, 17, 30))
        assert pending.reference == "TS-20261228-0001" and pending.resolve_due is None
    finally:
        db.dispose()


@pytest.mark.postgres
def test_upgrading_a_0002_postgresql_database_allows_pending_deadlines(pg_url):
    old = Database(pg_url)
    load_old_database(old, "complaint-case-0002.json")
    old.dispose()
    db = open_database(pg_url)
    try:
        assert current_revisions(db) == known_heads()
        same = cp.get_complaint(db, "TS-20261123-0001", actor=SYSTEM, now=T(2026, 11, 23, 11))
        assert same.resolve_due == T(2026, 11, 26, 17)
        pending = _intake(db, SYSTEM, T(2026, 12, 28, 17, 30))
        assert (pending.resolve_due, pending.regulatory_due) == (None, None)
        assert cp.set_calendar_override(db, D(2027, 1, 1), kind="holiday", actor=SYSTEM,
                                        now=T(2026, 12, 29, 9)) == 1
        assert cp.get_complaint(db, pending.reference, actor=SYSTEM,
                                now=T(2026, 12, 29, 9)).resolve_due == T(2027, 1, 4, 17)
    finally:
        db.dispose()


def test_cli_intake_and_receipt_in_the_gap(tmp_path):
    """The officer at the command line: the case is taken, the receipt prints."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "BRANCHDESK_DB": str(tmp_path / "b.sqlite3"),
           "BRANCHDESK_CONFIG": str(tmp_path / "settings.toml"), "BRANCHDESK_LOG_DIR": str(tmp_path / "logs")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], cwd=root, env=env, capture_output=True,
                              text=True, timeout=120)

    assert run("init").returncode == 0
    r = run("complaints", "intake", "--kind", "complaint", "--content", "排队太久",
            "--phone", "13812345678", "--at", "2026-12-28T17:30:00")
    assert r.returncode == 0, r.stderr
    assert "TS-20261228-0001 received" in r.stdout and "answer date pending" in r.stdout
    r = run("complaints", "print", "--ref", "TS-20261228-0001", "--at", "2026-12-28T17:35:00")
    assert r.returncode == 0, r.stderr
    db = open_database(env["BRANCHDESK_DB"])
    with db.read() as s:
        case = s.scalar(select(Complaint))
        assert case.print_state == "printed"  # the simulated printer took it
        assert case.resolve_due is None
    db.dispose()
