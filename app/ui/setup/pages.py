"""The setup wizard's pages. Each page owns some fields of the SetupRequest,
shows the refusals for those fields, and lets the wizard go on only when
they are all valid. Nothing is written before Finish."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSpinBox,
    QStackedWidget, QVBoxLayout, QWidget, QWizardPage,
)

from app.ui.setup.forms import FieldForm
from app.ui.setup.printer_form import PrinterForm, _t, combo


def line(name: str, text: str = "", *, password: bool = False, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FormPage(QWizardPage):
    """A page with a FieldForm; ``fields`` are the request fields it checks."""

    fields: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = FieldForm()
        self.lay = QVBoxLayout(self)
        self.lay.addWidget(self.form)

    def extra_errors(self) -> dict[str, str]:
        return {}

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        from app.ops.setup import check_setup

        errors = {k: v for k, v in check_setup(self.wizard().request()).items() if k in self.fields}
        errors.update(self.extra_errors())
        return self.form.show_errors(errors)


class BranchPage(FormPage):
    fields = ("branch_code", "branch_name_zh", "branch_name_en", "language")

    def __init__(self) -> None:
        super().__init__(_t("Branch"), _t("Which branch this is, and the language of the screens."))
        self.code = self.form.add("branch_code", _t("Branch code"), line("branch_code", placeholder="BR001"))
        self.name_zh = self.form.add("branch_name_zh", _t("Branch name (Chinese)"), line("branch_name_zh"))
        self.name_en = self.form.add("branch_name_en", _t("Branch name (English)"), line("branch_name_en"))
        self.language = self.form.add("language", _t("Language"),
                                      combo([("中文（简体）", "zh_CN"), ("English", "en")], "language"))


class AdminPage(FormPage):
    fields = ("admin_username", "admin_password")

    def __init__(self) -> None:
        super().__init__(_t("Administrator"), _t("The first account: it can set up services, windows and staff."))
        self.username = self.form.add("admin_username", _t("Username"), line("admin_username", "admin"))
        self.full_name = self.form.add("admin_full_name", _t("Full name"), line("admin_full_name"))
        self.password = self.form.add("admin_password", _t("Password"), line("admin_password", password=True))
        self.again = self.form.add("password_again", _t("Password again"), line("password_again", password=True))

    def extra_errors(self) -> dict[str, str]:
        if self.password.text() and self.password.text() != self.again.text():
            return {"password_again": "The two passwords are not the same."}
        return {}


class DatabasePage(FormPage):
    """Embedded file (one PC) or PostgreSQL (several PCs); the connection is
    tested before the wizard goes on."""

    fields = ("database_url",)

    def __init__(self) -> None:
        super().__init__(_t("Database"), _t("One PC: the embedded database. Several PCs: one PostgreSQL database."))
        self.embedded = QRadioButton(_t("Embedded database on this PC"))
        self.embedded.setObjectName("embedded")
        self.postgres = QRadioButton(_t("PostgreSQL server (several PCs)"))
        self.postgres.setObjectName("postgres")
        self.embedded.setChecked(True)
        self.lay.insertWidget(0, self.embedded)
        self.lay.insertWidget(1, self.postgres)
        self.url = self.form.add("database_url", _t("Address"),
                                 line("database_url", placeholder="postgresql://branch:password@10.0.0.5/branchdesk"))
        self.test = QPushButton(_t("Test connection"))
        self.test.setObjectName("test_database")
        self.status = QLabel()
        self.status.setObjectName("database_status")
        row = QHBoxLayout()
        row.addWidget(self.test)
        row.addWidget(self.status, 1)
        self.lay.addLayout(row)
        self.lay.addStretch(1)
        self.tested: str | None = None
        self.embedded.toggled.connect(self._mode)
        self.url.textChanged.connect(lambda _: setattr(self, "tested", None))
        self.test.clicked.connect(self.on_test_clicked)
        self._mode()

    def url_value(self) -> str:
        return "" if self.embedded.isChecked() else self.url.text().strip()

    def _mode(self) -> None:
        pg = self.postgres.isChecked()
        self.url.setEnabled(pg)
        self.test.setEnabled(pg)

    def on_test_clicked(self, advance: bool = False) -> None:
        from app.ops.setup import test_database
        from app.ui.setup.forms import off_gui_thread

        url = self.url_value()
        if not self.form.show_errors({k: v for k, v in self._field_errors().items()}):
            return
        self.status.setText(_t("Connecting…"))
        self.test.setEnabled(False)

        def done(version: object, error: BaseException | None) -> None:
            self.test.setEnabled(True)
            if error is not None:
                self.status.setText("")
                self.form.show_errors({"database_url": getattr(error, "message", str(error))})
                return
            self.tested = url
            self.status.setText(_t("Connected: {version}").format(version=version))
            if advance:
                self.wizard().next()

        off_gui_thread(lambda: test_database(url), done)

    def _field_errors(self) -> dict[str, str]:
        from app.ops.setup import check_setup

        return {k: v for k, v in check_setup(self.wizard().request()).items() if k in self.fields}

    def validatePage(self) -> bool:  # noqa: N802
        if not super().validatePage():
            return False
        if self.embedded.isChecked() or self.tested == self.url_value():
            return True
        self.on_test_clicked(advance=True)  # goes on by itself once the server answers
        return False


class PrinterPage(FormPage):
    fields = ("printer",)

    def __init__(self) -> None:
        super().__init__(_t("Ticket printer"), _t("Choose how the ticket printer is connected, then print a test ticket."))
        self.printer_form = PrinterForm(self.form, branch=lambda: self.wizard().request())
        self.connection, self.paper, self.details = (self.printer_form.connection, self.printer_form.paper,
                                                     self.printer_form.details)
        self.inputs, self.test, self.status = (self.printer_form.inputs, self.printer_form.test,
                                               self.printer_form.status)
        self.lay.addLayout(self.printer_form.row)
        self.lay.addStretch(1)
        self.printer_form.before_test = self.validatePage

    def settings(self) -> dict[str, str]:
        return self.printer_form.settings()

    def on_test_clicked(self) -> None:
        self.printer_form.on_test_clicked()


class DisplayPage(FormPage):
    fields = ("lobby_monitor", "screen_role")

    def __init__(self) -> None:
        super().__init__(_t("Screens"), _t("What this PC shows when it starts, and where the lobby display goes."))
        screens = QGuiApplication.screens()
        items = [(f"{i + 1}: {s.name()} ({s.size().width()}×{s.size().height()})", i) for i, s in enumerate(screens)]
        self.monitor = self.form.add("lobby_monitor", _t("Lobby display monitor"),
                                     combo(items or [(_t("No monitor found"), 0)], "lobby_monitor"))
        roles = [(_t("Log in and choose"), ""), (_t("Greeter"), "greeter"), (_t("Teller window"), "teller"),
                 (_t("Lobby display"), "lobby"), (_t("Complaints"), "complaints"), (_t("Manager"), "manager")]
        self.role = self.form.add("screen_role", _t("This PC opens"), combo(roles, "screen_role"))
        self.lay.addStretch(1)


class SyncPage(FormPage):
    fields = ("sync_hq_url", "sync_interval_min")

    def __init__(self) -> None:
        super().__init__(_t("Head office"), _t("Send the branch's records to the head-office database."))
        self.enabled = QCheckBox(_t("Send records to head office"))
        self.enabled.setObjectName("sync_enabled")
        self.lay.insertWidget(0, self.enabled)
        self.url = self.form.add("sync_hq_url", _t("Head-office address"),
                                 line("sync_hq_url", placeholder="postgresql://br002@hq.bank.cn/hq"))
        # kept in the system keyring or a file only this account reads, never in the address
        self.password = self.form.add("sync_password", _t("Head-office password"),
                                      line("sync_password", password=True))
        spin = QSpinBox()
        spin.setObjectName("sync_interval")
        spin.setRange(1, 1440)
        spin.setValue(5)
        spin.setSuffix(_t(" min"))
        self.interval = self.form.add("sync_interval_min", _t("Send every"), spin)
        self.lay.addStretch(1)
