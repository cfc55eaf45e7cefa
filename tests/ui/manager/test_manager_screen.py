"""The manager screen under offscreen Qt: live numbers follow the queue, and the
daily report can be viewed, saved and printed without freezing the window."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import app.queue as q  # noqa: E402
from app.bootstrap import build  # noqa: E402
from app.staff.roles import Actor, SYSTEM  # noqa: E402

MANAGER = Actor("boss", frozenset({"manager"}))


@pytest.fixture
def screen(qtbot, sqlite_url, at, lang):  # lang: the Chinese catalogs, whatever ran before
    from app.ui.bridge import FeedBridge
    from app.ui.context import ScreenContext, fixed_context
    from app.ui.manager.screen import ManagerScreen

    app_ctx = build(sqlite_url)
    q.init_catalogue(app_ctx.db, actor=SYSTEM, now=at(8, 0))
    for w in (1, 2, 3):
        q.open_window(app_ctx.db, window=w, actor=SYSTEM, now=at(8, 30))
    q.pause_window(app_ctx.db, window=3, reason="午休", actor=SYSTEM, now=at(8, 31))
    clock = {"now": at(10, 30)}
    bridge = FeedBridge(app_ctx.db, interval_ms=50)
    ctx = fixed_context(app_ctx, bridge, lambda: clock["now"])
    bridge.start()
    widget = ManagerScreen(ctx, MANAGER)
    widget.clock = clock
    qtbot.addWidget(widget)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitUntil(lambda: widget.figures is not None, timeout=5000)
    yield widget
    bridge.stop()
    widget.close()
    app_ctx.close()


def test_live_numbers_follow_issue_and_call(screen, qtbot, at):
    tiles = screen.tiles.values
    assert tiles["waiting"].text() == "0"
    assert tiles["windows"].text() == "2 / 1"  # windows 1 and 2 open, 3 paused
    db = screen.ctx.db
    for minute in (0, 5, 10):  # A001 10:00, A002 10:05, A003 10:10
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(10, minute))
    q.call_next(db, window=1, actor=SYSTEM, now=at(10, 20))  # A001 waited 20 min
    qtbot.waitUntil(lambda: tiles["waiting"].text() == "2", timeout=5000)
    # Longest current wait: A002, issued 10:05, at the screen's 10:30 -> 25 min.
    assert "25" in tiles["longest"].text() and screen.tiles.notes["longest"].text() == "A"
    assert "20" in tiles["avg_wait"].text()  # the one wait so far
    assert tiles["within"].text() == "0%"  # 20 min > A's target of 15
    row = next(r for r in range(screen.services.rowCount()) if screen.services.cell_text(r, 0).startswith("A"))
    assert screen.services.cell_text(row, 1) == "2"
    assert screen.services.cell_text(row, 2) == "25"
    assert [h.arrivals for h in screen.chart.hours] == [3]


def test_view_save_and_print_the_daily_report(screen, qtbot, at, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog, QFileDialog

    import app.ui.manager.report_view as view

    db = screen.ctx.db
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 12))
    q.finish(db, window=1, actor=SYSTEM, now=at(9, 20))

    screen.view_button.click()
    qtbot.waitUntil(lambda: getattr(screen, "dialog", None) is not None and screen.dialog.isVisible(),
                    timeout=5000)
    text = screen.dialog.view.toPlainText()
    assert "每日等候时间报告" in text and "A001" in text and "12.0" in text  # the wait of A001

    target = tmp_path / "daily.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    screen.save_button.click()
    qtbot.waitUntil(lambda: target.exists(), timeout=5000)
    assert "wait_avg_min,12.0" in target.read_text(encoding="utf-8-sig")
    qtbot.waitUntil(lambda: "daily.csv" in screen.bar.text(), timeout=5000)

    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:  # the system dialog, answered "Print" to a PDF file
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, _title):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(view, "QPrintDialog", FakePrintDialog)
    screen.print_button.click()
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 1000, timeout=5000)
    assert printed.read_bytes().startswith(b"%PDF")


def test_a_future_day_cannot_be_chosen_and_errors_are_one_sentence(screen, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QFileDialog

    screen.day_edit.setDate(QDate(2030, 1, 1))
    assert screen.day_edit.date().toString("yyyy-MM-dd") == "2026-11-23"  # capped at today
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked / "r.pdf"), "PDF (*.pdf)"))
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.bar.level == "error", timeout=5000)
    assert screen.bar.text() == "报表无法保存到该位置，请另选文件夹或文件名。"  # the person's language, no traceback
    assert screen.view_button.isEnabled()


def test_closing_time_writes_the_days_report_once(screen, qtbot, at, tmp_path):
    folder = tmp_path / "reports"
    q.set_setting(screen.ctx.db, "reports.folder", str(folder), actor=SYSTEM, now=at(10, 0))
    q.issue_ticket(screen.ctx.db, service="A", actor=SYSTEM, now=at(10, 0))
    screen.scheduler.tick()  # 10:30: not yet
    qtbot.wait(200)
    assert not folder.exists()
    screen.clock["now"] = at(17, 1)  # closing time, but the tellers get an hour to finish
    screen.scheduler.tick()
    qtbot.wait(300)
    assert not folder.exists()
    screen.clock["now"] = at(18, 1)  # the day closes itself, then its final report is written
    screen.scheduler.tick()
    pdf = folder / "branchdesk-daily-2026-11-23.pdf"
    qtbot.waitUntil(lambda: pdf.exists() and str(folder) in screen.bar.text(), timeout=10000)
    assert q.get_ticket(screen.ctx.db, "A001", now=at(18, 2)).status == "expired"
    assert {w.state for w in q.queue_status(screen.ctx.db, now=at(18, 2)).windows} == {"closed"}
    qtbot.waitUntil(lambda: screen.tiles.values["windows"].text() == "0 / 0", timeout=5000)
    first = pdf.stat().st_mtime_ns
    screen.scheduler.tick()  # once a day only
    qtbot.wait(300)
    assert pdf.stat().st_mtime_ns == first




def test_qt_own_dialog_words_speak_chinese_and_saving_starts_in_a_real_folder(screen, qtbot, at, monkeypatch,
                                                                               tmp_path):
    """The defects: the report viewer said "✗ Close"; save dialogs opened in the
    process's working folder."""
    from pathlib import Path

    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    from app.reports import build_daily
    from app.ui.manager.report_view import ReportDialog

    dialog = ReportDialog(build_daily(screen.ctx.db, at(10, 0).date(), now=at(10, 30)), screen)
    qtbot.addWidget(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "关闭" and close.icon().isNull()
    monkeypatch.chdir(tmp_path)
    asked = {}

    def fake(parent, title, start, filters):  # type: ignore[no-untyped-def]
        asked["start"] = start
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    screen.on_save()
    assert Path(asked["start"]).parent != Path.cwd() and Path(asked["start"]).parent.is_dir()
    assert Path(asked["start"]).name.startswith("branchdesk-daily-")


def test_a_message_shows_in_the_header_moves_nothing_and_leaves_no_blank_band(screen, qtbot, at, tmp_path,
                                                                              monkeypatch):
    """At 1024x704 (a 768-line monitor less title and task bars): the content
    starts right under the header, a long two-line message appears over the
    title, whole, and no control below moves when it comes or goes."""
    from PySide6.QtWidgets import QFileDialog, QPushButton, QScrollArea

    from app.ui.layout_check import problems
    from app.ui.widgets import Header

    screen.resize(1024, 704)
    qtbot.wait(50)
    header = screen.findChild(Header)
    buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible() and b is not screen.bar.action]

    scrolled = screen.findChild(QScrollArea).widget()

    def where() -> list:  # in the scrolled page for what scrolls (a click may scroll it: that is no jump)
        return [b.mapTo(scrolled if scrolled.isAncestorOf(b) else screen, b.rect().topLeft()) for b in buttons]

    panel = screen.alerts.panel  # the first card of the screen
    assert panel.mapTo(screen, panel.rect().topLeft()).y() - header.height() <= 20
    before = where()
    target = tmp_path / ("a-folder-with-a-long-name-" * 3) / "daily-wait-time-report-2026-11-23.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    screen.save_button.click()
    qtbot.waitUntil(lambda: target.exists() and target.name in screen.bar.text(), timeout=5000)
    qtbot.wait(50)
    assert screen.bar.isVisible() and header.rect().contains(screen.bar.geometry())
    assert [p for p in problems(screen, (1024, 768), (1024, 704)) if "messageText" in p] == []  # not cut
    assert where() == before
    screen.bar.clear_message()
    qtbot.wait(50)
    assert where() == before
