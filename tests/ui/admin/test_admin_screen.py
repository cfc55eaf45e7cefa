"""The administration screen driven through its widgets: refusals appear under
the field in Chinese and store nothing; accepted changes are stored and logged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.errors import NotPermitted
from app.queue import get_settings, list_services
from app.staff.accounts import authenticate, list_staff
from app.staff.roles import Actor
from app.store.models import Event


def _events(db, type_: str) -> list[dict]:
    with db.read() as s:
        return [e.payload for e in s.scalars(select(Event).where(Event.type == type_))]


def _save(qtbot, tab, button) -> None:
    """Click and wait until the worker thread's answer is on screen."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=10000)


def test_duplicate_prefix_is_refused_under_the_field(admin_screen, qtbot):
    tab = admin_screen.services
    tab.on_new()
    tab.code.setText("a")
    tab.name_zh.setText("重复业务")
    tab.name_en.setText("Duplicate")
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("code") == "该前缀已被其他业务使用。"
    assert admin_screen.bar.text() == "未保存：请修改标出的栏目。"
    assert [s.code for s in list_services(admin_screen.ctx.db)] == list("ABCDEFG")


def test_new_service_is_saved_listed_and_logged(admin_screen, qtbot):
    tab = admin_screen.services
    tab.on_new()
    tab.code.setText("h")
    tab.name_zh.setText("养老金")
    tab.name_en.setText("Pensions")
    tab.target.setValue(12)
    _save(qtbot, tab, tab.save)
    assert admin_screen.bar.text() == "业务已保存。"
    assert tab.table.item(tab.table.rowCount() - 1, 1).text() == "养老金"
    h = next(s for s in list_services(admin_screen.ctx.db) if s.code == "H")
    assert (h.name_en, h.target_wait_min) == ("Pensions", 12)
    assert _events(admin_screen.ctx.db, "ServiceSaved")[0]["code"] == "H"


def test_window_without_services_is_refused_then_saved_with_its_order(admin_screen, qtbot):
    tab = admin_screen.windows
    tab.on_new()
    tab.name.setText("外汇窗口")
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("services") == "每个窗口至少要办理一项业务。"
    assert tab.number.value() not in [w.number for w in tab.windows]
    tab.tick("F")
    tab.tick("A")
    _save(qtbot, tab, tab.save)
    assert admin_screen.bar.text() == "窗口已保存。"
    assert tab.table.item(tab.table.rowCount() - 1, 2).text() == "A → F"


def test_queue_rules_and_lobby_notice(admin_screen, qtbot):
    tab = admin_screen.queue
    tab.notice.setText("长" * 501)
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("lobby.notice") == "大厅公告太长（最多 500 个字符）。"
    assert get_settings(admin_screen.ctx.db)["lobby.notice"] == ""
    tab.notice.setText("今日外汇业务暂停")
    tab.ratio.setValue(3)
    tab.promote.setValue(30)
    _save(qtbot, tab, tab.save)
    s = get_settings(admin_screen.ctx.db)
    assert (s["lobby.notice"], s["queue.priority_ratio"], s["queue.promote_after_min"]) == ("今日外汇业务暂停", 3, 30)


def _select(table, text: str) -> None:
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == text)
    table.selectRow(row)


def test_staff_add_reset_and_deactivate(admin_screen, qtbot):
    tab = admin_screen.staff
    tab.username.setText("li.na")
    tab.full_name.setText("李娜")
    tab.password.setText("short")
    tab.roles["teller"].setChecked(True)
    _save(qtbot, tab, tab.add)
    assert tab.form.error_text("password") == "密码至少需要 8 个字符。"
    tab.password.setText("password1")
    _save(qtbot, tab, tab.add)
    assert admin_screen.bar.text() == "账号已新增。"
    _select(tab.table, "li.na")
    tab.password.setText("password2")
    _save(qtbot, tab, tab.reset)
    assert authenticate(admin_screen.ctx.db, "li.na", "password2").username == "li.na"
    _select(tab.table, "li.na")
    _save(qtbot, tab, tab.toggle)
    assert admin_screen.bar.text() == "账号已停用。"
    with pytest.raises(NotPermitted):
        authenticate(admin_screen.ctx.db, "li.na", "password2")


def test_the_last_admin_cannot_be_deactivated_from_the_screen(admin_screen, qtbot):
    tab = admin_screen.staff
    _select(tab.table, "boss")
    _save(qtbot, tab, tab.toggle)
    assert admin_screen.bar.text() == "必须保留至少一个启用的管理员账号。"
    assert [s.active for s in list_staff(admin_screen.ctx.db) if s.username == "boss"] == [True]


