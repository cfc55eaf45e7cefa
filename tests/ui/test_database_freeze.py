"""A shared PostgreSQL server that freezes (every server process stopped by
SIGSTOP) while the teller's and the lobby's screens are open: they keep
painting, say the database is unreachable, and carry on when it answers again
(issue 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

import app.queue as q
from app.bootstrap import build
from app.staff.accounts import actor_for, add_staff
from app.staff.roles import SYSTEM
from app.ui import tasks
from app.ui.context import make_context
from app.ui.lobby.announcer import Announcer, RecordingOutput
from app.ui.lobby.screen import LobbyScreen
from app.ui.status import StaffStatus
from app.ui.teller.screen import TellerScreen
from tests.support.pg import PgServer, find_pg_bin

UNREACHABLE = "无法连接数据库"

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def frozen_server():
    """A PostgreSQL server of this test's own (the shared one must never be frozen)."""
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    server = PgServer().start()
    yield server
    server.thaw()
    server.destroy()


def test_screens_stay_alive_say_so_and_recover(qtbot, aloop, lang, frozen_server):
    server = frozen_server
    app_ctx = build(server.url(server.create_database()))
    q.init_catalogue(app_ctx.db, actor=SYSTEM)
    add_staff(app_ctx.db, username="teller", password="password1", roles="teller", actor=SYSTEM)
    teller_actor = actor_for(app_ctx.db, "teller")
    q.open_window(app_ctx.db, window=1, actor=teller_actor)
    q.issue_ticket(app_ctx.db, service="A", after_hours_ok=True, actor=SYSTEM)
    ctx = make_context(app_ctx, interval_ms=100)
    ctx.extras["status"] = StaffStatus(app_ctx, bridge=ctx.bridge, clock=ctx.clock)
    teller = TellerScreen(ctx, teller_actor, window=1)
    lobby = LobbyScreen(ctx, None, announcer=Announcer(RecordingOutput()))
    for w in (teller, lobby):
        qtbot.addWidget(w)
    teller.show()
    lobby.show()
    with qtbot.waitActive(teller):
        teller.activateWindow()
    qtbot.waitUntil(lambda: tasks.idle() and teller.held == 1, timeout=10000)
    ticks = []
    beat = QTimer()
    beat.setInterval(20)
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start()
    try:
        server.freeze()
        qtbot.keyClick(teller, Qt.Key.Key_F1)  # hangs in its worker thread, not here
        assert not teller.keys["next"].isEnabled()
        qtbot.waitUntil(lambda: UNREACHABLE in teller.status_line.text(), timeout=40000)
        qtbot.waitUntil(lambda: UNREACHABLE in teller.bar.text(), timeout=40000)  # F1's answer: one sentence
        assert len(ticks) > 100  # the window kept painting all along (the stall figures: benchmarks/)
        assert lobby.number.text() in ("", "—")  # nothing was called
        server.thaw()
        qtbot.waitUntil(lambda: UNREACHABLE not in teller.status_line.text(), timeout=30000)
        qtbot.waitUntil(lambda: teller.keys["next"].isEnabled(), timeout=15000)
        with qtbot.waitSignal(teller.action_done, timeout=15000):
            qtbot.keyClick(teller, Qt.Key.Key_F1)
        assert teller.current.number.text() == "A001"
        qtbot.waitUntil(lambda: lobby.number.text() == "A001", timeout=10000)
    finally:
        beat.stop()
        server.thaw()
        ctx.bridge.stop()
        teller.close()
        tasks.wait(15000)
        app_ctx.close()
