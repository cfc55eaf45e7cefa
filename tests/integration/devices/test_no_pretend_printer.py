"""No pretend printer: until a printer is chosen there is none, and the
simulated printer is called simulated wherever it shows (issue 14).

Through the command line a person runs (``python -m app`` on a real SQLite
file) and the devices layer the greeter calls.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.devices.base import PrinterError
from app.devices.printers import SimulatedPrinter, build_printer, prune_pictures
from app.devices.printing import phone_link, print_ticket_and_record, reprint_ticket, unprinted_tickets
from app.queue import get_settings, get_ticket, issue_ticket
from app.settings import change_settings
from app.staff.roles import SYSTEM

REPO = Path(__file__).resolve().parents[3]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BRANCHDESK_DB"}
    return subprocess.run([sys.executable, "-m", "app", "--db", str(db), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=env)


def test_a_new_branch_has_no_printer_and_the_command_line_says_so(tmp_path):
    db = tmp_path / "branch.sqlite3"
    assert cli(db, "init").returncode == 0
    status = cli(db, "printer", "status")
    assert status.returncode == 1
    assert status.stdout.strip().startswith("The ticket printer is not set up: ticket numbers are shown on screen only")
    as_json = json.loads(cli(db, "--json", "printer", "status").stdout)
    assert as_json["kind"] == "not_set_up" and as_json["online"] is None
    test = cli(db, "printer", "test")  # nothing pretends to print
    assert test.returncode == 1 and test.stderr.startswith("branchdesk: The ticket printer is not set up")
    assert len(test.stderr.splitlines()) == 1 and not (tmp_path / "printed").exists()
    doctor = cli(db, "doctor", "--no-sound")
    assert "WARN printer: The ticket printer is not set up" in doctor.stdout


def test_a_ticket_issued_with_no_printer_is_screen_only_and_not_to_reprint(branch_db, at):
    printer = build_printer(get_settings(branch_db))  # what the greeter gets on a real install
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    result = print_ticket_and_record(printer, branch_db, issued, get_settings(branch_db), actor=SYSTEM, now=at(9, 0))
    assert result.state == "screen_only" and "shown on screen only" in result.message
    assert get_ticket(branch_db, "A001", now=at(9, 1)).print_state == "screen_only"
    assert unprinted_tickets(branch_db, at(9, 1)) == []  # not a printer failure: nothing to reprint
    with pytest.raises(PrinterError) as err:  # a reprint asked for has nothing to print on
        reprint_ticket(printer, branch_db, "A001", get_settings(branch_db), actor=SYSTEM, now=at(9, 2))
    assert err.value.kind == "not_set_up"
    assert get_ticket(branch_db, "A001", now=at(9, 3)).print_state == "screen_only"


def test_the_simulated_printer_records_simulated_never_printed(branch_db, at, tmp_path):
    settings = {**get_settings(branch_db), "printer.connection": "simulated",
                "printer.simulated.folder": str(tmp_path / "pictures")}
    printer = build_printer(settings)
    assert isinstance(printer, SimulatedPrinter)
    assert printer.status().kind == "simulated" and "not printed on paper" in printer.status().message
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    result = print_ticket_and_record(printer, branch_db, issued, settings, actor=SYSTEM, now=at(9, 0))
    assert result.state == "simulated"
    assert get_ticket(branch_db, "A001", now=at(9, 1)).print_state == "simulated"
    assert [p.name for p in (tmp_path / "pictures").iterdir()] == ["ticket-20261123-090000-A001.png"]


def test_the_simulated_printer_prints_a_ticket_with_its_phone_page(branch_db, at, tmp_path):
    """The QR code holds the page's address; the picture is named without it
    (an address's slashes make no file name), so a reprint after the address
    changed is still marked as the same ticket's reprint."""
    change_settings(branch_db, {"web.public_url": "https://q.bank.cn/BR001"}, actor=SYSTEM, now=at(8, 30))
    settings = {**get_settings(branch_db), "printer.simulated.folder": str(tmp_path / "pictures")}
    printer = build_printer(settings, simulated=True)
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    assert phone_link(branch_db, settings, issued.ticket.uuid).startswith("https://q.bank.cn/BR001/")
    result = print_ticket_and_record(printer, branch_db, issued, settings, actor=SYSTEM, now=at(9, 0))
    assert result.state == "simulated"
    assert [p.name for p in (tmp_path / "pictures").iterdir()] == ["ticket-20261123-090000-A001.png"]
    assert get_ticket(branch_db, "A001", now=at(9, 1)).print_state == "simulated"
    change_settings(branch_db, {"web.public_url": "https://wait.bank.cn/BR001"}, actor=SYSTEM, now=at(9, 2))
    settings = {**get_settings(branch_db), "printer.simulated.folder": str(tmp_path / "pictures")}
    reprint_ticket(printer, branch_db, "A001", settings, actor=SYSTEM, now=at(9, 3))
    assert sorted(p.name for p in (tmp_path / "pictures").iterdir()) == [
        "ticket-20261123-090000-A001-reprint-2.png", "ticket-20261123-090000-A001.png"]


def test_simulated_pictures_are_kept_seven_days(tmp_path, branch_db, at):
    folder = tmp_path / "pictures"
    folder.mkdir()
    now = time.time()
    ages = {"ticket-old.png": 8, "receipt-old.png": 7.5, "ticket-recent.png": 6, "notes.png": 30}
    for name, days in ages.items():
        (folder / name).write_bytes(b"png")
        os.utime(folder / name, (now - days * 86400, now - days * 86400))
    gone = prune_pictures(folder, 7, now=now)
    assert sorted(p.name for p in gone) == ["receipt-old.png", "ticket-old.png"]
    assert sorted(p.name for p in folder.iterdir()) == ["notes.png", "ticket-recent.png"]  # only its own pictures
    # the printer prunes on its first job
    (folder / "ticket-older.png").write_bytes(b"png")
    os.utime(folder / "ticket-older.png", (now - 9 * 86400, now - 9 * 86400))
    printer = build_printer({"printer.connection": "simulated", "printer.simulated.folder": str(folder)})
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    print_ticket_and_record(printer, branch_db, issued, get_settings(branch_db), actor=SYSTEM, now=at(9, 0))
    assert not (folder / "ticket-older.png").exists() and (folder / "ticket-recent.png").exists()


def test_a_reprint_is_marked_and_keeps_the_first_picture(branch_db, at, tmp_path):
    """补打 / Reprint on the second ticket; both pictures stay in the folder."""
    from app.devices.layout import ticket_steps
    from app.devices.printing import ticket_job

    printer = build_printer({"printer.simulated.folder": str(tmp_path)}, simulated=True)
    issued = issue_ticket(branch_db, service="A", priority="needs", priority_note="elderly", actor=SYSTEM,
                          now=at(9, 0))
    print_ticket_and_record(printer, branch_db, issued, get_settings(branch_db), actor=SYSTEM, now=at(9, 0))
    reprint_ticket(printer, branch_db, "A001", get_settings(branch_db), actor=SYSTEM, now=at(9, 1))
    reprint_ticket(printer, branch_db, "A001", get_settings(branch_db), actor=SYSTEM, now=at(9, 2))
    names = sorted(p.name for p in tmp_path.glob("ticket-*-A001*.png"))
    assert len(names) == 3 and [n.endswith(("-reprint-2.png", "-reprint-3.png")) for n in names].count(True) == 2
    again = ticket_job(get_ticket(branch_db, "A001", now=at(9, 2)), get_settings(branch_db), reprint=True)
    texts = [s.text for s in ticket_steps(again, 576) if hasattr(s, "text")]
    assert "补打 Reprint" in texts and "优先 · 老年人  Priority: elderly" in texts


def test_two_printer_tests_in_one_second_keep_two_pictures(tmp_path):
    """The sample ticket of ``printer test`` has the same number each time:
    a second one within the same second is a picture of its own."""
    import datetime as dt

    from app.devices.base import TicketPrintJob

    printer = build_printer({"printer.simulated.folder": str(tmp_path)}, simulated=True)
    job = TicketPrintJob("T000", "打印测试（无效票）", "Printer test (not a ticket)", 0, 0,
                         dt.datetime(2026, 11, 23, 9, 0), "", "总行", "Head office")
    printer.print_ticket(job)
    printer.print_ticket(job)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ticket-20261123-090000-T000-2.png",
                                                          "ticket-20261123-090000-T000.png"]
