"""Handing an issued ticket to the printer layer (called in a worker thread).

Codes against the ``TicketPrinter`` protocol. ``app.devices.printing``
(devices engineer) prints and records the print state; until it is present
this module does the same with the protocol and ``set_print_state``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.devices.base import PrinterError, TicketPrintJob
from app.queue import set_print_state
from app.queue.views import IssuedTicket
from app.staff.roles import Actor


def job_for(issued: IssuedTicket, settings: dict[str, Any]) -> TicketPrintJob:
    """The print job of a ticket: no personal data, ever."""
    t = issued.ticket
    return TicketPrintJob(
        number=t.number, service_name_zh=t.service_name_zh, service_name_en=t.service_name_en,
        people_ahead=issued.people_ahead, estimated_wait_min=issued.estimated_wait_min,
        issued_at=t.issued_at, reference=t.uuid,
        branch_name_zh=str(settings.get("branch.name_zh", "")),
        branch_name_en=str(settings.get("branch.name_en", "")),
        priority=t.priority,
        footer_zh=str(settings.get("ticket.footer_zh", "")),
        footer_en=str(settings.get("ticket.footer_en", "")),
    )


def print_issued(printer: Any, db: Any, issued: IssuedTicket, settings: dict[str, Any], *,
                 actor: Actor, now: dt.datetime) -> None:
    """Print ``issued`` and record the print state; raises PrinterError on failure."""
    try:
        from app.devices.printing import print_ticket_and_record
    except ImportError:
        print_ticket_and_record = None
    if print_ticket_and_record is not None:
        print_ticket_and_record(printer, db, issued, settings, actor=actor, now=now)
        return
    try:
        printer.print_ticket(job_for(issued, settings))
    except PrinterError as exc:
        set_print_state(db, issued.ticket.id, state="failed", detail=exc.message, actor=actor, now=now)
        raise
    set_print_state(db, issued.ticket.id, state="printed", actor=actor, now=now)
