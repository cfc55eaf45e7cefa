"""The greeter with no ticket printer set up, and with the simulated one:
what the person at the entrance reads, and what the ticket records (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

import app.queue as q
from app.devices.printers import build_printer
from app.ui.greeter.screen import GreeterScreen
from app.ui.i18n import install_language
from tests.ui import test_greeter as greeter_tests  # its make(): the screen as a person sees it

NO_PRINTER_ZH = "未设置取号打印机：号码只显示在屏幕上。"
NO_PRINTER_EN = "No ticket printer set up: the number is shown on screen only."


greeter = greeter_tests.make


def issue(qtbot, screen: GreeterScreen, code: str) -> None:
    qtbot.mouseClick(screen.services.buttons[code], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.print_finished, timeout=5000):
        qtbot.mouseClick(screen.issue, Qt.MouseButton.LeftButton)


def test_no_printer_set_up_the_number_is_on_screen_with_a_clear_line(qtbot, sctx, actors, aloop, app_ctx, now):
    app_ctx.devices["printer"] = build_printer({})  # a real install before any printer is chosen
    screen = greeter(qtbot, sctx, actors)
    assert screen.result.print_state.text() == NO_PRINTER_ZH  # said before the first customer
    issue(qtbot, screen, "A")
    assert screen.result.number.text() == "A001"
    assert screen.result.print_state.text() == NO_PRINTER_ZH
    assert not screen.result.reprint.isVisible()  # nothing to reprint on
    assert screen.bar.level != "error"
    assert q.get_ticket(app_ctx.db, "A001", now=now).print_state == "screen_only"
    qtbot.waitUntil(lambda: screen.recent.table.item(0, 4) is not None
                    and screen.recent.table.item(0, 4).text() == "仅屏幕显示", timeout=5000)


def test_no_printer_line_in_english(qtbot, sctx, actors, aloop, app_ctx):
    install_language("en")
    app_ctx.devices["printer"] = build_printer({"printer.connection": "none"})  # chosen in the wizard
    screen = greeter(qtbot, sctx, actors)
    assert screen.result.print_state.text() == NO_PRINTER_EN


def test_the_simulated_printer_is_named_and_never_printed(qtbot, sctx, actors, aloop, app_ctx, now, tmp_path):
    app_ctx.devices["printer"] = build_printer({"printer.simulated.folder": str(tmp_path)}, simulated=True)
    screen = greeter(qtbot, sctx, actors)
    issue(qtbot, screen, "D")
    # where the pictures go is said on the greeter's screen
    assert screen.result.print_state.text() == f"D001 号已交给模拟打印机：没有纸质号票，图片保存在 {tmp_path}。"
    assert q.get_ticket(app_ctx.db, "D001", now=now).print_state == "simulated"
    qtbot.waitUntil(lambda: screen.recent.table.item(0, 4) is not None
                    and screen.recent.table.item(0, 4).text() == "模拟打印（图片）", timeout=5000)
    assert len(list(tmp_path.glob("ticket-*-D001.png"))) == 1


def test_the_status_line_names_no_printer_and_the_simulated_one(qtbot, sctx, actors, aloop, app_ctx, tmp_path):
    from tests.ui import test_status as status_tests  # its stop(): what the app does on quit

    from app.ui.status import StaffStatus

    for printer, words in ((build_printer({}), "打印机：未设置，号码只显示在屏幕上"),
                           (build_printer({"printer.connection": "simulated",
                                           "printer.simulated.folder": str(tmp_path)}),
                            "打印机：模拟打印，只有图片，不出纸")):
        app_ctx.devices["printer"] = printer
        status = StaffStatus(app_ctx)
        sctx.extras["status"] = status
        screen = greeter(qtbot, sctx, actors)
        status.start()
        try:
            qtbot.waitUntil(lambda: words in screen.status_line.text(), timeout=8000)
            assert status.level() == "warning"  # customers get no paper: never the calm "ready" look
        finally:
            status_tests.stop(qtbot, status)
