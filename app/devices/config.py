"""Printer settings: keys in the settings table, parsed and checked at start.

Every key lives under ``printer.`` in the settings table (``app.queue.get_settings``
/ ``set_setting``); docs/printers.md lists them. ``printer_config(settings)``
turns the flat dictionary into one frozen ``PrinterConfig`` or raises
``PrinterConfigError`` with one sentence naming the key to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from app.devices.base import PrinterError

# "none": no ticket printer (chosen, or never set up): the greeter shows the
# number on screen only. "simulated": PNG pictures, for the demo or on purpose.
CONNECTIONS = ("none", "simulated", "usb", "serial", "network", "win32", "cups", "file")
CHINESE_MODES = ("printer_font", "raster")
PAPER_DOTS = {58: 384, 80: 576}  # printable dots across at 203 dpi
PARITIES = {"N": "N", "NONE": "N", "E": "E", "EVEN": "E", "O": "O", "ODD": "O"}
FLOW_CONTROLS = ("none", "xonxoff", "rtscts", "dsrdtr")
CUTS = ("partial", "full", "none")


class PrinterConfigError(PrinterError):
    """A malformed printer setting; the message names the key to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="config")


@dataclass(frozen=True)
class PrinterConfig:
    """Everything needed to open the ticket printer and lay out tickets."""

    connection: str = "none"
    paper_mm: int = 80
    chinese_mode: str = "printer_font"
    qr_native: bool = True
    profile: str = "default"
    cut: str = "partial"
    timeout_s: float = 3.0  # every write
    status_timeout_s: float = 1.0  # every DLE EOT read
    status_check: bool = True  # ask DLE EOT before and after (where the link can read)
    # connection details (only those of ``connection`` are used)
    usb: dict[str, int] = field(default_factory=dict)  # vendor_id, product_id, in_ep, out_ep
    serial_port: str = ""
    baudrate: int = 9600
    parity: str = "N"
    flow: str = "none"
    host: str = ""
    port: int = 9100
    name: str = ""  # Windows printer name or CUPS queue
    path: str = ""  # device file
    folder: str = ""  # simulated printer's PNG folder

    @property
    def dots(self) -> int:
        return PAPER_DOTS[self.paper_mm]

    def describe(self) -> str:
        """The connection in a few words, for status lines and logs."""
        return {
            "none": "no ticket printer (numbers on screen only)",
            "simulated": f"simulated printer (PNG pictures in {self.folder}, no paper)",
            "usb": "USB printer {vendor_id:04x}:{product_id:04x}".format(**self.usb) if self.usb else "USB printer",
            "serial": f"serial printer on {self.serial_port} at {self.baudrate} baud",
            "network": f"network printer {self.host}:{self.port}",
            "win32": f"Windows printer {self.name!r}",
            "cups": f"CUPS queue {self.name!r}",
            "file": f"printer device {self.path}",
        }[self.connection]

    @property
    def can_read_status(self) -> bool:
        return self.connection in ("usb", "serial", "network")


def default_folder() -> str:
    """Where the simulated printer keeps its pictures: "printed" in the data folder."""
    from app.paths import folders

    return str(folders().data / "printed")


def _text(settings: dict[str, Any], key: str, default: str = "") -> str:
    value = settings.get(key)
    return default if value is None else str(value).strip()


def _hex(settings: dict[str, Any], key: str, *, required: bool, default: int | None = None) -> int | None:
    raw = settings.get(key)
    if raw is None or str(raw).strip() == "":
        if required:
            raise PrinterConfigError(f"Setting {key} is missing; give the USB id in hex, such as 0x0416.")
        return default
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().lower()
    try:
        value = int(text, 16)
    except ValueError:
        raise PrinterConfigError(f"Setting {key} is {raw!r}, which is not a hex number such as 0x0416.") from None
    if not 0 <= value <= 0xFFFF:
        raise PrinterConfigError(f"Setting {key} is {raw!r}, which is out of range (0x0000 to 0xFFFF).")
    return value


def _int(settings: dict[str, Any], key: str, default: int, lo: int, hi: int) -> int:
    raw = settings.get(key, default)
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise PrinterConfigError(f"Setting {key} is {raw!r}, which is not a whole number.") from None
    if not lo <= value <= hi:
        raise PrinterConfigError(f"Setting {key} is {value}, which is outside {lo} to {hi}.")
    return value


def _float(settings: dict[str, Any], key: str, default: float) -> float:
    raw = settings.get(key, default)
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise PrinterConfigError(f"Setting {key} is {raw!r}, which is not a number of seconds.") from None
    if not 0.05 <= value <= 60:
        raise PrinterConfigError(f"Setting {key} is {value}, which is outside 0.05 to 60 seconds.")
    return value


