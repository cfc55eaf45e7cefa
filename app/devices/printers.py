"""Ticket printers: the real ESC/POS driver, the simulated one (PNG files),
and "no printer" (numbers on screen only).

Each implements ``app.devices.base.TicketPrinter``. Every method blocks (call
from a worker thread, never the GUI thread) and is thread-safe: one job at a
time per printer. Failures raise ``PrinterError`` with ``kind`` and one
sentence; nothing here knows about tickets in the database (see printing.py).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from pathlib import Path
from typing import Any

from app.devices.base import PrinterError, PrinterStatus, ReceiptPrintJob, TicketPrintJob
from app.devices.config import PrinterConfig, PrinterConfigError, printer_config
from app.devices.escpos_render import paper_dots, render_escpos
from app.devices.layout import Step, receipt_steps, ticket_steps
from app.devices.status import (
    DLE_EOT_OFFLINE,
    DLE_EOT_PAPER,
    DLE_EOT_PRINTER,
    OFFLINE,
    as_error,
    blind_status,
    interpret,
)

log = logging.getLogger("branchdesk.devices.printer")
KEEP_OPEN = ("serial", "usb")  # sockets, spooler jobs and files are opened per job


class EscposPrinter:
    """A real ESC/POS printer on any python-escpos connection."""

    def __init__(self, cfg: PrinterConfig) -> None:
        self.cfg = cfg
        self.dots = paper_dots(cfg)
        self.where = cfg.describe()
        self._lock = threading.Lock()
        self._link: Any = None

    # -- TicketPrinter -------------------------------------------------
    def print_ticket(self, job: TicketPrintJob) -> None:
        self.print_steps(ticket_steps(job, self.dots, partial_cut=self.cfg.cut == "partial"))

    def print_receipt(self, job: ReceiptPrintJob) -> None:
        self.print_steps(receipt_steps(job, self.dots, partial_cut=self.cfg.cut == "partial"))

    def status(self) -> PrinterStatus:
        """Ask the printer now (DLE EOT); silence is "unknown", never "ready"."""
        if not self.cfg.can_read_status:
            return blind_status(self.where)
        with self._lock:
            try:
                return self._query(self._open())
            except PrinterError as exc:
                self._drop()
                return PrinterStatus(False if exc.kind != "timeout" else None, "unknown", exc.message, exc.kind)
            except Exception as exc:  # a device fault while asking
                self._drop()
                err = self._translate(exc)
                return PrinterStatus(False, "unknown", err.message, err.kind)
            finally:
                if self.cfg.connection not in KEEP_OPEN:
                    self._drop()

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- printing ------------------------------------------------------
    def print_steps(self, steps: list[Step]) -> None:
        """Render and send one job in one write, checking status around it."""
        data = render_escpos(steps, self.cfg)
        with self._lock:
            try:
                link = self._open()
                check = self.cfg.status_check and self.cfg.can_read_status
                if check:
                    self._refuse_if_not_ready(self._query(link))
                link.write(data)
                if check:  # paper may run out, or the cover open, during the job
                    self._refuse_if_not_ready(self._query(link))
            except PrinterError:
                self._drop()
                raise
            except Exception as exc:
                self._drop()
                raise self._translate(exc) from exc
            if self.cfg.connection not in KEEP_OPEN:
                self._drop()

    def _refuse_if_not_ready(self, status: PrinterStatus) -> None:
        err = as_error(status)
        if err is not None:
            raise err

    def _open(self) -> Any:
        if self._link is None:
            from app.devices.links import Link

            self._link = Link(self.cfg)
        return self._link

    def _drop(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()

    def _query(self, link: Any) -> PrinterStatus:
        printer = link.ask(DLE_EOT_PRINTER)
        if printer is None:
            return interpret(None, None, None, self.where)
        cause = link.ask(DLE_EOT_OFFLINE) if printer & OFFLINE else None
        paper = link.ask(DLE_EOT_PAPER)
        return interpret(printer, cause, paper, self.where)

    def _translate(self, exc: BaseException) -> PrinterError:
        """One sentence for any fault the device libraries raise."""
        log.info("printer fault on %s: %r", self.where, exc)
        from escpos.exceptions import DeviceNotFoundError

        if isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower():
            return PrinterError(f"The {self.where} stopped taking data (no answer in {self.cfg.timeout_s:g} s); "
                                "check it, then press Reprint.", kind="timeout")
        if isinstance(exc, DeviceNotFoundError) and self.cfg.connection == "network":
            return PrinterError(f"The {self.where} cannot be reached; check its power and network cable, "
                                "then press Reprint.", kind="offline")
        if type(exc).__name__ == "NoBackendError":
            return PrinterError("USB printing needs libusb on this computer (Debian package libusb-1.0-0); "
                                "or connect the printer through the Windows spooler or CUPS.", kind="config")
        if isinstance(exc, ImportError) or isinstance(exc, RuntimeError) and "library" in str(exc):
            return PrinterError(f"The {self.where} cannot be used on this computer: a driver library is "
                                "missing (pyusb for USB, pywin32 for Windows printers).", kind="config")
        return PrinterError(f"The {self.where} is not connected; check its cable and power, "
                            "then press Reprint.", kind="unplugged")


class SimulatedPrinter:
    """Renders every job to a PNG in a folder: the demo's printer, or one
    chosen on purpose. Never paper, and never called "printed": tickets record
    print_state "simulated". Pictures older than KEEP_DAYS are deleted."""

    simulated = True
    KEEP_DAYS = 7

    def __init__(self, cfg: PrinterConfig) -> None:
        self.cfg = cfg
        self.dots = cfg.dots
        self.folder = Path(cfg.folder)
        self._lock = threading.Lock()
        self._pruned = False
        self.printed: list[Path] = []

    def print_ticket(self, job: TicketPrintJob) -> None:
        """A ticket's picture is named by its number and the second it was
        issued (what tells one day's tickets apart; the phone page's address
        may change between a print and a reprint). A reprint gets a picture of
        its own ("...-reprint-2.png"): the original is kept."""
        stem = f"ticket-{job.issued_at:%Y%m%d-%H%M%S}-{job.number}"
        self._save(ticket_steps(job, self.dots, partial_cut=self.cfg.cut == "partial"), f"{stem}.png",
                   again=job.reprint)

    def print_receipt(self, job: ReceiptPrintJob) -> None:
        self._save(receipt_steps(job, self.dots), f"receipt-{job.reference}.png")

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok", f"Simulated printer: tickets are saved as pictures in {self.folder}, "
                             "not printed on paper.", "simulated")

    def close(self) -> None:
        pass

    def _save(self, steps: list[Step], name: str, *, again: bool = False) -> None:
        from app.devices.png_render import render_png

        image = render_png(steps, self.dots)
        with self._lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                if not self._pruned:  # once per printer object: a process a day, or so
                    self._pruned = True
                    prune_pictures(self.folder, self.KEEP_DAYS)
                path = self.folder / name
                n = 1
                while path.exists():  # never over an earlier picture (two printer tests in one second)
                    n += 1
                    path = self.folder / name.replace(".png", f"-reprint-{n}.png" if again else f"-{n}.png")
                image.save(path)
            except OSError as exc:
                raise PrinterError(f"The simulated printer cannot write to {self.folder}: {exc.strerror}.",
                                   kind="error") from exc
            self.printed.append(path)


def prune_pictures(folder: Path, keep_days: int, now: float | None = None) -> list[Path]:
    """Delete the simulated printer's pictures (ticket-*.png, receipt-*.png)
    last written more than ``keep_days`` ago; returns what was deleted."""
    cutoff = (time.time() if now is None else now) - keep_days * 86400
    gone = []
    for pattern in ("ticket-*.png", "receipt-*.png"):
        for path in folder.glob(pattern):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    gone.append(path)
            except OSError:  # another process pruned it first
                continue
    if gone:
        log.info("simulated printer: %d picture(s) older than %d days deleted from %s", len(gone), keep_days, folder)
    return gone


NOT_SET_UP = ("The ticket printer is not set up: ticket numbers are shown on screen only; choose one with "
              "'branchdesk printer configure --set connection=...' (docs/printers.md).")


class NoPrinter:
    """No ticket printer (never set up, or "none" chosen): the greeter shows
    the number on screen and the ticket records print_state "screen_only"."""

    screen_only = True

    def __init__(self, cfg: PrinterConfig | None = None) -> None:
        self.cfg = cfg or PrinterConfig()

    def print_ticket(self, job: TicketPrintJob) -> None:
        raise PrinterError(NOT_SET_UP, kind="not_set_up")

    def print_receipt(self, job: ReceiptPrintJob) -> None:
        raise PrinterError(NOT_SET_UP, kind="not_set_up")

    def status(self) -> PrinterStatus:
        return PrinterStatus(None, "unknown", NOT_SET_UP, "not_set_up")

    def close(self) -> None:
        pass


class UnconfiguredPrinter:
    """Stands in when the printer settings are malformed: every call says why."""

    def __init__(self, error: PrinterConfigError) -> None:
        self.error = error

    def print_ticket(self, job: TicketPrintJob) -> None:
        raise self.error

    def print_receipt(self, job: ReceiptPrintJob) -> None:
        raise self.error

    def status(self) -> PrinterStatus:
        return PrinterStatus(None, "unknown", self.error.message, "config")

    def close(self) -> None:
        pass


def open_printer(cfg: PrinterConfig) -> NoPrinter | SimulatedPrinter | EscposPrinter:
    """The printer for a checked configuration (nothing is opened until a job)."""
    if cfg.connection == "none":
        return NoPrinter(cfg)
    if cfg.connection == "simulated":
        return SimulatedPrinter(cfg)
    return EscposPrinter(cfg)


def build_printer(settings: dict[str, Any], *, simulated: bool = False) -> Any:
    """The ticket printer the settings describe: ``NoPrinter`` while none is
    set up, the simulated one only when the settings or the caller (the demo,
    tests) ask for it.

    Malformed settings give an ``UnconfiguredPrinter`` whose ``status()`` and
    every print carry the one-sentence reason, so the app still starts.
    """
    try:
        cfg = printer_config(settings)
    except PrinterConfigError as exc:
        log.error("printer settings: %s", exc.message)
        return UnconfiguredPrinter(exc)
    if simulated and cfg.connection != "simulated":
        from app.devices.config import default_folder

        folder = str(settings.get("printer.simulated.folder") or default_folder())
        cfg = dataclasses.replace(cfg, connection="simulated", folder=folder)
    return open_printer(cfg)
