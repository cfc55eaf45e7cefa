"""Push: two branches into one head office, idempotent resends, a week of backlog,
and what personal data stays at the branch."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.complaints import acknowledge, intake_complaint
from app.staff.roles import SYSTEM
from app.store.models import Ticket
from app.store.models_complaints import Complaint
from app.store.feed import last_event_id
from app.sync import connection
from app.sync.push import push_batch, read_batch
from app.sync.state import read_cursor, save_pushed
from app.sync.status import sync_status
from app.sync.worker import SyncWorker
from tests.integration.sync.support import assert_in_step, busy_day

pytestmark = pytest.mark.postgres


def _local_figures(db, day: dt.date) -> tuple[int, int, float]:
    with db.read() as s:
        tickets = list(s.scalars(select(Ticket).where(Ticket.business_date == day)))
    waits = [(t.first_called_at - t.issued_at).total_seconds() / 60 for t in tickets if t.first_called_at]
    return len(tickets), sum(t.status == "done" for t in tickets), round(sum(waits) / len(waits), 2)


def test_two_branches_consolidate_to_the_figures_each_branch_computes(hq, branches, day):
    a, b = branches("BR001"), branches("BR002")
    busy_day(a.db, day, 24, seed=1)
    busy_day(b.db, day, 15, seed=2)
    for br in (a, b):
        report = SyncWorker(br.db, br.cfg).run_once()
        assert report.ok and report.backlog == 0
        assert_in_step(hq, br)
    rows = hq.rows(
        "SELECT branch_code, count(*), count(*) FILTER (WHERE status = 'done'), "
        "round(avg(extract(epoch FROM first_called_at - issued_at) / 60)::numeric, 2)::float8 "
        "FROM hq_tickets WHERE business_date = %s GROUP BY branch_code ORDER BY branch_code", (day,))
    assert rows == [(br.code, *_local_figures(br.db, day)) for br in (a, b)]


def test_a_branch_on_postgresql_pushes_the_same_way(hq, pg_server, tmp_path, day, at):
    from tests.integration.sync.support import new_branch

    a = new_branch(hq, None, "BR009", batch_size=9, now=at(8, 0), url=pg_server.url(pg_server.create_database()))
    try:
        busy_day(a.db, day, 10)
        assert SyncWorker(a.db, a.cfg).run_once().ok
        assert_in_step(hq, a)
    finally:
        a.db.dispose()


def test_same_batch_delivered_twice_changes_nothing(hq, branches, day):
    a = branches("BR001")
    busy_day(a.db, day, 10)
    batch = read_batch(a.db, 10_000)
    with connection.connect(a.cfg) as conn:
        push_batch(conn, a.code, batch)
        before = hq.rows("SELECT uuid, version, status, received_at FROM hq_tickets ORDER BY uuid")
        push_batch(conn, a.code, batch)  # the resend after a crash before the cursor was saved
    assert hq.rows("SELECT uuid, version, status, received_at FROM hq_tickets ORDER BY uuid") == before
    save_pushed(a.db, (batch.last_txid, batch.last_id), len(batch), dt.datetime.now())
    assert_in_step(hq, a)


def test_crash_after_head_office_commit_only_resends(hq, branches, day, monkeypatch):
    a = branches("BR001", batch_size=7)
    busy_day(a.db, day, 12)
    calls = {"n": 0}
    real = save_pushed

    def dies_on_third(*args, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("process killed")
        return real(*args, **kw)

    monkeypatch.setattr("app.sync.worker.save_pushed", dies_on_third)
    first = SyncWorker(a.db, a.cfg).run_once()
    assert not first.ok and sync_status(a.db).backlog > 0
    monkeypatch.setattr("app.sync.worker.save_pushed", real)
    assert SyncWorker(a.db, a.cfg).run_once().ok
    assert_in_step(hq, a)


def test_a_week_offline_catches_up_in_one_run(hq, branches, day):
    a = branches("BR001", batch_size=50)
    for d in range(7):
        busy_day(a.db, day - dt.timedelta(days=7 - d), 8, seed=d)
    waiting = sync_status(a.db).backlog
    report = SyncWorker(a.db, a.cfg).run_once()
    assert report.ok and report.pushed == waiting and report.batches >= waiting // 50
    assert read_cursor(a.db) == last_event_id(a.db)
    assert_in_step(hq, a)
    assert hq.one("SELECT count(DISTINCT business_date) FROM hq_tickets") == 7


def test_personal_data_stays_at_the_branch(hq, branches, at):
    a = branches("BR001")
    from app.queue import issue_ticket

    issue_ticket(a.db, service="A", customer_name="李四", customer_phone="13912345678",
                 need_note="换卡", actor=SYSTEM, now=at(9, 0))
    c = intake_complaint(a.db, kind="complaint", channel="counter", content="柜员态度差，李四 13912345678",
                         customer_name="李四", customer_phone="13912345678", actor=SYSTEM, now=at(9, 5))
    acknowledge(a.db, c.reference, note="已致电李四", actor=SYSTEM, now=at(9, 30))
    assert SyncWorker(a.db, a.cfg).run_once().ok
    dump = " ".join(str(r) for t in ("hq_tickets", "hq_events", "hq_complaints", "hq_complaint_log")
                    for r in hq.rows(f"SELECT * FROM {t}"))
    assert "李四" not in dump and "13912345678" not in dump and "态度" not in dump
    assert hq.rows("SELECT had_contact_details FROM hq_tickets") == [(True,)]
    with a.db.read() as s:
        version = s.scalar(select(Complaint.version))
    assert hq.rows("SELECT reference, status, version FROM hq_complaints") == [(c.reference, "acknowledged", version)]
    assert [r[0] for r in hq.rows("SELECT action FROM hq_complaint_log ORDER BY at")] == ["intake", "acknowledge"]
