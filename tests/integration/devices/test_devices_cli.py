"""``branchdesk printer ...`` through the command's main(), on a real SQLite file."""

from __future__ import annotations

import json

from fake_printer import TcpPrinter

from app.cli import main


def run(capsys, db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_printer_test_on_the_simulated_printer_writes_a_png(capsys, sqlite_url, tmp_path):
    folder = tmp_path / "printed"
    assert run(capsys, sqlite_url, "init")[0] == 0
    assert run(capsys, sqlite_url, "printer", "configure", "--set", "connection=simulated",
               "--set", f"simulated.folder={folder}")[0] == 0
    code, out, _ = run(capsys, sqlite_url, "--json", "printer", "test")
    assert code == 0 and json.loads(out)["printed"] is True
    assert len(list(folder.glob("ticket-*-T000*.png"))) == 1
    code, out, _ = run(capsys, sqlite_url, "printer", "status")  # named as what it is, never "ready"
    assert code == 0 and out.startswith("Simulated printer: tickets are saved as pictures") and "not printed on paper" in out


def test_malformed_settings_are_one_sentence(capsys, sqlite_url):
    run(capsys, sqlite_url, "init")
    code, _, err = run(capsys, sqlite_url, "printer", "configure", "--set", "connection=usb",
                       "--set", "usb.vendor_id=0xZZ", "--set", "usb.product_id=0x1")
    assert code == 1 and err == ("branchdesk: Setting printer.usb.vendor_id is '0xZZ', "
                                 "which is not a hex number such as 0x0416.")


def test_paper_out_then_reprint_from_the_command_line(capsys, sqlite_url):
    fake = TcpPrinter()
    fake.responder.paper_out()
    run(capsys, sqlite_url, "init")
    run(capsys, sqlite_url, "printer", "configure", "--set", "connection=network", "--set", "network.host=127.0.0.1",
        "--set", f"network.port={fake.port}", "--set", "status_timeout_s=0.3")
    code, _, err = run(capsys, sqlite_url, "printer", "test")
    assert code == 1 and "out of paper" in err and len(err.splitlines()) == 1
    run(capsys, sqlite_url, "ticket", "issue", "--service", "A", "--after-hours")
    code, out, _ = run(capsys, sqlite_url, "printer", "unprinted")
    assert code == 0 and "A001 (not printed)" in out
    assert run(capsys, sqlite_url, "printer", "reprint", "--ticket", "A001")[0] == 1
    assert "A001 (failed)" in run(capsys, sqlite_url, "printer", "unprinted")[1]
    fake.responder.paper_loaded()
    code, out, _ = run(capsys, sqlite_url, "printer", "reprint", "--ticket", "A001")
    assert (code, out) == (0, "Ticket A001 printed.")
    assert run(capsys, sqlite_url, "printer", "unprinted")[0] == 3
    fake.close()
