"""The head-office report against the branches' own reports: three branches
with different days push to a real PostgreSQL head office; the summaries the
triggers keep give the figures each branch's range report gives (the 90th
percentile within one histogram bucket), read by a role that can read every
branch and write nothing."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

import app.complaints as cp
import app.queue as q
from app.complaints.analysis import complaint_analysis
from app.hq.admin import add_reader
from app.hq.report import OVERFLOW_BUCKET, build_hq_report, full_months
from app.reports.range_report import build_range
from app.staff.roles import SYSTEM
from app.sync.config import _libpq_url
from app.sync.hq import add_branch
from app.sync.worker import SyncWorker
from tests.integration.reports.scripted_day import play_day as scripted_day
from tests.integration.sync.conftest import branches, hq  # noqa: F401 (fixtures)
from tests.integration.sync.support import busy_day

pytestmark = pytest.mark.postgres
NOW = dt.datetime(2026, 12, 1, 9, 0)
D = dt.date


def push(b) -> None:  # type: ignore[no-untyped-def]
    report = SyncWorker(b.db, b.cfg).run_once()
    assert report.ok and report.backlog == 0, report.error


def long_wait_day(db, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    """Customers who wait for hours, some never called until the day closes."""
    at = lambda h, m=0: dt.datetime.combine(day, dt.time(h, m))  # noqa: E731
    q.open_window(db, window=1, actor=SYSTEM, now=at(9))
    for i in range(8):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 5 * i))
    for i in range(4):
        q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(10 + i, 7 * i))
    q.finish(db, window=1, actor=SYSTEM, now=at(13, 40))
    t = q.call_next(db, window=1, actor=SYSTEM, now=at(14, 0))
    q.finish(db, window=1, actor=SYSTEM, now=at(14, 5))
    q.rate_ticket(db, t.number, rating=4, actor=SYSTEM, now=at(14, 6))
    q.end_of_day(db, day=day, actor=SYSTEM, now=at(18))


def complaints(db, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    at = lambda h, m=0: dt.datetime.combine(day, dt.time(h, m))  # noqa: E731
    one = cp.intake_complaint(db, kind="complaint", channel="counter", content="等太久", customer_phone="13800138000",
                              actor=SYSTEM, now=at(9))
    cp.acknowledge(db, one.reference, note="", actor=SYSTEM, now=at(9, 30))
    cp.start_handling(db, one.reference, actor=SYSTEM, now=at(11, 30))
    cp.resolve_case(db, one.reference, resolution="已道歉", actor=SYSTEM, now=at(15))
    cp.notify_customer(db, one.reference, method="phone", actor=SYSTEM, now=at(15, 30))
    cp.close_case(db, one.reference, satisfaction=5, note="", actor=SYSTEM, now=at(16))
    idea = cp.intake_complaint(db, kind="suggestion", channel="counter", content="多开窗口", actor=SYSTEM, now=at(10))
    cp.acknowledge(db, idea.reference, note="", actor=SYSTEM, now=at(10, 30))
    cp.start_handling(db, idea.reference, actor=SYSTEM, now=at(11, 30))
    cp.resolve_case(db, idea.reference, resolution="采纳", actor=SYSTEM, now=at(15))
    cp.notify_customer(db, idea.reference, method="phone", actor=SYSTEM, now=at(15, 30))
    cp.close_case(db, idea.reference, satisfaction=3, adopted=True, note="", actor=SYSTEM, now=at(16))
    cp.intake_complaint(db, kind="complaint", channel="phone", content="没人接", customer_phone="13900139000",
                        actor=SYSTEM, now=at(11))  # still open, not yet due on 12-01


@pytest.fixture
def three(hq, branches):  # noqa: F811
    add_branch(hq.admin_url, "BR001", region="华东")
    add_branch(hq.admin_url, "BR002", region="华东")
    add_branch(hq.admin_url, "BR003", region="华北")
    a, b, c = branches("BR001"), branches("BR002"), branches("BR003")
    busy_day(a.db, D(2026, 10, 30), 24, seed=1)
    q.end_of_day(a.db, day=D(2026, 10, 30), actor=SYSTEM, now=dt.datetime(2026, 10, 30, 18))
    busy_day(a.db, D(2026, 11, 23), 30, seed=3)
    complaints(a.db, D(2026, 11, 23))
    q.end_of_day(a.db, day=D(2026, 11, 23), actor=SYSTEM, now=dt.datetime(2026, 11, 23, 18))
    long_wait_day(b.db, D(2026, 11, 2))
    busy_day(b.db, D(2026, 11, 24), 15, seed=2)
    q.end_of_day(b.db, day=D(2026, 11, 24), actor=SYSTEM, now=dt.datetime(2026, 11, 24, 18))
    scripted_day(c.db)
    for br in (a, b):
        push(br)  # BR003 pushes later: its summaries arrive with its push
    return hq, (a, b, c)


def reader_url(hq) -> str:  # type: ignore[no-untyped-def]
    role = f"{hq.dbname}_viewer"  # roles belong to the whole server: one name per head-office database
    add_reader(hq.admin_url, role, password="viewer-pw")
    return f"postgresql://{role}:viewer-pw@{hq.host}:{hq.port}/{hq.dbname}"


def compare(branch_db, row, start: dt.date, end: dt.date) -> None:  # type: ignore[no-untyped-def]
    own = build_range(branch_db, start, end, now=NOW, with_staffing=False).summary
    assert (row.issued, row.served, row.in_progress) == (own.issued, own.served, own.in_progress)
    assert (row.wait_avg_min, row.within_target_pct, row.waited) == (own.wait.average_min, own.within_target_pct,
                                                                       own.waited)
    assert (row.never_called, row.rating_avg, row.rating_count) == (own.never_called, own.rating_avg,
                                                                      own.rating_count)
    if own.wait.p90_min is None:
        assert row.wait_p90_min is None
    elif row.wait_p90_min == OVERFLOW_BUCKET:  # the histogram's last bucket: more than 240 minutes
        assert own.wait.p90_min > 240
    else:  # the upper end of the 1-minute bucket that holds the branch's own 90th percentile
        assert row.wait_p90_min - 1 < own.wait.p90_min <= row.wait_p90_min + 0.05


def test_the_report_agrees_with_each_branchs_own_report(three):
    hq, (a, b, c) = three
    push(c)
    url = reader_url(hq)
    for start, end in ((D(2026, 10, 15), D(2026, 11, 24)), (D(2026, 10, 1), D(2026, 11, 30))):
        report = build_hq_report(url, start, end, as_of=NOW)
        rows = {r.code: r for r in report.branches}
        for br in (a, b, c):
            compare(br.db, rows[br.code], start, end)
        assert report.total.issued == sum(r.issued for r in rows.values())
    assert full_months(D(2026, 10, 1), D(2026, 11, 30)) == [D(2026, 10, 1), D(2026, 11, 1)]
    # Complaints as the branch's own analysis of November counts them.
    nov = build_hq_report(url, D(2026, 11, 1), D(2026, 11, 30), as_of=NOW)
    row = next(r for r in nov.branches if r.code == "BR001")
    own = complaint_analysis(a.db, month="2026-11", actor=SYSTEM, now=NOW)
    assert (row.complaints_received, row.complaints_handled) == (own.received, own.handling.numerator)
    assert row.handling_pct == round(100 * own.handling.value, 1)
    assert row.timely_pct == round(100 * own.timeliness.value, 1)
    assert row.satisfaction_pct == round(100 * own.satisfaction.value, 1)
    assert row.adoption_pct == 100.0
    assert "handling" in row.missed  # 2 of 3 closed: under the 95 % goal


def test_ranking_regions_and_missed_targets(three):
    hq, (a, b, c) = three
    url = reader_url(hq)
    report = build_hq_report(url, D(2026, 11, 1), D(2026, 11, 30), as_of=NOW)
    ranked = [(r.rank, r.code) for r in report.branches]
    assert [code for _, code in ranked] == sorted(
        (r.code for r in report.branches),
        key=lambda code: -next(x.within_target_pct or -1 for x in report.branches if x.code == code))
    assert ranked[-1] == (None, "BR003")  # not pushed yet: no figures, no rank
    long_waits = next(r for r in report.branches if r.code == "BR002")
    assert "within_target" in long_waits.missed
    east = build_hq_report(url, D(2026, 11, 1), D(2026, 11, 30), region="华东", as_of=NOW)
    assert {r.code for r in east.branches} == {"BR001", "BR002"}
    assert len(report.trend) == 30 and sum(p.issued for p in report.trend) == report.total.issued


def test_summaries_follow_each_push_and_the_reader_cannot_write(three):
    hq, (a, b, c) = three
    url = reader_url(hq)
    before = build_hq_report(url, D(2026, 11, 23), D(2026, 11, 23), as_of=NOW)
    assert "BR003" not in {r.code for r in before.branches if r.issued}
    push(c)
    after = build_hq_report(url, D(2026, 11, 23), D(2026, 11, 23), as_of=NOW)
    row = next(r for r in after.branches if r.code == "BR003")
    assert row.issued == 6 and row.served == 3  # the scripted day: A001, B001 and A002 served
    with psycopg.connect(_libpq_url(url), autocommit=True) as conn:
        for statement in ("UPDATE hq_day_summaries SET issued = 0",
                          "DELETE FROM hq_tickets",
                          "INSERT INTO hq_branches (code, role_name) VALUES ('X1', 'x1')"):
            with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)):
                conn.execute(statement)
        conn.execute("SET default_transaction_read_only = off")  # a session can lift the guard...
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # ...but the role still has no right to write
            conn.execute("UPDATE hq_day_summaries SET issued = 0")
        assert conn.execute("SELECT count(DISTINCT branch_code) FROM hq_tickets").fetchone()[0] == 3
