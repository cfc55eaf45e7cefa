"""The ``branchdesk`` command as a real process: JSON, --at, exit codes, batch,
and bad input refused with one sentence and nothing written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.integration.core_support import REPO, cli, cli_json, sqlite_dump

AT = "2026-11-23T09:00:00"


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "branch.sqlite3"
    r = cli("init", "--db", str(path), "--at", "2026-11-23T08:00:00")
    assert r.returncode == 0, r.stderr
    assert "7 services, 6 windows" in r.stdout
    return path


def one_line_error(r, code: int = 1) -> str:
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


def test_issue_call_finish_round_trip_with_json_and_at(dbfile):
    db = str(dbfile)
    cli_json("window", "open", "--window", "1", "--db", db, "--at", AT)
    out = cli_json("ticket", "issue", "--service", "a", "--name", "张三丰", "--phone", "13812345678",
                   "--db", db, "--at", "2026-11-23T09:01:00")
    t = out["ticket"]
    assert (t["number"], t["status"], t["issued_at"]) == ("A001", "waiting", "2026-11-23T09:01:00")
    assert (t["customer_name_masked"], t["customer_phone_masked"]) == ("张**", "*******5678")
    assert "13812345678" not in json.dumps(out, ensure_ascii=False)
    called = cli_json("call", "next", "--window", "1", "--db", db, "--at", "2026-11-23T09:05:00")
    assert (called["number"], called["window_number"], called["called_at"]) == ("A001", 1, "2026-11-23T09:05:00")
    r = cli("finish", "--window", "1", "--outcome", "card issued", "--db", db, "--at", "2026-11-23T09:15:00")
    assert r.returncode == 0 and r.stdout.strip() == "A001 finished at window 1 (Personal Banking); status done."
    status = cli_json("queue", "status", "--db", db, "--at", "2026-11-23T09:20:00")
    assert status["waiting_total"] == 0 and status["windows"][0]["state"] == "open"


def test_db_from_environment_variable(dbfile):
    r = cli("ticket", "issue", "--service", "B", "--at", AT, env={"BRANCHDESK_DB": str(dbfile)})
    assert r.returncode == 0 and r.stdout.startswith("B001 issued")


def test_at_with_offset_is_converted_to_branch_local_time(dbfile):
    # The test process and the child share TZ; fix it so the figure is known.
    out = cli_json("ticket", "issue", "--service", "A", "--db", str(dbfile), "--at", "2026-11-23T01:30:00+00:00",
                   env={"TZ": "Asia/Shanghai"})
    assert out["ticket"]["issued_at"] == "2026-11-23T09:30:00"


def test_nobody_waiting_exits_3(dbfile):
    cli("window", "open", "--window", "1", "--db", str(dbfile), "--at", AT)
    line = one_line_error(cli("call", "next", "--window", "1", "--db", str(dbfile), "--at", AT), code=3)
    assert line == "branchdesk: Nobody is waiting for window 1."


def test_bad_usage_exits_2(dbfile):
    one_line_error(cli("call", "next", "--db", str(dbfile)), code=2)
    one_line_error(cli("ticket", "issue", "--service", "A", "--priority", "royal", "--db", str(dbfile)), code=2)


@pytest.mark.parametrize(
    "args, message",
    [
        (("ticket", "issue", "--service", "Z"), "There is no service with code 'Z'."),
        (("window", "open", "--window", "42"), "There is no window number 42."),
        (("call", "next", "--window", "3"), "Window 3 is closed; open it first."),
        (("finish", "--window", "1"), "Window 1 has no ticket at the moment."),
        (("cancel", "--ticket", "A404"), "There is no ticket 'A404' today."),
        (("window", "resume", "--window", "1"), "Window 1 is already closed."),
        (("ticket", "issue", "--service", "A", "--phone", "12"), "The phone number should be 7 to 15 digits."),
    ],
)
def test_refusals_are_one_sentence_and_write_nothing(dbfile, args, message):
    before = sqlite_dump(dbfile)
    line = one_line_error(cli(*args, "--db", str(dbfile), "--at", AT))
    assert line == f"branchdesk: {message}"
    assert sqlite_dump(dbfile) == before


def test_wrong_state_refused_and_nothing_written(dbfile):
    db = str(dbfile)
    cli("window", "open", "--window", "1", "--db", db, "--at", AT)
    cli("ticket", "issue", "--service", "A", "--db", db, "--at", AT)
    cli("call", "next", "--window", "1", "--db", db, "--at", AT)
    cli("start", "--window", "1", "--db", db, "--at", AT)
    before = sqlite_dump(dbfile)
    line = one_line_error(cli("no-show", "--window", "1", "--db", db, "--at", AT))
    assert line == "branchdesk: Ticket A001 is serving, so it cannot be marked no-show."
    assert sqlite_dump(dbfile) == before


def test_malformed_at(dbfile):
    before = sqlite_dump(dbfile)
    line = one_line_error(cli("ticket", "issue", "--service", "A", "--db", str(dbfile), "--at", "9 o'clock"), code=2)
    assert "is not an ISO-8601 time" in line
    assert sqlite_dump(dbfile) == before


def test_database_path_under_a_regular_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    line = one_line_error(cli("init", "--db", str(blocker / "branch.sqlite3")))
    assert line == f"branchdesk: Cannot create the database folder {blocker}: {blocker} is a file, not a folder."
    assert blocker.read_text() == "x"
    line = one_line_error(cli("init", "--db", str(tmp_path)))
    assert line == f"branchdesk: {tmp_path} is a folder; give the path of a database file."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_unexpected_failure_is_still_one_line(tmp_path):
    """A bug in a command still gives one line, not a traceback (the details
    go to the log when there is one)."""
    (tmp_path / "file").write_text("")  # a log folder that cannot exist: no log handler at all
    script = (
        "import dataclasses, sys\n"
        "import app.cli as c\n"
        "from app.cli.registry import COMMANDS\n"
        "def boom(ctx, args):\n"
        "    raise RuntimeError('disk on fire\\nsecond line')\n"
        "c.load_commands()\n"
        "COMMANDS['queue status'] = dataclasses.replace(COMMANDS['queue status'], handler=boom)\n"
        f"sys.exit(c.main(['queue', 'status', '--db', {str(tmp_path / 'b.sqlite3')!r}]))\n"
    )
    r = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
                       env={**os.environ, "BRANCHDESK_LOG_DIR": str(tmp_path / "file" / "logs")})
    assert (r.returncode, r.stderr) == (1, "branchdesk: unexpected error: disk on fire\n")


def test_database_from_a_newer_version(dbfile):
    con = sqlite3.connect(dbfile)
    con.execute("INSERT INTO alembic_version (version_num) VALUES ('9f9f9f9f')")
    con.commit()
    con.close()
    before = sqlite_dump(dbfile)
    line = one_line_error(cli("ticket", "issue", "--service", "A", "--db", str(dbfile), "--at", AT))
    assert line == "branchdesk: This database was created by a newer version of BranchDesk; install that version or newer."
    assert sqlite_dump(dbfile) == before


def test_garbage_file_is_refused_untouched(tmp_path):
    path = tmp_path / "junk.sqlite3"
    junk = bytes(range(256)) * 40
    path.write_bytes(junk)
    line = one_line_error(cli("queue", "status", "--db", str(path)))
    assert "is not a BranchDesk database (or it is corrupted)" in line
    assert path.read_bytes() == junk


def test_damaged_page_in_a_real_sqlite_file(dbfile):
    db = str(dbfile)
    batch = "".join(json.dumps({"op": "ticket issue", "service": "A"}) + "\n" for _ in range(30))
    assert cli("batch", "--db", db, "--at", AT, stdin=batch).returncode == 0
    con = sqlite3.connect(dbfile)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tickets'").fetchone()[0]
    con.close()
    with open(dbfile, "r+b") as fh:  # overwrite the tickets table's root page
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    line = one_line_error(cli("ticket", "issue", "--service", "A", "--db", db, "--at", AT))
    assert line == "branchdesk: The database file is corrupted."


def test_user_greeter_cannot_call(dbfile):
    db = str(dbfile)
    r = cli("staff", "add", "--username", "greeter1", "--roles", "greeter", "--password", "lobby-pass-1", "--db", db)
    assert r.returncode == 0 and r.stdout.strip() == "Staff account greeter1 created (greeter)."
    cli("window", "open", "--window", "1", "--db", db, "--at", AT)
    assert cli("ticket", "issue", "--service", "A", "--user", "greeter1", "--db", db, "--at", AT).returncode == 0
    before = sqlite_dump(dbfile)
    line = one_line_error(cli("call", "next", "--window", "1", "--user", "greeter1", "--db", db, "--at", AT))
    assert line == "branchdesk: greeter1 is not allowed to do this (call)."
    assert sqlite_dump(dbfile) == before
    staff = cli_json("staff", "list", "--db", db)
    assert [(s["username"], s["roles"]) for s in staff] == [("greeter1", ["greeter"])]


def test_unknown_user(dbfile):
    # queue status needs no actor; an action that does names the account.
    line = one_line_error(cli("ticket", "issue", "--service", "A", "--user", "nobody", "--db", str(dbfile)))
    assert line == "branchdesk: There is no active staff account named 'nobody'."


def test_batch_lines_match_single_commands_and_errors_do_not_stop_it(dbfile, tmp_path):
    db = str(dbfile)
    ops = [
        {"op": "window open", "window": 1, "at": "2026-11-23T09:00:00"},
        {"op": "ticket issue", "service": "A", "at": "2026-11-23T09:01:00"},
        {"op": "ticket issue", "service": "Z", "at": "2026-11-23T09:01:30"},
        {"op": "call next", "window": 1, "at": "2026-11-23T09:02:00"},
        "this is not json",
        {"op": "call next", "window": 1, "at": "2026-11-23T09:03:00"},
        {"op": "no such thing"},
        {"op": "finish", "window": 1, "outcome": "ok", "at": "2026-11-23T09:04:00"},
        {"op": "queue status", "at": "2026-11-23T09:05:00"},
    ]
    stdin = "\n".join(o if isinstance(o, str) else json.dumps(o) for o in ops) + "\n"
    r = cli("batch", "--db", db, stdin=stdin)
    assert r.returncode == 0, r.stderr
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(results) == len(ops)
    assert r.stderr.strip() == "batch: 9 operations, 4 failed"
    assert results[1]["ticket"]["number"] == "A001"
    assert results[2] == {"error": "There is no service with code 'Z'.", "code": "unknown_service",
                          "op": "ticket issue"}
    assert results[3]["status"] == "called"
    assert results[4]["code"] == "usage" and results[4]["op"] is None
    assert results[5]["code"] == "window_busy"
    assert results[6] == {"error": "Unknown operation 'no such thing'.", "code": "usage", "op": "no such thing"}
    assert results[7]["outcome"] == "ok"
    # Same database state, same command through the ordinary CLI: same JSON.
    single = cli_json("queue", "status", "--db", db, "--at", "2026-11-23T09:05:00")
    assert results[8] == single
    shown = cli_json("ticket", "show", "--ticket", "A001", "--db", db, "--at", "2026-11-23T09:06:00")
    assert shown == results[7]
