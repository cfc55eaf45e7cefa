"""The greeter screen, driven through its buttons and fields."""

from __future__ import annotations

from PySide6.QtCore import Qt

import app.queue as q
from app.devices.base import PrinterError
from app.ui import tasks
from app.ui.greeter.screen import GreeterScreen


def make(qtbot, sctx, actors) -> GreeterScreen:
    screen = GreeterScreen(sctx, actors["greeter"])
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)  # the screen reads the queue in a worker thread
    return screen


def issue(qtbot, screen: GreeterScreen, code: str) -> None:
    """Tap the service and Issue; wait until the answer (a number or a message) shows."""
    before = screen.result.number.text()
    qtbot.mouseClick(screen.services.buttons[code], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result.number.text() != before or screen.bar.level in ("error", "warning"),
                    timeout=3000)


def test_issue_shows_number_and_prints_without_personal_data(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    printer = app_ctx.devices["printer"]
    screen.form.name.setText("张三丰")  # QTest cannot type CJK characters
    issue(qtbot, screen, "A")
    assert screen.result.number.text() == "A001"
    assert "前面还有 0 人" in screen.result.ahead.text()
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=3000)
    job = printer.jobs[0]
    assert job.number == "A001" and "张" not in repr(job)
    qtbot.waitUntil(lambda: "已打印" in screen.result.print_state.text(), timeout=3000)
    assert q.get_ticket(app_ctx.db, "A001", now=now).print_state == "printed"
    qtbot.waitUntil(lambda: screen.recent.table.item(0, 0) is not None
                    and screen.recent.table.item(0, 0).text() == "A001", timeout=3000)
    # Windows 1 and 2 are open and idle: A001 goes to one, the next A customer to the other.
    assert screen.services.buttons["A"].waiting.text() == "等候 1 人 · 约 0 分钟"


