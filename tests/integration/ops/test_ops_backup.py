"""Backup and restore of the embedded database."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from app.ops.backup import BackupError, backup_database, daily_backup, restore_database
from app.privacy.backups import decrypt_file
from app.queue import issue_ticket, list_services
from app.staff.roles import SYSTEM
from app.store import open_database


def _db_path(url: str) -> Path:
    return Path(url[len("sqlite:///"):])


def _numbers(url: str) -> list[str]:
    con = sqlite3.connect(_db_path(url))
    try:
        return [r[0] for r in con.execute("SELECT number FROM tickets ORDER BY id")]
    finally:
        con.close()


def _plain(backup: str | Path, tmp_path: Path) -> Path:
    """A backup decrypted with this PC's key (backups are encrypted files)."""
    plain = tmp_path / (Path(backup).name + ".plain.sqlite3")
    decrypt_file(Path(backup), plain)
    return plain


def test_backup_then_restore_brings_back_the_tickets_of_that_moment(branch_db, sqlite_url, tmp_path, at):
    for i in range(3):
        issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, i))
    backup = backup_database(sqlite_url, tmp_path / "b.backup")
    assert backup.tickets == 3
    issue_ticket(branch_db, service="B", actor=SYSTEM, now=at(9, 10))
    assert _numbers(sqlite_url) == ["A001", "A002", "A003", "B001"]

    r = restore_database(sqlite_url, Path(backup.path), now=at(10, 0), safety_dir=tmp_path / "safety")
    assert _numbers(sqlite_url) == ["A001", "A002", "A003"]
    # the database as it was before the restore is kept
    assert r.safety_copy and r.safety_copy.endswith(".backup")
    assert _numbers(f"sqlite:///{_plain(r.safety_copy, tmp_path)}") == ["A001", "A002", "A003", "B001"]
    # the open database keeps working on the restored data: numbering goes on from A003
    assert issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(10, 5)).ticket.number == "A004"


def test_restore_refuses_a_file_that_is_not_a_database(sqlite_url, branch_db, tmp_path, at):
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("hello", encoding="utf-8")
    before = _numbers(sqlite_url)
    with pytest.raises(BackupError, match="is not a BranchDesk database"):
        restore_database(sqlite_url, junk, now=at(10, 0), safety_dir=tmp_path)
    assert _numbers(sqlite_url) == before


def test_restore_refuses_another_programs_sqlite_file(sqlite_url, branch_db, tmp_path, at):
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="not a BranchDesk database"):
        restore_database(sqlite_url, other, now=at(10, 0), safety_dir=tmp_path)


def test_restore_refuses_a_backup_from_a_newer_version(sqlite_url, branch_db, tmp_path, at):
    issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    newer = _plain(backup_database(sqlite_url, tmp_path / "newer.backup").path, tmp_path)
    con = sqlite3.connect(newer)
    con.execute("INSERT INTO alembic_version VALUES ('9999')")
    con.commit()
    con.close()
    issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 5))
    with pytest.raises(BackupError, match="newer version"):
        restore_database(sqlite_url, newer, now=at(10, 0), safety_dir=tmp_path / "safety")
    assert _numbers(sqlite_url) == ["A001", "A002"]
    assert not (tmp_path / "safety").exists()  # refused before anything was touched


def test_daily_backup_runs_once_a_day_and_keeps_the_newest(branch_db, sqlite_url, tmp_path, day):
    import datetime as dt

    folder = tmp_path / "backups"
    for offset in range(5):
        daily_backup(sqlite_url, day + dt.timedelta(days=offset), folder=folder, keep=3)
    assert daily_backup(sqlite_url, day + dt.timedelta(days=4), folder=folder, keep=3) is None  # already done
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"branchdesk-daily-{(day + dt.timedelta(days=d)):%Y%m%d}.backup" for d in (2, 3, 4)]


def test_backup_taken_while_tickets_are_issued_restores_consistently(branch_db, sqlite_url, tmp_path, at):
    stop = threading.Event()
    issued: list[str] = []

    def greeter() -> None:
        db = open_database(sqlite_url)
        try:
            minute = 0
            while not stop.is_set() and minute < 400:
                issued.append(issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0, 0)).ticket.number)
                minute += 1
        finally:
            db.dispose()

    worker = threading.Thread(target=greeter)
    worker.start()
    try:
        while len(issued) < 20:
            threading.Event().wait(0.01)
        backups = [backup_database(sqlite_url, tmp_path / f"live-{i}.backup") for i in range(3)]
    finally:
        stop.set()
        worker.join()

    for b in backups:
        target = f"sqlite:///{tmp_path / ('restored-' + Path(b.path).stem + '.sqlite3')}"
        fresh = open_database(target)  # an empty current database to restore into
        fresh.dispose()
        restore_database(target, Path(b.path), now=at(12, 0), safety_dir=tmp_path / "safety")
        con = sqlite3.connect(_db_path(target))
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tickets = con.execute("SELECT count(*) FROM tickets").fetchone()[0]
            without_event = con.execute(
                "SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e"
                " WHERE e.ticket_id = t.id AND e.type = 'TicketIssued')").fetchone()[0]
            seqs = [r[0] for r in con.execute("SELECT seq FROM tickets ORDER BY seq")]
        finally:
            con.close()
        assert tickets >= 20 and without_event == 0
        assert seqs == list(range(1, tickets + 1))  # no gap: a prefix of what was issued
    assert len(list_services(branch_db)) == 7


def test_backup_of_postgresql_is_refused_with_a_sentence(tmp_path):
    with pytest.raises(BackupError, match="pg_dump"):
        backup_database("postgresql+psycopg://u@localhost/x", tmp_path / "b.backup")
