"""Backups are encrypted with the branch's data key; a restore on another PC
needs the exported key; the key travels only passphrase-wrapped; rotation
re-encrypts every row while the branch keeps working; backup and restore need
their roles and are recorded."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

import app.complaints as cp
import app.queue as q
from app.errors import NotPermitted
from app.ops.backup import BackupError, backup_database, restore_database
from app.privacy.keys import KeyUnavailable
from app.privacy.rotation import key_status, prune_keys, rotate_key, stale_rows
from app.privacy.transfer import KeyFileError, export_keys, import_keys
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import DataAccess, Ticket
from tests.integration.core_support import cli
from tests.integration.privacy.privacy_support import (
    C_NAME, CONTENT, NAME, NEED, PHONE, actor, file_bytes, leaked, make_branch, personal_day, sqlite_files,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def branch(sqlite_url, at):
    db = make_branch(sqlite_url, at(8, 0))
    yield db
    db.dispose()


def test_a_backup_is_encrypted_and_holds_no_personal_value(branch, sqlite_url, tmp_path, at):
    personal_day(branch, at(9))
    r = backup_database(sqlite_url, tmp_path / "b.backup")
    data = Path(r.path).read_bytes()
    assert not data.startswith(b"SQLite format 3") and r.key_version == 1 and r.tickets == 1
    assert leaked(data) == []
    # nothing readable is left beside it (the plain copy is deleted)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".", "b."))) == ["b.backup"]


def test_restore_on_another_pc_needs_the_exported_key(branch, sqlite_url, tmp_path, at, monkeypatch):
    ticket_uuid, ref = personal_day(branch, at(9))
    backup = Path(backup_database(sqlite_url, tmp_path / "b.backup").path)
    export = export_keys(branch, tmp_path / "branch.key", PASSPHRASE, actor=SYSTEM, now=at(9, 30))
    assert export.versions == (1,) and (Path(export.path).stat().st_mode & 0o777) == 0o600
    assert leaked(Path(export.path).read_bytes()) == [] and b"key_id" not in Path(export.path).read_bytes()

    # Another PC: its own key folder, a fresh database.
    monkeypatch.setenv("BRANCHDESK_KEY_DIR", str(tmp_path / "pc2-keys"))
    other = f"sqlite:///{tmp_path / 'pc2.sqlite3'}"
    fresh = open_database(other)
    q.init_catalogue(fresh, actor=SYSTEM, now=at(8))
    fresh.dispose()
    with pytest.raises(KeyUnavailable) as exc:
        restore_database(other, backup, now=at(10), safety_dir=tmp_path / "pc2-safety")
    assert exc.value.message == (
        "The backup b.backup is encrypted with the branch's data key (version 1), which this PC does not have: "
        "import the key exported from the branch with 'branchdesk privacy import-key FILE' and restore again.")
    con = sqlite3.connect(tmp_path / "pc2.sqlite3")
    assert con.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0  # unchanged
    con.close()

    with pytest.raises(KeyFileError, match="passphrase does not open"):
        import_keys(Path(export.path), "not the passphrase", actor=SYSTEM)
    assert import_keys(Path(export.path), PASSPHRASE, actor=SYSTEM).versions == (1,)
    restore_database(other, backup, now=at(10), safety_dir=tmp_path / "pc2-safety")
    db = open_database(other)
    try:
        p = q.ticket_personal_data(db, ticket_uuid, purpose="restore check", actor=SYSTEM, now=at(10, 5))
        assert (p.customer_name, p.need_note) == (NAME, NEED)
        assert cp.complaint_detail(db, ref, actor=SYSTEM, now=at(10, 5)).content == CONTENT
    finally:
        db.dispose()


def test_a_key_export_of_another_branch_is_refused(branch, tmp_path, at, sqlite_url, monkeypatch):
    personal_day(branch, at(9))
    monkeypatch.setenv("BRANCHDESK_KEY_DIR", str(tmp_path / "elsewhere"))
    other = make_branch(f"sqlite:///{tmp_path / 'other.sqlite3'}", at(8))
    try:
        q.issue_ticket(other, service="A", customer_name="别的支行客户", actor=SYSTEM, now=at(9))
        foreign = export_keys(other, tmp_path / "other.key", PASSPHRASE, actor=SYSTEM)
    finally:
        other.dispose()
    with pytest.raises(KeyFileError, match="belong to another database"):
        import_keys(Path(foreign.path), PASSPHRASE, db=branch, actor=SYSTEM)
    with pytest.raises(Exception, match="at least 12 characters"):
        export_keys(branch, tmp_path / "short.key", "short", actor=SYSTEM)
    with pytest.raises(NotPermitted):
        export_keys(branch, tmp_path / "x.key", PASSPHRASE, actor=actor(branch, "boss"))


def test_rotation_reencrypts_every_row_while_the_branch_keeps_issuing(branch, at, tmp_path, sqlite_url):
    for i in range(40):
        q.issue_ticket(branch, service="A", customer_name=f"客户{i:03d}", customer_phone=f"1391234{i:04d}",
                       actor=SYSTEM, now=at(9, i))
    _, ref = personal_day(branch, at(10))
    old_backup = backup_database(sqlite_url, tmp_path / "backups" / "branchdesk-daily-20261123.backup")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:  # between batches: the greeter keeps issuing
        seen.append((done, total))
        q.issue_ticket(branch, service="B", customer_name="轮换期间的客户", actor=SYSTEM, now=at(11, len(seen)))

    r = rotate_key(branch, actor=SYSTEM, now=at(11), batch=7, progress=progress)
    # 41 tickets, one case, and its three log rows with a person's note (acknowledge, extend, resolve)
    assert r.version == 2 and r.rows == 45
    assert seen[0] == (0, 45) and seen[-1] == (45, 45) and len(seen) > 5
    assert stale_rows(branch) == 0
    with branch.read() as s:
        sealed = list(s.scalars(select(Ticket.customer_name).where(Ticket.customer_name.is_not(None))))
    assert sealed and all(v.startswith("k2:") for v in sealed)
    assert [k.state for k in key_status(branch)] == ["retired", "current"]
    p = q.ticket_personal_data(branch, 5, purpose="after rotation", actor=SYSTEM, now=at(12))
    assert (p.customer_name, p.customer_phone) == ("客户004", "13912340004")
    assert cp.complaint_detail(branch, ref, actor=SYSTEM, now=at(12)).customer_name == C_NAME
    assert [c.reference for c in cp.list_complaints(branch, actor=SYSTEM, now=at(12), search="13698761234")] == [ref]

    # Version 1 stays while a kept backup needs it, and goes with that backup.
    folder = Path(old_backup.path).parent
    assert prune_keys(branch, folder, now=at(12)) == ()
    stray = tmp_path / "stray-copy.backup"  # a copy somebody kept elsewhere
    stray.write_bytes(Path(old_backup.path).read_bytes())
    Path(old_backup.path).unlink()
    assert prune_keys(branch, folder, now=at(12)) == (1,)
    assert [k.state for k in key_status(branch)] == ["destroyed", "current"]
    with pytest.raises(KeyUnavailable):  # what was sealed with it is unreadable for good
        restore_database(sqlite_url, stray, now=at(13), safety_dir=tmp_path / "safety")


def test_backup_and_restore_need_their_roles_and_each_use_is_recorded(tmp_path):
    db = str(tmp_path / "branch.sqlite3")
    assert cli("init", "--db", db, "--at", "2026-11-23T08:00:00").returncode == 0
    for name, roles in (("greeter1", "greeter"), ("boss", "manager"), ("it", "admin")):
        r = cli("staff", "add", "--username", name, "--roles", roles, "--db", db,
                env={"BRANCHDESK_PASSWORD": "long-enough-1"})
        assert r.returncode == 0, r.stderr
    assert cli("ticket", "issue", "--service", "A", "--after-hours", "--name", NAME, "--phone", PHONE, "--db", db).returncode == 0

    r = cli("backup", "-o", str(tmp_path / "g.backup"), "--user", "greeter1", "--db", db)
    assert (r.returncode, r.stderr.strip()) == (1, "branchdesk: greeter1 is not allowed to do this (backup.run).")
    assert not (tmp_path / "g.backup").exists()
    r = cli("backup", "-o", str(tmp_path / "m.backup"), "--user", "boss", "--db", db)
    assert r.returncode == 0 and "encrypted with key version 1" in r.stdout, r.stderr
    r = cli("restore", str(tmp_path / "m.backup"), "--user", "boss", "--db", db)
    assert (r.returncode, r.stderr.strip()) == (1, "branchdesk: boss is not allowed to do this (backup.restore).")
    r = cli("restore", str(tmp_path / "m.backup"), "--user", "it", "--db", db)
    assert r.returncode == 0, r.stderr
    r = cli("privacy", "log", "--db", db, "--json")
    rows = [(e["username"], e["action"], e["outcome"]) for e in json.loads(r.stdout)]
    # The restored database's log: what the backup held, then the restore itself (the
    # rows written after the backup stay in the safety copy of the replaced database).
    assert rows == [("it", "restore", "ok"), ("greeter1", "backup", "refused")]


def test_a_damaged_database_is_not_reported_as_backed_up(branch, sqlite_url, tmp_path, at):
    for i in range(300):
        q.issue_ticket(branch, service="A", need_note="x" * 200, actor=SYSTEM, now=at(9, i // 60, i % 60))
    branch.dispose()
    path, wal = sqlite_files(sqlite_url)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_tickets_queue'").fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:  # scribble over an index page's cells: the file still opens
        fh.seek(root * page - 300)
        fh.write(b"\xff" * 280)
    r = cli("backup", "-o", str(tmp_path / "damaged.backup"), "--db", str(path))
    assert r.returncode == 1 and "damaged" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "damaged.backup").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert leaked(file_bytes(path, wal)) == []


def test_the_access_log_records_who_opened_what(branch, at):
    ticket_uuid, _ = personal_day(branch, at(9))
    with pytest.raises(NotPermitted):
        cp.complaint_detail(branch, "TS-20261123-0001", actor=actor(branch, "teller1"), now=at(10))
    q.ticket_personal_data(branch, ticket_uuid, purpose="callback", actor=actor(branch, "greeter1"), now=at(10))
    with branch.read() as s:
        rows = [(r.username, r.action, r.subject, r.subject_uuid, r.outcome) for r in s.scalars(select(DataAccess))]
    assert rows == [("teller1", "view", None, None, "refused"), ("greeter1", "view", "ticket", ticket_uuid, "ok")]


def test_doctor_says_when_this_pc_lacks_the_key_and_when_a_rotation_is_unfinished(branch, at, tmp_path,
                                                                                   monkeypatch):
    from app.ops.doctor import FAIL, OK, WARN, check_data_key
    from app.privacy.rotation import reencrypt

    url = branch.url
    assert check_data_key(url).status == OK
    personal_day(branch, at(9))
    assert check_data_key(url) == type(check_data_key(url))("data key", OK, "This PC has the data key (version 1).")
    monkeypatch.setattr("app.privacy.rotation.reencrypt", lambda *a, **k: 0)  # the rotation stops half way
    rotate_key(branch, actor=SYSTEM, now=at(10))
    monkeypatch.undo()
    assert check_data_key(url).status == WARN and "rotate-key --resume" in check_data_key(url).message
    assert reencrypt(branch, now=at(11)) == 5 and check_data_key(url).status == OK
    monkeypatch.setenv("BRANCHDESK_KEY_DIR", str(tmp_path / "another-pc"))
    c = check_data_key(url)
    assert (c.status, c.message) == (FAIL, "This PC lacks the branch's data key (version 2): import it with "
                                           "'branchdesk privacy import-key FILE'.")
