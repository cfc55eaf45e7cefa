"""The teller window, driven with its function keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

import app.queue as q
from app.ui import tasks
from app.ui.teller.screen import TellerScreen


def make(qtbot, sctx, actors, window: int = 1) -> TellerScreen:
    screen = TellerScreen(sctx, actors["teller"], window=window)
    qtbot.addWidget(screen)
    qtbot.addWidget(screen.rating)
    screen.resize(1400, 900)
    screen.show()
    with qtbot.waitActive(screen):  # shortcuts need the active window, as on a real desk
        screen.activateWindow()
    qtbot.waitUntil(tasks.idle, timeout=5000)  # the screen reads the queue in a worker thread
    return screen


def issue(app_ctx, actors, now, *codes: str) -> None:
    for code in codes:
        q.issue_ticket(app_ctx.db, service=code, actor=actors["greeter"], now=now)


def table_numbers(table) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def press(qtbot, screen: TellerScreen, key) -> None:
    """Press a function key and wait until its action has come back from the worker thread."""
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.keyClick(screen, key)


def test_keys_call_start_finish_and_rating(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A", "D", "B")
    screen = make(qtbot, sctx, actors)
    assert table_numbers(screen.waiting) == ["A001", "D001"]  # window 1 serves A and D only
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.current.number.text() == "A001"
    assert table_numbers(screen.waiting) == ["D001"]
    press(qtbot, screen, Qt.Key.Key_F4)
    assert screen.current.status.text() == "办理中"
    press(qtbot, screen, Qt.Key.Key_F5)
    assert screen.current.number.text() == "—"
    assert screen.rating.isVisible() and "A001" in screen.rating.subtitle.text()
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.rating.stars[3], Qt.MouseButton.LeftButton)
    assert "A001" in screen.bar.text()
    assert q.get_ticket(app_ctx.db, "A001", now=now).rating == 4
    assert "已办理：1" in screen.figures.text()


def test_call_with_nobody_waiting_says_so(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.bar.text() == "本窗口暂无等候客户。"
    assert screen.current.number.text() == "—"


def test_no_show_recall_and_call_selected(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A", "A", "D")
    screen = make(qtbot, sctx, actors)
    screen.waiting.selectRow(2)
    press(qtbot, screen, Qt.Key.Key_F8)
    assert screen.current.number.text() == "D001"
    press(qtbot, screen, Qt.Key.Key_F2)
    assert "2" in screen.current.status.text()  # called twice
    press(qtbot, screen, Qt.Key.Key_F3)
    assert q.get_ticket(app_ctx.db, "D001", now=now).status == "no_show"
    assert table_numbers(screen.waiting) == ["A001", "A002"]


def test_transfer_to_another_window_and_pause(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A")
    screen = make(qtbot, sctx, actors)
    press(qtbot, screen, Qt.Key.Key_F1)
    screen.transfer_to.setCurrentIndex(screen.transfer_to.findData("window:2"))
    press(qtbot, screen, Qt.Key.Key_F6)
    assert [t.number for t in q.waiting_list(app_ctx.db, now=now, window=2)] == ["A001"]
    press(qtbot, screen, Qt.Key.Key_F7)
    assert screen.window_state.text().startswith("暂停服务")
    qtbot.keyClick(screen, Qt.Key.Key_F1)  # keys are disabled while paused: nothing happens
    assert screen.current.number.text() == "—"
    press(qtbot, screen, Qt.Key.Key_F7)
    assert screen.window_state.text() == "营业中"


def test_feed_refreshes_the_waiting_list(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    issue(app_ctx, actors, now, "D")
    qtbot.waitUntil(lambda: table_numbers(screen.waiting) == ["D001"], timeout=3000)


def test_double_press_calls_once_and_keys_wait_for_the_answer(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A", "A")
    screen = make(qtbot, sctx, actors)
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.keyClick(screen, Qt.Key.Key_F1)
        assert not screen.keys["next"].isEnabled()  # in flight: a second press does nothing
        qtbot.keyClick(screen, Qt.Key.Key_F1)
    qtbot.wait(100)
    assert screen.current.number.text() == "A001"
    assert table_numbers(screen.waiting) == ["A002"]
    assert "A001" in screen.bar.text()


def test_a_locked_database_never_freezes_the_window(qtbot, sctx, actors, aloop, app_ctx, now, db_file):
    """Another process holds the write lock: the call waits in a worker thread,
    the window keeps painting, and the call goes through once the lock is gone."""
    import sqlite3
    import time

    issue(app_ctx, actors, now, "A")
    screen = make(qtbot, sctx, actors)
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(screen, Qt.Key.Key_F1)
        started = time.monotonic()
        qtbot.wait(300)  # the event loop runs meanwhile
        assert time.monotonic() - started < 2
        assert screen.in_flight and not screen.keys["next"].isEnabled()
        assert screen.current.number.text() == "—"
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: screen.current.number.text() == "A001", timeout=10000)


def test_message_bar_takes_no_room_until_it_has_something_to_say(qtbot, sctx, actors, aloop):
    screen = make(qtbot, sctx, actors)
    assert not screen.bar.isVisible()  # no empty strip above the keys
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.bar.isVisible() and screen.bar.text() == "本窗口暂无等候客户。"
    screen.bar.clear_message()
    assert not screen.bar.isVisible()


def _state(app_ctx, number: int, now) -> tuple[str, str | None]:
    w = next(w for w in q.queue_status(app_ctx.db, now=now).windows if w.number == number)
    return w.state, w.staff_username


def test_the_window_follows_its_teller_on_switching_and_on_closing(qtbot, sctx, actors, aloop, app_ctx, now):
    """Window 1 is the teller's (opened before this screen, as after a restart):
    the screen holds it again; choosing window 3 leaves it (closed, its called
    customer back at the head of the queue); closing the screen leaves window 3."""
    issue(app_ctx, actors, now, "A", "A")
    screen = make(qtbot, sctx, actors, window=1)
    qtbot.waitUntil(lambda: screen.held == 1, timeout=5000)
    press(qtbot, screen, Qt.Key.Key_F1)  # A001 called at window 1
    screen.window_box.setCurrentIndex(screen.window_box.findData(3))
    qtbot.waitUntil(lambda: _state(app_ctx, 1, now) == ("closed", None), timeout=5000)
    assert [t.number for t in q.waiting_list(app_ctx.db, now=now)] == ["A001", "A002"]
    qtbot.waitUntil(lambda: screen.window_view is not None and screen.window_view.number == 3, timeout=5000)
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert _state(app_ctx, 3, now) == ("open", "teller") and screen.held == 3
    screen.close()  # logging out or quitting closes the teller's screens
    qtbot.waitUntil(lambda: _state(app_ctx, 3, now) == ("closed", None), timeout=5000)
