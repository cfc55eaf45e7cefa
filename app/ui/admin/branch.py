"""Branch-wide settings: queue rules and the lobby notice; devices (printer,
keypads, window displays, each with a test); head-office sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from app.bootstrap import sync_settings
from app.ops import settings_file
from app.ops.admin import update_settings
from app.ops.admin_more import save_machine_settings
from app.ui.admin.base import (
    AdminTab, _t, button, check, column, edit, fill, hint_and_save, row, selected_row, spin, table,
)
from app.ui.setup.forms import FieldForm
from app.ui.setup.hq_password import keep_password, split_hq_url


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
        self.save = hint_and_save(lay, _t("Priority tickets in a row: how many priority customers are called "
                                          "before one waiting normal customer. Move up after waiting: a ticket "
                                          "waiting this long is called next (0 = never)."), "save_queue")
        self.save.clicked.connect(self.on_save)

    def on_save(self) -> None:
        values = {"queue.priority_ratio": self.ratio.value(), "queue.promote_after_min": self.promote.value(),
                  "lobby.notice": self.notice.text()}
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Queue rules and notice saved."), self.ctx.settings.update)


def printer_name(settings: dict) -> str:  # type: ignore[type-arg]
    """The printer connection in words; "none" and "simulated" say that no paper comes out."""
    conn = str(settings.get("printer.connection") or "none")
    names = {"none": _t("not set up: numbers are shown on screen only"),
             "simulated": _t("simulated: pictures only, customers get no paper")}
    return names.get(conn, conn)


class DevicesTab(AdminTab):
    """The printer (test print) and the serial keypads and window displays of
    the branch setting ``serial.devices`` (port of each, with a test)."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self, 900)
        self.printer = QLabel(_t("Ticket printer: {connection}").format(connection=printer_name(ctx.settings)))
        self.printer.setObjectName("printer_summary")
        self.test_print = button("test_print", _t("Print a test ticket"))
        printer_row = row(self.printer, self.test_print)
        printer_row.setStretch(0, 1)
        lay.addLayout(printer_row)
        lay.addWidget(QLabel(_t("Teller keypads and window displays")))
        self.table = table([_t("Name"), _t("Port"), _t("Kind"), _t("Windows")])
        lay.addWidget(self.table, 1)
        self.form = FieldForm()
        self.port = self.form.add("serial.port", _t("Port"), edit("serial_port"))
        lay.addWidget(self.form)
        self.test_port = button("test_port", _t("Test port"))
        self.save = button("save_port", _t("Save port"), primary=True)
        lay.addLayout(row(self.test_port, self.save))
        self.entries: list[dict] = []  # type: ignore[type-arg]
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.test_print.clicked.connect(self.on_test_print)
        self.test_port.clicked.connect(self.on_test_port)
        self.save.clicked.connect(self.on_save)
        self.reload()

    def reload(self, *_: object) -> None:
        raw = self.ctx.settings.get("serial.devices") or []
        if isinstance(raw, str):
            import json

            try:
                raw = json.loads(raw) if raw.strip() else []
            except ValueError:
                raw = []
        self.entries = [dict(e) for e in raw if isinstance(e, dict)]
        kinds = {"keypad": _t("Keypads"), "display": _t("Window display"), "keypad+display": _t("Keypads and displays")}
        fill(self.table, [[e.get("name", ""), e.get("port", ""), kinds.get(str(e.get("role", "keypad")), e.get("role")),
                           e.get("window", "") or ", ".join(str(w) for w in dict(e.get("windows") or {}).values())]
                          for e in self.entries])

    def on_selected(self) -> None:
        r = selected_row(self.table)
        if r is not None:
            self.port.setText(str(self.entries[r].get("port", "")))
            self.form.show_errors({})

    def on_test_print(self) -> None:
        from app.ops.devices_bridge import print_test_ticket

        s = dict(self.ctx.settings)

        def work() -> bool:
            if not print_test_ticket(s, str(s.get("branch.name_zh", "")), str(s.get("branch.name_en", ""))):
                from app.errors import DomainError

                raise DomainError("The printer drivers are not part of this build.")
            return True

        self.act(work, None, _t("A test ticket was printed. Check that it is readable."))

    def on_test_port(self) -> None:
        from app.ops.doctor import check_port

        port = self.port.text().strip()

        def work() -> str:
            from app.errors import InvalidInput

            if not port:
                raise InvalidInput("Enter a serial port first.", field="serial.port")
            result = check_port(port)
            if result.status != "OK":
                raise InvalidInput(result.message, field="serial.port")
            return result.message

        self.act(work, self.form, _t("The port opens correctly."))

    def on_save(self) -> None:
        r = selected_row(self.table)
        if r is None:
            self.bar.show_message(_t("Choose a keypad or display in the list first."), "warning")
            return
        entries = [dict(e) for e in self.entries]
        entries[r]["port"] = self.port.text().strip()
        self.act(lambda: update_settings(self.ctx.db, {"serial.devices": entries}, actor=self.actor,
                                         now=self.ctx.now()),
                 self.form, _t("Port saved; it is used from the next start."), self._saved)

    def _saved(self, values: dict) -> None:  # type: ignore[type-arg]
        self.ctx.settings.update(values)
        self.reload()


class SyncTab(AdminTab):
    """Head-office sync settings of this PC (settings file)."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        values = _machine()
        self.enabled = check("sync_enabled", _t("Send records to head office"), bool(values["sync.enabled"]))
        lay.addWidget(self.enabled)
        self.form = FieldForm()
        shown_url, _ = split_hq_url(str(values["sync.hq_url"]))  # never show a password written there by hand
        self.url = self.form.add("sync.hq_url", _t("Head-office address"), edit("hq_url", shown_url))
        self.password = self.form.add("sync.password", _t("Head-office password"), edit("hq_password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_t("Leave empty to keep the stored password"))
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
        """The settings-file values: the address without any password."""
        return {"sync.enabled": self.enabled.isChecked(), "sync.hq_url": split_hq_url(self.url.text())[0],
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
        """Save the address (without password) to this PC's settings file, and
        the password, if one was given, to the keyring or a 0600 file."""
        values = self.values()
        password = self.password.text() or split_hq_url(self.url.text())[1] or ""
        app_ctx = self.ctx.app

        def work() -> str | None:
            save_machine_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now())
            if not password:
                return None
            return keep_password(sync_settings(app_ctx), values["sync.hq_url"], password)

        self.act(work, self.form, _t("Sync settings saved; they are used from the next start."), self._saved)

    def _saved(self, where: str | None) -> None:
        self.url.setText(self.values()["sync.hq_url"])
        self.password.clear()
        if where:
            self.bar.show_message(_t("Sync settings saved; the head-office password is kept in {where}, "
                                     "not in the address.").format(where=_where(where)), "ok")


def _where(where: str) -> str:
    return _t("the system keyring") if where == "the system keyring" else where


def _machine() -> dict:  # type: ignore[type-arg]
    try:
        return settings_file.load()
    except settings_file.SettingsFileError:
        return settings_file.defaults()
