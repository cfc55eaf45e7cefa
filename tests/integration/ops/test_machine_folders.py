"""A per-machine install through the command line: branch data, settings and
logs in the machine's folders with group-only rights, and an older per-user
database moved in once, with a log line (issue 14).

The install marker is given as $BRANCHDESK_MACHINE_FILE and names folders
under tmp_path; this account's "per-user" folders are under tmp_path too.
"""

from __future__ import annotations

import grp
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SETUP = ("setup", "--branch-code", "br002", "--branch-name", "城东支行", "--branch-name-en", "East Branch",
         "--admin-username", "chief", "--admin-password", "secret123", "--at", "2026-11-23T08:00:00")


@pytest.fixture
def machine(tmp_path):
    """Environment of a per-machine install (marker, folders) and of this account."""
    group = grp.getgrgid(os.getgid()).gr_name
    marker = tmp_path / "opt" / "branchdesk-machine.ini"
    marker.parent.mkdir()
    marker.write_text(f"[machine]\ndata = {tmp_path / 'var'}\nconfig = {tmp_path / 'etc'}\n"
                      f"logs = {tmp_path / 'var' / 'logs'}\ngroup = {group}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHDESK_")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "share"),
               XDG_CONFIG_HOME=str(tmp_path / "home" / "config"), XDG_STATE_HOME=str(tmp_path / "home" / "state"),
               XDG_CACHE_HOME=str(tmp_path / "home" / "cache"))
    user_env = dict(env)
    env["BRANCHDESK_MACHINE_FILE"] = str(marker)
    return {"env": env, "user_env": user_env, "root": tmp_path}


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=env)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tickets(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT number FROM tickets ORDER BY id")]
    finally:
        con.close()


def test_setup_keeps_everything_in_the_machines_folders_for_the_group_only(machine):
    root = machine["root"]
    r = cli(machine["env"], *SETUP)
    assert r.returncode == 0, r.stderr
    assert cli(machine["env"], "ticket", "issue", "--service", "A", "--after-hours").returncode == 0
    db = root / "var" / "branchdesk.sqlite3"
    assert tickets(db) == ["A001"]
    assert mode(db) == 0o660  # the group may write it, nobody else may read it
    settings = root / "etc" / "settings.toml"
    assert mode(settings) == 0o640 and 'language = "zh_CN"' in settings.read_text(encoding="utf-8")
    log = root / "var" / "logs" / "branchdesk.log"
    assert log.is_file() and mode(log) & 0o007 == 0
    assert not (root / "home").exists()  # nothing in this account's folders
    doctor = cli(machine["env"], "doctor", "--no-sound")
    assert f"OK   data folder: Branch data is kept per machine in {root / 'var'} (settings in {root / 'etc'})" \
        in doctor.stdout


def test_an_older_per_user_database_is_moved_in_once_with_a_log_line(machine):
    root = machine["root"]
    # before the per-machine install: this account's own database, with a backup and a settings file
    assert cli(machine["user_env"], *SETUP).returncode == 0
    assert cli(machine["user_env"], "ticket", "issue", "--service", "B", "--after-hours").returncode == 0
    assert cli(machine["user_env"], "backup").returncode == 0
    user_db = root / "home" / "share" / "BranchDesk" / "branchdesk.sqlite3"
    assert tickets(user_db) == ["B001"]

    r = cli(machine["env"], "ticket", "issue", "--service", "B", "--after-hours")  # the first start of the installed copy
    assert r.returncode == 0, r.stderr
    machine_db = root / "var" / "branchdesk.sqlite3"
    assert tickets(machine_db) == ["B001", "B002"]
    assert not user_db.exists() and not Path(f"{user_db}-wal").exists()
    assert len(list((root / "var" / "backups").glob("*.backup"))) == 1  # encrypted (issue 18)
    assert (root / "etc" / "settings.toml").is_file() and mode(root / "etc" / "settings.toml") == 0o640
    log = (root / "var" / "logs" / "branchdesk.log").read_text(encoding="utf-8")
    assert f"moved this account's database {user_db} -> {machine_db}" in log
    assert log.count("moved this account's database") == 1
    assert cli(machine["env"], "ticket", "issue", "--service", "B", "--after-hours").returncode == 0
    log = (root / "var" / "logs" / "branchdesk.log").read_text(encoding="utf-8")
    assert log.count("moved this account's database") == 1  # once


def test_another_accounts_old_database_is_left_alone_and_named_by_the_doctor(machine):
    root = machine["root"]
    assert cli(machine["env"], *SETUP).returncode == 0  # the machine already has its database
    assert cli(machine["user_env"], "--db", str(root / "home" / "share" / "BranchDesk" / "branchdesk.sqlite3"),
               "init").returncode == 0
    assert cli(machine["env"], "ticket", "issue", "--service", "A", "--after-hours").returncode == 0
    assert (root / "home" / "share" / "BranchDesk" / "branchdesk.sqlite3").is_file()
    doctor = cli(machine["env"], "doctor", "--no-sound")
    assert "WARN data folder: Branch data is kept per machine" in doctor.stdout
    assert "still has an older database" in doctor.stdout


def test_a_data_folder_this_account_cannot_use_is_one_sentence(machine):
    root = machine["root"]
    (root / "var").write_text("not a folder")  # as unusable as a folder of another group
    r = cli(machine["env"], "ticket", "issue", "--service", "A", "--after-hours")
    assert r.returncode == 1
    assert r.stderr.strip() == (f"branchdesk: This account cannot write the branch data folder {root / 'var'}; ask "
                                f"IT to add it to the group {grp.getgrgid(os.getgid()).gr_name} "
                                "(sudo adduser $USER " + grp.getgrgid(os.getgid()).gr_name + "), then log in again.")
    doctor = cli(machine["env"], "doctor", "--no-sound")
    assert "FAIL data folder: This account cannot write the branch data folder" in doctor.stdout


def test_a_broken_marker_is_one_sentence(machine):
    Path(machine["env"]["BRANCHDESK_MACHINE_FILE"]).write_text("[machine]\ndata = var\n", encoding="utf-8")
    r = cli(machine["env"], "queue", "status")
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
    assert "'data' must be a full path" in r.stderr
