"""Personal data is encrypted at rest: the raw SQLite file and its WAL hold
none of it, on PostgreSQL the columns hold ciphertext, an older release's
clear data is encrypted on upgrade, and only the audited views decrypt."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text

import app.complaints as cp
import app.queue as q
from app.privacy.keys import KeyUnavailable
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.models import DataAccess, Ticket
from tests.integration.privacy.privacy_support import (
    ANSWER, C_EMAIL, C_NAME, C_PHONE, CONTENT, NAME, NEED, NOTE, PHONE, REASON, SECRETS, actor, file_bytes, leaked,
    make_branch, personal_day, sqlite_files,
)
from tests.support.old_data import load_old_database


@pytest.fixture
def branch(sqlite_url, at):
    db = make_branch(sqlite_url, at(8, 0))
    yield db
    db.dispose()


def test_the_file_and_its_wal_hold_no_personal_value_and_the_audited_views_decrypt(branch, sqlite_url, at):
    ticket_uuid, ref = personal_day(branch, at(9))
    db_file, wal = sqlite_files(sqlite_url)
    assert wal.stat().st_size > 0  # the connection is open: recent pages are in the WAL
    assert leaked(file_bytes(db_file, wal)) == []

    # Lists and screens show the stored masked forms, without opening anything.
    t = q.get_ticket(branch, ticket_uuid)
    assert (t.customer_name_masked, t.customer_phone_masked, t.has_personal_data) == ("欧***", "*******8765", True)
    case = cp.get_complaint(branch, ref, actor=actor(branch, "officer"), now=at(10))
    assert (case.customer_name_masked, case.contact_masked) == ("司***", "*******1234")

    p = q.ticket_personal_data(branch, ticket_uuid, purpose="callback", actor=actor(branch, "teller1"), now=at(10))
    assert (p.customer_name, p.customer_phone, p.need_note) == (NAME, PHONE, NEED)
    d = cp.complaint_detail(branch, ref, purpose="follow-up", actor=actor(branch, "boss"), now=at(10))
    assert (d.customer_name, d.customer_phone, d.customer_email, d.content, d.resolution, d.extension_reason) == (
        C_NAME, C_PHONE, C_EMAIL, CONTENT, ANSWER, REASON)
    assert NOTE in [e.note for e in d.log]
    with branch.read() as s:
        opened = [(r.username, r.action, r.subject, r.purpose) for r in s.scalars(select(DataAccess))]
    assert opened == [("teller1", "view", "ticket", "callback"), ("boss", "view", "complaint", "follow-up")]
    branch.dispose()
    assert leaked(file_bytes(db_file, wal)) == []


def test_each_ciphertext_names_its_key_version_and_opens_only_in_its_own_row_and_field(branch, at):
    first = q.issue_ticket(branch, service="A", customer_name=NAME, actor=SYSTEM, now=at(9)).ticket
    second = q.issue_ticket(branch, service="A", customer_name="另一位客户", actor=SYSTEM, now=at(9, 1)).ticket
    with branch.write() as s:
        a, b = (s.get(Ticket, x.id) for x in (first, second))
        assert a.customer_name.startswith("k1:") and a.customer_name != b.customer_name
        b.customer_name = a.customer_name  # someone copies a ciphertext into another row
        b.need_note = a.customer_name  # or another field
    assert q.ticket_personal_data(branch, first.id, purpose="x", actor=SYSTEM, now=at(10)).customer_name == NAME
    with pytest.raises(KeyUnavailable, match="cannot be decrypted"):
        q.ticket_personal_data(branch, second.id, purpose="x", actor=SYSTEM, now=at(10))


def test_a_phone_finds_its_complaint_through_the_keyed_hash(branch, at):
    _, ref = personal_day(branch, at(9))
    officer = actor(branch, "officer")
    for typed in (C_PHONE, "136 9876 1234", "+86 136-9876-1234"):
        assert [c.reference for c in cp.list_complaints(branch, actor=officer, now=at(10), search=typed)] == [ref]
    assert cp.list_complaints(branch, actor=officer, now=at(10), search="13698761235") == []
    assert [c.reference for c in cp.list_complaints(branch, actor=officer, now=at(10), search="司")] == [ref]


def test_a_pc_without_the_key_keeps_working_masked_and_says_why_it_cannot_decrypt(branch, at, tmp_path,
                                                                                    monkeypatch):
    ticket_uuid, ref = personal_day(branch, at(9))
    monkeypatch.setenv("BRANCHDESK_KEY_DIR", str(tmp_path / "another-pc"))
    assert q.get_ticket(branch, ticket_uuid).customer_name_masked == "欧***"
    assert q.issue_ticket(branch, service="A", actor=SYSTEM, now=at(9, 30)).ticket.number == "A002"
    assert [c.reference for c in cp.list_complaints(branch, actor=actor(branch, "officer"), now=at(10))] == [ref]
    message = ("This PC does not have the branch's data key (version 1): import the key exported from the "
               "branch with 'branchdesk privacy import-key FILE'.")
    with pytest.raises(KeyUnavailable) as exc:
        q.ticket_personal_data(branch, ticket_uuid, purpose="x", actor=SYSTEM, now=at(10))
    assert exc.value.message == message
    with pytest.raises(KeyUnavailable):
        q.issue_ticket(branch, service="A", customer_phone=PHONE, actor=SYSTEM, now=at(10))
    with pytest.raises(KeyUnavailable):
        cp.complaint_detail(branch, ref, actor=SYSTEM, now=at(10))


def test_an_older_release_s_clear_data_is_encrypted_on_upgrade_and_left_nowhere_in_the_file(sqlite_url, at):
    old = Database(sqlite_url)
    load_old_database(old, "day-of-work-0001.json")  # tickets with 王小明 / 13800138000, written in clear
    old.dispose()
    db_file, wal = sqlite_files(sqlite_url)
    assert leaked(file_bytes(db_file, wal), ("王小明", "13800138000")) == ["王小明", "13800138000"]

    db = open_database(sqlite_url)
    try:
        assert leaked(file_bytes(db_file, wal), ("王小明", "13800138000")) == []
        with db.read() as s:
            row = s.execute(select(Ticket.id, Ticket.customer_name, Ticket.customer_name_masked,
                                   Ticket.customer_phone_masked).where(Ticket.customer_name.is_not(None))
                            .limit(1)).one()
        assert row.customer_name.startswith("k1:") and (row[2], row[3]) == ("王**", "*******8000")
        p = q.ticket_personal_data(db, row.id, purpose="upgrade check", actor=SYSTEM, now=at(17))
        assert (p.customer_name, p.customer_phone) == ("王小明", "13800138000")
    finally:
        db.dispose()
    con = sqlite3.connect(db_file)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


@pytest.mark.postgres
def test_on_postgresql_the_columns_hold_only_ciphertext(pg_url, at):
    db = make_branch(pg_url, at(8, 0))
    try:
        ticket_uuid, ref = personal_day(db, at(9))
        with db.read() as s:
            dump = "\n".join(str(r) for table in ("tickets", "complaints", "complaint_log", "events")
                             for r in s.execute(text(f"SELECT * FROM {table}")))
        assert leaked(dump.encode()) == []
        d = cp.complaint_detail(db, ref, actor=SYSTEM, now=at(10))
        assert (d.customer_name, d.content) == (C_NAME, CONTENT)
        assert q.ticket_personal_data(db, ticket_uuid, purpose="x", actor=SYSTEM, now=at(10)).need_note == NEED
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_postgresql_branch_with_clear_complaints_is_encrypted_on_upgrade(pg_url, at):
    old = Database(pg_url)
    load_old_database(old, "complaint-case-0002.json")
    old.dispose()
    db = open_database(pg_url)
    try:
        with db.read() as s:
            dump = "\n".join(str(r) for r in s.execute(text("SELECT * FROM complaints")))
        assert leaked(dump.encode(), ("王小明", "13912345678", "年底排队太久")) == []
        ref = cp.list_complaints(db, actor=SYSTEM, now=at(10))[0].reference
        d = cp.complaint_detail(db, ref, actor=SYSTEM, now=at(10))
        assert (d.customer_name, d.customer_phone, d.content) == ("王小明", "13912345678", "年底排队太久")
    finally:
        db.dispose()


def test_secrets_are_all_distinct_values():
    assert len(set(SECRETS)) == len(SECRETS)


def test_migration_0011_down_and_up_again_keeps_the_personal_data(branch, at):
    from alembic import command

    from app.store.migrate import alembic_config, current_revisions, known_heads

    ticket_uuid, ref = personal_day(branch, at(9))
    cfg = alembic_config()
    with branch.engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    with branch.read() as s:  # as the 0010 release stores them
        assert s.execute(text("SELECT customer_name, need_note FROM tickets")).one() == (NAME, NEED)
    branch.dispose()
    db = open_database(branch.url)
    try:
        assert current_revisions(db) == known_heads()  # up again to the newest
        assert q.ticket_personal_data(db, ticket_uuid, purpose="x", actor=SYSTEM, now=at(10)).need_note == NEED
        assert cp.complaint_detail(db, ref, actor=SYSTEM, now=at(10)).resolution == ANSWER
    finally:
        db.dispose()
