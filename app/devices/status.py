"""ESC/POS real-time status (DLE EOT n): the bytes, and what they mean to people.

Pure functions over the status bytes a printer sends back. ``None`` stands
for "no answer within the timeout": that is "status unknown", never "paper
fine" (python-escpos's ``paper_status()`` reports silence as paper adequate).
"""

from __future__ import annotations

from app.devices.base import PrinterError, PrinterStatus

DLE_EOT_PRINTER = b"\x10\x04\x01"  # n=1 printer status: bit 3 offline
DLE_EOT_OFFLINE = b"\x10\x04\x02"  # n=2 offline cause: bit 2 cover open, bit 5 paper end, bit 6 error
DLE_EOT_PAPER = b"\x10\x04\x04"  # n=4 roll sensor: bits 2-3 near end, bits 5-6 paper end

OFFLINE = 0x08
COVER_OPEN = 0x04
STOPPED_PAPER_END = 0x20
ERROR = 0x40
NEAR_END = 0x0C
PAPER_END = 0x60

AFTER = "then press Reprint"


def valid(byte: int | None) -> bool:
    """A DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear."""
    return byte is not None and byte & 0x93 == 0x12


def interpret(printer: int | None, cause: int | None, paper: int | None, where: str) -> PrinterStatus:
    """The status the three answers describe, as one sentence for the greeter."""
    if not valid(printer):
        return PrinterStatus(None, "unknown", f"The {where} did not answer the status check; "
                             f"check that it is switched on, {AFTER}.", "timeout")
    paper_state = "unknown"
    if valid(paper):
        assert paper is not None
        paper_state = "out" if paper & PAPER_END else "low" if paper & NEAR_END else "ok"
    offline = bool(printer & OFFLINE)
    cause = cause if valid(cause) else 0
    assert cause is not None
    if paper_state == "out" or cause & STOPPED_PAPER_END:
        return PrinterStatus(not offline, "out", f"The {where} is out of paper; load a new roll, {AFTER}.",
                             "paper_out")
    if cause & COVER_OPEN:
        return PrinterStatus(False, paper_state, f"The {where}'s cover is open; close it, {AFTER}.", "cover_open")
    if offline:
        return PrinterStatus(False, paper_state, f"The {where} is offline (error light); "
                             f"check it, {AFTER}.", "offline")
    if paper_state == "low":
        return PrinterStatus(True, "low", f"The {where} is ready, but its paper is running low.", "low_paper")
    if paper_state == "unknown":
        return PrinterStatus(True, "unknown", f"The {where} is online; it did not report its paper.", "unknown")
    return PrinterStatus(True, "ok", f"The {where} is ready.", "ok")


def as_error(status: PrinterStatus) -> PrinterError | None:
    """The PrinterError a status means, or None when printing may go ahead."""
    if status.ready or status.kind == "unknown" and status.online:
        return None
    return PrinterError(status.message, kind=status.kind)


def blind_status(where: str) -> PrinterStatus:
    """For links that cannot read back (spooler, CUPS, device file)."""
    return PrinterStatus(None, "unknown", f"The {where} cannot report its status; tickets are sent unchecked.",
                         "unknown")
