"""Branch-wide settings: queue rules and the lobby notice; devices (printer,
keypads, window displays, each with a test); head-office sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.ops import settings_file
from app.ops.admin import update_settings
from app.ops.admin_more import save_machine_settings
from app.ui.admin.base import AdminTab, _t, button, check, column, edit, row, spin
from app.ui.setup.forms import FieldForm


class QueueTab(AdminTab):
    """queue.priority_ratio, queue.promote_after_min, lobby.notice."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        self.form = FieldForm()
        s = ctx.settings
        self.ratio = self.form.add("queue.priority_ratio", _t("Priority tickets in a row"),
                                   spin("priority_ratio", 0, 10, int(s.get("queue.priority_ratio", 2))))
        self.promote = self.form.add("queue.promote_after_min", _t("Move up after waiting"),
                                     spin("promote_after", 0, 240, int(s.get("queue.promote_after_min", 45)),
                                          _t(" min")))
        self.notice = self.form.add("lobby.notice", _t("Lobby notice"), edit("notice", str(s.get("lobby.notice", ""))))
        lay.addWidget(self.form)
        hint = QLabel(_t("Priority tickets in a row: how many priority customers are called before one "
                         "waiting normal customer. Move up after waiting: a ticket waiting this long is "
                         "called next (0 = never)."))
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        lay.addWidget(hint)
        self.save = button("save_queue", _t("Save"), primary=True)
        buttons = row(self.save)
        buttons.insertStretch(0, 1)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.save.clicked.connect(self.on_save)

    def on_save(self) -> None:
        values = {"queue.priority_ratio": self.ratio.value(), "queue.promote_after_min": self.promote.value(),
                  "lobby.notice": self.notice.text()}
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Queue rules and notice saved."), self.ctx.settings.update)


class DevicesTab(AdminTab):
    """The printer (test print) and this PC's serial keypad and display ports."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        conn = str(ctx.settings.get("printer.connection", "simulated"))
        self.printer = QLabel(_t("Ticket printer: {connection}").format(connection=conn))
        self.printer.setObjectName("printer_summary")
        self.test_print = button("test_print", _t("Print a test ticket"))
        printer_row = row(self.printer, self.test_print)
        printer_row.setStretch(0, 1)
        lay.addLayout(printer_row)
        values = _machine()
        self.form = FieldForm()
        self.keypad = self.form.add("serial.keypad_port", _t("Teller keypads port"),
                                    edit("keypad_port", values["serial.keypad_port"]))
        self.display = self.form.add("serial.display_port", _t("Window displays port"),
                                     edit("display_port", values["serial.display_port"]))
        lay.addWidget(self.form)
        self.test_keypad = button("test_keypad", _t("Test keypads port"))
        self.test_display = button("test_display", _t("Test displays port"))
        self.save = button("save_devices", _t("Save ports"), primary=True)
        lay.addLayout(row(self.test_keypad, self.test_display, self.save))
        lay.addStretch(1)
        self.test_print.clicked.connect(self.on_test_print)
        self.test_keypad.clicked.connect(lambda: self.on_test_port("serial.keypad_port", self.keypad.text()))
        self.test_display.clicked.connect(lambda: self.on_test_port("serial.display_port", self.display.text()))
        self.save.clicked.connect(self.on_save)

    def on_test_print(self) -> None:
        from app.ops.devices_bridge import print_test_ticket

        s = dict(self.ctx.settings)

        def work() -> bool:
            if not print_test_ticket(s, str(s.get("branch.name_zh", "")), str(s.get("branch.name_en", ""))):
                from app.errors import DomainError

                raise DomainError("The printer drivers are not part of this build.")
            return True

        self.act(work, None, _t("A test ticket was printed. Check that it is readable."))

    def on_test_port(self, key: str, port: str) -> None:
        from app.ops.doctor import check_serial

        def work() -> str:
            from app.errors import InvalidInput

            result = check_serial({key: port.strip()})
            if result.status != "OK" or not port.strip():
                raise InvalidInput(result.message if port.strip() else "Enter a serial port first.", field=key)
            return result.message

        self.act(work, self.form, _t("The port opens correctly."))

    def on_save(self) -> None:
        values = {"serial.keypad_port": self.keypad.text().strip(), "serial.display_port": self.display.text().strip()}
        self.act(lambda: save_machine_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Ports saved; they are used from the next start."))


class SyncTab(AdminTab):
    """Head-office sync settings of this PC (settings file)."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        values = _machine()
        self.enabled = check("sync_enabled", _t("Send records to head office"), bool(values["sync.enabled"]))
        lay.addWidget(self.enabled)
        self.form = FieldForm()
        self.url = self.form.add("sync.hq_url", _t("Head-office address"), edit("hq_url", values["sync.hq_url"]))
        self.interval = self.form.add("sync.interval_min", _t("Send every"),
                                      spin("interval", 1, 1440, int(values["sync.interval_min"]), _t(" min")))
        lay.addWidget(self.form)
        self.test = button("test_hq", _t("Test connection"))
        self.save = button("save_sync", _t("Save"), primary=True)
        lay.addLayout(row(self.test, self.save))
        lay.addStretch(1)
        self.test.clicked.connect(self.on_test)
        self.save.clicked.connect(self.on_save)

    def values(self) -> dict:  # type: ignore[type-arg]
        return {"sync.enabled": self.enabled.isChecked(), "sync.hq_url": self.url.text().strip(),
                "sync.interval_min": self.interval.value()}

    def on_test(self) -> None:
        from app.ops.doctor import check_head_office

        values = {**self.values(), "sync.enabled": True}

        def work() -> str:
            from app.errors import InvalidInput

            result = check_head_office(values)
            if result.status != "OK":
                raise InvalidInput(result.message, field="sync.hq_url")
            return result.message

        self.act(work, self.form, _t("Head office answers."))

    def on_save(self) -> None:
        values = self.values()
        self.act(lambda: save_machine_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Sync settings saved; they are used from the next start."))


def _machine() -> dict:  # type: ignore[type-arg]
    try:
        return settings_file.load()
    except settings_file.SettingsFileError:
        return settings_file.defaults()
