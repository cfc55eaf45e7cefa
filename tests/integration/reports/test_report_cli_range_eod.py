"""`branchdesk report ...`, the range report and the automatic end-of-day report
on the scripted day (scripted_day.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import app.queue as q
from app.cli import main
from app.reports import build_range
from app.reports.endofday import already_written, end_of_day_tick
from app.staff.roles import SYSTEM
from app.store.feed import events_since
from tests.integration.reports.scripted_day import DAY, REPORT_AT, scripted_database


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'branch.sqlite3'}"
    scripted_database(url).dispose()
    return url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_daily_json_file_from_the_command_line(db_url, tmp_path, capsys):
    out_file = tmp_path / "d.json"
    code, out, err = run(capsys, "report", "daily", "--db", db_url, "--date", "2026-11-23",
                         "--at", "2026-11-24T08:00", "--format", "json", "-o", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert (data["summary"]["issued"], data["summary"]["wait"]["average_min"]) == (6, 9.8)
    assert "6 issued, 3 served, average wait 9.8 min" in out


def test_pdf_and_csv_formats_follow_the_file_name(db_url, tmp_path, capsys):
    for name in ("d.pdf", "d.csv"):
        code, _, err = run(capsys, "report", "daily", "--db", db_url, "--date", "2026-11-23",
                           "--at", "2026-11-24T08:00", "-o", str(tmp_path / name))
        assert code == 0, err
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    assert "wait_avg_min,9.8" in (tmp_path / "d.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("argv, code, words", [
    (["report", "daily", "--date", "2026-11-25", "--format", "json"], 2, "in the future"),
    (["report", "range", "--from", "2026-11-23", "--to", "2026-11-01", "--format", "json"], 2, "before it starts"),
    (["report", "daily", "--date", "2026-11-23", "--format", "pdf"], 2, "needs a file name"),
])
def test_refusals_are_one_sentence(db_url, capsys, argv, code, words):
    got, out, err = run(capsys, *argv, "--db", db_url, "--at", "2026-11-24T08:00")
    assert got == code
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unwritable_output_path_exits_1(db_url, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, _, err = run(capsys, "report", "daily", "--db", db_url, "--date", "2026-11-23",
                       "--at", "2026-11-24T08:00", "-o", str(blocker / "d.pdf"))
    assert code == 1
    assert "was not written" in err and len(err.strip().splitlines()) == 1


def test_range_has_every_day_and_the_same_summary(db_url, capsys):
    code, out, err = run(capsys, "report", "range", "--db", db_url, "--from", "2026-11-22", "--to", "2026-11-23",
                         "--at", "2026-11-24T08:00", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [d["business_date"] for d in data["days"]] == ["2026-11-22", "2026-11-23"]
    assert [d["issued"] for d in data["days"]] == [0, 6]
    assert data["days"][1]["wait_median_min"] == 5.0
    assert (data["summary"]["wait"]["p90_min"], data["summary"]["within_target_pct"]) == (20.0, 66.7)
    assert data["summary"]["transfer_wait"]["average_min"] == 10.0


def test_range_pdf_renders(db_url, tmp_path):
    from app.reports import write_report
    from app.store import open_database

    db = open_database(db_url)
    try:
        report = build_range(db, DAY - dt.timedelta(days=6), DAY, now=REPORT_AT)
        path = write_report(report, "pdf", tmp_path / "week.pdf")
    finally:
        db.dispose()
    assert len(report.days) == 7 and report.summary.issued == 6
    assert path.read_bytes().startswith(b"%PDF")


def test_end_of_day_writes_once_at_closing_time(db_url, tmp_path, capsys):
    from app.store import open_database

    db = open_database(db_url)
    try:
        folder = tmp_path / "reports"
        q.set_setting(db, "reports.folder", str(folder), actor=SYSTEM, now=REPORT_AT)
        q.set_setting(db, "branch.closing_time", "17:30", actor=SYSTEM, now=REPORT_AT)
        q.set_setting(db, "day.auto_close_delay_min", 0, actor=SYSTEM, now=REPORT_AT)  # closes itself at 17:30
        assert end_of_day_tick(db, now=dt.datetime(2026, 11, 23, 17, 29)) is None
        assert not folder.exists()
        done = end_of_day_tick(db, now=dt.datetime(2026, 11, 23, 17, 30))
        assert done is not None and done.written
        assert sorted(p.name for p in folder.iterdir()) == ["branchdesk-daily-2026-11-23.csv",
                                                            "branchdesk-daily-2026-11-23.pdf"]
        assert "wait_avg_min,9.8" in (folder / "branchdesk-daily-2026-11-23.csv").read_text(encoding="utf-8-sig")
        assert end_of_day_tick(db, now=dt.datetime(2026, 11, 23, 17, 31)) is None
        assert already_written(db, DAY)
        written = [e for e in events_since(db, 0) if e.type == "DailyReportWritten"]
        assert len(written) == 1 and written[0].payload["business_date"] == "2026-11-23"
    finally:
        db.dispose()
    code, _, err = run(capsys, "report", "end-of-day", "--db", db_url, "--at", "2026-11-23T18:00")
    assert code == 3 and "written already" in err
