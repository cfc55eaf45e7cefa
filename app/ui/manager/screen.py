"""The branch manager's screen: live figures from the change feed, today by
hour, and the daily and period reports (view, save, print).

Every figure is computed by app.reports in a worker thread; this screen only
paints results, so a year-long report never freezes the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.reports import DailyReport, build_daily, build_range, write_report
from app.reports.endofday import EndOfDayResult, close_and_report
from app.reports.live import LiveFigures, live_figures
from app.reports.staff import build_staff
from app.reports.staffing import StaffingAdvice, staffing_advice
from app.staff.roles import Actor, require
from app.ui.i18n import current_language
from app.ui.beyond.book import manager_card
from app.ui.manager.alerts import AlertsSection
from app.ui.manager.chart import HourlyChart
from app.ui.manager.i18n import apply_language
from app.ui.manager.jobs import Jobs
from app.ui.manager.panels import ServiceQueueTable, Tiles
from app.ui.manager.scheduler import EndOfDayScheduler
from app.ui.manager.staffing import StaffingToday, StaffingWeek
from app.ui.manager.report_view import ReportDialog, print_report
from app.ui.messages import MessageBar, describe
from app.ui.status import status_line
from app.ui.theme import STAFF_QSS
from app.ui.tasks import Loader
from app.ui.widgets import FlowLayout, Header, card, label, screen_root

# Waits grow with the clock even when nothing happens: repaint at least this often.
CLOCK_REFRESH_MS = 30_000
FORMAT_FILTERS = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)", "json": "JSON (*.json)"}


def _group(*widgets: QWidget) -> QWidget:
    """Widgets side by side that stay together when a row wraps."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    return box


