"""The daily report of the scripted day (scripted_day.py): figures worked out by
hand from the script, checked in the JSON, the CSV and the PDF's text."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from app.reports import build_daily, render, write_report
from tests.integration.reports.scripted_day import DAY, REPORT_AT, scripted_database

# Waits of the called, averaged: A001 12, B001 5, A002 20, A003 2 (no-show). Sorted: [2, 5, 12, 20].
# Never called: A004, cancelled at 10:20 after 10 min (within A's 15), and B002, still waiting when
# the day was closed at its own closing moment (17:00 + 60 min = 18:00): at least 450 min (over B's 20).
# Everyone who waited: 6, of whom A001, B001, A003 and A004 stayed within target: 4/6.
EXPECTED_SUMMARY = {
    "issued": 6,
    "served": 3,  # A001, B001, A002
    "no_shows": 1,  # A003
    "transferred": 1,  # A002
    "cancelled": 1,  # A004
    "expired": 1,  # B002 (waited past midnight)
    "in_progress": 0,
    "waited": 6,
    "wait_count": 4,
    "wait_avg_min": 9.8,  # (12 + 5 + 20 + 2) / 4 = 9.75 -> 9.8
    "wait_median_min": 5.0,  # nearest rank ceil(0.5 * 4) = 2nd of [2, 5, 12, 20]
    "wait_p90_min": 20.0,  # nearest rank ceil(0.9 * 4) = 4th
    "wait_max_min": 20.0,
    "within_target": 4,  # A001 12<=15, B001 5<=20, A003 2<=15, A004 left after 10; A002 20 > 15, B002 450 > 20
    "within_target_pct": 66.7,
    "never_called": 2,  # A004, B002
    "never_called_wait_total_min": 460.0,  # at least 10 + 450
    "never_called_wait_max_min": 450.0,
    # A001 6 (start->finish), B001 15 (call->finish), A002 4 at window 1 + 9 at window 4 -> 34 / 3
    "service_avg_min": 11.3,
    "transfer_wait_count": 1,  # A002: transferred 09:30, called again 09:40
    "transfer_wait_avg_min": 10.0,
    "transfer_wait_max_min": 10.0,
    "total_wait_avg_min": 12.3,  # (12 + 5 + (20 + 10) + 2) / 4 = 12.25 -> 12.3
    "rating_avg": 4.0,  # (5 + 3) / 2
    "rating_count": 2,
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = scripted_database(f"sqlite:///{tmp_path_factory.mktemp('day') / 'branch.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def report(db):
    return build_daily(db, DAY, now=REPORT_AT)


def _flat_summary(data: dict) -> dict:
    sm = data["summary"]
    w, tw = sm["wait"], sm["transfer_wait"]
    return {
        **{k: sm[k] for k in ("issued", "served", "no_shows", "transferred", "cancelled", "expired",
                              "in_progress", "waited", "within_target", "within_target_pct", "never_called",
                              "service_avg_min", "total_wait_avg_min", "rating_avg", "rating_count")},
        "never_called_wait_total_min": sm["never_called_total_min"],
        "never_called_wait_max_min": sm["never_called_wait"]["max_min"],
        "wait_count": w["count"], "wait_avg_min": w["average_min"], "wait_median_min": w["median_min"],
        "wait_p90_min": w["p90_min"], "wait_max_min": w["max_min"],
        "transfer_wait_count": tw["count"], "transfer_wait_avg_min": tw["average_min"],
        "transfer_wait_max_min": tw["max_min"],
    }


def _csv_sections(text: str) -> dict[str, list[list[str]]]:
    sections: dict[str, list[list[str]]] = {}
    current = None
    for row in csv.reader(io.StringIO(text)):
        if row and row[0].startswith("# "):
            current = row[0][2:]
            sections[current] = []
        elif row and current:
            sections[current].append(row)
    return sections


def test_json_summary_matches_the_hand_count(report):
    data = json.loads(render(report, "json"))
    assert data["business_date"] == "2026-11-23"
    assert data["percentile_method"] == "nearest-rank"
    assert _flat_summary(data) == EXPECTED_SUMMARY


def test_json_tables_per_service_window_hour(report):
    data = json.loads(render(report, "json"))
    a = next(s for s in data["services"] if s["code"] == "A")
    # A: A001, A002 (counted under the service it was issued for), A003, A004.
    assert (a["issued"], a["served"], a["no_shows"], a["cancelled"], a["expired"]) == (4, 2, 1, 1, 0)
    assert a["wait"]["average_min"] == 11.3  # the called: (12 + 20 + 2) / 3 = 11.33
    assert a["within_target_pct"] == 75.0  # A001, A003 and A004 (left after 10) of the 4 who waited
    assert a["service_avg_min"] == 9.5  # A001 6, A002 4 + 9 -> 19 / 2
    b = next(s for s in data["services"] if s["code"] == "B")
    assert (b["issued"], b["served"], b["expired"], b["wait"]["average_min"]) == (2, 1, 1, 5.0)
    assert b["within_target_pct"] == 50.0  # B001 in 5; B002 never called, at least 450
    windows = {w["window"]: w for w in data["windows"]}
    assert set(windows) == {1, 2, 4}
    # Each customer counts at the window that called them first: 2 + 1 + 1 = the 4 called.
    assert sum(w["called"] for w in windows.values()) == 4
    assert (windows[1]["called"], windows[1]["served"], windows[1]["rating_avg"]) == (2, 1, 5.0)
    assert (windows[1]["wait_avg_min"], windows[1]["service_avg_min"]) == (16.0, 5.0)  # A002's 4 min here count
    assert (windows[2]["called"], windows[2]["no_shows"], windows[2]["service_avg_min"]) == (1, 1, None)
    # Window 4 called B001 first (wait 5), and served it (15) and A002 after its transfer (9).
    assert (windows[4]["called"], windows[4]["transferred_in"], windows[4]["served"]) == (1, 1, 2)
    assert (windows[4]["wait_avg_min"], windows[4]["service_avg_min"], windows[4]["rating_avg"]) == (5.0, 12.0, 3.0)
    hours = {h["hour"]: h for h in data["hours"]}
    assert (hours[9]["arrivals"], hours[9]["served"], hours[9]["wait_avg_min"]) == (3, 3, 12.3)
    assert (hours[10]["arrivals"], hours[10]["served"], hours[10]["wait_avg_min"]) == (3, 0, 2.0)
    hist = {b["wait_min"]: b["tickets"] for b in data["histogram"]}
    assert (hist["0-5"], hist["5-10"], hist["10-15"], hist["15-20"], hist["60+"]) == (2, 0, 1, 1, 0)
    longest = [(x["number"], x["wait_min"], x["first_called_at"] is None) for x in data["longest"]]
    assert longest == [("B002", 450.0, True), ("A002", 20.0, False), ("A001", 12.0, False),
                       ("A004", 10.0, True), ("B001", 5.0, False), ("A003", 2.0, False)]


def test_no_names_or_phones_in_any_format(report, tmp_path):
    pdf = write_report(report, "pdf", tmp_path / "daily.pdf")
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for text in (render(report, "json").decode(), render(report, "csv").decode("utf-8-sig"), pdf_text):
        assert "A003" in text  # the ticket is there...
        assert "张" not in text and "5678" not in text  # ...but not who it was


def test_csv_has_the_same_numbers(report):
    text = render(report, "csv").decode("utf-8-sig")
    sections = _csv_sections(text)
    summary = {row[0]: row[1] for row in sections["summary"][1:]}
    expected = {k: ("" if v is None else str(v)) for k, v in EXPECTED_SUMMARY.items()}
    assert summary == expected
    header, *rows = sections["longest"]
    assert header == ["number", "service", "issued_at", "first_called_at", "wait_min", "status"]
    assert rows[0] == ["B002", "B", "10:30:00", "未叫号 never", "≥450.0", "日终未办 expired at closing"]
    assert rows[1] == ["A002", "A", "09:05:00", "09:25:00", "20.0", "已办结 served"]
    assert "nearest-rank" in text


def test_pdf_text_shows_the_figures(report, tmp_path):
    path = write_report(report, "pdf", tmp_path / "daily.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "每日等候时间报告" in text and "示范银行 城中支行" in text
    assert "2026-11-23" in text
    for label, value in [("Issued", "6"), ("Wait average (min)", "9.8"), ("Wait median (min)", "5.0"),
                         ("Wait 90th percentile (min)", "20.0"), ("Within target (%)", "66.7"),
                         ("Service time average (min)", "11.3"), ("Transfer wait average (min)", "10.0"),
                         ("Customer total wait average (min)", "12.3"), ("Satisfaction average (1-5)", "4.0")]:
        line = next(ln for ln in text.splitlines() if label in ln)
        after = line.split(label, 1)[1].split()
        assert after and after[0] == value, (label, line)
    assert "A002" in text and "nearest-rank" in text
    assert "未叫号：2 人，合计至少等候 460 分钟（最长至少 450 分钟）" in text.replace("\n", "")
    assert "no_show" not in text and "first_called_at" not in text  # labels, never raw codes
    assert "WenQuanYi" in text  # the font used is stated in the footer


def test_pdf_pages_render_with_charts(report, tmp_path):
    path = write_report(report, "pdf", tmp_path / "daily.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    # Charts are vector drawings: the chart page has far more ink than a blank page would.
    assert all(p.stat().st_size > 5_000 for p in pages)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in info  # metadata names the font


def test_a_day_without_tickets_says_so(db, tmp_path):
    empty = build_daily(db, DAY.replace(day=22), now=REPORT_AT)
    assert not empty.has_data and empty.summary.issued == 0
    assert json.loads(render(empty, "json"))["has_data"] is False
    assert "No tickets were issued" in render(empty, "csv").decode("utf-8-sig")
    path = write_report(empty, "pdf", tmp_path / "empty.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "当日没有取号记录" in text


def test_complaints_section_appears_when_the_day_has_cases(tmp_path):
    complaints = pytest.importorskip("app.complaints")
    from app.staff.roles import SYSTEM
    from tests.integration.reports.scripted_day import at

    db = scripted_database(f"sqlite:///{tmp_path / 'branch.sqlite3'}")
    try:
        assert build_daily(db, DAY, now=REPORT_AT).complaints is None  # no cases: no section
        complaints.intake_complaint(db, kind="complaint", channel="counter", content="排队太久，窗口太少。",
                                    customer_name="李四", customer_phone="13900001111", actor=SYSTEM,
                                    now=at(11, 0))
        report = build_daily(db, DAY, now=REPORT_AT)
        assert json.loads(render(report, "json"))["complaints"]["received"] == 1
        path = write_report(report, "pdf", tmp_path / "daily.pdf")
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "投诉与建议 Complaints" in text
        assert "李四" not in text and "排队太久" not in text  # counts only, never the case itself
    finally:
        db.dispose()
