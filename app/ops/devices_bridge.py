"""The few device functions operations needs (printer status, test print,
listing printers and serial ports) for the wizard, the admin screen and
doctor, on top of app.devices."""

from __future__ import annotations

from typing import Any

from app.devices.config import printer_config
from app.devices.printers import open_printer as _open

USB_PRINTER_CLASS = 7


def open_printer(settings: dict[str, Any]) -> Any:
    """A printer built from the branch's printer.* settings (raises
    PrinterConfigError on bad settings)."""
    return _open(printer_config(settings))


def printer_status(settings: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The configured printer's PrinterStatus, or None when it cannot be asked."""
    printer = open_printer(settings)
    if printer is None:
        return None
    try:
        return printer.status()
    finally:
        printer.close()


def detect_usb_printers() -> list[tuple[str, int, int]]:
    """(label, vendor id, product id) of the USB printers plugged in; empty
    when libusb is missing or the bus cannot be read."""
    try:
        import usb.core
        import usb.util

        devices = list(usb.core.find(find_all=True))
    except Exception:  # NoBackendError, permissions: nothing to offer
        return []
    found = []
    for dev in devices:
        try:
            is_printer = dev.bDeviceClass == USB_PRINTER_CLASS or any(
                intf.bInterfaceClass == USB_PRINTER_CLASS for cfg in dev for intf in cfg)
            if not is_printer:
                continue
            name = usb.util.get_string(dev, dev.iProduct) if dev.iProduct else ""
        except Exception:  # a device that does not answer its descriptors
            continue
        found.append((f"{name or 'USB printer'} ({dev.idVendor:04x}:{dev.idProduct:04x})", dev.idVendor, dev.idProduct))
    return found


def detect_windows_printers() -> list[str]:
    """Names of the printers installed in Windows (empty elsewhere)."""
    try:
        import win32print  # type: ignore[import-not-found]
    except ImportError:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    return [p[2] for p in win32print.EnumPrinters(flags)]


def list_serial_ports() -> list[str]:
    """Serial port device names on this PC (COM3, /dev/ttyUSB0...)."""
    from serial.tools import list_ports

    return sorted(p.device for p in list_ports.comports())


def print_test_ticket(settings: dict[str, Any], branch_zh: str, branch_en: str) -> bool:
    """Print a sample ticket with ``settings`` (printer.* keys); False when
    the printer drivers are not in this build. Raises PrinterError."""
    import datetime as dt

    from app.devices.base import TicketPrintJob

    printer = open_printer(settings)
    if printer is None:
        return False
    job = TicketPrintJob(number="A000", service_name_zh="测试打印", service_name_en="Test print", people_ahead=0,
                         estimated_wait_min=0, issued_at=dt.datetime.now().replace(microsecond=0),
                         reference="00000000-0000-4000-8000-000000000000", branch_name_zh=branch_zh or "BranchDesk",
                         branch_name_en=branch_en or "BranchDesk")
    try:
        printer.print_ticket(job)
    finally:
        printer.close()
    return True
