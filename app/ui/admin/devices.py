"""The branch's devices, each changeable after setup and each with a test:
the ticket printer (connection, paper width, Chinese mode) and the serial
teller keypads and window displays (setting ``serial.devices``: added,
changed, removed). Devices are opened when a screen starts, so a change is
used from the next start."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QLabel

from app.errors import InvalidInput
from app.ops.admin import update_settings
from app.ui.admin.base import AdminTab, _t, button, choices, column, edit, fill, row, selected_row, table
from app.ui.admin.branch import printer_name
from app.ui.setup.forms import FieldForm
from app.ui.setup.printer_form import PrinterForm

ROLES = ("keypad", "display", "keypad+display")
PROTOCOLS = ("bdl1", "cd5220")


def role_names() -> dict[str, str]:
    return {"keypad": _t("Keypads"), "display": _t("Window display"), "keypad+display": _t("Keypads and displays")}


def windows_text(entry: dict[str, Any]) -> str:
    """``windows`` {address: window} as "1=1, 2=2"; a one-window device as its window."""
    if entry.get("window") not in (None, ""):
        return str(entry["window"])
    return ", ".join(f"{a}={w}" for a, w in dict(entry.get("windows") or {}).items())


def parse_windows(text: str) -> dict[str, Any]:
    """"4" -> {"window": 4}; "1=1, 2=5" -> {"windows": {"1": 1, "2": 5}} (bus address = window)."""
    parts = [p.strip() for p in (text or "").replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise InvalidInput("Give the window this device serves, or address=window pairs such as 1=1, 2=2.",
                           field="serial.windows")
    try:
        if len(parts) == 1 and "=" not in parts[0]:
            return {"window": int(parts[0])}
        pairs = {}
        for p in parts:
            address, _, window = p.partition("=")
            pairs[str(int(address))] = int(window or address)
        return {"windows": pairs}
    except ValueError:
        raise InvalidInput("Give window numbers, or address=window pairs such as 1=1, 2=2.",
                           field="serial.windows") from None


def stored_devices(settings: dict[str, Any]) -> list[dict[str, Any]]:
    raw = settings.get("serial.devices") or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else []
        except ValueError:
            raw = []
    return [dict(e) for e in raw if isinstance(e, dict)]


class DevicesTab(AdminTab):
    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self, 900)
        self.printer = QLabel(_t("Ticket printer: {connection}").format(connection=printer_name(ctx.settings)))
        self.printer.setObjectName("printer_summary")
        self.printer.setWordWrap(True)
        lay.addWidget(self.printer)
        self.printer_form_ = FieldForm()
        self.printer_form = PrinterForm(self.printer_form_, branch=self._branch)
        self.printer_form.load(ctx.settings)
        lay.addWidget(self.printer_form_)
        self.test_print = self.printer_form.test
        self.save_printer = button("save_printer", _t("Save printer"), primary=True)
        self.printer_form.row.addWidget(self.save_printer)
        lay.addLayout(self.printer_form.row)

        lay.addWidget(QLabel(_t("Teller keypads and window displays")))
        self.table = table([_t("Name"), _t("Port"), _t("Kind"), _t("Protocol"), _t("Windows")])
        self.table.setMinimumHeight(120)
        lay.addWidget(self.table, 1)
        self.form = FieldForm()
        self.name = self.form.add("serial.name", _t("Name"), edit("serial_name"))
        self.port = self.form.add("serial.port", _t("Port"), edit("serial_port"))
        names = role_names()
        self.role = self.form.add("serial.role", _t("Kind"), choices("serial_role", [(names[r], r) for r in ROLES],
                                                                      "keypad"))
        self.protocol = self.form.add("serial.protocol", _t("Protocol"), choices(
            "serial_protocol", [(_t("BDL/1 keypads and displays"), "bdl1"), (_t("CD5220 pole display"), "cd5220")],
            "bdl1"))
        self.windows = self.form.add("serial.windows", _t("Windows"), edit("serial_windows"),
                                     lambda text: parse_windows(text))
        self.windows.setPlaceholderText(_t("4, or address=window: 1=1, 2=2"))
        lay.addWidget(self.form)
        self.new = button("new_device", _t("New device"))
        self.remove = button("remove_device", _t("Remove device"))
        self.test_port = button("test_port", _t("Test port"))
        self.save = button("save_port", _t("Save device"), primary=True)
        lay.addLayout(row(self.new, self.remove, self.test_port, self.save))
        self.entries: list[dict[str, Any]] = []
        self.editing: int | None = None
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.save_printer.clicked.connect(self.on_save_printer)
        self.new.clicked.connect(self.on_new)
        self.remove.clicked.connect(self.on_remove)
        self.test_port.clicked.connect(self.on_test_port)
        self.save.clicked.connect(self.on_save)
        self.reload()

    def _branch(self):  # type: ignore[no-untyped-def]
        from types import SimpleNamespace

        s = self.ctx.settings
        return SimpleNamespace(branch_name_zh=str(s.get("branch.name_zh") or ""),
                               branch_name_en=str(s.get("branch.name_en") or ""))

    # -- the printer -------------------------------------------------------
    def on_save_printer(self) -> None:
        values = self.printer_form.settings()

        def saved(stored: dict) -> None:  # type: ignore[type-arg]
            self.ctx.settings.update(stored)
            self.printer.setText(_t("Ticket printer: {connection}").format(connection=printer_name(self.ctx.settings)))

        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.printer_form_, _t("Printer saved; it is used from the next start of the greeter."), saved)

    # -- keypads and displays ----------------------------------------------
    def reload(self, *_: object) -> None:
        self.entries = stored_devices(self.ctx.settings)
        names = role_names()
        fill(self.table, [[e.get("name", ""), e.get("port", ""), names.get(str(e.get("role", "keypad")), e.get("role")),
                           str(e.get("protocol") or "bdl1"), windows_text(e)] for e in self.entries])

    def on_selected(self) -> None:
        r = selected_row(self.table)
        if r is None:
            return
        e = self.entries[r]
        self.editing = r
        self.name.setText(str(e.get("name", "")))
        self.port.setText(str(e.get("port", "")))
        for box, value in ((self.role, str(e.get("role") or "keypad")), (self.protocol, str(e.get("protocol") or "bdl1"))):
            box.setCurrentIndex(max(0, box.findData(value)))
        self.windows.setText(windows_text(e))
        self.form.show_errors({})

    def on_new(self) -> None:
        self.table.clearSelection()
        self.editing = None
        for w in (self.name, self.port, self.windows):
            w.clear()
        self.role.setCurrentIndex(0)
        self.protocol.setCurrentIndex(0)
        self.form.show_errors({})

    def _entry(self) -> dict[str, Any]:
        """The device the form holds (refusals raised with their field)."""
        entry: dict[str, Any] = {"name": self.name.text().strip() or _t("serial device"),
                                 "port": self.port.text().strip(), "role": self.role.currentData(),
                                 "protocol": self.protocol.currentData()}
        if not entry["port"]:
            raise InvalidInput("Enter a serial port first.", field="serial.port")
        entry.update(parse_windows(self.windows.text()))
        old = self.entries[self.editing] if self.editing is not None else {}
        for key in ("baudrate", "charset"):
            if key in old:
                entry[key] = old[key]
        return entry

    def _store(self, entries: list[dict[str, Any]], ok_text: str) -> None:
        from app.devices.serial_devices import serial_specs

        def work() -> dict:  # type: ignore[type-arg]
            serial_specs({"serial.devices": entries})  # one sentence for a device that would not start
            return update_settings(self.ctx.db, {"serial.devices": entries}, actor=self.actor, now=self.ctx.now())

        self.act(work, self.form, ok_text, self._saved)

    def on_save(self) -> None:
        extra: dict[str, str] = {}
        try:
            entry = self._entry()
        except InvalidInput as exc:
            extra[str(exc.params.get("field"))] = exc.message
        if not self.form.check_all(extra):
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        entries = [dict(e) for e in self.entries]
        if self.editing is None:
            entries.append(entry)
        else:
            entries[self.editing] = entry
        self._store(entries, _t("Device saved; it is used from the next start."))

    def on_remove(self) -> None:
        r = selected_row(self.table)
        if r is None:
            self.bar.show_message(_t("Choose a keypad or display in the list first."), "warning")
            return
        self._store([e for i, e in enumerate(self.entries) if i != r], _t("Device removed; the change is used from the "
                                                                          "next start."))

    def _saved(self, values: dict) -> None:  # type: ignore[type-arg]
        self.ctx.settings.update(values)
        keep = self.editing
        self.reload()
        if keep is not None and keep < self.table.rowCount():
            self.table.selectRow(keep)
        else:
            self.editing = None

    def on_test_port(self) -> None:
        from app.ops.doctor import check_port

        port = self.port.text().strip()

        def work() -> str:
            if not port:
                raise InvalidInput("Enter a serial port first.", field="serial.port")
            result = check_port(port)
            if result.status != "OK":
                raise InvalidInput(result.message, field="serial.port")
            return result.message

        self.act(work, self.form, _t("The port opens correctly."))