def test_serial_device_port_test_and_save(admin_screen, qtbot):
    from app.ops.admin import update_settings
    from app.staff.roles import SYSTEM

    devices = [{"name": "柜员呼叫器", "port": "/dev/no-such-port", "protocol": "bdl1", "role": "keypad",
                "windows": {"1": 1, "2": 2}}]
    update_settings(admin_screen.ctx.db, {"serial.devices": devices}, actor=SYSTEM, now=admin_screen.ctx.now())
    admin_screen.ctx.settings["serial.devices"] = devices
    tab = admin_screen.devices
    tab.reload()
    assert tab.table.item(0, 1).text() == "/dev/no-such-port"
    tab.table.selectRow(0)
    _save(qtbot, tab, tab.test_port)
    assert tab.form.error_text("serial.port").startswith("无法打开串口")
    tab.port.setText("loop://")
    _save(qtbot, tab, tab.test_port)
    assert admin_screen.bar.text() == "串口可以正常打开。"
    _save(qtbot, tab, tab.save)
    assert get_settings(admin_screen.ctx.db)["serial.devices"][0]["port"] == "loop://"
    assert tab.table.item(0, 1).text() == "loop://"


def test_sync_on_without_address_is_refused(admin_screen, qtbot):
    from app.ops import settings_file

    tab = admin_screen.sync
    tab.enabled.setChecked(True)
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("sync.hq_url").startswith("无法连接总行，或地址无效")
    assert not settings_file.exists()


def test_complaint_category_and_calendar_day(admin_screen, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    from app.complaints.queries import calendar_overrides, list_categories

    tab = admin_screen.complaints
    tab.code.setText("Bad Code")
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("category_code") == "类别代码为 2 到 32 位小写字母、数字或下划线。"
    tab.code.setText("atm")
    tab.name_zh.setText("自助设备")
    tab.name_en.setText("ATM")
    tab.days.setValue(3)
    _save(qtbot, tab, tab.save)
    atm = next(c for c in list_categories(admin_screen.ctx.db) if c.code == "atm")
    assert (atm.name_zh, atm.resolve_days) == ("自助设备", 3)
    tab.day.setDate(QDate(2026, 12, 24))
    tab.note.setText("网点装修")
    _save(qtbot, tab, tab.set_day)
    assert calendar_overrides(admin_screen.ctx.db) == [(dt.date(2026, 12, 24), "holiday", "网点装修")]
    assert tab.calendar.item(0, 1).text() == "网点休息日"


def test_only_administrators_open_the_screen(admin_screen):
    from app.ui.admin.screen import AdminScreen

    with pytest.raises(NotPermitted):
        AdminScreen(admin_screen.ctx, Actor("wang", frozenset({"manager"}), None))


def test_hq_password_is_kept_in_a_0600_file_not_in_the_address(admin_screen, qtbot, tmp_path, monkeypatch):
    import stat

    import app.sync.config as sync_config
    from app.ops import settings_file

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sync_config, "_keyring", lambda: None)  # as on a PC without a keyring
    tab = admin_screen.sync
    tab.enabled.setChecked(True)
    tab.url.setText("postgresql://br001:pasted-secret@127.0.0.1:5432/hq")  # pasted with the password
    _save(qtbot, tab, tab.save)
    stored = list((tmp_path / "xdg" / "BranchDesk").glob("hq-password-*"))
    assert len(stored) == 1
    assert stat.S_IMODE(stored[0].stat().st_mode) == 0o600
    assert stored[0].read_text().strip() == "pasted-secret"
    assert settings_file.load()["sync.hq_url"] == "postgresql://br001@127.0.0.1:5432/hq"
    assert "pasted-secret" not in settings_file.settings_path().read_text()
    assert tab.url.text() == "postgresql://br001@127.0.0.1:5432/hq" and tab.password.text() == ""
    assert str(stored[0]) in admin_screen.bar.text() and "密码" in admin_screen.bar.text()
    assert all("pasted-secret" not in str(p) for p in _events(admin_screen.ctx.db, "MachineSettingsChanged"))

    tab.password.setText("typed-secret")  # the password field replaces it; the address stays clean
    _save(qtbot, tab, tab.save)
    assert stored[0].read_text().strip() == "typed-secret"
    assert sync_config.find_password(sync_config.load_config({
        "sync.hq_url": settings_file.load()["sync.hq_url"], **get_settings(admin_screen.ctx.db)})) == "typed-secret"


def test_a_new_service_appears_in_the_window_checklist_at_once(admin_screen, qtbot):
    """The defect: a new service was missing from the checklist until a row was clicked."""
    windows = admin_screen.windows
    windows.on_new()  # editing a new window: no row selected
    windows.tick("A")
    tab = admin_screen.services
    tab.on_new()
    tab.code.setText("h")
    tab.name_zh.setText("养老金")
    tab.name_en.setText("Pensions")
    _save(qtbot, tab, tab.save)
    codes = [windows.served.item(i).data(Qt.ItemDataRole.UserRole) for i in range(windows.served.count())]
    assert "H" in codes and windows.ticked() == ["A"]  # listed, and what was ticked is kept


