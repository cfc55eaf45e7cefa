"""Device interfaces shared by the UI, the CLI and the drivers.

Every call here may block (USB, serial, network I/O): callers on the GUI
thread run them through ``asyncio.to_thread``/qasync, never directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class TicketPrintJob:
    """What goes on a queue ticket. No personal data, ever."""

    number: str
    service_name_zh: str
    service_name_en: str
    people_ahead: int
    estimated_wait_min: int | None  # None: no number is promised (estimate_note says why)
    issued_at: dt.datetime
    reference: str  # what the QR code holds: the ticket's phone page (empty: no page, no QR code)
    branch_name_zh: str
    branch_name_en: str
    priority: str = "normal"
    footer_zh: str = ""
    footer_en: str = ""
    estimated_range: tuple[int, int] | None = None  # printed as "约 20-30 分钟 / about 20-30 min"
    estimate_note: str | None = None  # no_window / after_closing
    priority_note: str | None = None  # elderly / disabled / pregnant / other: printed as a word
    reprint: bool = False  # printed again: marked "补打 Reprint"


@dataclass(frozen=True)
class ReceiptPrintJob:
    """The complaint window's receipt for the customer."""

    reference: str  # TS-20261123-0007
    kind_zh: str
    kind_en: str
    received_at: dt.datetime
    # None while the working-day calendar of its year is not known yet: the
    # receipt then says the date will be confirmed (never a guessed date).
    answer_due: dt.date | None
    branch_name_zh: str
    branch_name_en: str
    footer_zh: str = ""
    footer_en: str = ""


@dataclass(frozen=True)
class PrinterStatus:
    online: bool | None  # None: the printer does not or cannot say
    paper: str  # "ok", "low", "out", "unknown"
    message: str  # one sentence for the greeter
    # ok, low_paper, paper_out, cover_open, offline, unplugged, timeout, unknown, config,
    # simulated (pictures, no paper), not_set_up (no printer: numbers on screen only)
    kind: str = "unknown"

    @property
    def ready(self) -> bool:
        """True only when the printer said so (silence is never "ready")."""
        return self.kind in ("ok", "low_paper", "simulated")


class PrinterError(Exception):
    """A print that did not happen; ``message`` is one sentence for people."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # paper_out, cover_open, offline, unplugged, timeout, config, not_set_up, error


class TicketPrinter(Protocol):
    def print_ticket(self, job: TicketPrintJob) -> None: ...
    def print_receipt(self, job: ReceiptPrintJob) -> None: ...
    def status(self) -> PrinterStatus: ...
    def close(self) -> None: ...
