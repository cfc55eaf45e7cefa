"""The first-run wizard, driven like a person would: fields filled, Next and
Finish pressed; refusals appear under the fields, in Chinese by default."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from PySide6.QtWidgets import QWizard

from app.ops import settings_file
from app.ui.i18n import install_language
from app.ui.setup.wizard import SetupWizard

NOW = dt.datetime(2026, 11, 23, 8, 0)


@pytest.fixture
def wizard(qtbot, tmp_path):
    install_language("zh_CN")
    w = SetupWizard(now=lambda: NOW)
    qtbot.addWidget(w)
    w.show()
    yield w
    install_language("zh_CN")


def _next(w) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _fill_branch_and_admin(w) -> None:
    w.branch.code.setText("br002")
    w.branch.name_zh.setText("城东支行")
    w.branch.name_en.setText("East Branch")
    _next(w)
    w.admin.username.setText("chief")
    w.admin.password.setText("secret123")
    w.admin.again.setText("secret123")
    _next(w)


def test_empty_branch_fields_are_refused_under_each_field_in_chinese(wizard):
    _next(wizard)
    assert wizard.currentPage() is wizard.branch
    form = wizard.branch.form
    assert form.error_text("branch_code") == "网点代码为 1 到 16 位字母或数字。"
    assert form.error_text("branch_name_zh") != "" and form.error_text("branch_name_en") != ""
    wizard.branch.code.setText("BR002")
    wizard.branch.name_zh.setText("城东支行")
    wizard.branch.name_en.setText("East Branch")
    _next(wizard)
    assert wizard.currentPage() is wizard.admin


def test_short_or_mismatched_password_stops_on_the_admin_page(wizard):
    wizard.branch.code.setText("BR002")
    wizard.branch.name_zh.setText("城东支行")
    wizard.branch.name_en.setText("East Branch")
    _next(wizard)
    wizard.admin.password.setText("short")
    _next(wizard)
    assert wizard.currentPage() is wizard.admin
    assert wizard.admin.form.error_text("admin_password") == "密码至少需要 8 个字符。"
    wizard.admin.password.setText("secret123")
    wizard.admin.again.setText("secret124")
    _next(wizard)
    assert wizard.admin.form.error_text("password_again") == "两次输入的密码不一致。"


def test_unreachable_postgresql_is_refused_and_nothing_is_written(wizard, qtbot):
    _fill_branch_and_admin(wizard)
    assert wizard.currentPage() is wizard.database
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    wizard.database.postgres.setChecked(True)
    wizard.database.url.setText("mysql://nowhere")
    _next(wizard)
    assert "不是有效的数据库地址" in wizard.database.form.error_text("database_url")
    wizard.database.url.setText(f"postgresql://branch:pw@127.0.0.1:{port}/branchdesk")
    _next(wizard)
    refused = "数据库服务器拒绝连接。请检查地址和端口，以及服务器是否在运行。"
    qtbot.waitUntil(lambda: wizard.database.form.error_text("database_url") == refused, timeout=15000)
    assert wizard.currentPage() is wizard.database  # a sentence, never the driver's English
    assert not settings_file.exists()


def test_wrong_printer_settings_are_refused(wizard):
    _fill_branch_and_admin(wizard)
    _next(wizard)  # embedded database
    assert wizard.currentPage() is wizard.printer
    wizard.printer.connection.setCurrentIndex(wizard.printer.connection.findData("network"))
    _next(wizard)
    assert wizard.currentPage() is wizard.printer
    assert "printer.network.host" in wizard.printer.form.error_text("printer")


def test_finish_writes_settings_file_and_branch_in_one_go(wizard, qtbot, tmp_path, monkeypatch):
    db_file = tmp_path / "data" / "branch.sqlite3"
    # the embedded database of this test lives in tmp_path
    monkeypatch.setenv("BRANCHDESK_DB", str(db_file))
    _fill_branch_and_admin(wizard)
    _next(wizard)
    wizard.printer.connection.setCurrentIndex(wizard.printer.connection.findData("simulated"))
    _next(wizard)
    wizard.display.role.setCurrentIndex(wizard.display.role.findData("greeter"))
    _next(wizard)
    assert wizard.currentPage() is wizard.sync
    assert not settings_file.exists()  # nothing written before Finish
    wizard.sync.enabled.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.sync.form.error_text("sync_hq_url") != ""
    wizard.sync.enabled.setChecked(False)
    with qtbot.waitSignal(wizard.finished_setup, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    values = settings_file.load()
    assert (values["ui.screen_role"], values["ui.language"], values["sync.enabled"]) == ("greeter", "zh_CN", False)

    from app.queue import get_settings
    from app.staff.accounts import authenticate
    from app.store import open_database

    db = open_database(str(db_file))
    try:
        s = get_settings(db)
        assert (s["branch.code"], s["branch.name_zh"], s["printer.connection"]) == ("BR002", "城东支行", "simulated")
        assert authenticate(db, "chief", "secret123").roles == frozenset({"admin"})
    finally:
        db.dispose()


def test_head_office_password_goes_to_a_0600_file_not_the_settings(wizard, qtbot, tmp_path, monkeypatch):
    import stat

    import app.sync.config as sync_config

    monkeypatch.setenv("BRANCHDESK_DB", str(tmp_path / "data" / "branch.sqlite3"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sync_config, "_keyring", lambda: None)  # as on a PC without a keyring
    _fill_branch_and_admin(wizard)
    _next(wizard)
    wizard.printer.connection.setCurrentIndex(wizard.printer.connection.findData("simulated"))
    _next(wizard)
    _next(wizard)
    wizard.sync.enabled.setChecked(True)
    wizard.sync.url.setText("postgresql://branchdesk_hq_br002@hq.bank.example:5432/branchdesk_hq")
    wizard.sync.password.setText("from-hq-add-branch")
    with qtbot.waitSignal(wizard.finished_setup, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    stored = tmp_path / "xdg" / "BranchDesk" / "hq-password-br002"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stored.read_text().strip() == "from-hq-add-branch"
    assert wizard.password_kept_in == str(stored)
    values = settings_file.load()
    assert values["sync.hq_url"] == "postgresql://branchdesk_hq_br002@hq.bank.example:5432/branchdesk_hq"
    assert "from-hq-add-branch" not in settings_file.settings_path().read_text()


def test_no_printer_is_an_explicit_choice_and_nothing_pretends_to_print(wizard, qtbot, tmp_path, monkeypatch):
    db_file = tmp_path / "data" / "branch.sqlite3"
    monkeypatch.setenv("BRANCHDESK_DB", str(db_file))
    _fill_branch_and_admin(wizard)
    _next(wizard)
    page = wizard.printer
    assert page.connection.currentData() == "network"  # nothing preselected that pretends to print
    _next(wizard)
    assert wizard.currentPage() is page  # an address is needed, or another choice
    page.connection.setCurrentIndex(page.connection.findData("none"))
    assert page.connection.currentText() == "不接打印机：号码只显示在屏幕上"
    assert not page.test.isEnabled()
    _next(wizard)
    assert wizard.currentPage() is wizard.display
    _next(wizard)
    with qtbot.waitSignal(wizard.finished_setup, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    from app.devices.printers import NoPrinter, build_printer
    from app.queue import get_settings
    from app.store import open_database

    db = open_database(str(db_file))
    try:
        settings = get_settings(db)
        assert settings["printer.connection"] == "none"
        assert isinstance(build_printer(settings), NoPrinter)
    finally:
        db.dispose()


@pytest.mark.parametrize("driver_text, sentence", [
    ('connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  password authentication '
     'failed for user "branch"', "数据库用户名或密码错误。"),
    ('connection failed: FATAL:  database "branchdesk" does not exist', "服务器上没有这个名称的数据库。"),
    ('connection failed: could not translate host name "db.branch" to address: Name or service not known',
     "无法识别该数据库服务器名称，请检查地址。"),
    ("connection timeout expired", "数据库服务器没有及时应答，请检查地址和网络。"),
    ("something nobody foresaw", "数据库服务器报告了错误，详情见日志。"),
])
def test_driver_errors_become_sentences(qtbot, driver_text, sentence):
    """The defect: the wizard showed the database driver's raw English."""
    from app.errors import InvalidInput
    from app.ops.setup import DRIVER_REASONS, driver_reason
    from app.ui.setup.forms import field_message

    install_language("zh_CN")
    from app.ui.setup.forms import install_ops_translations

    install_ops_translations("zh_CN")
    reason = driver_reason(RuntimeError(driver_text))
    error = InvalidInput(f"The database cannot be reached: {DRIVER_REASONS[reason]}", field="database_url")
    assert field_message("database_url", error.message) == sentence
