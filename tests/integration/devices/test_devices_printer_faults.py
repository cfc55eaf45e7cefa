"""Printer faults: a clear sentence, no lost ticket, and recovery once fixed.

Real drivers (python-escpos network and serial connections) against a fake
printer that answers DLE EOT over TCP or a socat pty pair.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "devices"))
from escpos_decode import chinese_segments, qr_payloads, sized_ascii  # noqa: E402
from fake_printer import PtyPrinter, TcpPrinter  # noqa: E402

from app.devices.base import PrinterError  # noqa: E402
from app.devices.config import printer_config  # noqa: E402
from app.devices.printers import EscposPrinter  # noqa: E402
from app.devices.printing import phone_link, print_ticket_and_record, reprint_ticket, unprinted_tickets  # noqa: E402
from app.queue import get_settings, get_ticket, issue_ticket  # noqa: E402
from app.settings import change_settings  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402

FAST = {"printer.timeout_s": 0.5, "printer.status_timeout_s": 0.3}


def network(port: int, **extra) -> EscposPrinter:
    return EscposPrinter(printer_config({"printer.connection": "network", "printer.network.host": "127.0.0.1",
                                         "printer.network.port": port, **FAST, **extra}))


def serial_printer(port: str, **extra) -> EscposPrinter:
    return EscposPrinter(printer_config({"printer.connection": "serial", "printer.serial.port": port,
                                         "printer.serial.baudrate": 115200, **FAST, **extra}))


def _issue(db, at):
    """A ticket of a branch whose phone page is set up: its QR code holds the page's link."""
    change_settings(db, {"web.public_url": "https://q.bank.cn/BR001"}, actor=SYSTEM, now=at(8, 30))
    return issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))


def _link(db, issued) -> str:
    return phone_link(db, get_settings(db), issued.ticket.uuid)


def _fail_then_recover(db, at, printer, issued, fix, kind):
    """The print fails with ``kind``; the ticket is kept; after ``fix`` a reprint works."""
    with pytest.raises(PrinterError) as err:
        print_ticket_and_record(printer, db, issued, get_settings(db), actor=SYSTEM, now=at(9, 0))
    assert err.value.kind == kind and "Reprint" in err.value.message
    assert get_ticket(db, issued.ticket.uuid, now=at(9, 1)).print_state == "failed"
    assert [t.number for t in unprinted_tickets(db, at(9, 1))] == [issued.ticket.number]
    fix()
    result = reprint_ticket(printer, db, issued.ticket.uuid, get_settings(db), actor=SYSTEM, now=at(9, 2))
    assert result.ticket.print_state == "printed" and result.ticket.status == "waiting"
    assert unprinted_tickets(db, at(9, 3)) == []
    return err.value


def test_network_printer_prints_the_ticket_it_was_given(branch_db, at):
    fake = TcpPrinter()
    issued = _issue(branch_db, at)
    result = print_ticket_and_record(network(fake.port), branch_db, issued, get_settings(branch_db),
                                     actor=SYSTEM, now=at(9, 0))
    assert result.ticket.print_state == "printed"
    data = bytes(fake.responder.received)
    assert (8, issued.ticket.number) in sized_ascii(data)
    assert "个人业务" in chinese_segments(data) and qr_payloads(data) == [_link(branch_db, issued)]
    assert issued.ticket.uuid.encode() not in data  # never a raw id
    fake.close()


def test_serial_printer_behind_a_device_server_via_socket_url(branch_db, at):
    fake = TcpPrinter()  # e.g. a serial printer on a Moxa NPort: pyserial socket:// URL
    issued = _issue(branch_db, at)
    printer = serial_printer(f"socket://127.0.0.1:{fake.port}")
    print_ticket_and_record(printer, branch_db, issued, get_settings(branch_db), actor=SYSTEM, now=at(9, 0))
    assert (8, issued.ticket.number) in sized_ascii(bytes(fake.responder.received))
    assert printer.status().kind == "ok"
    printer.close()
    fake.close()


def test_paper_out_over_the_network(branch_db, at):
    fake = TcpPrinter()
    fake.responder.paper_out()
    issued = _issue(branch_db, at)
    err = _fail_then_recover(branch_db, at, network(fake.port), issued, fake.responder.paper_loaded, "paper_out")
    assert "out of paper" in err.message
    assert qr_payloads(bytes(fake.responder.received)) == [_link(branch_db, issued)]  # printed once, after the fix
    fake.close()


def test_paper_out_on_a_serial_printer_over_a_pty(branch_db, at, socat):
    pair = socat()
    fake = PtyPrinter(pair.b)
    fake.responder.paper_out()
    issued = _issue(branch_db, at)
    printer = serial_printer(pair.a)
    _fail_then_recover(branch_db, at, printer, issued, fake.responder.paper_loaded, "paper_out")
    printer.close()
    fake.close()


def test_network_printer_that_never_answers_times_out(branch_db, at):
    fake = TcpPrinter(blackhole=True)
    issued = _issue(branch_db, at)

    def fixed() -> None:
        fake.blackhole = False

    err = _fail_then_recover(branch_db, at, network(fake.port), issued, fixed, "timeout")
    assert "did not answer" in err.message
    fake.close()


def test_write_to_a_printer_that_stopped_reading_times_out(branch_db, at):
    fake = TcpPrinter(blackhole=True)
    printer = network(fake.port, **{"printer.status_check": "off", "printer.chinese_mode": "raster"})
    issued = _issue(branch_db, at)
    err = _fail_then_recover(branch_db, at, printer, issued, lambda: setattr(fake, "blackhole", False), "timeout")
    assert "stopped taking data" in err.message
    fake.close()


def test_network_printer_unplugged_mid_ticket(branch_db, at):
    fake = TcpPrinter()
    fake.drop_after = 40  # the connection dies after the first bytes of the ticket
    issued = _issue(branch_db, at)
    err = _fail_then_recover(branch_db, at, network(fake.port), issued, lambda: None, "unplugged")
    assert "not connected" in err.message
    fake.close()


def test_serial_printer_unplugged_mid_ticket_then_plugged_back(branch_db, at, socat):
    pair = socat()
    fake = PtyPrinter(pair.b)
    printer = serial_printer(pair.a, **{"printer.chinese_mode": "raster"})
    first = _issue(branch_db, at)
    print_ticket_and_record(printer, branch_db, first, get_settings(branch_db), actor=SYSTEM, now=at(9, 0))

    fake.on_data = pair.kill  # the cable is pulled as the next ticket starts to arrive
    second = _issue(branch_db, at)

    def plug_back_in() -> None:
        pair.start()
        plug_back_in.fake = PtyPrinter(pair.b)

    _fail_then_recover(branch_db, at, printer, second, plug_back_in, "unplugged")
    assert qr_payloads(bytes(plug_back_in.fake.responder.received)) == []  # raster mode: QR as image
    assert len(plug_back_in.fake.responder.received) > 10_000
    printer.close()
    fake.close()
    plug_back_in.fake.close()
