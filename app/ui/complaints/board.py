"""The complaints officer's board: open cases by nearest deadline (due-soon
and overdue in colour), filters and search, the case view with its log and
actions, and the intake form. The customer's receipt is printed in a worker
thread after the case is stored; a print failure never loses the case."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import app.complaints as cp
from app.complaints.receipt import print_receipt
from app.complaints.rules import KINDS, STATUSES
from app.complaints.views import ComplaintSummary
from app.staff.roles import Actor
from app.ui.complaints.case import CaseView
from app.ui.complaints.form import IntakeForm
from app.ui.complaints.texts import calendar_banner_text, due_text, kind_text, pending_text, status_text
from app.ui.complaints.translations import sync_translator
from app.ui.i18n import current_language
from app.ui.messages import MessageBar
from app.ui.status import status_line
from app.ui import tasks
from app.ui.theme import STAFF_QSS
from app.ui.i18n import branch_name
from app.ui.widgets import Coalescer, FlowLayout, Header, label, screen_root

# A pending deadline (its year's calendar not entered) is shown like one due soon.
COLOURS = {"overdue": QColor("#f8d7d3"), "due_soon": QColor("#fff0c9"), "pending": QColor("#fff0c9")}
COLUMNS = 9


class ComplaintsBoard(QWidget):
    """Registry entry "complaints": ``ComplaintsBoard(ctx, actor)``."""

    receipt_printed = Signal(str, str)  # reference, "printed" / "failed" / "no_printer"

    def __init__(self, ctx, actor: Actor) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        sync_translator()
        self.ctx, self.actor = ctx, actor
        self._now = ctx.now
        self.rows: list[ComplaintSummary] = []
        self.setWindowTitle(self.tr("BranchDesk - Complaints"))
        self.setStyleSheet(STAFF_QSS)
        self._build()
        self.receipt_printed.connect(self._on_printed)
        self.refresh = Coalescer(self.reload, self)
        bridge = getattr(ctx, "bridge", None)
        if bridge is not None:
            bridge.event_received.connect(lambda ev: self.refresh() if ev.type.startswith("Complaint") else None)
        self.reload()

    # -- layout ---------------------------------------------------------------
    def _build(self) -> None:
        root = screen_root(self)
        settings = getattr(self.ctx, "settings", {}) or {}
        header = Header(self.tr("Complaints and suggestions"), branch_name(settings), self.actor.username, self._now)
        root.addWidget(header)
        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        self.status_line = status_line(self.ctx)
        root.addWidget(self.status_line)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(6)
        lay.addLayout(self._filters())
        self.bar = MessageBar()
        header.carry(self.bar)
        # Stays while the calendar does not reach far enough (not a passing message).
        self.calendar_banner = MessageBar(collapsible=True)
        lay.addWidget(self.calendar_banner)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.split = split
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Reference"), self.tr("Due"), self.tr("Status"), self.tr("Kind"), self.tr("Customer"),
            self.tr("Contact"), self.tr("Categories"), self.tr("Handler"), self.tr("Received")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.case = CaseView(self.ctx, self.actor, self._now)
        self.case.changed.connect(lambda _c: self.reload())
        split.addWidget(self.table)
        split.addWidget(self.case)
        split.setSizes([560, 680])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.stack.addWidget(page)
        self.form = IntakeForm(self.ctx, self.actor, self._now)
        self.form.submitted.connect(self._on_submitted)
        self.form.cancelled.connect(lambda: self.stack.setCurrentIndex(0))
        self.form.kind.setFocus()
        self.stack.addWidget(self.form)

    def _filters(self) -> QVBoxLayout:
        """The filters in as many columns as fit; search and the buttons on a row of their own."""
        box = QVBoxLayout()
        row = FlowLayout(spacing=8, min_width=150)
        actions = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for k in KINDS:
            self.kind.addItem(kind_text(k), k)
        self.status = QComboBox()
        # The default shows everything still to do: answered cases not yet notified or closed too.
        self.status.addItem(self.tr("Not closed yet"), "not_closed")
        self.status.addItem(self.tr("Awaiting an answer"), "open")
        self.status.addItem(self.tr("All statuses"), None)
        for s in STATUSES:
            self.status.addItem(status_text(s), s)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        zh = current_language() == "zh_CN"
        for c in cp.list_categories(self.ctx.db):
            self.category.addItem(c.name_zh if zh else c.name_en, c.code)
        self.handler = QComboBox()
        self.handler.addItem(self.tr("All handlers"), None)
        for h in cp.list_handlers(self.ctx.db):
            self.handler.addItem(h, h)
        self.period = QComboBox()
        for text, days in ((self.tr("Any time"), None), (self.tr("Today"), 0), (self.tr("Last 7 days"), 6),
                           (self.tr("Last 30 days"), 29)):
            self.period.addItem(text, days)
        self.search = QLineEdit(placeholderText=self.tr("Search reference, ticket, name, phone"))
        self.overdue = label("", "section")
        self.reprint = QPushButton(self.tr("Print receipt"))
        self.reprint.setEnabled(False)
        self.reprint.clicked.connect(lambda: self.case.case and self.print_receipt(self.case.case.reference))
        self.new = QPushButton(self.tr("New case"))
        self.new.setObjectName("primary")
        self.new.setEnabled(self.actor.can("complaint.intake"))
        self.new.clicked.connect(self.open_form)
        for w in (self.kind, self.status, self.category, self.handler, self.period):
            w.currentIndexChanged.connect(self.reload)
            row.addWidget(w)
        self.search.textChanged.connect(self.refresh_later)
        actions.addWidget(self.search, 1)
        actions.addWidget(self.overdue)
        actions.addWidget(self.reprint)
        actions.addWidget(self.new)
        box.addLayout(row)
        box.addLayout(actions)
        return box

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Side by side on a wide screen; the case under the list on a narrow one."""
        wide = self.width() >= 1300
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)
            total = self.width() if wide else max(300, self.height() - 260)
            self.split.setSizes([int(total * (0.45 if wide else 0.35)), int(total * (0.55 if wide else 0.65))])
        super().resizeEvent(event)

    def refresh_later(self, *_args: object) -> None:
        self.refresh()

    # -- data -----------------------------------------------------------------
    def reload(self, *_args: object) -> None:
        """Read the list again with the current filters (contacts masked)."""
        now = self._now()
        days = self.period.currentData()
        try:
            self.rows = cp.list_complaints(
                self.ctx.db, actor=self.actor, now=now, kind=self.kind.currentData(),
                status=self.status.currentData(), category=self.category.currentData(),
                handler=self.handler.currentData(),
                date_from=None if days is None else now.date() - dt.timedelta(days=days),
                search=self.search.text() or None)
            overdue = cp.overdue_count(self.ctx.db, now)
            calendar = cp.calendar_status(self.ctx.db, now)
        except Exception as exc:
            self.rows = []
            self._fill(now)
            self.bar.show_error(exc)
            return
        self.overdue.setText(self.tr("Overdue: %1").replace("%1", str(overdue)))
        self._show_calendar(calendar)
        self._fill(now)

    def _show_calendar(self, status: cp.CalendarStatus) -> None:
        if not status.needs_attention:
            self.calendar_banner.clear_message()
            return
        self.calendar_banner.show_message(calendar_banner_text(
            status.missing_year, status.this_year, status.pending_cases, status.year), "warning", seconds=0)

    def _fill(self, now: dt.datetime) -> None:
        selected = self.case.case.uuid if self.case.case else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(self.rows):
            cells = [c.reference, self._due_cell(c, now), status_text(c.status), kind_text(c.kind),
                     c.customer_name_masked or "–", c.contact_masked or "–",
                     ", ".join(self._category_names(c.categories)) or "–", c.handler or "–",
                     f"{c.received_at:%m-%d %H:%M}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.uuid)
                if c.deadline_state in COLOURS:
                    item.setBackground(COLOURS[c.deadline_state])
                self.table.setItem(r, col, item)
            if c.uuid == selected:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)

    @staticmethod
    def _due_cell(c: ComplaintSummary, now: dt.datetime) -> str:
        """The running deadline, or the pending text while its year's calendar is missing."""
        if c.status not in ("received", "acknowledged", "in_progress") or "resolve" not in c.pending:
            return due_text(c.next_due, now)
        pending = pending_text(c.pending_year)
        # A received case still has its acknowledgement running on the clock.
        return f"{due_text(c.next_due, now)} · {pending}" if c.next_due is not None else pending

    def _category_names(self, codes: tuple[str, ...]) -> list[str]:
        if not hasattr(self, "_cat_names"):
            zh = current_language() == "zh_CN"
            self._cat_names = {c.code: (c.name_zh if zh else c.name_en)
                               for c in cp.list_categories(self.ctx.db, include_inactive=True)}
        return [self._cat_names.get(code, code) for code in codes]

    def _on_select(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.case.show_case(items[0].data(Qt.ItemDataRole.UserRole))
        self.reprint.setEnabled(self.case.case is not None and self.actor.can("complaint.intake"))

    def select_reference(self, reference: str) -> bool:
        """Select a row by reference (tests and the intake flow use it)."""
        for r, c in enumerate(self.rows):
            if c.reference == reference:
                self.table.selectRow(r)
                return True
        return False

    # -- intake and receipt ---------------------------------------------------
    def open_form(self) -> None:
        self.stack.setCurrentWidget(self.form)

    def _on_submitted(self, case: ComplaintSummary) -> None:
        self.stack.setCurrentIndex(0)
        self.reload()
        self.select_reference(case.reference)
        if case.resolve_due is None:
            self.bar.show_message(self.tr("%1 recorded; the answer date is pending until the %2 calendar is "
                                          "entered.").replace("%1", case.reference)
                                  .replace("%2", str(case.pending_year or "")), "warning")
        else:
            self.bar.show_message(self.tr("%1 recorded; answer due by %2.").replace("%1", case.reference)
                                  .replace("%2", f"{case.resolve_due:%Y-%m-%d}"), "ok")
        self.print_receipt(case.reference)

    def print_receipt(self, reference: str) -> None:
        """Print in a worker thread; the outcome comes back as ``receipt_printed``."""
        printer = (getattr(self.ctx, "devices", {}) or {}).get("printer")
        if printer is None:
            self.receipt_printed.emit(reference, "no_printer")
            return

        def work() -> str:
            try:
                return print_receipt(self.ctx.db, printer, reference, actor=self.actor, now=self._now())
            except Exception:  # the case is stored; the print state says what happened
                return "failed"

        tasks.run(work, lambda state: self.receipt_printed.emit(reference, state), owner=self)

    def _on_printed(self, reference: str, state: str) -> None:
        if state == "printed":
            self.bar.show_message(self.tr("Receipt for %1 printed.").replace("%1", reference), "ok")
        elif state == "no_printer":
            self.bar.show_message(self.tr("No printer is set up; the receipt for %1 was not printed.")
                                  .replace("%1", reference), "warning")
        else:
            self.bar.show_message(self.tr("The receipt for %1 could not be printed; the case is kept.")
                                  .replace("%1", reference), "warning")
        self.refresh()
