"""The operations commands as a person runs them: setup, doctor, backup,
restore, settings check."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.ops import settings_file
from app.ops.doctor import FAIL, OK, check_head_office
from app.ops.setup import SetupInvalid, SetupRequest, apply_setup
from app.staff.accounts import authenticate
from app.store import open_database

REPO = Path(__file__).resolve().parents[3]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=full)


SETUP = ("setup", "--branch-code", "br002", "--branch-name", "城东支行", "--branch-name-en", "East Branch",
         "--admin-username", "chief", "--admin-password", "secret123", "--language", "en",
         "--printer", "connection=simulated", "--lobby-monitor", "1", "--at", "2026-11-23T08:00:00")


def test_unattended_setup_writes_the_branch_and_the_settings_file(tmp_path):
    db_file = tmp_path / "branch.sqlite3"
    r = cli("--db", str(db_file), *SETUP)
    assert r.returncode == 0, r.stderr
    values = settings_file.load()
    assert values["database.url"] == f"sqlite:///{db_file}"
    assert (values["ui.language"], values["ui.lobby_monitor"]) == ("en", 1)
    # later commands find the database through the settings file alone
    r = cli("staff", "list")
    assert r.returncode == 0 and "chief\tadmin\tactive" in r.stdout
    db = open_database(str(db_file))
    try:
        assert authenticate(db, "chief", "secret123").roles == frozenset({"admin"})
        from app.queue import get_settings

        s = get_settings(db)
        assert (s["branch.code"], s["branch.name_en"], s["printer.connection"]) == ("BR002", "East Branch", "simulated")
    finally:
        db.dispose()


def test_setup_with_a_wrong_field_writes_nothing(tmp_path):
    db_file = tmp_path / "branch.sqlite3"
    r = cli("--db", str(db_file), *SETUP[:-2], "--admin-password", "short")
    assert r.returncode == 1
    assert r.stderr.strip() == "branchdesk: A password needs at least 8 characters."
    assert not db_file.exists() and not settings_file.exists()


def test_setup_refuses_an_unreachable_database_before_writing(tmp_path):
    port = _free_port()
    req = SetupRequest(branch_code="BR1", branch_name_zh="支行", branch_name_en="Branch", admin_username="chief",
                       admin_password="secret123", database_url=f"postgresql://u:p@127.0.0.1:{port}/x")
    import datetime as dt

    try:
        apply_setup(req, now=dt.datetime(2026, 11, 23, 8))
    except SetupInvalid as exc:
        assert list(exc.errors) == ["database_url"]
        assert "cannot be reached" in exc.errors["database_url"]
    else:
        raise AssertionError("setup accepted an unreachable database")
    assert not settings_file.exists()


def test_a_hand_edited_settings_file_with_a_wrong_key_gives_one_sentence(tmp_path):
    path = settings_file.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[database]\nurl = "mysql://branch"\n', encoding="utf-8")
    r = cli("staff", "list")
    assert r.returncode == 1
    assert r.stderr.startswith("branchdesk: settings.toml: key 'database.url' is not a valid database address")
    assert len(r.stderr.strip().splitlines()) == 1
    d = cli("doctor", "--no-sound", "--db", str(tmp_path / "x.sqlite3"))
    assert d.returncode == 1 and "FAIL settings: settings.toml: key 'database.url'" in d.stdout


def test_doctor_reports_one_line_per_check_and_exit_code(tmp_path):
    db_file = tmp_path / "branch.sqlite3"
    assert cli("--db", str(db_file), *SETUP).returncode == 0
    r = cli("doctor", "--no-sound")
    lines = r.stdout.splitlines()
    names = [line.split(":")[0].split(None, 1)[1] for line in lines if not line.startswith("Log file")]
    assert names == ["settings", "data folder", "database", "migrations", "clock", "calendar", "data key",
                     "printer", "serial", "head office"]
    assert lines[1].startswith("OK   data folder: A single-user run")
    assert lines[2].startswith("OK   database") and lines[3].startswith("OK   migrations")
    assert lines[6] == "OK   data key: This PC has the data key (version 1)."  # made by the setup
    assert lines[7].startswith("WARN printer: Simulated printer")  # chosen in SETUP: named, never "ready"
    assert r.returncode == (0 if all(line.startswith("OK") for line in lines[:-1]) else 1)
    # a damaged database file is a FAIL and exit 1
    db_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    r = cli("doctor", "--no-sound")
    assert r.returncode == 1 and "FAIL database" in r.stdout


def test_head_office_check_names_the_unreachable_host():
    port = _free_port()
    c = check_head_office({"sync.enabled": True, "sync.hq_url": f"postgresql://hq@127.0.0.1:{port}/hq"}, timeout=1)
    assert c.status == FAIL and f"127.0.0.1:{port}" in c.message
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        port = srv.getsockname()[1]
        c = check_head_office({"sync.enabled": True, "sync.hq_url": f"postgresql://hq@127.0.0.1:{port}/hq"})
    assert c.status == OK


def test_backup_and_restore_commands(tmp_path):
    db_file = tmp_path / "branch.sqlite3"
    assert cli("--db", str(db_file), *SETUP).returncode == 0
    assert cli("ticket", "issue", "--service", "A", "--after-hours").returncode == 0
    r = cli("backup", "-o", str(tmp_path / "copy.backup"))
    assert r.returncode == 0 and "1 tickets" in r.stdout
    assert cli("ticket", "issue", "--service", "A", "--after-hours").returncode == 0
    r = cli("restore", str(tmp_path / "copy.backup"))
    assert r.returncode == 0, r.stderr
    assert "previous database is kept" in r.stdout
    con = sqlite3.connect(db_file)
    assert [x[0] for x in con.execute("SELECT number FROM tickets")] == ["A001"]
    con.close()
    r = cli("restore", str(tmp_path / "missing.sqlite3"))
    assert r.returncode == 1 and r.stderr.startswith("branchdesk: The file missing.sqlite3 cannot be read")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serial_check_opens_each_configured_port_and_names_a_bad_entry():
    from app.ops.doctor import check_serial

    good = [{"name": "keypads", "port": "loop://", "role": "keypad", "windows": {"1": 1}}]
    assert check_serial({"serial.devices": good}).status == OK
    bad_port = [{**good[0], "port": "/dev/no-such-port"}]
    c = check_serial({"serial.devices": bad_port})
    assert c.status == FAIL and "/dev/no-such-port" in c.message
    c = check_serial({"serial.devices": [{"name": "display 3", "port": "COM4", "role": "display"}]})
    assert c.status == FAIL and "display 3" in c.message


def test_the_wizard_is_due_only_on_a_pc_never_set_up(tmp_path):
    from app.ui.setup.first_run import needed

    db_file = tmp_path / "branch.sqlite3"
    assert needed(str(db_file))  # no settings file, no database
    assert cli("--db", str(db_file), "init").returncode == 0
    assert needed(str(db_file))  # a catalogue but no administrator yet
    assert cli("--db", str(db_file), *SETUP).returncode == 0
    assert not needed(str(db_file))  # settings file written
    settings_file.settings_path().unlink()
    assert not needed(str(db_file))  # an administrator exists (e.g. a second PC on the same database)
