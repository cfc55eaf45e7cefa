"""Greeter issues, teller calls, the lobby display shows and announces:
in one process, and with the call made by another process on the same file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from app.ui import tasks
from app.ui.greeter.screen import GreeterScreen
from app.ui.lobby.announcer import Announcer, RecordingOutput
from app.ui.lobby.screen import LobbyScreen
from app.ui.teller.screen import TellerScreen

ROOT = Path(__file__).resolve().parents[2]


def lobby(qtbot, sctx):
    output = RecordingOutput()
    screen = LobbyScreen(sctx, None, announcer=Announcer(output))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    return screen, output


def test_issue_call_show_announce_in_one_process(qtbot, sctx, actors, aloop):
    greeter = GreeterScreen(sctx, actors["greeter"])
    teller = TellerScreen(sctx, actors["teller"], window=1)
    display, output = lobby(qtbot, sctx)
    for w in (greeter, teller):
        qtbot.addWidget(w)
    greeter.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    qtbot.mouseClick(greeter.services.buttons["D"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(greeter.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: greeter.result.number.text() == "D001", timeout=3000)
    qtbot.waitUntil(lambda: teller.waiting.rowCount() == 1, timeout=3000)
    teller.show()
    with qtbot.waitActive(teller):
        teller.activateWindow()
    qtbot.keyClick(teller, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: teller.current.number.text() == "D001", timeout=3000)
    qtbot.waitUntil(lambda: display.number.text() == "D001", timeout=3000)
    assert display.where_zh.text() == "到 1 号窗口办理"
    qtbot.waitUntil(lambda: "请 D001 号到 1 号窗口" in output.texts(), timeout=3000)
    assert output.played[0].kind == "chime" and "zh_D" in output.played[1].clips


def test_call_made_by_another_process_reaches_the_display(qtbot, sctx, actors, app_ctx, db_file, now):
    import app.queue as q

    q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now)
    display, output = lobby(qtbot, sctx)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "app", "call", "next", "--window", "1", "--db", str(db_file),
         "--at", now.isoformat(), "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: display.number.text() == "A001", timeout=5000)
    qtbot.waitUntil(lambda: output.texts()[:2] == ["请 A001 号到 1 号窗口", "Number A 0 0 1, please go to window 1"],
                    timeout=3000)
