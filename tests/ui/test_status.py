"""The status line of staff windows: devices started by the app, offline
ports and printer faults, and the head-office sync, as a person reads them."""

from __future__ import annotations

import asyncio

from app.devices.base import PrinterStatus
from app.devices.serial_devices import build_serial_devices
from app.sync.config import SyncConfig
from app.sync.worker import SyncWorker
from app.ui.status import StaffStatus
from app.ui.teller.screen import TellerScreen


class PaperOutPrinter:
    def status(self) -> PrinterStatus:
        return PrinterStatus(False, "out", "The USB printer 0416:5011 is out of paper.", "paper_out")

    def close(self) -> None:
        pass


def teller_with_status(qtbot, sctx, actors, status: StaffStatus) -> TellerScreen:
    sctx.extras["status"] = status
    screen = TellerScreen(sctx, actors["teller"], window=1)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def stop(qtbot, status: StaffStatus) -> None:
    """What the app does on quit: stop the sync after its round, close the ports."""
    task = asyncio.ensure_future(status.stop())
    qtbot.waitUntil(task.done, timeout=15000)
    assert task.exception() is None


def test_offline_keypad_and_paper_out_show_in_the_status_line(qtbot, sctx, actors, aloop, app_ctx, tmp_path):
    app_ctx.devices["printer"] = PaperOutPrinter()
    app_ctx.devices["serial"] = build_serial_devices(app_ctx.db, {"serial.devices": [
        {"name": "keypads", "port": str(tmp_path / "no-such-port"), "role": "keypad", "windows": {"1": 3}}]})
    status = StaffStatus(app_ctx)
    screen = teller_with_status(qtbot, sctx, actors, status)
    status.start()
    assert app_ctx.devices["serial"].started  # the app starts the keypads once its loop runs
    try:
        qtbot.waitUntil(lambda: "3 号窗口呼叫器离线" in screen.status_line.text(), timeout=8000)
        assert "打印机：缺纸" in screen.status_line.text()
        assert "未配置总行同步" in screen.status_line.text()
        assert screen.status_line.isVisible()
    finally:
        stop(qtbot, status)
    assert all(k._stop.is_set() for k in app_ctx.devices["serial"].keypads)  # stopped on quit


def test_sync_runs_in_the_background_and_its_error_reaches_the_status_line(qtbot, sctx, actors, aloop, app_ctx):
    attempts = []

    def refused(cfg):  # type: ignore[no-untyped-def]
        attempts.append(cfg)
        raise ConnectionRefusedError(111, "Connection refused")

    app_ctx.devices["sync"] = SyncWorker(
        app_ctx.db, SyncConfig(hq_url="postgresql://br001@127.0.0.1:1/hq", branch_code="BR001", password="x"),
        connect=refused)
    status = StaffStatus(app_ctx)
    screen = teller_with_status(qtbot, sctx, actors, status)
    status.start()
    try:
        qtbot.waitUntil(lambda: "最近错误" in screen.status_line.text(), timeout=8000)
        text = screen.status_line.text()
        assert text.startswith("总行同步：尚未发送") and "条记录待发送" in text
        assert text.endswith("最近错误：总行拒绝连接（服务器未运行或地址有误）")
        assert attempts
    finally:
        stop(qtbot, status)
    assert status._sync_task is not None and status._sync_task.done()


def test_without_background_services_the_line_is_hidden(qtbot, sctx, actors):
    screen = TellerScreen(sctx, actors["teller"], window=1)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.status_line.isVisible()
