"""Faults a branch link meets: refused, hung and frozen connections, a head
office that stops mid-sync, and the sync process killed again and again."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from app.queue import set_setting
from app.staff.roles import SYSTEM
from app.sync import push
from app.sync.status import sync_status
from app.sync.worker import SyncWorker
from tests.integration.sync.conftest import hq_on
from tests.integration.sync.support import FreezableProxy, SilentServer, assert_in_step, busy_day, new_branch
from tests.support.pg import _free_port, wait_until

pytestmark = pytest.mark.postgres
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _pointed_at(cfg, port: int, **kw):  # type: ignore[no-untyped-def]
    url = cfg.hq_url.rsplit(":", 1)[0] + f":{port}/" + cfg.hq_url.rsplit("/", 1)[1]
    return dataclasses.replace(cfg, hq_url=url, **kw)


def test_refused_connection_keeps_the_backlog_and_says_so(hq, branches, day):
    a = branches("BR001")
    busy_day(a.db, day, 6)
    waiting = sync_status(a.db).backlog
    report = SyncWorker(a.db, _pointed_at(a.cfg, _free_port())).run_once()
    st = sync_status(a.db)
    assert not report.ok and report.retry_in_s > 0
    assert st.state == "failing" and st.backlog == waiting and "refused" in st.last_error
    assert SyncWorker(a.db, a.cfg).run_once().ok
    assert sync_status(a.db).last_error is None
    assert_in_step(hq, a)


def test_a_server_that_never_answers_times_out(hq, branches, day):
    a = branches("BR001")
    busy_day(a.db, day, 3)
    silent = SilentServer()
    try:
        report = SyncWorker(a.db, _pointed_at(a.cfg, silent.port, timeout_s=2)).run_once()
    finally:
        silent.close()
    assert not report.ok and "timed out" in report.error
    assert SyncWorker(a.db, a.cfg).run_once().ok
    assert_in_step(hq, a)


def test_a_link_that_freezes_mid_push_is_cut_by_the_watchdog(hq, branches, day, monkeypatch):
    a = branches("BR001")
    busy_day(a.db, day, 6)
    proxy = FreezableProxy(hq.port)
    real_push = push.push_batch

    def freeze_then_push(*args, **kw):  # type: ignore[no-untyped-def]
        proxy.frozen.set()
        return real_push(*args, **kw)

    monkeypatch.setattr("app.sync.worker.push_batch", freeze_then_push)
    try:
        report = SyncWorker(a.db, _pointed_at(a.cfg, proxy.port, timeout_s=1)).run_once()
    finally:
        proxy.frozen.clear()
        proxy.close()
    assert not report.ok and "timed out" in report.error
    monkeypatch.setattr("app.sync.worker.push_batch", real_push)
    assert SyncWorker(a.db, a.cfg).run_once().ok
    assert_in_step(hq, a)


def test_head_office_stopped_mid_sync_then_started(own_pg_server, tmp_path, day, at, monkeypatch):
    hq = hq_on(own_pg_server, own_pg_server.create_database())
    a = new_branch(hq, tmp_path / "a.sqlite3", "BR001", batch_size=10, now=at(8, 0))
    busy_day(a.db, day, 12)
    real_push, calls = push.push_batch, {"n": 0}

    def stop_on_second(*args, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            own_pg_server.stop("immediate")
        return real_push(*args, **kw)

    monkeypatch.setattr("app.sync.worker.push_batch", stop_on_second)
    try:
        first = SyncWorker(a.db, a.cfg).run_once()
        assert not first.ok and first.pushed == 10  # one batch made it before the stop
        assert not SyncWorker(a.db, a.cfg).run_once().ok  # still down: refused
    finally:
        own_pg_server.restart_stopped()
    monkeypatch.setattr("app.sync.worker.push_batch", real_push)
    assert SyncWorker(a.db, a.cfg).run_once().ok
    assert_in_step(hq, a)
    a.db.dispose()


def test_sync_process_killed_again_and_again_loses_and_doubles_nothing(hq, branches, day, at, tmp_path):
    a = branches("BR001")
    pwfile = tmp_path / "hq-password"
    pwfile.write_text(a.password)
    pwfile.chmod(0o600)
    for key, value in (("sync.hq_url", a.cfg.hq_url), ("sync.password_file", str(pwfile)),
                       ("sync.sslmode", "disable"), ("sync.interval_s", 1), ("sync.timeout_s", 5)):
        set_setting(a.db, key, value, actor=SYSTEM, now=at(8, 0))
    rng = random.Random(8)
    cmd = [sys.executable, "-m", "app", "--db", a.db.url, "sync", "--watch", "--batch-size", "2"]
    count = "SELECT count(*) FROM hq_events"
    for i in range(6):
        busy_day(a.db, day, 8, seed=i, start_hour=9 + i)
        before = hq.one(count)
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill it at a random moment once it is pushing (startup time varies with load).
        wait_until(lambda: hq.one(count) > before or proc.poll() is not None, timeout=60)
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    final = subprocess.run([*cmd[:-3], "--once"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert sync_status(a.db).backlog == 0
    assert_in_step(hq, a)


def test_tls_settings_reach_libpq(hq, branches):
    a = branches("BR001")
    # The throwaway server has no TLS: demanding it must fail, and say why.
    report = SyncWorker(a.db, dataclasses.replace(a.cfg, sslmode="require")).run_once()
    assert not report.ok and "secure connection" in report.error and "SSL" in report.error
