"""Tried as a careless operator would: passwords out of settings files, URLs,
events, messages and logs; another program's database refused untouched;
setup and sync configure write all or nothing; no library's logging and no
logging traceback on the terminal; head office never alters a role it did not
create."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from app.errors import InvalidInput
from app.ops import settings_file
from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store import open_database
from app.sync.config import _libpq_url
from app.sync.hq import add_branch
from tests.integration.core_support import REPO
from tests.support.pg import SUPERPASS

SETUP = ("setup", "--branch-code", "br009", "--branch-name", "城南支行", "--branch-name-en", "South Branch",
         "--admin-username", "chief", "--admin-password", "secret123", "--at", "2026-11-23T08:00:00")


@pytest.fixture
def machine(tmp_path):
    """This test's own settings file, log folder and key folder, as a PC has."""
    env = {**os.environ, "BRANCHDESK_CONFIG": str(tmp_path / "config" / "settings.toml"),
           "BRANCHDESK_LOG_DIR": str(tmp_path / "logs"), "BRANCHDESK_KEY_DIR": str(tmp_path / "keys")}
    env.pop("BRANCHDESK_DB", None)
    return env


def run(env, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, input=stdin.decode() if stdin else None)


def one_line(r) -> str:  # type: ignore[no-untyped-def]
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


def test_another_program_s_sqlite_file_is_refused_untouched(machine, tmp_path):
    other = tmp_path / "customers.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    line = one_line(run(machine, "queue", "status", "--db", str(other)))
    assert line == (f"branchdesk: The file {other} is not a BranchDesk database: it holds another program's tables "
                    f"(customers); give a BranchDesk database or a new file.")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("customers")) == ["customers.db"]


def test_setup_with_an_unwritable_settings_folder_writes_nothing(machine, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the settings folder should be")
    env = {**machine, "BRANCHDESK_CONFIG": str(blocker / "settings.toml")}
    line = one_line(run(env, "--db", str(tmp_path / "branch.sqlite3"), *SETUP))
    assert line.startswith(f"branchdesk: The settings folder {blocker} cannot be written")
    assert not (tmp_path / "branch.sqlite3").exists() and not (tmp_path / "keys").exists()


def test_sync_configure_with_an_unwritable_password_place_changes_nothing(machine, tmp_path):
    db = str(tmp_path / "branch.sqlite3")
    assert run(machine, "init", "--db", db).returncode == 0
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    line = one_line(run(machine, "sync", "configure", "--db", db, "--hq-url", "postgresql://br1:pw1@hq.example/hq",
                        "--branch-code", "br1", "--password-file", str(blocker / "pw")))
    assert line.startswith(f"branchdesk: The head-office password cannot be kept in {blocker}")
    r = run(machine, "sync", "status", "--db", db, "--json")
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM settings WHERE key LIKE 'sync.%'").fetchone()[0] == 0
    con.close()
    assert r.returncode == 0


def test_a_head_office_password_in_a_query_goes_to_the_credential_store(machine, tmp_path):
    db = str(tmp_path / "branch.sqlite3")
    assert run(machine, "init", "--db", db).returncode == 0
    pwfile = tmp_path / "hq-password"
    r = run(machine, "sync", "configure", "--db", db, "--hq-url",
            "postgresql://br1@hq.example:5432/hq?sslmode=require&password=TopSecret9", "--branch-code", "br1",
            "--password-file", str(pwfile))
    assert r.returncode == 0, r.stderr
    assert "TopSecret9" not in r.stdout + r.stderr
    assert pwfile.read_text().strip() == "TopSecret9" and (pwfile.stat().st_mode & 0o777) == 0o600
    dump = "\n".join(sqlite3.connect(db).iterdump())
    assert "TopSecret9" not in dump and "sslmode=require" in dump  # the rest of the address is kept
    branch = open_database(db)
    try:
        with pytest.raises(InvalidInput, match="must not contain a password"):
            change_settings(branch, {"sync.hq_url": "postgresql://br1:other@hq.example/hq"}, actor=SYSTEM)
    finally:
        branch.dispose()


@pytest.mark.postgres
def test_a_database_password_in_setup_is_kept_out_of_the_settings_file_and_found_again(machine, pg_server):
    url = pg_server.url(pg_server.create_database())
    assert SUPERPASS in url
    r = run(machine, "--db", url, *SETUP)
    assert r.returncode == 0, r.stderr
    assert SUPERPASS not in r.stdout + r.stderr
    text = Path(machine["BRANCHDESK_CONFIG"]).read_text()
    assert SUPERPASS not in text and "postgresql" in text
    assert Path(machine["BRANCHDESK_CONFIG"]).stat().st_mode & 0o777 in (0o600, 0o640)  # it names the database
    stored = list((Path(machine["BRANCHDESK_CONFIG"]).parent / "credentials").iterdir())
    assert len(stored) == 1 and stored[0].read_text().strip() == SUPERPASS
    assert (stored[0].stat().st_mode & 0o077) in (0, 0o040)  # the owner's, or the BranchDesk group's
    r = run(machine, "staff", "list")  # the address from the settings file, the password from the store
    assert r.returncode == 0 and "chief\tadmin\tactive" in r.stdout, r.stderr
    with psycopg.connect(_libpq_url(url)) as conn:
        events = conn.execute("SELECT payload::text FROM events").fetchall()
    assert all(SUPERPASS not in e[0] for e in events)


def test_messages_and_the_log_never_show_a_password(machine, tmp_path):
    for url in ("postgresql://clerk:Hunter2Pw@127.0.0.1:1/branch", "postgresql://clerk:Hunter2Pw@host:port/x",
                "postgresql://clerk@127.0.0.1:1/branch?password=Hunter2Pw"):
        r = run(machine, "queue", "status", "--db", url)
        assert r.returncode == 1 and "Hunter2Pw" not in r.stderr + r.stdout and "Traceback" not in r.stderr
    logs = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log*"))
    assert "Hunter2Pw" not in logs


def test_no_library_logging_and_no_logging_traceback_reach_the_terminal(machine, tmp_path):
    db = str(tmp_path / "branch.sqlite3")
    assert run(machine, "init", "--db", db).returncode == 0
    r = run(machine, "printer", "configure", "--set", "connection=simulated",
            "--set", f"simulated.folder={tmp_path / 'printed'}", "--db", db)
    assert r.returncode == 0, r.stderr
    r = run(machine, "printer", "test", "--db", db)  # imports python-escpos, which calls basicConfig
    assert r.returncode == 0 and r.stderr == "", r.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "branchdesk.log").symlink_to("/dev/full")  # a log folder on a full disk
    env = {**machine, "BRANCHDESK_LOG_DIR": str(tmp_path / "full")}
    r = run(env, "backup", "-o", str(tmp_path / "b.backup"), "--db", db)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = run(env, "ticket", "issue", "--service", "Z", "--after-hours", "--db", db)
    assert one_line(r) == "branchdesk: There is no service with code 'Z'."