def test_names_the_printer_cannot_print_are_refused_with_a_sentence(admin_screen, qtbot):
    tab = admin_screen.services
    tab.on_new()
    tab.code.setText("h")
    tab.name_zh.setText("养老金😀")
    assert tab.form.error_text("name_zh") == "取号打印机无法打印 😀：请使用字母、数字和汉字。"  # as it is typed
    tab.name_en.setText("")
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("name_en") != ""  # every field at once
    assert "H" not in [s.code for s in list_services(admin_screen.ctx.db)]
    staff = admin_screen.staff
    staff.full_name.setText("李娜🌸")
    assert "😀" not in staff.form.error_text("full_name") and "🌸" in staff.form.error_text("full_name")
    staff.full_name.setText("李" * 120)  # too long: said, never cut
    assert staff.form.error_text("full_name") == "名称太长（最多 100 个字符）。"


def test_adding_staff_shows_every_refusal_at_once(admin_screen, qtbot):
    """The defect: adding a staff member took three tries."""
    tab = admin_screen.staff
    tab.username.setText("x")
    tab.password.setText("short")
    _save(qtbot, tab, tab.add)
    assert tab.form.error_text("username") != "" and tab.form.error_text("password") != ""
    assert tab.form.error_text("roles") == "请至少选择一个角色。"
    assert [s.username for s in list_staff(admin_screen.ctx.db)] == ["boss"]


def test_branch_names_language_and_footers_are_changed_here(admin_screen, qtbot):
    tab = admin_screen.branch
    tab.name_zh.setText("示范银行 城东支行")
    tab.name_en.setText("Demo Bank, East Branch")
    tab.language.setCurrentIndex(tab.language.findData("en"))
    tab.footer_zh.setText("过号请重新取号，谢谢")
    _save(qtbot, tab, tab.save)
    s = get_settings(admin_screen.ctx.db)
    assert (s["branch.name_zh"], s["branch.name_en"], s["ui.language"], s["ticket.footer_zh"]) == (
        "示范银行 城东支行", "Demo Bank, East Branch", "en", "过号请重新取号，谢谢")


def test_printer_connection_paper_and_chinese_mode_change_after_setup(admin_screen, qtbot, tmp_path):
    tab = admin_screen.devices
    form = tab.printer_form
    form.connection.setCurrentIndex(form.connection.findData("network"))
    form.inputs["network"]["printer.network.host"].setText("192.168.1.60")
    form.paper.setCurrentIndex(form.paper.findData("58"))
    form.chinese.setCurrentIndex(form.chinese.findData("raster"))
    _save(qtbot, tab, tab.save_printer)
    s = get_settings(admin_screen.ctx.db)
    assert (s["printer.connection"], s["printer.network.host"], str(s["printer.paper_mm"]),
            s["printer.chinese_mode"]) == ("network", "192.168.1.60", "58", "raster")
    assert "网络打印机" in tab.printer.text()
    form.connection.setCurrentIndex(form.connection.findData("simulated"))
    with qtbot.waitSignal(form.test.clicked, timeout=1000):
        form.test.click()
    qtbot.waitUntil(lambda: form.status.text() not in ("", "正在打印…"), timeout=10000)


def test_keypads_and_window_displays_are_added_and_removed(admin_screen, qtbot):
    tab = admin_screen.devices
    tab.on_new()
    tab.name.setText("一号窗显示屏")
    tab.port.setText("loop://")
    tab.role.setCurrentIndex(tab.role.findData("display"))
    tab.protocol.setCurrentIndex(tab.protocol.findData("cd5220"))
    tab.windows.setText("x")
    _save(qtbot, tab, tab.save)
    assert tab.form.error_text("serial.windows") != ""
    assert get_settings(admin_screen.ctx.db)["serial.devices"] == []
    tab.windows.setText("1")
    _save(qtbot, tab, tab.save)
    tab.on_new()
    tab.name.setText("呼叫器")
    tab.port.setText("socket://127.0.0.1:4001")
    tab.windows.setText("1=1, 2=2")
    _save(qtbot, tab, tab.save)
    stored = get_settings(admin_screen.ctx.db)["serial.devices"]
    assert [(d["port"], d["role"], d.get("window"), d.get("windows")) for d in stored] == [
        ("loop://", "display", 1, None), ("socket://127.0.0.1:4001", "keypad", None, {"1": 1, "2": 2})]
    tab.table.selectRow(0)
    _save(qtbot, tab, tab.remove)
    assert [d["port"] for d in get_settings(admin_screen.ctx.db)["serial.devices"]] == ["socket://127.0.0.1:4001"]
    assert tab.table.rowCount() == 1


def test_a_setting_longer_than_its_field_shows_its_beginning(qtbot):
    """A lobby notice of a few sentences opens on its first words, not its last."""
    from app.ui.admin.base import edit

    field = edit("notice", "温馨提示：办理业务请携带本人有效身份证件。" * 5)
    qtbot.addWidget(field)
    field.resize(240, 34)
    field.show()
    assert field.cursorPosition() == 0
    assert field.cursorRect().left() < 20  # the caret, and so the view, at the start