def _choice(settings: dict[str, Any], key: str, default: str, choices: tuple[str, ...]) -> str:
    value = _text(settings, key, default).lower() or default
    if value not in choices:
        raise PrinterConfigError(f"Setting {key} is {value!r}; use one of {', '.join(choices)}.")
    return value


def _connection_details(settings: dict[str, Any], conn: str) -> dict[str, Any]:
    if conn == "usb":
        usb = {
            "vendor_id": _hex(settings, "printer.usb.vendor_id", required=True),
            "product_id": _hex(settings, "printer.usb.product_id", required=True),
            "in_ep": _hex(settings, "printer.usb.in_ep", required=False, default=0x82),
            "out_ep": _hex(settings, "printer.usb.out_ep", required=False, default=0x01),
        }
        return {"usb": usb}
    if conn == "serial":
        port = _text(settings, "printer.serial.port")
        if not port:
            raise PrinterConfigError("Setting printer.serial.port is missing; give a port such as COM3 or /dev/ttyUSB0.")
        parity = _text(settings, "printer.serial.parity", "N").upper()
        if parity not in PARITIES:
            raise PrinterConfigError(f"Setting printer.serial.parity is {parity!r}; use N, E or O.")
        return {
            "serial_port": port,
            "baudrate": _int(settings, "printer.serial.baudrate", 9600, 1200, 921600),
            "parity": PARITIES[parity],
            "flow": _choice(settings, "printer.serial.flow", "none", FLOW_CONTROLS),
        }
    if conn == "network":
        host = _text(settings, "printer.network.host")
        if not host:
            raise PrinterConfigError("Setting printer.network.host is missing; give the printer's IP address.")
        return {"host": host, "port": _int(settings, "printer.network.port", 9100, 1, 65535)}
    if conn in ("win32", "cups"):
        name = _text(settings, f"printer.{conn}.name")
        if not name:
            what = "Windows printer name" if conn == "win32" else "CUPS queue name"
            raise PrinterConfigError(f"Setting printer.{conn}.name is missing; give the {what}.")
        return {"name": name}
    if conn == "file":
        path = _text(settings, "printer.file.path")
        if not path:
            raise PrinterConfigError("Setting printer.file.path is missing; give a device file such as /dev/usb/lp0.")
        return {"path": path}
    if conn == "none":
        return {}
    return {"folder": _text(settings, "printer.simulated.folder") or default_folder()}


def printer_config(settings: dict[str, Any]) -> PrinterConfig:
    """Parse and check the ``printer.*`` settings (raises PrinterConfigError).

    No ``printer.connection`` means no printer was chosen yet: "none", never
    a pretend one (the demo asks for the simulated printer itself)."""
    conn = _text(settings, "printer.connection", "none").lower() or "none"
    if conn not in CONNECTIONS:
        raise PrinterConfigError(
            f"Setting printer.connection is {conn!r}; use one of {', '.join(CONNECTIONS)}."
        )
    if conn == "win32" and os.name != "nt":
        raise PrinterConfigError("Setting printer.connection is 'win32', which works only on Windows; use cups here.")
    if conn == "cups" and os.name == "nt":
        raise PrinterConfigError("Setting printer.connection is 'cups', which Windows does not have; use win32.")
    paper = _int(settings, "printer.paper_mm", 80, 0, 1000)
    if paper not in PAPER_DOTS:
        raise PrinterConfigError(f"Setting printer.paper_mm is {paper}; use 58 or 80.")
    mode = _choice(settings, "printer.chinese_mode", "printer_font", CHINESE_MODES)
    qr = _choice(settings, "printer.qr", "native" if mode == "printer_font" else "image", ("native", "image"))
    profile = _text(settings, "printer.profile", "default") or "default"
    if profile != "default":  # python-escpos is imported only when a profile is named
        from escpos.capabilities import CAPABILITIES

        if profile not in CAPABILITIES["profiles"]:
            raise PrinterConfigError(f"Setting printer.profile is {profile!r}, which python-escpos does not know.")
    check = _choice(settings, "printer.status_check", "on", ("on", "off"))
    return PrinterConfig(
        connection=conn,
        paper_mm=paper,
        chinese_mode=mode,
        qr_native=qr == "native",
        profile=profile,
        cut=_choice(settings, "printer.cut", "partial", CUTS),
        timeout_s=_float(settings, "printer.timeout_s", 3.0),
        status_timeout_s=_float(settings, "printer.status_timeout_s", 1.0),
        status_check=check == "on",
        **_connection_details(settings, conn),
    )