@pytest.mark.postgres
def test_head_office_refuses_a_role_it_did_not_create(pg_server):
    from tests.integration.sync.conftest import hq_on

    hq = hq_on(pg_server, pg_server.create_database())
    with psycopg.connect(_libpq_url(hq.admin_url), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS dba2")
        conn.execute("CREATE ROLE dba2 SUPERUSER LOGIN PASSWORD 'dba'")
    try:
        with pytest.raises(InvalidInput, match="The role dba2 exists and was not created by BranchDesk"):
            add_branch(hq.admin_url, "BRX", role="dba2")
        with psycopg.connect(_libpq_url(hq.admin_url)) as conn:
            assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = 'dba2'").fetchone()[0] is True
            assert conn.execute("SELECT count(*) FROM hq_branches WHERE code = 'BRX'").fetchone()[0] == 0
        made = add_branch(hq.admin_url, "BRX", role="brx_login")
        again = add_branch(hq.admin_url, "BRX", role="brx_login", password="new-password")  # its own: fine
        assert made.created and not again.created and again.role == "brx_login"
    finally:
        with psycopg.connect(_libpq_url(hq.admin_url), autocommit=True) as conn:
            conn.execute("DROP ROLE IF EXISTS dba2")


def test_json_results_are_strict(machine, tmp_path):
    db = str(tmp_path / "branch.sqlite3")
    assert run(machine, "init", "--db", db).returncode == 0
    r = run(machine, "sync", "configure", "--db", db, "--interval", "nan")
    assert one_line(r) == "branchdesk: Setting sync.interval_s must be a finite number."
    for value in ("inf", "0"):
        assert run(machine, "sync", "configure", "--db", db, "--timeout" if value == "inf" else "--interval",
                   value).returncode == 1
    payloads = [p for (p,) in sqlite3.connect(db).execute("SELECT payload FROM events")]
    assert all("NaN" not in p and "Infinity" not in p for p in payloads)
    json.loads("[" + ",".join(payloads) + "]")


@pytest.mark.postgres
def test_a_password_found_in_the_settings_file_is_moved_out_once(machine, pg_server, tmp_path, monkeypatch):
    url = pg_server.url(pg_server.create_database())
    assert run(machine, "--db", url, *SETUP).returncode == 0
    config = Path(machine["BRANCHDESK_CONFIG"])
    (config.parent / "credentials").rename(tmp_path / "set-aside")  # as an older release left it:
    values = settings_file.load(config)  # the password in the file itself
    settings_file.save({**values, "database.url": url, "sync.hq_url": "postgresql://br9:HqSecret7@hq.example/hq"},
                       config)
    assert SUPERPASS in config.read_text()
    r = run(machine, "staff", "list")
    assert r.returncode == 0 and "chief" in r.stdout, r.stderr
    assert SUPERPASS not in config.read_text()
    assert (config.parent / "credentials").is_dir()
    assert "password in database.url" in "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log*"))

    from app.bootstrap import build, sync_settings

    monkeypatch.setenv("BRANCHDESK_CONFIG", str(config))
    monkeypatch.setattr("app.sync.config.default_password_file", lambda code: tmp_path / f"hq-{code}")
    ctx = build(url.replace(f":{SUPERPASS}@", "@"), simulated_devices=True)
    try:
        assert sync_settings(ctx)["sync.hq_url"] == "postgresql://br9@hq.example/hq"
    finally:
        ctx.close()
    assert "HqSecret7" not in config.read_text() and (tmp_path / "hq-BR009").read_text().strip() == "HqSecret7"


def test_an_event_cannot_store_what_strict_json_cannot_carry(sqlite_url, at):
    from app.events import EventType
    from app.store.events import record_event

    db = open_database(sqlite_url)
    try:
        with pytest.raises(Exception, match="JSON compliant|Out of range float"):
            with db.write() as s:
                record_event(s, EventType.DAY_OPENED, at(9), payload={"estimate": float("nan")})
        with db.read() as s:
            assert s.execute(text("SELECT count(*) FROM events")).scalar() == 0
    finally:
        db.dispose()
