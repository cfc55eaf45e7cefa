"""Connections to a real printer: python-escpos printer objects plus timeouts.

python-escpos opens the device (USB, serial, network, Windows spooler, CUPS
queue, device file); this module adds what it lacks: a timeout on every write
and a one-byte status read with its own timeout. A link is thrown away after
any fault; the next job builds a new one (reopening a faulted escpos
``Serial`` raises a raw ``termios.error``).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any

import serial
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial

from app.devices.base import PrinterError
from app.devices.config import PrinterConfig


def _escpos_printer(cfg: PrinterConfig) -> Any:
    """A fresh python-escpos printer object for ``cfg`` (not yet opened)."""
    profile = cfg.profile
    if cfg.connection == "usb":
        from escpos.printer import Usb

        u = cfg.usb  # every argument by keyword: the positional example is wrong
        return Usb(idVendor=u["vendor_id"], idProduct=u["product_id"], timeout=int(cfg.timeout_s * 1000),
                   in_ep=u["in_ep"], out_ep=u["out_ep"], profile=profile)
    if cfg.connection == "serial":
        return UrlSerial(cfg, profile=profile)
    if cfg.connection == "network":
        from escpos.printer import Network

        return Network(host=cfg.host, port=cfg.port, timeout=cfg.timeout_s, profile=profile)
    if cfg.connection == "win32":
        from escpos.printer import Win32Raw  # only importable on Windows: imported here, lazily

        return Win32Raw(printer_name=cfg.name, profile=profile)
    if cfg.connection == "cups":
        from escpos.printer import LP

        return LP(printer_name=cfg.name, profile=profile)
    if cfg.connection == "file":
        from escpos.printer import File

        return File(devfile=cfg.path, profile=profile)
    raise PrinterError(f"Connection {cfg.connection!r} has no real driver.", kind="config")


class UrlSerial(Serial):
    """escpos ``Serial`` opened with ``serial_for_url`` (device paths, and URLs
    such as ``socket://`` or ``spy://``), with read and write timeouts."""

    def __init__(self, cfg: PrinterConfig, **kwargs: Any) -> None:
        super().__init__(devfile=cfg.serial_port, baudrate=cfg.baudrate, timeout=cfg.status_timeout_s,
                         parity=cfg.parity, xonxoff=cfg.flow == "xonxoff", dsrdtr=cfg.flow == "dsrdtr", **kwargs)
        self.cfg = cfg

    def open(self, raise_not_found: bool = True) -> None:
        try:
            self.device = serial.serial_for_url(
                self.devfile, baudrate=self.baudrate, parity=self.parity, timeout=self.timeout,
                write_timeout=self.cfg.timeout_s, xonxoff=self.xonxoff,
                rtscts=self.cfg.flow == "rtscts", dsrdtr=self.dsrdtr,
            )
        except (ValueError, serial.SerialException) as exc:
            self.device = None
            raise DeviceNotFoundError(f"Unable to open serial printer on {self.devfile}: {exc}") from exc


def run_with_timeout(fn: Callable[[], Any], seconds: float, what: str) -> Any:
    """Run a blocking call that has no timeout of its own (spooler, device file)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=target, name=f"printer-{what}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"{what} took longer than {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


SEND_BUFFER = 8192


class Link:
    """One opened connection: ``write`` and ``ask`` with timeouts."""

    def __init__(self, cfg: PrinterConfig) -> None:
        self.cfg = cfg
        self.printer = _escpos_printer(cfg)
        try:
            run_with_timeout(self.printer.open, cfg.timeout_s, "open")
        except BaseException:
            self.printer._device = False  # never opened: python-escpos's __del__ has nothing to close
            raise
        if cfg.connection == "network":
            # A small send buffer: a printer that stops reading is noticed within
            # the write timeout, not after megabytes of kernel buffering.
            self.printer.device.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)

    def write(self, data: bytes) -> None:
        """Send ``data`` in one write; TimeoutError if the printer stops taking it."""
        dev = self.printer.device
        if self.cfg.connection == "network":
            dev.settimeout(self.cfg.timeout_s)
            dev.sendall(data)
        elif self.cfg.connection == "serial":
            # The timeout covers the whole write: allow the time the bytes need
            # at this baud rate (10 bits a byte), plus the configured margin.
            dev.write_timeout = self.cfg.timeout_s + len(data) * 10 / self.cfg.baudrate * 1.2
            self.printer._raw(data)
            # tcdrain has no timeout of its own: a printer holding CTS low would hang it
            run_with_timeout(dev.flush, dev.write_timeout, "drain")
        elif self.cfg.connection == "usb":
            self.printer._raw(data)  # python-escpos passes the USB timeout with every write
        else:
            run_with_timeout(lambda: self.printer._raw(data), self.cfg.timeout_s, "write")

    def ask(self, query: bytes) -> int | None:
        """Send a DLE EOT query and read one status byte; None when silent."""
        dev = self.printer.device
        t = self.cfg.status_timeout_s
        if self.cfg.connection == "network":
            _drain(dev)
            dev.settimeout(self.cfg.timeout_s)
            dev.sendall(query)
            dev.settimeout(t)
            try:
                got = dev.recv(1)
            except TimeoutError:
                return None
            if not got:
                raise ConnectionResetError("the printer closed the connection")
            return got[0]
        if self.cfg.connection == "serial":
            dev.reset_input_buffer()
            dev.timeout = t
            dev.write(query)
            got = dev.read(1)
            return got[0] if got else None
        if self.cfg.connection == "usb":
            import usb.core

            self.printer._raw(query)
            try:  # a whole packet's worth: a short read buffer overflows on some backends
                got = dev.read(self.printer.in_ep, 64, int(t * 1000))
            except usb.core.USBTimeoutError:
                return None
            return got[0] if len(got) else None
        return None

    def close(self) -> None:
        try:
            run_with_timeout(self.printer.close, self.cfg.timeout_s, "close")
        except Exception:  # a dead link fails to flush; close the handle without it
            dev = getattr(self.printer, "_device", None)
            try:
                if dev:
                    dev.close()
            except Exception:
                pass
        self.printer._device = False  # so python-escpos's __del__ does not try again


def _drain(sock: socket.socket) -> None:
    """Forget stale bytes (answers to earlier queries) before asking again."""
    sock.setblocking(False)
    try:
        while sock.recv(256):
            pass
    except (BlockingIOError, InterruptedError):
        pass
    finally:
        sock.setblocking(True)
