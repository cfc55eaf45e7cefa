"""Appointments and messages on the screens: check-in at the greeter, the
customer's consent to messages, today's coming appointments on the greeter and
the lobby display (no names), the manager's appointment book and broadcast."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.appointments import book_appointment, list_appointments
from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store.models_beyond import NotifyMessage, NotifySubscription
from app.ui import tasks
from app.ui.beyond.book import AppointmentBook, BroadcastDialog
from app.ui.greeter.screen import GreeterScreen
from app.ui.lobby.screen import LobbyScreen
from app.ui.manager.screen import ManagerScreen


def shown(qtbot, widget, size=(1400, 900)):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    return widget


def test_greeter_checks_an_appointment_in_and_prints_its_ticket(qtbot, sctx, actors, aloop, app_ctx, at):
    a = book_appointment(app_ctx.db, service="B", slot=at(10, 0), name="张三", phone="13812345678",
                         actor=SYSTEM, now=at(8, 0))
    screen = shown(qtbot, GreeterScreen(sctx, actors["greeter"]))
    qtbot.waitUntil(lambda: "B 10:00 ×1" in screen.appointments.text(), timeout=3000)
    assert "张" not in screen.appointments.text()
    qtbot.mouseClick(screen.checkin, Qt.MouseButton.LeftButton)
    dialog = screen.checkin_dialog
    qtbot.keyClicks(dialog.last4, "5678")
    dialog.initial.setText("张")  # QTest cannot type CJK characters
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.matches.count() == 1, timeout=3000)
    assert "张*" in dialog.matches.item(0).text() and "13812345678" not in dialog.matches.item(0).text()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result.number.text() == "B001", timeout=3000)
    assert screen.bar.level == "ok" and a.reference in screen.bar.text()
    printer = app_ctx.devices["printer"]
    qtbot.waitUntil(lambda: [j.number for j in printer.jobs] == ["B001"], timeout=3000)
    assert printer.jobs[0].priority == "appointment"
    assert list_appointments(app_ctx.db, day=at(0).date())[0].status == "checked_in"


def test_a_check_in_outside_the_window_says_why(qtbot, sctx, actors, aloop, app_ctx, at):
    a = book_appointment(app_ctx.db, service="B", slot=at(11, 0), actor=SYSTEM, now=at(8, 0))
    screen = shown(qtbot, GreeterScreen(sctx, actors["greeter"]))
    qtbot.mouseClick(screen.checkin, Qt.MouseButton.LeftButton)
    dialog = screen.checkin_dialog
    qtbot.keyClicks(dialog.reference, a.reference)
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=3000)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result.number.text() == "B001", timeout=3000)
    assert screen.bar.level == "warning" and "10:45" in screen.bar.text() and "普通号" in screen.bar.text()


def test_the_customers_consent_to_messages_at_the_greeter(qtbot, sctx, actors, aloop, app_ctx, at, now):
    change_settings(app_ctx.db, {"notify.gateway": "recording"}, actor=SYSTEM, now=at(8, 0))
    app_ctx.refresh_settings()
    screen = shown(qtbot, GreeterScreen(sctx, actors["greeter"]))
    assert not screen.form.notify.isHidden() and not screen.form.notify.isChecked()
    qtbot.keyClicks(screen.form.phone, "13812345678")
    screen.form.notify.setChecked(True)
    qtbot.mouseClick(screen.services.buttons["A"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result.number.text() == "A001", timeout=3000)
    qtbot.waitUntil(tasks.idle, timeout=3000)

    def subscription():  # type: ignore[no-untyped-def]
        with app_ctx.db.read() as s:
            return s.scalar(select(NotifySubscription))

    qtbot.waitUntil(lambda: subscription() is not None, timeout=3000)
    sub = subscription()
    assert (sub.consent_via, sub.consent_at, sub.phone_masked) == ("greeter", now, "*******5678")
    assert not screen.form.notify.isChecked()  # the next customer is asked afresh


def test_the_lobby_shows_todays_coming_appointments_in_both_languages(qtbot, sctx, aloop, app_ctx, at):
    for slot in (at(10, 30), at(10, 30), at(11, 0)):
        book_appointment(app_ctx.db, service="B", slot=slot, name="李四", actor=SYSTEM, now=at(8, 0))
    lobby = shown(qtbot, LobbyScreen(sctx), (1920, 1080))
    qtbot.waitUntil(lambda: "B 10:30 ×2 · 11:00 ×1" in lobby.appointments.text(), timeout=3000)
    text = lobby.appointments.text()
    assert "今日预约" in text and "Appointments today" in text and "李" not in text


def test_the_manager_books_cancels_and_messages_everyone_waiting(qtbot, sctx, actors, aloop, app_ctx, at):
    change_settings(app_ctx.db, {"notify.gateway": "recording"}, actor=SYSTEM, now=at(8, 0))
    screen = shown(qtbot, ManagerScreen(sctx, actors["manager"]), (1400, 1000))
    book = AppointmentBook(sctx, actors["manager"], screen)
    qtbot.addWidget(book)
    book.show()
    qtbot.waitUntil(lambda: book.slot.count() > 0, timeout=3000)
    book.service.setCurrentIndex(book.service.findData("E"))
    qtbot.waitUntil(lambda: book.slot.count() > 0 and book.slot.currentData() is not None, timeout=3000)
    book.slot.setCurrentIndex(book.slot.findData(at(14, 0).isoformat()))
    qtbot.keyClicks(book.phone, "13900001111")
    qtbot.mouseClick(book.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: book.table.rowCount() == 1, timeout=3000)
    assert [book.table.item(0, c).text() for c in (0, 1, 2)] == ["14:00", "E", "*******1111"]
    qtbot.waitUntil(lambda: book.slot.currentText() == "14:00   共 2 个名额，剩 1 个", timeout=3000)
    book.table.selectRow(0)
    qtbot.mouseClick(book.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: list_appointments(app_ctx.db, day=at(0).date())[0].status == "cancelled", timeout=3000)

    from app.notify import subscribe
    from app.queue import issue_ticket

    t = issue_ticket(app_ctx.db, service="A", actor=SYSTEM, now=at(10, 0)).ticket
    subscribe(app_ctx.db, t.number, phone="13812345678", consent=True, actor=SYSTEM, now=at(10, 0))
    dialog = BroadcastDialog(sctx, actors["manager"], screen)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text_zh.setText("系统故障，请稍候")
    qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.bar.level == "ok", timeout=3000)
    with app_ctx.db.read() as s:
        assert [m.text for m in s.scalars(select(NotifyMessage).where(NotifyMessage.kind == "broadcast"))] == \
            ["系统故障，请稍候"]
