"""Printing tickets without ever losing one: print, record, find the unprinted, resolve.

The ticket row is committed by ``app.queue.issue_ticket`` before anything is
printed. These functions print it and record the outcome with
``app.queue.set_print_state``: printed, failed (with the sentence),
simulated (a picture from the simulated printer, never paper) or
screen_only (no printer set up: the number was shown on screen). They list
today's tickets that never made it onto paper (a printer fault, or a crash
between commit and print), and resolve them by reprinting or voiding.

For the greeter screen and the CLI. Every function here BLOCKS (printer I/O
with timeouts of a few seconds): call it from a worker thread
(``asyncio.to_thread``), never the GUI thread. They are thread-safe: each
database call opens its own short session, and a printer runs one job at a
time behind its own lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.devices.base import PrinterError, TicketPrintJob, TicketPrinter
from app.queue import get_ticket, set_print_state
from app.queue.day import moment
from app.queue.views import IssuedTicket, TicketView, ticket_view
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.models import Ticket

NEEDS_PAPER = ("waiting", "transferred", "called")  # a customer still needs the ticket


@dataclass(frozen=True)
class PrintResult:
    """A ticket handed to the printer without a fault."""

    ticket: TicketView  # as recorded afterwards
    message: str  # one sentence for the greeter
    state: str = "printed"  # print_state recorded: printed, simulated or screen_only


def screen_only(printer: Any) -> bool:
    """True for "no ticket printer set up" (app.devices.printers.NoPrinter)."""
    return printer is None or bool(getattr(printer, "screen_only", False))


def ticket_job(ticket: TicketView, settings: dict[str, Any], link: str | None = None, *,
               reprint: bool = False) -> TicketPrintJob:
    """The print job for a ticket: no personal data, ever (number, service,
    the priority class and its reason as a word), what its customer was told
    at issue, as stored on the ticket, and its phone page (``link``) in the QR
    code. ``reprint`` marks it "补打 Reprint"."""
    return TicketPrintJob(
        number=ticket.number,
        service_name_zh=ticket.service_name_zh,
        service_name_en=ticket.service_name_en,
        people_ahead=ticket.people_ahead_at_issue or 0,
        estimated_wait_min=ticket.promised_wait_min,
        estimated_range=ticket.promised_range_min,
        estimate_note=ticket.promise_note,
        issued_at=ticket.issued_at,
        reference=link or "",
        branch_name_zh=str(settings.get("branch.name_zh") or ""),
        branch_name_en=str(settings.get("branch.name_en") or ""),
        priority=ticket.priority,
        priority_note=ticket.priority_note,
        reprint=reprint,
        footer_zh=str(settings.get("ticket.footer_zh") or ""),
        footer_en=str(settings.get("ticket.footer_en") or ""),
    )


def _print_and_record(printer: TicketPrinter, db: Database, ticket: TicketView, job: TicketPrintJob,
                      *, actor: Actor, now: dt.datetime | None = None) -> PrintResult:
    if screen_only(printer):  # a reprint asked for with no printer: nothing to record
        raise PrinterError(printer.status().message if printer is not None else "No ticket printer is set up.",
                           kind="not_set_up")
    try:
        printer.print_ticket(job)
    except PrinterError as exc:
        set_print_state(db, ticket.uuid, state="failed", detail=exc.message, actor=actor, now=now)
        raise
    except Exception as exc:  # an unexpected driver fault still leaves a recorded, reprintable ticket
        err = PrinterError(f"The printer failed unexpectedly ({type(exc).__name__}); press Reprint.")
        set_print_state(db, ticket.uuid, state="failed", detail=err.message, actor=actor, now=now)
        raise err from exc
    if getattr(printer, "simulated", False):
        view = set_print_state(db, ticket.uuid, state="simulated", actor=actor, now=now)
        return PrintResult(view, f"Ticket {ticket.number} went to the simulated printer (a picture, no paper).",
                           "simulated")
    view = set_print_state(db, ticket.uuid, state="printed", actor=actor, now=now)
    return PrintResult(view, f"Ticket {ticket.number} printed.")


def print_ticket_and_record(printer: TicketPrinter, db: Database, issued: IssuedTicket, settings: dict[str, Any],
                            *, actor: Actor, now: dt.datetime | None = None) -> PrintResult:
    """Print a just-issued ticket and record print_state "printed" or "failed"
    ("simulated" on the simulated printer; "screen_only", without printing,
    when no printer is set up).

    On failure the state "failed" (with the sentence in its event) is
    recorded first, then the ``PrinterError`` is raised for the caller to
    show (``.kind``, ``.message``); the ticket stays in the queue and
    ``reprint_ticket`` or ``void_ticket`` resolves it. Blocking and
    thread-safe (see the module docstring).
    """
    if screen_only(printer):
        view = set_print_state(db, issued.ticket.uuid, state="screen_only", detail="no ticket printer set up",
                               actor=actor, now=now)
        return PrintResult(view, f"No ticket printer is set up: ticket {view.number} is shown on screen only.",
                           "screen_only")
    job = ticket_job(issued.ticket, settings, phone_link(db, settings, issued.ticket.uuid))
    return _print_and_record(printer, db, issued.ticket, job, actor=actor, now=now)


def phone_link(db: Database, settings: dict[str, Any], ticket_uuid: str) -> str | None:
    """The ticket's phone page (``web.public_url`` and the branch's link key), or None."""
    from app.web.links import link_key, ticket_url

    base = str(settings.get("web.public_url") or "")
    if not base:
        return None
    try:
        return ticket_url(base, link_key(db), ticket_uuid)
    except LookupError:  # a database without the key: the ticket prints without a QR code
        return None


def unprinted_tickets(db: Database, now: dt.datetime | None = None) -> list[TicketView]:
    """Today's tickets committed but never printed (not_printed or failed), oldest first.

    Only tickets a customer still needs (waiting, transferred, called). Meant
    for the greeter's start-up check and a "tickets to reprint" list.
    """
    with db.read() as s:
        rows = s.scalars(
            select(Ticket).where(
                Ticket.business_date == moment(s, now).day,
                Ticket.print_state.in_(("not_printed", "failed")),
                Ticket.status.in_(NEEDS_PAPER),
            ).order_by(Ticket.issued_at, Ticket.id)
        ).all()
        from app.queue.common import window_numbers

        numbers = window_numbers(s)
        return [ticket_view(t, numbers) for t in rows]


def reprint_ticket(printer: TicketPrinter, db: Database, ticket: str | int, settings: dict[str, Any],
                   *, actor: Actor, now: dt.datetime | None = None) -> PrintResult:
    """Print a ticket again (same number, QR and issue time, marked "补打
    Reprint") and record the outcome.

    Raises ``PrinterError`` (after recording "failed") like
    ``print_ticket_and_record``. Needs the "ticket.reprint" right. Blocking
    and thread-safe.
    """
    require(actor, "ticket.reprint")
    view = get_ticket(db, ticket, now=now)
    job = ticket_job(view, settings, phone_link(db, settings, view.uuid), reprint=True)
    return _print_and_record(printer, db, view, job, actor=actor, now=now)


def void_ticket(db: Database, ticket: str | int, *, reason: str = "", actor: Actor,
                now: dt.datetime | None = None) -> TicketView:
    """Give up on printing a ticket: print_state "voided", and a waiting ticket is cancelled.

    For a ticket nobody will collect (the customer left, or got a new one).
    """
    require(actor, "ticket.cancel")
    return set_print_state(db, ticket, state="voided", detail=reason or "voided at the greeter",
                           actor=actor, now=now)
