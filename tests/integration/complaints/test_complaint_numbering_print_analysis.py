"""Reference numbers under concurrency (SQLite file and PostgreSQL), the
receipt through the simulated printer, the analysis from stored cases, the
migration of an existing 0001 database, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import func, select, text

import app.complaints as cp
from app.cli import main
from app.complaints import receipt
from app.complaints.analysis import complaint_analysis
from app.devices.base import PrinterError
from app.devices.printers import build_printer
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.migrate import known_heads, upgrade_to_head
from app.store.models_complaints import Complaint
from tests.integration.complaints.complaint_support import make_branch

T = dt.datetime


def _intake(db, now, **kw):
    args = dict(kind="complaint", channel="phone", content="ATM 吞卡", customer_phone="13800001111")
    args.update(kw)
    return cp.intake_complaint(db, actor=SYSTEM, now=now, **args)


def _concurrent_intakes(url: str, threads: int = 4, each: int = 6) -> list[str]:
    refs: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        db = open_database(url)
        try:
            for _ in range(each):
                r = _intake(db, T(2026, 11, 23, 10)).reference
                with lock:
                    refs.append(r)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.dispose()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    return refs


def test_reference_numbers_unique_under_concurrency_on_sqlite(sqlite_url, at):
    make_branch(sqlite_url, at(8)).dispose()
    refs = _concurrent_intakes(sqlite_url)
    assert sorted(refs) == [f"TS-20261123-{n:04d}" for n in range(1, 25)]


@pytest.mark.postgres
def test_reference_numbers_unique_under_concurrency_on_postgresql(pg_url, at):
    make_branch(pg_url, at(8)).dispose()
    refs = _concurrent_intakes(pg_url)
    assert sorted(refs) == [f"TS-20261123-{n:04d}" for n in range(1, 25)]
    db = open_database(pg_url)
    c = _intake(db, at(11))
    assert cp.resolve_case  # the same workflow runs on PostgreSQL
    cp.acknowledge(db, c.reference, actor=SYSTEM, now=at(12))
    assert cp.overdue_count(db, T(2026, 11, 27, 9)) == 25
    db.dispose()


def test_receipt_printed_on_the_simulated_printer(branch, at, tmp_path):
    printer = build_printer({"printer.connection": "simulated", "printer.simulated.folder": str(tmp_path)},
                            simulated=True)
    c = _intake(branch, at(10))
    assert receipt.print_receipt(branch, printer, c.reference, actor=SYSTEM, now=at(10)) == "printed"
    png = tmp_path / f"receipt-{c.reference}.png"
    assert png.exists() and png.stat().st_size > 1000
    job = receipt.receipt_job(branch, c.reference, actor=SYSTEM)
    assert job.answer_due == dt.date(2026, 11, 26) and job.kind_zh == "投诉"
    assert cp.get_complaint(branch, c.reference, actor=SYSTEM, now=at(10)).print_state == "printed"


def test_a_print_failure_keeps_the_case(branch, at):
    class Jammed:
        def print_receipt(self, job):
            raise PrinterError("The printer is out of paper.", kind="paper_out")

    c = _intake(branch, at(10))
    assert receipt.print_receipt(branch, Jammed(), c.reference, actor=SYSTEM, now=at(10)) == "failed"
    d = cp.complaint_detail(branch, c.reference, actor=SYSTEM, now=at(10, 1))
    assert d.summary.print_state == "failed" and d.content == "ATM 吞卡"
    assert d.log[-1].note == "The printer is out of paper."


def test_analysis_from_stored_cases(branch, at):
    o = SYSTEM
    day = lambda d, h=10: T(2026, 11, d, h)  # noqa: E731
    ok = _intake(branch, day(2), categories=["fees"])              # due Thu Nov 5 17:00
    late = _intake(branch, day(2), channel="counter", categories=["fees", "product"])
    sug = _intake(branch, day(3), kind="suggestion", channel="web", categories=["product"])
    _intake(branch, day(4), kind="praise", channel="letter")
    _intake(branch, day(5))                                         # left open: overdue by Nov 20
    for ref, resolved_day, sat, adopted in ((ok.reference, 4, 5, None), (late.reference, 6, 3, None),
                                            (sug.reference, 6, 4, True)):
        cp.acknowledge(branch, ref, actor=o, now=day(resolved_day, 9))
        cp.start_handling(branch, ref, actor=o, now=day(resolved_day, 9))
        cp.resolve_case(branch, ref, resolution="答复", actor=o, now=day(resolved_day, 11))
        cp.notify_customer(branch, ref, method="sms", actor=o, now=day(resolved_day, 12))
        cp.close_case(branch, ref, satisfaction=sat, adopted=adopted, actor=o, now=day(resolved_day, 13))
    a = complaint_analysis(branch, month="2026-11", actor=o, now=day(20))
    assert a.received == 5
    assert a.by_kind == {"complaint": 3, "suggestion": 1, "praise": 1}
    assert a.by_channel == {"counter": 1, "phone": 2, "letter": 1, "web": 1, "other": 0}
    assert a.by_category == {"fees": 2, "product": 2}
    assert (a.handling.numerator, a.handling.denominator) == (3, 5)
    # Answered: ok (on time), late (Nov 6 > Nov 5 17:00), suggestion (due Nov 10: on time);
    # open and overdue: the praise (due Nov 11) and the Nov 5 complaint (due Nov 10).
    assert (a.timeliness.numerator, a.timeliness.denominator) == (2, 5)
    assert (a.satisfaction.numerator, a.satisfaction.denominator) == (2, 3)
    assert (a.adoption.numerator, a.adoption.denominator) == (1, 1)
    assert cp.overdue_count(branch, day(20)) == 2
    from app.complaints.daily import day_summary
    s = day_summary(branch, dt.date(2026, 11, 2))
    assert (s.received, s.by_kind["complaint"], s.closed) == (2, 2, 0)


def test_migration_upgrades_an_existing_0001_database(tmp_path, at):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url)
    upgrade_to_head(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('branch.code', '\"SH042\"')"))
    db.dispose()
    db = open_database(url)
    c = _intake(db, at(10))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Complaint)) == 1
        # 0002 (complaint tables), 0009 (pending deadlines nullable), merged into one line by 0010,
        # then 0011 (personal data encrypted) and later ones
        assert {r[0] for r in s.execute(text("SELECT version_num FROM alembic_version"))} == known_heads()
        assert len(known_heads()) == 1  # one line of migrations
        assert s.scalar(select(Complaint.branch_code)) == "SH042"
    assert len(cp.list_categories(db)) == 7 and c.reference == "TS-20261123-0001"
    db.dispose()


def test_command_line_contract(sqlite_url, at, capsys):
    make_branch(sqlite_url, at(8)).dispose()
    base = ["--db", sqlite_url, "--at", "2026-11-23T10:00:00"]
    assert main(base + ["complaints", "intake", "--kind", "complaint", "--content", "柜员态度差",
                        "--phone", "13800001111", "--categories", "staff_attitude", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reference"] == "TS-20261123-0001" and out["resolve_due"] == "2026-11-26T17:00:00"
    assert main(base + ["complaints", "resolve", "--ref", out["reference"], "--resolution", "x"]) == 1
    assert "cannot be resolved" in capsys.readouterr().err
    assert main(base + ["--user", "teller1", "complaints", "show", "--ref", out["reference"]]) == 1
    assert main(base + ["complaints", "ack", "--ref", out["reference"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "acknowledged"
    assert main(base + ["complaints", "analysis", "--month", "2026-11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_kind"]["complaint"] == 1
    assert main(base + ["complaints", "close", "--ref", out["reference"]]) == 2


def test_analysis_section_in_a_pdf(branch, at, tmp_path):
    import subprocess

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate

    from app.complaints.daily import day_summary
    from app.complaints.pdf import complaint_section, day_section

    font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    styles = getSampleStyleSheet()
    pdfmetrics.registerFont(TTFont("WQYComplaints", font, subfontIndex=0))
    for name in ("BodyText", "Heading2"):
        styles[name].fontName = "WQYComplaints"
    c = _intake(branch, at(10), kind="suggestion", categories=["product"])
    cp.acknowledge(branch, c.reference, actor=SYSTEM, now=at(11))
    a = complaint_analysis(branch, quarter="2026Q4", actor=SYSTEM, now=at(12))
    out = tmp_path / "section.pdf"
    SimpleDocTemplate(str(out)).build(complaint_section(a, styles) + day_section(day_summary(branch, at(0).date()), styles))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026Q4" in text and "产品 Product" in text
    assert "0/1" in text  # handling: nothing closed of one received
    assert "600" in text  # the quarter's feedback target (3 x 200)
