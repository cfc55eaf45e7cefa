"""The ticket printer's settings as a form: connection, its details, paper
width and Chinese mode, with a test print. Shared by the setup wizard and the
administration screen (printer settings can be changed after setup)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QStackedWidget, QWidget,
)

from app.ui.setup.forms import FieldForm

# "none" and "simulated" are chosen on purpose: nothing is preselected that
# would pretend to print (the first entry needs an address before Next).
PRINTER_CONNECTIONS = ("network", "usb", "serial", "win32", "file", "none", "simulated")
CHINESE_MODES = ("printer_font", "raster")


def _t(text: str) -> str:
    return QCoreApplication.translate("Setup", text)


def combo(items: list[tuple[str, object]], name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for text, data in items:
        box.addItem(text, data)
    return box


def line(name: str, text: str = "", *, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class PrinterForm:
    """Adds the printer rows to ``form`` (a FieldForm); ``row`` holds the test
    button and its answer. ``branch()`` gives the names printed on the test
    ticket (an object with branch_name_zh/branch_name_en)."""

    def __init__(self, form: FieldForm, *, branch: Callable[[], Any]) -> None:
        self.form, self._branch = form, branch
        self.before_test: Callable[[], bool] = lambda: True
        names = {"simulated": _t("Simulated: saves pictures, no paper (demonstrations)"),
                 "network": _t("Network (IP address)"), "usb": _t("USB"), "serial": _t("Serial port"),
                 "win32": _t("Windows printer"), "file": _t("Device file"),
                 "none": _t("No printer: show numbers on screen")}
        self.connection = form.add("printer", _t("Connection"),
                                   combo([(names[c], c) for c in PRINTER_CONNECTIONS], "printer_connection"))
        self.paper = form.add("paper", _t("Paper width"), combo([("80 mm", "80"), ("58 mm", "58")], "paper"))
        self.chinese = form.add("chinese_mode", _t("Chinese text"), combo(
            [(_t("Printer's own Chinese font"), "printer_font"), (_t("Drawn as a picture (any printer)"), "raster")],
            "chinese_mode"))
        self.details = QStackedWidget()
        self.inputs: dict[str, dict[str, QWidget]] = {}
        for conn in PRINTER_CONNECTIONS:
            self.details.addWidget(self._detail_form(conn))
        form.add("detail", "", self.details)
        self.test = QPushButton(_t("Print a test ticket"))
        self.test.setObjectName("test_print")
        self.status = QLabel()
        self.status.setObjectName("printer_status")
        self.status.setWordWrap(True)
        self.row = QHBoxLayout()
        self.row.addWidget(self.test)
        self.row.addWidget(self.status, 1)
        self.connection.currentIndexChanged.connect(self._show_details)
        self._show_details(self.connection.currentIndex())
        self.connection.currentIndexChanged.connect(
            lambda _: self.test.setEnabled(self.connection.currentData() != "none"))
        self.test.clicked.connect(self.on_test_clicked)

    def _show_details(self, index: int) -> None:
        """Only the chosen connection's fields take room (not the tallest of them all)."""
        self.details.setCurrentIndex(index)
        for i in range(self.details.count()):
            page = self.details.widget(i)
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.details.updateGeometry()

    def _detail_form(self, conn: str) -> QWidget:
        form = FieldForm()
        boxes: dict[str, QWidget] = {}
        if conn in ("none", "simulated"):
            note = QLabel(_t("No ticket is printed: the greeter shows each number on screen and says that no "
                             "ticket printer is set up. A printer can be set up later with "
                             "'branchdesk printer configure'.")
                          if conn == "none" else
                          _t("For demonstrations only: each ticket is saved as a picture (kept 7 days) and "
                             "customers get no paper. Screens and checks call it simulated."))
            note.setObjectName(f"printer_note_{conn}")
            note.setWordWrap(True)
            form.add("note", "", note)
        elif conn == "network":
            boxes["printer.network.host"] = form.add("host", _t("IP address"),
                                                     line("printer_host", placeholder="192.168.1.50"))
            boxes["printer.network.port"] = form.add("port", _t("Port"), line("printer_port", "9100"))
        elif conn == "usb":
            from app.ops.devices_bridge import detect_usb_printers

            found = detect_usb_printers()
            detected = combo([(_t("Enter the ids below"), None)] + [(label, (v, p)) for label, v, p in found],
                             "usb_detected")
            form.add("detected", _t("Detected printers"), detected)
            vendor = form.add("vendor", _t("Vendor id"), line("usb_vendor", placeholder="0x0416"))
            product = form.add("product", _t("Product id"), line("usb_product", placeholder="0x5011"))
            boxes["printer.usb.vendor_id"], boxes["printer.usb.product_id"] = vendor, product

            def chosen(_: int) -> None:
                ids = detected.currentData()
                if ids:
                    vendor.setText(f"0x{ids[0]:04x}")
                    product.setText(f"0x{ids[1]:04x}")

            detected.currentIndexChanged.connect(chosen)
        elif conn == "serial":
            from app.ops.devices_bridge import list_serial_ports

            port = combo([(p, p) for p in list_serial_ports()], "serial_port")
            port.setEditable(True)
            boxes["printer.serial.port"] = form.add("port", _t("Port"), port)
            boxes["printer.serial.baudrate"] = form.add("baud", _t("Speed (baud)"), line("serial_baud", "9600"))
        elif conn == "win32":
            from app.ops.devices_bridge import detect_windows_printers

            name = combo([(n, n) for n in detect_windows_printers()], "win32_name")
            name.setEditable(True)
            boxes["printer.win32.name"] = form.add("name", _t("Printer name"), name)
        elif conn == "file":
            boxes["printer.file.path"] = form.add("path", _t("Device file"),
                                                  line("file_path", placeholder="/dev/usb/lp0"))
        self.inputs[conn] = boxes
        return form

    def settings(self) -> dict[str, str]:
        """The printer.* settings the form holds now."""
        conn = self.connection.currentData()
        values = {"printer.connection": conn, "printer.paper_mm": self.paper.currentData(),
                  "printer.chinese_mode": self.chinese.currentData()}
        for key, widget in self.inputs[conn].items():
            values[key] = widget.currentText() if isinstance(widget, QComboBox) else widget.text().strip()
        return values

    def load(self, settings: dict[str, Any]) -> None:
        """Show the stored printer settings (the administration screen)."""
        conn = str(settings.get("printer.connection") or "none")
        for box, value in ((self.connection, conn), (self.paper, str(settings.get("printer.paper_mm") or "80")),
                           (self.chinese, str(settings.get("printer.chinese_mode") or "printer_font"))):
            index = box.findData(value)
            if index >= 0:
                box.setCurrentIndex(index)
        for key, widget in self.inputs.get(conn, {}).items():
            value = settings.get(key)
            if value is None:
                continue
            if isinstance(widget, QComboBox):
                widget.setEditText(str(value))
            else:
                widget.setText(str(value))

    def on_test_clicked(self) -> None:
        from app.ops.devices_bridge import print_test_ticket
        from app.ui.setup.forms import off_gui_thread

        if not self.before_test():
            return
        self.status.setText(_t("Printing…"))
        self.test.setEnabled(False)
        branch = self._branch()
        values = self.settings()

        def done(printed: object, error: BaseException | None) -> None:
            self.test.setEnabled(True)
            if error is not None:
                from app.ui.messages import describe

                self.status.setText(describe(error))
            elif not printed:
                self.status.setText(_t("Printer drivers are not part of this build; the settings are kept."))
            else:
                self.status.setText(_t("A test ticket was printed. Check that it is readable."))

        off_gui_thread(lambda: print_test_ticket(values, branch.branch_name_zh, branch.branch_name_en), done)
