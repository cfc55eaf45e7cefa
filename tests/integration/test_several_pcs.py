"""Several PCs on one database: another PC's lobby display misses no call,
a crashed teller PC's window shows as unattended, and the PCs' own clocks
do not order the queue (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

import app.queue as q
from app.reports.live import live_figures
from app.staff.accounts import add_staff
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Window

REPO = Path(__file__).resolve().parents[2]


class ScreenProcess:
    """tests/support/screen_proc.py in a process of its own: another PC's screen."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.support.screen_proc", *args], cwd=REPO, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            try:
                self.lines.append(json.loads(line))
            except ValueError:
                pass

    def wait_for(self, pred, timeout: float = 30.0):  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in list(self.lines):
                if pred(line):
                    return line
            if self.proc.poll() is not None:
                raise AssertionError(f"the screen process ended: {self.proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
            time.sleep(0.05)
        raise AssertionError(f"not seen within {timeout} s; lines: {self.lines[-10:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def _call_event(number: str, window: int) -> dict:
    return {"uuid": str(uuid.uuid4()), "at": dt.datetime.now().replace(microsecond=0), "type": "TicketCalled",
            "payload": {"number": number, "window": window, "how": "normal", "call_count": 1}}


@pytest.mark.postgres
def test_calls_committed_out_of_id_order_reach_another_pcs_lobby_once(pg_url):
    """Two writers: the first takes the lower event id and commits last. A
    reader of ``id > last seen`` would skip it for ever; the lobby on another
    PC shows and announces both, each exactly once."""
    db = open_database(pg_url)
    q.init_catalogue(db, actor=SYSTEM)
    lobby = ScreenProcess("lobby", "--db", pg_url, "--interval-ms", "100")
    try:
        lobby.wait_for(lambda x: x.get("ready"))
        slow = db.engine.connect()
        slow_tx = slow.begin()
        first_id = slow.execute(insert(Event.__table__).returning(Event.id), [_call_event("A001", 1)]).scalar_one()
        with db.engine.begin() as fast:  # commits at once, with the higher id
            second_id = fast.execute(insert(Event.__table__).returning(Event.id), [_call_event("A002", 2)]).scalar_one()
        assert first_id < second_id
        lobby.wait_for(lambda x: x.get("shown") == "A002")
        slow_tx.commit()  # the lower id becomes visible after the higher one was read
        slow.close()
        lobby.wait_for(lambda x: x.get("shown") == "A001")
        time.sleep(1.0)  # further polls must not bring either call again
        shown = [x["shown"] for x in lobby.lines if "shown" in x]
        assert shown == ["A002", "A001"]
        said = [x["said"] for x in lobby.lines if "said" in x]
        # Each call announced once: the Chinese and English sentences, each said twice (lobby.announce_repeat).
        assert said.count("请 A002 号到 2 号窗口") == 2 and said.count("请 A001 号到 1 号窗口") == 2
    finally:
        lobby.stop()
        db.dispose()


def test_a_killed_teller_app_leaves_its_window_unattended(tmp_path):
    url = f"sqlite:///{tmp_path / 'branch.sqlite3'}"
    db = open_database(url)
    q.init_catalogue(db, actor=SYSTEM)
    add_staff(db, username="li", password="password1", roles="teller", actor=SYSTEM)
    teller = ScreenProcess("teller", "--db", url, "--window", "1", "--user", "li")
    try:
        ready = teller.wait_for(lambda x: "ready" in x)
        assert ready["ready"], ready
        with db.read() as s:
            win = s.scalar(select(Window).where(Window.number == 1))
            holder, beat = win.holder, win.heartbeat_at
        assert holder == ready["holder"] and beat is not None
        assert next(w for w in q.queue_status(db).windows if w.number == 1).attended
        teller.proc.send_signal(signal.SIGKILL)  # a crash, a power cut: not a word to the database
        teller.proc.wait(10)
    finally:
        teller.stop()
    later = beat + dt.timedelta(minutes=4)  # as the manager sees it four minutes on (limit: 3 min)
    st = q.queue_status(db, now=later)
    w1 = next(w for w in st.windows if w.number == 1)
    assert (w1.state, w1.staff_username, w1.attended) == ("open", "li", False)
    assert live_figures(db, now=later).windows_unattended == (1,)
    db.dispose()


def _faketime(offset: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``branchdesk ARGS`` on a PC whose clock is ``offset`` (libfaketime) off."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(["faketime", "-f", offset, sys.executable, "-m", "app", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.postgres
@pytest.mark.skipif(shutil.which("faketime") is None and not os.environ.get("CI"),
                    reason="Debian's faketime is not installed (tools/dev.sh installs it)")
def test_two_pcs_with_wrong_clocks_share_the_database_clock(pg_url):
    """PC A runs 10 minutes fast, PC B 10 minutes slow. Their tickets get the
    database server's times, so the one issued first is called first; doctor
    on PC A warns about its clock."""
    db = open_database(pg_url)
    q.init_catalogue(db, actor=SYSTEM)
    q.open_window(db, window=1, actor=SYSTEM)
    a = _faketime("+600s", "--db", pg_url, "ticket", "issue", "--service", "A", "--after-hours", "--json")
    assert a.returncode == 0, a.stderr
    b = _faketime("-600s", "--db", pg_url, "ticket", "issue", "--service", "A", "--after-hours", "--json")
    assert b.returncode == 0, b.stderr
    with db.read() as s:
        server = s.execute(text("SELECT clock_timestamp() AT TIME ZONE 'Asia/Shanghai'")).scalar_one()
    issued = [dt.datetime.fromisoformat(json.loads(r.stdout)["ticket"]["issued_at"]) for r in (a, b)]
    assert issued[0] <= issued[1]  # A first, whatever the PCs' clocks said
    assert all(abs((server - t).total_seconds()) < 120 for t in issued)  # the server's time, not ±10 minutes
    called = _faketime("-600s", "--db", pg_url, "call", "next", "--window", "1", "--json")
    assert json.loads(called.stdout)["number"] == "A001"
    doctor = _faketime("+600s", "--db", pg_url, "doctor", "--no-sound")
    line = next(x for x in doctor.stdout.splitlines() if " clock:" in x)
    assert line.startswith("WARN clock: This PC's clock is 600 seconds ahead of the database's")
    db.dispose()