class ManagerScreen(QWidget):
    """Registry entry "manager": ``ManagerScreen(ctx, actor)``."""

    def __init__(self, ctx, actor: Actor) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        require(actor, "report.view")
        apply_language()
        self.ctx, self.actor = ctx, actor
        self.now = ctx.now
        self.action_time = ctx.action_time
        self.setWindowTitle(self.tr("BranchDesk - Manager"))
        self.setStyleSheet(STAFF_QSS)
        self.report_jobs = Jobs(self)  # reports, with a progress indication
        self.report_jobs.busy_changed.connect(self._on_busy)
        self.figures: LiveFigures | None = None
        self.advice: StaffingAdvice | None = None
        self._last_folder: Path | None = None
        self._build()
        self.refresh = Loader(lambda: live_figures(self.ctx.db, now=self.now()), self._show_live,
                              self._live_failed, self)
        self.bridge = ctx.bridge
        self.bridge.queue_changed.connect(self.refresh.trigger)
        self.bridge.connection_lost.connect(lambda exc: self.bar.show_message(describe(exc), "error"))
        self.bridge.connection_restored.connect(self.refresh.trigger)
        self.staffing = Loader(lambda: staffing_advice(self.ctx.db, now=self.now()), self._show_staffing,
                               self._live_failed, self)
        self.bridge.day_changed.connect(self.staffing.trigger)
        self._clock = QTimer(self, interval=CLOCK_REFRESH_MS, timeout=self._tick)
        self._clock.start()
        # The automatic end of day runs in every process (app/ui/app.py); a context
        # without one (tests, a bare screen) gets its own here.
        self.scheduler = ctx.extras.get("scheduler")
        if self.scheduler is None:
            self.scheduler = EndOfDayScheduler(ctx.db, self.action_time, parent=self)
            self.scheduler.start()
        self.scheduler.written.connect(self._end_of_day_written)
        self.scheduler.failed.connect(self._report_failed)
        self.alerts = AlertsSection(ctx, actor, self.bar, self)
        self.body.insertWidget(0, self.alerts.panel)
        self.refresh()
        self.staffing()

    # -- layout ------------------------------------------------------------
    def _build(self) -> None:
        root = screen_root(self)
        settings = getattr(self.ctx, "settings", {}) or {}
        key = "branch.name_en" if current_language() == "en" else "branch.name_zh"
        branch = str(settings.get(key) or settings.get("branch.name_zh") or "")
        header = Header(self.tr("Branch manager"), branch, self.actor.username, self.now)
        root.addWidget(header)
        self.bar = MessageBar()
        header.carry(self.bar)
        # The figures, alerts, reports and appointments scroll on a short screen
        # (1024x768); the message strip and the status line stay in place.
        content = QWidget()
        body = self.body = QVBoxLayout(content)
        body.setContentsMargins(16, 8, 16, 8)
        body.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        root.addWidget(scroll, 1)
        self.status_line = status_line(self.ctx)
        root.addWidget(self.status_line)
        self.tiles = Tiles()
        body.addWidget(self.tiles)
        row = QHBoxLayout()
        row.setSpacing(14)
        queue_card, queue = card(margins=14)
        queue.addWidget(label(self.tr("Waiting per service"), "section"))
        self.services = ServiceQueueTable()
        queue.addWidget(self.services)
        row.addWidget(queue_card, 1)  # half the width: service names whole beside their figures
        chart_card, chart = card(margins=14)
        self.tabs = QTabWidget()
        self.chart = HourlyChart()
        self.staffing_today, self.staffing_week = StaffingToday(), StaffingWeek()
        self.tabs.addTab(self.chart, self.tr("Today by hour"))
        self.tabs.addTab(self.staffing_today, self.tr("Staffing today"))
        self.tabs.addTab(self.staffing_week, self.tr("Staffing next 7 days"))
        chart.addWidget(self.tabs)
        row.addWidget(chart_card, 1)
        body.addLayout(row, 1)
        body.addWidget(self._reports_card())
        self.extras = manager_card(self.ctx, self.actor, self)  # appointments and messages (issue 16)
        body.addWidget(self.extras)
        self.view_button.setFocus()

    def _reports_card(self) -> QWidget:
        """The daily report, the period report and closing the day: three groups
        that wrap onto more rows on a narrow screen."""
        frame, lay = card(margins=12, spacing=6)
        flow = FlowLayout(spacing=16, uniform=False)
        flow.addWidget(label(self.tr("Reports"), "section"))
        today = QDate.fromString(self.now().date().isoformat(), "yyyy-MM-dd")
        self.day_edit = self._date_edit(today)
        self.view_button = QPushButton(self.tr("View daily report"))
        self.view_button.setObjectName("primary")
        self.save_button = QPushButton(self.tr("Save..."))
        self.print_button = QPushButton(self.tr("Print..."))
        self.view_button.clicked.connect(self.on_view)
        self.save_button.clicked.connect(self.on_save)
        self.print_button.clicked.connect(self.on_print)
        flow.addWidget(_group(label(self.tr("Business day"), "muted"), self.day_edit, self.view_button,
                              self.save_button, self.print_button))
        self.from_edit = self._date_edit(today.addDays(-6))
        self.to_edit = self._date_edit(today)
        self.range_button = QPushButton(self.tr("Save period report..."))
        self.range_button.clicked.connect(self.on_save_range)
        flow.addWidget(_group(label(self.tr("From"), "muted"), self.from_edit, label(self.tr("to"), "muted"),
                              self.to_edit, self.range_button))
        self.staff_button = QPushButton(self.tr("Save staff report..."))
        self.staff_button.clicked.connect(self.on_save_staff)
        flow.addWidget(self.staff_button)
        self.close_day_button = QPushButton(self.tr("Close the day now..."))
        self.close_day_button.clicked.connect(self.on_close_day)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a report is being made
        self.progress.setFixedWidth(120)
        self.progress.setTextVisible(False)
        keep = self.progress.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # it appears without moving anything
        self.progress.setSizePolicy(keep)
        self.progress.setVisible(False)
        flow.addWidget(_group(self.close_day_button, self.progress))
        lay.addLayout(flow)
        return frame

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(QDate.fromString(self.now().date().isoformat(), "yyyy-MM-dd"))
        return edit

    # -- live figures (read off the GUI thread, one at a time) --------------------
    def refresh_now(self) -> None:
        self.refresh()

    def _show_live(self, figures: LiveFigures) -> None:
        self.figures = figures
        self.tiles.show_figures(figures)
        self.services.show_figures(figures)
        self.chart.set_hours(figures.hours)
        if self.bar.level == "error":
            self.bar.clear_message()

    def _tick(self) -> None:
        self.refresh()
        self.staffing()

    def _show_staffing(self, advice: StaffingAdvice) -> None:
        self.advice = advice
        self.staffing_today.show_advice(advice)
        self.staffing_week.show_advice(advice)

    def _live_failed(self, exc: BaseException) -> None:
        self.bar.show_message(describe(exc), "error")

    # -- reports -----------------------------------------------------------
    @staticmethod
    def _date(edit: QDateEdit) -> dt.date:
        return dt.date.fromisoformat(edit.date().toString("yyyy-MM-dd"))

    def _daily(self, then) -> None:  # type: ignore[no-untyped-def]
        day, now = self._date(self.day_edit), self.action_time()
        self.report_jobs.run(lambda: build_daily(self.ctx.db, day, now=now), then, self._report_failed)

    def on_view(self) -> None:
        self._daily(self._open_dialog)

    def _open_dialog(self, report: DailyReport) -> None:
        self.dialog = ReportDialog(report, self)
        self.dialog.show()

    def on_print(self) -> None:
        self._daily(lambda report: print_report(self, report))

    def on_save(self) -> None:
        day = self._date(self.day_edit)
        path, fmt = self._ask_path(f"branchdesk-daily-{day.isoformat()}")
        if path:
            now = self.now()
            self._write(lambda: build_daily(self.ctx.db, day, now=now), fmt, path)

    def on_save_range(self) -> None:
        start, end = self._date(self.from_edit), self._date(self.to_edit)
        path, fmt = self._ask_path(f"branchdesk-{start.isoformat()}-{end.isoformat()}")
        if path:
            now = self.now()
            self._write(lambda: build_range(self.ctx.db, start, end, now=now), fmt, path)

    def on_save_staff(self) -> None:
        start, end = self._date(self.from_edit), self._date(self.to_edit)
        path, fmt = self._ask_path(f"branchdesk-staff-{start.isoformat()}-{end.isoformat()}")
        if path:
            now = self.now()
            self._write(lambda: build_staff(self.ctx.db, start, end, now=now), fmt, path)

    def save_folder(self) -> Path:
        """Where the save dialog opens: the last folder saved to, else the
        branch's reports folder, else the person's documents (never the
        folder the program happened to start in)."""
        if self._last_folder is not None and self._last_folder.is_dir():
            return self._last_folder
        configured = str(self.ctx.settings.get("reports.folder") or "")
        if configured and Path(configured).is_dir():
            return Path(configured)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs) if docs and Path(docs).is_dir() else Path.home()

    def _ask_path(self, stem: str) -> tuple[str, str]:
        filters = ";;".join(FORMAT_FILTERS.values())
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                                   str(self.save_folder() / f"{stem}.pdf"), filters)
        if not path:
            return "", ""
        self._last_folder = Path(path).parent
        fmt = Path(path).suffix.lower().lstrip(".")
        if fmt not in FORMAT_FILTERS:
            fmt = next((k for k, v in FORMAT_FILTERS.items() if v == chosen), "pdf")
            path = f"{path}.{fmt}"
        return path, fmt

    def _write(self, build, fmt: str, path: str) -> None:  # type: ignore[no-untyped-def]
        self.bar.show_message(self.tr("Making the report..."), "info")
        self.report_jobs.run(lambda: write_report(build(), fmt, path), self._saved, self._report_failed)

    def _saved(self, path: Path) -> None:
        self.bar.show_message(self.tr("Report saved: %1").replace("%1", str(path)), "ok")

    def on_close_day(self) -> None:
        """The manager closes the business day: asked once, then done off the GUI thread."""
        answer = QMessageBox.question(
            self, self.tr("Close the day"),
            self.tr("Close today's business now? Customers still waiting or called are ended as expired, "
                    "customers being served as served, every window is closed, and the final report is written."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, now = self.actor, self.action_time()
        self.report_jobs.run(lambda: close_and_report(self.ctx.db, actor=actor, now=now), self._day_closed,
                             self._report_failed)

    def _day_closed(self, result: EndOfDayResult) -> None:
        c = result.closed
        self.bar.show_message(
            self.tr("Day closed: %1 expired, %2 served at closing, windows closed. The final report is in %3.")
            .replace("%1", str(c.expired)).replace("%2", str(c.served_at_close))
            .replace("%3", str(Path(result.files[0]).parent) if result.files else ""), "ok")
        self.refresh()

    def _end_of_day_written(self, result: EndOfDayResult) -> None:
        folder = str(Path(result.files[0]).parent) if result.files else ""
        self.bar.show_message(self.tr("Today's report was written to %1").replace("%1", folder), "ok")

    def _report_failed(self, exc: BaseException) -> None:
        self.bar.show_message(describe(exc), "error")

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.view_button, self.save_button, self.print_button, self.range_button,
                       self.staff_button, self.close_day_button):
            button.setEnabled(not busy)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._clock.stop()
        self.alerts.stop()
        if self.scheduler.parent() is self:
            self.scheduler.stop()
        super().closeEvent(event)
