"""The worker as the app runs it (asyncio task), the CLI, and the branch migration."""

from __future__ import annotations

import asyncio
import datetime as dt
import dataclasses
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import inspect

from app.queue import issue_ticket
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.migrate import upgrade_to_head
from app.sync.status import sync_status
from app.sync.worker import SyncWorker
from tests.integration.sync.support import assert_in_step, busy_day

pytestmark = pytest.mark.postgres
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _cli(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--db", db] if db else []
    return subprocess.run([sys.executable, "-m", "app", *args, *extra, "--json"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_background_task_pushes_while_tickets_are_issued_and_stops_on_request(hq, branches, day, at):
    a = branches("BR001")
    busy_day(a.db, day, 4)
    worker = SyncWorker(a.db, dataclasses.replace(a.cfg, interval_s=0.05))
    reports = []
    worker.on_report = reports.append

    async def app_session() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run_forever(stop))
        for i in range(5):  # the lobby keeps working while the task runs
            await asyncio.sleep(0.05)
            issue_ticket(a.db, service="A", actor=SYSTEM, now=at(15, i))
        while sync_status(a.db).backlog:
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=30)

    asyncio.run(app_session())
    assert reports and all(r.ok for r in reports)
    assert sync_status(a.db).state == "ok"
    assert_in_step(hq, a)


def test_command_line_sets_up_head_office_and_a_branch_syncs(pg_server, tmp_path):
    dbname = pg_server.create_database()
    admin = pg_server.url(dbname)
    assert _cli("hq", "init", db=admin).returncode == 0
    added = json.loads(_cli("hq", "add-branch", "br007", db=admin).stdout)
    assert added["code"] == "BR007" and added["password"]  # generated, shown once
    branch = str(tmp_path / "b.sqlite3")
    assert _cli("init", "--branch-code", "BR007", db=branch).returncode == 0
    assert _cli("ticket", "issue", "--service", "A", "--after-hours", db=branch).returncode == 0
    url = f"postgresql://{added['role']}:{added['password']}@127.0.0.1:{pg_server.port}/{dbname}"
    pwfile = tmp_path / "secret" / "hq-password"
    conf = _cli("sync", "configure", "--hq-url", url, "--sslmode", "disable", "--password-file", str(pwfile),
                db=branch)
    assert conf.returncode == 0, conf.stderr
    assert json.loads(conf.stdout)["password_in"] == str(pwfile)
    assert oct(pwfile.stat().st_mode & 0o777) == "0o600"
    db = open_database(branch)
    try:
        assert added["password"] not in json.dumps(db_settings(db))  # only in the 0600 file
        done = _cli("sync", "--once", db=branch)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["backlog"] == 0
        status = json.loads(_cli("sync", "status", db=branch).stdout)
        assert status["state"] == "ok" and status["backlog"] == 0
        assert pg_server.psql("SELECT branch_code || ' ' || number FROM hq_tickets", dbname).strip() == "BR007 A001"
        pwfile.chmod(0o644)  # readable by others: refused, and said in one line
        refused = _cli("sync", "--once", db=branch)
        assert refused.returncode == 1 and "chmod 600" in refused.stderr
        assert "chmod 600" in sync_status(db).last_error
    finally:
        db.dispose()


def db_settings(db: Database) -> dict:
    from app.queue import get_settings

    return get_settings(db)


def test_an_existing_branch_database_gains_the_sync_table(tmp_path, at):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Database(url)
    upgrade_to_head(old, target="0001")
    with old.engine.connect() as conn:
        assert "sync_state" not in inspect(conn).get_table_names()
    old.dispose()
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            assert "sync_state" in inspect(conn).get_table_names()
        from app.queue import init_catalogue

        init_catalogue(db, actor=SYSTEM, now=at(8, 0))
        assert sync_status(db).backlog == 1  # the catalogue event waits for head office
    finally:
        db.dispose()


def test_the_app_worker_follows_this_pcs_settings_file(hq, branches, tmp_path, monkeypatch):
    from app.bootstrap import build, sync_worker
    from app.ops import settings_file
    from app.queue import set_setting

    a = branches("BR001")
    pwfile = tmp_path / "pw"
    pwfile.write_text(a.password)
    pwfile.chmod(0o600)
    for key, value in (("sync.password_file", str(pwfile)), ("sync.sslmode", "disable")):
        set_setting(a.db, key, value, actor=SYSTEM, now=dt.datetime(2026, 11, 23, 8))
    config = tmp_path / "settings.toml"
    monkeypatch.setenv("BRANCHDESK_CONFIG", str(config))
    role_url = a.cfg.hq_url.replace("@", ":wrong-password-ignored@")  # the password never comes from here
    settings_file.save({**settings_file.defaults(), "sync.enabled": False, "sync.hq_url": role_url}, config)
    ctx = build(a.db.url, simulated_devices=True)
    try:
        worker = sync_worker(ctx)
        off = worker.run_once()
        assert not off.ok and "switched off" in off.error
        settings_file.save({**settings_file.defaults(), "sync.enabled": True, "sync.hq_url": role_url}, config)
        assert worker.run_once().ok
        assert_in_step(hq, a)
    finally:
        ctx.close()
