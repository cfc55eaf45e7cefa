"""The teller window, driven with its function keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

import app.queue as q
from app.ui import tasks
from app.ui.teller.screen import TellerScreen


def make(qtbot, sctx, actors, window: int = 1) -> TellerScreen:
    screen = TellerScreen(sctx, actors["teller"], window=window)
    qtbot.addWidget(screen)
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


def test_keys_call_start_finish_and_no_stars_on_the_tellers_screen(qtbot, sctx, actors, aloop, app_ctx, now):
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
    assert "A001" in screen.bar.text()
    # the customer rates on the rating pad at the window, never on the teller's screen
    assert not [w for w in screen.findChildren(QWidget) if "星" in getattr(w, "text", lambda: "")()]
    assert "已办理：1" in screen.figures.text()


def test_with_nobody_waiting_f1_is_off_and_the_screen_says_why(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    assert not screen.keys["next"].isEnabled()
    assert screen.current.details.text() == "本窗口暂无等候客户。"  # not "press F1"
    qtbot.keyClick(screen, Qt.Key.Key_F1)
    assert screen.current.number.text() == "—"
    q.pause_window(app_ctx.db, window=1, reason="午休", actor=actors["teller"], now=now)
    issue(app_ctx, actors, now, "A")
    qtbot.waitUntil(lambda: screen.current.details.text() == "本窗口已暂停服务，按 F7 恢复。", timeout=3000)
    assert not screen.keys["next"].isEnabled()


def test_no_show_can_be_undone_within_ten_seconds(qtbot, sctx, actors, aloop, app_ctx, now):
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
    assert screen.bar.action.isVisible() and screen.bar.action.text() == "撤销 (10)"
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.bar.action, Qt.MouseButton.LeftButton)
    back = q.get_ticket(app_ctx.db, "D001", now=now)
    assert (back.status, back.window_number) == ("called", 1)
    assert screen.current.number.text() == "D001"


def test_a_no_show_goes_back_in_the_queue_from_the_list(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now - dt.timedelta(minutes=5), "A", "A")
    screen = make(qtbot, sctx, actors)
    assert screen.no_show_row.note.text() == "今日无"
    press(qtbot, screen, Qt.Key.Key_F1)
    press(qtbot, screen, Qt.Key.Key_F3)
    screen.bar.clear_message()  # the 10 seconds of Undo are over
    assert screen.no_show_box.currentText().startswith("A001")
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.no_show_row.button, Qt.MouseButton.LeftButton)
    assert q.get_ticket(app_ctx.db, "A001", now=now).status == "waiting"
    assert table_numbers(screen.waiting) == ["A002", "A001"]  # at the back of the queue
    assert screen.no_show_box.count() == 0


def test_closing_the_window_asks_once(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert _state(app_ctx, 1, now)[0] == "open"  # nothing happened yet
    assert "再按一次" in screen.bar.text() and screen.bar.action.isVisible()
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert _state(app_ctx, 1, now)[0] == "closed"
    assert screen.current.details.text() == "窗口已关闭。请先开启窗口再叫号。"


def test_choices_are_made_afresh_for_every_customer(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A", "A")
    screen = make(qtbot, sctx, actors)
    press(qtbot, screen, Qt.Key.Key_F1)
    qtbot.keyClick(screen, Qt.Key.Key_F6)  # no target chosen: nothing moves
    assert screen.bar.text() == "请先选择转往的业务或窗口。"
    assert q.get_ticket(app_ctx.db, "A001", now=now).status == "called"
    screen.outcome.setCurrentIndex(screen.outcome.findData("documents_missing"))
    screen.transfer_to.setCurrentIndex(screen.transfer_to.findData("window:2"))
    press(qtbot, screen, Qt.Key.Key_F5)
    assert q.get_ticket(app_ctx.db, "A001", now=now).outcome == "documents_missing"
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.current.number.text() == "A002"
    assert screen.outcome.currentData() == "done" and screen.outcome.currentText() == "已办结"
    assert screen.transfer_to.currentData() is None


def test_the_list_is_the_order_f1_calls_in_with_the_priority_reason(qtbot, sctx, actors, aloop, app_ctx, now):
    """The defect: D001 was listed first, but F1 called A005."""
    q.issue_ticket(app_ctx.db, service="D", actor=actors["greeter"], now=now - dt.timedelta(minutes=5))
    for _ in range(4):
        q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=4))
        q.cancel_ticket(app_ctx.db, q.waiting_list(app_ctx.db, now=now, service="A")[0].id, actor=actors["greeter"],
                        now=now - dt.timedelta(minutes=4))
    q.issue_ticket(app_ctx.db, service="A", priority="needs", priority_note="elderly", actor=actors["greeter"],
                   now=now - dt.timedelta(minutes=1))
    screen = make(qtbot, sctx, actors)
    assert table_numbers(screen.waiting) == ["A005", "D001"]
    assert screen.waiting.item(0, 2).text() == "老年人"
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.current.number.text() == "A005"
    assert "优先：老年人" in screen.current.details.text()


def test_the_need_note_is_masked_until_opened_and_each_opening_is_recorded(qtbot, sctx, actors, aloop, app_ctx,
                                                                           now):
    from app.privacy.access import access_log

    q.issue_ticket(app_ctx.db, service="A", need_note="办理社保卡", actor=actors["greeter"], now=now)
    long_note = "挂失存折并补办新存折，客户带了户口本"
    q.issue_ticket(app_ctx.db, service="A", need_note=long_note, actor=actors["greeter"], now=now)
    screen = make(qtbot, sctx, actors)
    assert [screen.waiting.item(r, 3).text() for r in range(2)] == ["••••••", "••••••"]
    assert "办理社保卡" not in _all_text(screen)
    screen.waiting.selectRow(1)
    assert screen.need_note.note.text() == "A002 需求：••••••"
    qtbot.mouseClick(screen.need_note.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.waiting.item(1, 3).text() == "挂失存折并补办…", timeout=3000)  # its start
    assert screen.need_note.note.text() == f"A002 需求：{long_note}"  # and whole under the list
    assert screen.waiting.item(0, 3).text() == "••••••"
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.current.need.text() == "需求：••••••" and screen.current.need_button.isVisible()
    qtbot.mouseClick(screen.current.need_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.current.need.text() == "需求：办理社保卡", timeout=3000)
    views = [e for e in access_log(app_ctx.db, action="view") if e.username == "teller"]
    assert len(views) == 2 and all(e.subject == "ticket" and e.outcome == "ok" for e in views)
    press(qtbot, screen, Qt.Key.Key_F5)
    press(qtbot, screen, Qt.Key.Key_F1)  # the next customer: masked again
    assert screen.current.need.text() == "需求：••••••"


def _all_text(screen) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(w.text() for w in screen.findChildren(QLabel))


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


def test_no_control_moves_when_a_message_comes_and_goes(qtbot, sctx, actors, aloop, app_ctx, now):
    issue(app_ctx, actors, now, "A")
    screen = make(qtbot, sctx, actors)

    def where() -> list:
        return [b.mapTo(screen, b.rect().topLeft()) for b in (*screen.keys.values(), screen.pause_reason,
                                                              screen.transfer_to, screen.open_button)]
    before = where()
    press(qtbot, screen, Qt.Key.Key_F1)
    assert screen.bar.text() == "正在呼叫 A001。"
    qtbot.wait(50)
    assert where() == before
    screen.bar.clear_message()
    qtbot.wait(50)
    assert where() == before


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


def test_a_load_that_lands_after_the_screen_closed_does_not_take_the_window_back(
        qtbot, sctx, actors, aloop, app_ctx, now, monkeypatch):
    """A refresh read while the window was still open lands after the screen closed
    and left it: the window stays closed (the stale rows say "open, this teller's",
    which once made the screen take it back)."""
    import threading

    import app.ui.teller.screen as teller_screen

    issue(app_ctx, actors, now, "A")
    screen = make(qtbot, sctx, actors, window=3)
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tasks.idle, timeout=5000)
    assert _state(app_ctx, 3, now) == ("open", "teller")
    gate, inside = threading.Event(), threading.Event()
    lineup = teller_screen.window_lineup

    def held_back(*args, **kwargs):
        inside.set()
        gate.wait(10)
        return lineup(*args, **kwargs)

    monkeypatch.setattr(teller_screen, "window_lineup", held_back)
    screen.refresh()
    qtbot.waitUntil(inside.is_set, timeout=5000)  # the window's rows are read: open, the teller's
    screen.close()
    qtbot.waitUntil(lambda: _state(app_ctx, 3, now) == ("closed", None), timeout=5000)
    gate.set()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    assert _state(app_ctx, 3, now) == ("closed", None)
    assert screen.held is None
