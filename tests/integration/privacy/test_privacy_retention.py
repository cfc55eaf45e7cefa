"""Erasure after the retention periods and on a customer's request: the
personal data goes, the figures stay, each run is recorded, old backups and
the keys only they needed go too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

import app.complaints as cp
import app.queue as q
from app.complaints.analysis import complaint_analysis
from app.errors import InvalidInput, NotPermitted
from app.events import EventType
from app.privacy.retention import erase_customer, purge
from app.queue.views import to_jsonable
from app.reports.daily import build_daily
from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Ticket
from tests.integration.core_support import cli
from tests.integration.privacy.privacy_support import (
    C_PHONE, NAME, NOTE, PHONE, actor, file_bytes, leaked, make_branch, personal_day, sqlite_files,
)

D = dt.datetime


@pytest.fixture
def branch(sqlite_url, at):
    db = make_branch(sqlite_url, at(8, 0))
    yield db
    db.dispose()


def _served_day(db, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    t0 = D.combine(day, dt.time(9))
    q.open_window(db, window=1, actor=SYSTEM, now=t0)
    for i in range(3):
        q.issue_ticket(db, service="A", customer_name=f"{NAME}{i}", customer_phone=PHONE, need_note="开户",
                       actor=SYSTEM, now=t0 + dt.timedelta(minutes=i))
    for i in range(3):
        q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=t0 + dt.timedelta(minutes=10 + 5 * i))
    q.finish(db, window=1, actor=SYSTEM, now=t0 + dt.timedelta(minutes=30))
    q.end_of_day(db, actor=SYSTEM, now=t0 + dt.timedelta(hours=9))


def _report(db, day: dt.date, now: D) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = to_jsonable(build_daily(db, day, now=now))
    r.pop("generated_at", None)
    return r


def _purged_events(db) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with db.read() as s:
        return list(s.scalars(select(Event.payload).where(Event.type == EventType.PERSONAL_DATA_PURGED)
                              .order_by(Event.id)))


def test_a_ticket_s_personal_data_goes_30_days_after_its_business_day_and_the_report_stays(branch, day, sqlite_url):
    _served_day(branch, day)
    report_before = _report(branch, day, D(2026, 11, 30, 9))
    boss = actor(branch, "boss")

    r = purge(branch, actor=boss, now=D(2026, 12, 22, 23, 0), backup_folder=None)  # day + 29
    assert (r.tickets, r.ticket_cutoff) == (0, dt.date(2026, 11, 22))
    r = purge(branch, actor=boss, now=D(2026, 12, 23, 0, 5), backup_folder=None)  # day + 30
    assert (r.tickets, r.ticket_cutoff) == (3, day)
    with branch.read() as s:
        rows = s.execute(select(Ticket.customer_name, Ticket.customer_phone, Ticket.need_note,
                                Ticket.customer_name_masked, Ticket.phone_index, Ticket.personal_erased_at)).all()
    assert rows == [(None, None, None, None, None, D(2026, 12, 23, 0, 5))] * 3
    p = q.ticket_personal_data(branch, 1, purpose="x", actor=SYSTEM, now=D(2026, 12, 23, 9))
    assert (p.customer_name, p.erased_at) == (None, D(2026, 12, 23, 0, 5))
    assert _report(branch, day, D(2026, 12, 23, 9)) == report_before  # the figures stay
    events = _purged_events(branch)
    assert [(e["how"], e["tickets"], e["complaints"], e["ticket_cutoff"]) for e in events] == [
        ("command", 0, 0, "2026-11-22"), ("command", 3, 0, "2026-11-23")]
    branch.dispose()
    assert leaked(file_bytes(*sqlite_files(sqlite_url)), (f"{NAME}0", PHONE)) == []


def test_a_closed_case_keeps_its_data_for_its_own_period_and_the_analysis_stays(branch, at):
    _, ref = personal_day(branch, at(9))
    officer = actor(branch, "officer")
    cp.notify_customer(branch, ref, method="phone", actor=officer, now=at(11))
    closed = cp.close_case(branch, ref, satisfaction=4, actor=officer, now=at(12)).closed_at
    analysis = to_jsonable(complaint_analysis(branch, month="2026-11", actor=SYSTEM, now=D(2029, 12, 1)))
    boss = actor(branch, "boss")

    assert purge(branch, actor=boss, now=closed + dt.timedelta(days=1094), backup_folder=None).complaints == 0
    assert cp.complaint_detail(branch, ref, actor=SYSTEM, now=D(2029, 11, 21)).customer_phone == C_PHONE
    assert purge(branch, actor=boss, now=closed + dt.timedelta(days=1095), backup_folder=None).complaints == 1
    d = cp.complaint_detail(branch, ref, actor=SYSTEM, now=D(2029, 11, 23))
    assert (d.customer_name, d.customer_phone, d.customer_email, d.content, d.resolution, d.extension_reason) == (
        None, None, None, "", None, None)
    assert d.erased_at == closed + dt.timedelta(days=1095)
    assert NOTE not in [e.note for e in d.log] and {e.action for e in d.log} >= {"intake", "close"}
    assert (d.summary.customer_name_masked, d.summary.contact_masked, d.summary.satisfaction) == (None, None, 4)
    assert to_jsonable(complaint_analysis(branch, month="2026-11", actor=SYSTEM, now=D(2029, 12, 1))) == analysis


def test_an_open_case_is_never_erased_by_retention(branch, at):
    _, ref = personal_day(branch, at(9))
    purge(branch, actor=SYSTEM, now=D(2036, 1, 1), backup_folder=None)
    assert cp.complaint_detail(branch, ref, actor=SYSTEM, now=D(2036, 1, 1)).customer_phone == C_PHONE


def test_the_retention_periods_are_settings_with_ranges(branch, day):
    _served_day(branch, day)
    change_settings(branch, {"privacy.ticket_retention_days": 7}, actor=SYSTEM, now=D(2026, 11, 24))
    assert purge(branch, actor=SYSTEM, now=D(2026, 11, 30, 9), backup_folder=None).tickets == 3
    for key, bad in (("privacy.ticket_retention_days", 0), ("privacy.ticket_retention_days", 366),
                     ("privacy.complaint_retention_days", 29), ("privacy.complaint_retention_days", float("nan"))):
        with pytest.raises(InvalidInput) as exc:
            change_settings(branch, {key: bad}, actor=SYSTEM, now=D(2026, 11, 24))
        assert exc.value.message.startswith(f"Setting {key} must be")
    with pytest.raises(NotPermitted):
        purge(branch, actor=actor(branch, "teller1"), now=D(2026, 11, 30), backup_folder=None)


def test_backups_older_than_the_retention_period_are_deleted_and_so_is_a_key_only_they_needed(
        branch, sqlite_url, tmp_path, day):
    from app.ops.backup import backup_database
    from app.privacy.rotation import key_status, rotate_key

    _served_day(branch, day)
    folder = tmp_path / "backups"
    for name in ("branchdesk-daily-20261101", "branchdesk-20261120-101500", "before-restore-20261122-080000"):
        backup_database(sqlite_url, folder / f"{name}.backup")
    (folder / "branchdesk-daily-20261001.sqlite3").write_bytes(b"SQLite format 3\x00 plain copy, older release")
    rotate_key(branch, actor=SYSTEM, now=D(2026, 11, 24, 9))  # the backups above need version 1
    backup_database(sqlite_url, folder / "branchdesk-daily-20261124.backup")

    r = purge(branch, actor=SYSTEM, now=D(2026, 12, 5, 9), backup_folder=folder)  # 30 days: before 11-05
    assert (r.backups, r.keys_destroyed) == (2, ())
    assert sorted(p.name for p in folder.iterdir()) == [
        "before-restore-20261122-080000.backup", "branchdesk-20261120-101500.backup",
        "branchdesk-daily-20261124.backup"]
    r = purge(branch, actor=SYSTEM, now=D(2026, 12, 23, 9), backup_folder=folder)
    assert (r.backups, r.keys_destroyed) == (2, (1,))
    assert [k.state for k in key_status(branch)] == ["destroyed", "current"]


def test_a_customer_s_request_erases_their_tickets_and_closed_cases_and_is_recorded(tmp_path, at):
    db_file = tmp_path / "branch.sqlite3"
    db = make_branch(f"sqlite:///{db_file}", at(8))
    try:
        q.issue_ticket(db, service="A", customer_name=NAME, customer_phone=PHONE, actor=SYSTEM, now=at(9))
        q.issue_ticket(db, service="A", customer_name="另一位", customer_phone="13500001111", actor=SYSTEM,
                       now=at(9, 1))
        officer = actor(db, "officer")
        kept = cp.intake_complaint(db, kind="complaint", channel="phone", content="还在处理的投诉",
                                   customer_phone=PHONE, actor=officer, now=at(9, 5))
        done = cp.intake_complaint(db, kind="suggestion", channel="counter", content="已处理的建议",
                                   customer_phone=f"+86 {PHONE}", actor=officer, now=at(9, 6))
        for step in (lambda: cp.acknowledge(db, done.reference, actor=officer, now=at(9, 7)),
                     lambda: cp.start_handling(db, done.reference, actor=officer, now=at(9, 8)),
                     lambda: cp.resolve_case(db, done.reference, resolution="采纳", actor=officer, now=at(9, 9)),
                     lambda: cp.notify_customer(db, done.reference, method="sms", actor=officer, now=at(9, 10)),
                     lambda: cp.close_case(db, done.reference, satisfaction=5, adopted=True, actor=officer,
                                           now=at(9, 11))):
            step()
    finally:
        db.dispose()
    env = {"BRANCHDESK_DB": str(db_file)}
    r = cli("privacy", "erase", "--phone", "139-1234-8765", "--user", "greeter1", env=env)
    assert (r.returncode, r.stderr.strip()) == (1, "branchdesk: greeter1 is not allowed to do this (privacy.erase).")
    r = cli("privacy", "erase", "--phone", "139-1234-8765", "--user", "boss", "--at", "2026-11-23T12:00:00", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ("Erased the personal data of 1 tickets and 1 closed cases. "
                                "1 open cases keep it until they are closed.")
    db = open_database(f"sqlite:///{db_file}")
    try:
        assert q.ticket_personal_data(db, 1, purpose="x", actor=SYSTEM, now=at(13)).customer_name is None
        assert q.ticket_personal_data(db, 2, purpose="x", actor=SYSTEM, now=at(13)).customer_name == "另一位"
        assert cp.complaint_detail(db, kept.reference, actor=SYSTEM, now=at(13)).customer_phone == PHONE
        assert cp.complaint_detail(db, done.reference, actor=SYSTEM, now=at(13)).content == ""
        with db.read() as s:
            ev = s.execute(select(Event.payload, Event.staff_id).where(
                Event.type == EventType.PERSONAL_DATA_ERASED)).one()
        assert ev.payload == {"tickets": 1, "complaints": 1, "complaints_open": 1} and ev.staff_id is not None
    finally:
        db.dispose()
    r = cli("privacy", "log", "--action", "erase", "--json", env=env)
    assert [(e["username"], e["outcome"]) for e in json.loads(r.stdout)] == [("boss", "ok"), ("greeter1", "refused")]
    assert PHONE not in Path(db_file).read_bytes().decode("latin-1")


def test_the_daily_job_purges_then_backs_up(branch, sqlite_url, tmp_path, day):
    from app.ops.startup import daily_jobs

    _served_day(branch, day)
    folder = tmp_path / "backups"
    daily_jobs(sqlite_url, D(2026, 12, 23, 7, 0), {"backup.keep": 14, "backup.folder": str(folder)})
    assert [(e["how"], e["tickets"]) for e in _purged_events(branch)] == [("daily", 3)]
    assert [p.name for p in folder.iterdir()] == ["branchdesk-daily-20261223.backup"]
