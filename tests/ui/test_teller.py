"""The teller window, driven with its function keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

import app.queue as q
from app.ui.teller.screen import TellerScreen


def make(qtbot, sctx, actors, window: int = 1) -> TellerScreen:
    screen = TellerScreen(sctx, actors["teller"], window=window)
    qtbot.addWidget(screen)
    qtbot.addWidget(screen.rating)
    screen.resize(1400, 900)
    screen.show()
    with qtbot.waitActive(screen):  # shortcuts need the active window, as on a real desk
        screen.activateWindow()
    return screen


def issue(app_ctx, actors, now, *codes: str) -> None:
    for code in codes:
        q.issue_ticket(app_ctx.db, service=code, actor=actors["greeter"], now=now)


def table_numbers(table) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_keys_call_start_finish_and_rating(qtbot, sctx, actors, app_ctx, now):
    issue(app_ctx, actors, now, "A", "D", "B")
    screen = make(qtbot, sctx, actors)
    assert table_numbers(screen.waiting) == ["A001", "D001"]  # window 1 serves A and D only
    qtbot.keyClick(screen, Qt.Key.Key_F1)
    assert screen.current.number.text() == "A001"
    assert table_numbers(screen.waiting) == ["D001"]
    qtbot.keyClick(screen, Qt.Key.Key_F4)
    assert screen.current.status.text() == "办理中"
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    assert screen.current.number.text() == "—"
    assert screen.rating.isVisible() and "A001" in screen.rating.subtitle.text()
    qtbot.mouseClick(screen.rating.stars[3], Qt.MouseButton.LeftButton)
    assert q.get_ticket(app_ctx.db, "A001", now=now).rating == 4
    assert "已办理：1" in screen.figures.text()


def test_call_with_nobody_waiting_says_so(qtbot, sctx, actors, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    qtbot.keyClick(screen, Qt.Key.Key_F1)
    assert screen.bar.text() == "本窗口暂无等候客户。"
    assert screen.current.number.text() == "—"


def test_no_show_recall_and_call_selected(qtbot, sctx, actors, app_ctx, now):
    issue(app_ctx, actors, now, "A", "A", "D")
    screen = make(qtbot, sctx, actors)
    screen.waiting.selectRow(2)
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert screen.current.number.text() == "D001"
    qtbot.keyClick(screen, Qt.Key.Key_F2)
    assert "2" in screen.current.status.text()  # called twice
    qtbot.keyClick(screen, Qt.Key.Key_F3)
    assert q.get_ticket(app_ctx.db, "D001", now=now).status == "no_show"
    assert table_numbers(screen.waiting) == ["A001", "A002"]


def test_transfer_to_another_window_and_pause(qtbot, sctx, actors, app_ctx, now):
    issue(app_ctx, actors, now, "A")
    screen = make(qtbot, sctx, actors)
    qtbot.keyClick(screen, Qt.Key.Key_F1)
    screen.transfer_to.setCurrentIndex(screen.transfer_to.findData("window:2"))
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    assert [t.number for t in q.waiting_list(app_ctx.db, now=now, window=2)] == ["A001"]
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    assert screen.window_state.text().startswith("暂停服务")
    qtbot.keyClick(screen, Qt.Key.Key_F1)  # keys are disabled while paused: nothing happens
    assert screen.current.number.text() == "—"
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    assert screen.window_state.text() == "营业中"


def test_feed_refreshes_the_waiting_list(qtbot, sctx, actors, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    issue(app_ctx, actors, now, "D")
    qtbot.waitUntil(lambda: table_numbers(screen.waiting) == ["D001"], timeout=3000)
