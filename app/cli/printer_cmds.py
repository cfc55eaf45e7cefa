"""``branchdesk printer ...``: configure, test ticket, status, tickets never
printed, reprint, void.

Each command builds the printer from the settings table (``printer.*`` keys,
docs/printers.md); malformed settings are reported as their one sentence.
A printer that fails gives exit code 1 with its sentence on stderr; the
ticket, if any, is kept and recorded as failed.
"""

from __future__ import annotations

import argparse
import uuid

from app.cli.registry import Arg, Context, NothingToDo, Outcome, command, parse_key_values, reference
from app.devices.base import PrinterError, TicketPrintJob
from app.devices.config import PrinterConfigError, printer_config
from app.errors import DomainError, InvalidInput
from app.settings import change_settings, get_settings


class PrinterFailed(DomainError):
    """The printer did not print; exit code 1 with the printer's sentence."""

    code = "printer"

TICKET = Arg("--ticket", reference, required=True, help="ticket number today (A023), id or uuid")


def _printer(ctx: Context):  # type: ignore[no-untyped-def]
    """The composition root's printer, built from the settings stored now."""
    return ctx.app.printer(fresh=True)


def _test_job(ctx: Context) -> TicketPrintJob:
    settings = get_settings(ctx.db)
    return TicketPrintJob(
        number="T000", service_name_zh="打印测试（无效票）", service_name_en="Printer test (not a ticket)",
        people_ahead=0, estimated_wait_min=0, issued_at=ctx.clock(), reference=str(uuid.uuid4()),
        branch_name_zh=str(settings.get("branch.name_zh") or ""),
        branch_name_en=str(settings.get("branch.name_en") or ""),
        footer_zh=str(settings.get("ticket.footer_zh") or ""), footer_en=str(settings.get("ticket.footer_en") or ""),
    )


@command("printer configure",
         Arg("--set", action="append", help="printer setting KEY=VALUE, e.g. connection=network (repeatable)"),
         help="check and store printer settings (printer.* keys)", batchable=False)
def printer_configure(ctx: Context, a: argparse.Namespace) -> Outcome:
    changes = parse_key_values(a.set, "--set", "printer.")
    merged = {**get_settings(ctx.db), **changes}
    try:
        cfg = printer_config(merged)
    except PrinterConfigError as exc:
        raise InvalidInput(exc.message) from None
    change_settings(ctx.db, changes, actor=ctx.actor, now=ctx.now(), source="cli")
    return Outcome({"changed": changes, "printer": cfg.describe()}, f"Printer settings stored: {cfg.describe()}.")


@command("printer test", help="print a test ticket and report the printer's status")
def printer_test(ctx: Context, a: argparse.Namespace) -> Outcome:
    printer = _printer(ctx)
    try:
        printer.print_ticket(_test_job(ctx))
    except PrinterError as exc:
        raise PrinterFailed(exc.message, kind=exc.kind) from None
    status = printer.status()
    return Outcome({"printed": True, "kind": "printed", "message": status.message, "status": status},
                   f"Test ticket printed. {status.message}")


@command("printer status", help="ask the printer for its status (DLE EOT) without printing")
def printer_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    """Exit 0 when tickets can go out (a simulated printer is named as such),
    1 when the printer reports a fault or none is set up."""
    status = _printer(ctx).status()
    ok = status.kind in ("ok", "low_paper", "unknown", "simulated")
    return Outcome(status, status.message, exit_code=0 if ok else 1)


@command("printer unprinted", help="today's tickets that were never printed (reprint or void them)")
def printer_unprinted(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.devices.printing import unprinted_tickets

    tickets = unprinted_tickets(ctx.db, ctx.now())
    if not tickets:
        raise NothingToDo("Every ticket issued today has been printed.")
    numbers = ", ".join(f"{t.number} ({t.print_state.replace('_', ' ')})" for t in tickets)
    return Outcome(tickets, f"{len(tickets)} ticket(s) not printed: {numbers}.")


@command("printer reprint", TICKET, help="print a ticket again and record it")
def printer_reprint(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.devices.printing import reprint_ticket

    printer = _printer(ctx)
    try:
        result = reprint_ticket(printer, ctx.db, a.ticket, ctx.app.settings, actor=ctx.actor, now=ctx.now())
    except PrinterError as exc:
        raise PrinterFailed(exc.message, kind=exc.kind) from None
    return Outcome({"printed": True, "ticket": result.ticket, "message": result.message}, result.message)


@command("printer void", TICKET, Arg("--reason", str, default="", help="why it is voided"),
         help="give up printing a ticket (a waiting ticket is cancelled)")
def printer_void(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.devices.printing import void_ticket

    t = void_ticket(ctx.db, a.ticket, reason=a.reason, actor=ctx.actor, now=ctx.now())
    return Outcome(t, f"{t.number} voided; status {t.status}.")
