"""Printer settings checked at start, and DLE EOT answers in one sentence."""

from __future__ import annotations

import pytest

from app.devices.config import PrinterConfigError, printer_config
from app.devices.printers import UnconfiguredPrinter, build_printer
from app.devices.status import as_error, interpret


def test_no_printer_until_one_is_chosen_on_80mm():
    # never a pretend printer by default: the simulated one is chosen on purpose
    cfg = printer_config({})
    assert (cfg.connection, cfg.paper_mm, cfg.chinese_mode, cfg.qr_native) == ("none", 80, "printer_font", True)
    assert cfg.describe() == "no ticket printer (numbers on screen only)"


def test_usb_ids_are_read_as_hex():
    cfg = printer_config({"printer.connection": "usb", "printer.usb.vendor_id": "0x0416",
                          "printer.usb.product_id": "5011", "printer.usb.out_ep": "0x03"})
    assert cfg.usb == {"vendor_id": 0x0416, "product_id": 0x5011, "in_ep": 0x82, "out_ep": 0x03}
    assert cfg.describe() == "USB printer 0416:5011"


@pytest.mark.parametrize("settings,key", [
    ({"printer.connection": "bluetooth"}, "printer.connection"),
    ({"printer.connection": "usb", "printer.usb.vendor_id": "0xZZ", "printer.usb.product_id": "1"},
     "printer.usb.vendor_id"),
    ({"printer.connection": "usb", "printer.usb.vendor_id": "0x0416"}, "printer.usb.product_id"),
    ({"printer.connection": "serial"}, "printer.serial.port"),
    ({"printer.connection": "serial", "printer.serial.port": "COM3", "printer.serial.baudrate": "fast"},
     "printer.serial.baudrate"),
    ({"printer.connection": "network"}, "printer.network.host"),
    ({"printer.connection": "network", "printer.network.host": "10.0.0.5", "printer.network.port": "99999"},
     "printer.network.port"),
    ({"printer.paper_mm": 76}, "printer.paper_mm"),
    ({"printer.chinese_mode": "unicode"}, "printer.chinese_mode"),
])
def test_malformed_settings_give_one_sentence_naming_the_key(settings, key):
    with pytest.raises(PrinterConfigError) as err:
        printer_config(settings)
    assert key in err.value.message and err.value.message.endswith(".") and "\n" not in err.value.message
    printer = build_printer(settings)  # the app still starts, and says why on every use
    assert isinstance(printer, UnconfiguredPrinter) and printer.status().message == err.value.message


OK = 0x12


def test_silence_is_unknown_never_paper_fine():
    status = interpret(None, None, None, "network printer 10.0.0.5:9100")
    assert status.paper == "unknown" and status.online is None and not status.ready
    assert as_error(status).kind == "timeout"


@pytest.mark.parametrize("printer,cause,paper,kind,words", [
    (OK, None, OK, "ok", "ready"),
    (OK, None, OK | 0x0C, "low_paper", "running low"),
    (OK | 0x08, OK | 0x20, OK | 0x60, "paper_out", "out of paper"),
    (OK | 0x08, OK | 0x04, OK, "cover_open", "cover is open"),
    (OK | 0x08, OK | 0x40, OK, "offline", "offline"),
])
def test_status_bytes_in_one_sentence(printer, cause, paper, kind, words):
    status = interpret(printer, cause, paper, "printer")
    assert status.kind == kind and words in status.message
    if kind in ("ok", "low_paper"):
        assert as_error(status) is None
    else:
        assert as_error(status).kind == kind and "Reprint" in status.message


def test_garbage_answer_is_not_trusted():
    assert interpret(0xFF, None, None, "printer").kind == "timeout"