def test_double_click_on_issue_gives_one_ticket(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    qtbot.mouseClick(screen.services.buttons["D"], Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(screen.issue, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result.number.text() == "D001", timeout=3000)
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    waiting = q.waiting_list(app_ctx.db, now=now, service="D")
    assert [t.number for t in waiting] == ["D001"]


def test_a_service_no_window_serves_is_said_on_its_button_and_asked_once(qtbot, sctx, actors, aloop, app_ctx, now):
    """Corporate banking (B) is served by window 4 only, which is closed."""
    screen = make(qtbot, sctx, actors)
    assert screen.services.buttons["B"].waiting.text() == "等候 0 人 · 暂无窗口办理"
    qtbot.mouseClick(screen.services.buttons["B"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)
    assert screen.bar.text() == "暂无窗口办理此业务。如仍需取号请再按一次“取号”，号票上不印等候时间。"
    assert q.waiting_list(app_ctx.db, now=now, service="B") == []
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)  # confirmed
    qtbot.waitUntil(lambda: screen.result.number.text() == "B001", timeout=3000)
    assert screen.result.ahead.text() == "前面还有 0 人  ·  暂无窗口办理：请留意叫号屏幕"
    job = app_ctx.devices["printer"]
    qtbot.waitUntil(lambda: len(job.jobs) == 1, timeout=3000)
    assert (job.jobs[0].estimated_wait_min, job.jobs[0].estimate_note) == (None, "no_window")


def test_a_window_that_opens_updates_the_buttons_at_once(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    assert "暂无窗口办理" in screen.services.buttons["B"].waiting.text()
    q.open_window(app_ctx.db, window=4, actor=actors["manager"], now=now)
    qtbot.waitUntil(lambda: screen.services.buttons["B"].waiting.text() == "等候 0 人 · 约 0 分钟", timeout=3000)


def test_bad_phone_is_refused_as_typed_beside_the_field_and_issues_nothing(qtbot, sctx, actors, aloop, app_ctx,
                                                                           now):
    screen = make(qtbot, sctx, actors)
    qtbot.keyClicks(screen.form.phone, "138a")
    assert screen.form.errors["phone"].isVisible() and screen.form.errors["phone"].text() == "只能填写数字"
    assert screen.form.phone.text() == "138a"  # not silently dropped: the person sees what they typed
    screen.form.phone.clear()
    qtbot.keyClicks(screen.form.phone, "12-34")
    assert not screen.form.errors["phone"].isVisible()  # still being typed
    screen.form.phone.editingFinished.emit()
    assert screen.form.errors["phone"].text() == "7 至 15 位数字"
    screen.form.name.setText("张" * 60)  # too long: said, not cut
    assert screen.form.name.text() == "张" * 60 and screen.form.errors["name"].text() == "最多 50 个字"
    issue(qtbot, screen, "A")
    assert screen.bar.text() == "请修改标出的内容；尚未取号。"
    assert screen.form.errors["phone"].isVisible() and screen.form.errors["name"].isVisible()  # all at once
    assert q.waiting_list(app_ctx.db, now=now) == []
    assert screen.issue.isEnabled()


def test_phone_is_masked_once_entered(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    qtbot.keyClicks(screen.form.phone, "13812345678")
    screen.form.phone.editingFinished.emit()
    assert screen.form.phone.text() == "*******5678"
    issue(qtbot, screen, "D")
    personal = q.ticket_personal_data(app_ctx.db, "D001", purpose="test", actor=actors["manager"], now=now)
    assert personal.customer_phone == "13812345678"


def test_print_failure_keeps_ticket_and_reprint_works(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    printer = app_ctx.devices["printer"]
    printer.fail = PrinterError("Out of paper.", kind="paper_out")
    issue(qtbot, screen, "A")
    qtbot.waitUntil(lambda: "缺纸" in screen.bar.text(), timeout=3000)
    assert "A001" in screen.bar.text() and screen.result.reprint.isVisible()
    assert q.get_ticket(app_ctx.db, "A001", now=now).status == "waiting"
    printer.fail = None
    qtbot.mouseClick(screen.result.reprint, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [j.number for j in printer.jobs] == ["A001"], timeout=3000)
    qtbot.waitUntil(lambda: q.get_ticket(app_ctx.db, "A001", now=now).print_state == "printed", timeout=3000)


def test_cancel_from_recent_list(qtbot, sctx, actors, aloop, app_ctx, now):
    screen = make(qtbot, sctx, actors)
    issue(qtbot, screen, "D")
    qtbot.waitUntil(tasks.idle, timeout=5000)
    screen.recent.select_number("D001")
    qtbot.mouseClick(screen.recent.cancel, Qt.MouseButton.LeftButton)  # asks once
    assert "再按一次" in screen.bar.text() and q.get_ticket(app_ctx.db, "D001", now=now).status == "waiting"
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.recent.cancel, Qt.MouseButton.LeftButton)
    assert screen.recent.table.item(0, 3).text() == "已作废"
    assert q.waiting_list(app_ctx.db, now=now) == []


def test_lost_database_is_said_in_one_sentence_and_recovers(qtbot, sctx, actors, aloop, monkeypatch):
    import app.ui.bridge as bridge_mod
    from app.store.errors import DatabaseUnavailable

    screen = make(qtbot, sctx, actors)
    real = bridge_mod.read_new

    def down(*_a, **_k):
        raise DatabaseUnavailable("The database server does not answer.")

    monkeypatch.setattr(bridge_mod, "read_new", down)
    qtbot.waitUntil(lambda: screen.bar.text() == "无法连接数据库，请稍后重试；如持续出现请联系科技人员。", timeout=3000)
    monkeypatch.setattr(bridge_mod, "read_new", real)
    qtbot.waitUntil(lambda: screen.bar.text() == "数据库连接已恢复。", timeout=3000)


def test_a_locked_database_never_freezes_cancel(qtbot, sctx, actors, aloop, app_ctx, now, db_file):
    """Another process holds the write lock: Cancel waits in a worker thread,
    the window keeps painting, and the ticket is cancelled once the lock is gone."""
    import sqlite3
    import time

    screen = make(qtbot, sctx, actors)
    issue(qtbot, screen, "D")
    qtbot.waitUntil(tasks.idle, timeout=5000)
    screen.recent.select_number("D001")
    qtbot.mouseClick(screen.recent.cancel, Qt.MouseButton.LeftButton)  # asks once
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(screen.bar.action, Qt.MouseButton.LeftButton)  # Confirm, in the message strip
        started = time.monotonic()
        qtbot.wait(300)  # the event loop runs meanwhile
        assert time.monotonic() - started < 2
        assert screen.cancel_in_flight and not screen.recent.cancel.isEnabled()
        assert not screen.recent.reprint.isEnabled()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: screen.recent.table.item(0, 3).text() == "已作废", timeout=10_000)
    assert not screen.cancel_in_flight and screen.recent.reprint.isEnabled() is False  # a cancelled ticket
    assert screen.bar.level == "ok" and "D001" in screen.bar.text()
    assert q.waiting_list(app_ctx.db, now=now) == []


def test_a_no_show_is_put_back_in_the_queue_from_the_list(qtbot, sctx, actors, aloop, app_ctx, now):
    q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now)
    q.call_next(app_ctx.db, window=1, actor=actors["teller"], now=now)
    q.no_show(app_ctx.db, window=1, actor=actors["teller"], now=now)
    screen = make(qtbot, sctx, actors)
    screen.recent.select_number("A001")
    assert screen.recent.table.item(0, 3).text() == "过号"
    assert screen.recent.requeue.isEnabled() and not screen.recent.cancel.isEnabled()
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.recent.requeue, Qt.MouseButton.LeftButton)
    assert screen.bar.level == "ok", screen.bar.text()
    assert q.get_ticket(app_ctx.db, "A001", now=now).status == "waiting"
    assert screen.recent.table.item(0, 3).text() == "等候中"
    assert "A001" in screen.bar.text()


def test_quick_mode_issues_with_one_tap_and_the_shortcuts_are_shown(qtbot, sctx, actors, aloop, app_ctx, now):
    from PySide6.QtWidgets import QLabel

    screen = make(qtbot, sctx, actors)
    assert any("Alt+字母" in w.text() for w in screen.findChildren(QLabel))
    screen.quick.setChecked(True)
    screen.form.toggles["elderly"].setChecked(True)
    qtbot.mouseClick(screen.services.buttons["D"], Qt.MouseButton.LeftButton)  # one tap
    qtbot.waitUntil(lambda: screen.result.number.text() == "D001", timeout=3000)
    assert q.get_ticket(app_ctx.db, "D001", now=now).priority_note == "elderly"


def _buttons_whole(screen: GreeterScreen) -> bool:
    """Every service button visible and wholly inside the window."""
    from PySide6.QtCore import QRect

    window = screen.rect()
    return all(b.isVisible() and window.contains(QRect(b.mapTo(screen, b.rect().topLeft()), b.size()))
               for b in screen.services.buttons.values())


def test_a_half_screen_greeter_puts_services_and_todays_list_on_tabs(qtbot, sctx, actors, aloop):
    """Half of a 1920x1080 screen (the demo's greeter): one column of seven
    services is too tall to sit above today's list, so each gets a tab and the
    window keeps the height it was given; a whole screen shows both at once."""
    screen = make(qtbot, sctx, actors)
    screen.resize(960, 1048)
    qtbot.waitUntil(lambda: screen.compact is True, timeout=3000)
    assert screen.height() == 1048 and _buttons_whole(screen)
    assert [screen.left_tabs.tabText(i) for i in range(2)] == ["选择业务", "今日取号"]
    screen.resize(1920, 1016)
    qtbot.waitUntil(lambda: screen.compact is False, timeout=3000)
    assert _buttons_whole(screen) and screen.recent.isVisible()
