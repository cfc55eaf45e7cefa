"""The customer's receipt: built from a stored case, printed after the commit.

A print failure never loses the case: the case is committed first, the
outcome of the print is recorded afterwards (``print_state``), and the
receipt can be printed again.
"""

from __future__ import annotations

import datetime as dt

from app.complaints.common import complaint_by_ref, setting
from app.complaints.rules import KIND_NAMES
from app.complaints.workflow import set_receipt_print_state
from app.devices.base import PrinterError, ReceiptPrintJob
from app.staff.roles import Actor, require
from app.store.engine import Database

FOOTER_ZH = "请凭受理编号查询处理进度"
FOOTER_EN = "Quote this reference to ask about your case"


def receipt_job(db: Database, ref: str | int, *, actor: Actor) -> ReceiptPrintJob:
    """What goes on the receipt: reference, kind, times, branch. No personal data."""
    require(actor, "complaint.intake")
    with db.read() as s:
        c = complaint_by_ref(s, ref)
        zh, en = KIND_NAMES[c.kind]
        return ReceiptPrintJob(
            reference=c.reference, kind_zh=zh, kind_en=en, received_at=c.received_at,
            # None while the deadline is pending: the receipt says it will be confirmed
            answer_due=c.resolve_due.date() if c.resolve_due is not None else None,
            branch_name_zh=str(setting(s, "branch.name_zh") or ""),
            branch_name_en=str(setting(s, "branch.name_en") or ""),
            footer_zh=FOOTER_ZH, footer_en=FOOTER_EN,
        )


def print_receipt(db: Database, printer, ref: str | int, *, actor: Actor, now: dt.datetime) -> str:  # type: ignore[no-untyped-def]
    """Print the receipt (blocking: call it off the GUI thread) and record the outcome.

    Returns "printed" or "failed"; a printer error becomes the recorded
    detail, never an exception that could lose the case.
    """
    job = receipt_job(db, ref, actor=actor)
    try:
        printer.print_receipt(job)
    except PrinterError as exc:
        set_receipt_print_state(db, ref, state="failed", detail=exc.message, actor=actor, now=now)
        return "failed"
    except Exception as exc:  # a driver bug must not lose the case either
        set_receipt_print_state(db, ref, state="failed", detail=str(exc)[:300], actor=actor, now=now)
        return "failed"
    set_receipt_print_state(db, ref, state="printed", actor=actor, now=now)
    return "printed"
