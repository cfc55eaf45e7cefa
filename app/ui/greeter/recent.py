"""Today's recently issued tickets, with Reprint and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.queue.views import TicketView
from app.ui.texts import print_state_text, service_name, status_text


class RecentTickets(QWidget):
    """A table of the last tickets issued today; Reprint/Cancel act on the selected row."""

    reprint_requested = Signal(object)  # TicketView
    cancel_requested = Signal(object)  # TicketView

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Service"), self.tr("Issued"), self.tr("Status"), self.tr("Printed")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(38)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.reprint = QPushButton(self.tr("Reprint"))
        self.cancel = QPushButton(self.tr("Cancel ticket"))
        self.cancel.setObjectName("danger")
        row.addStretch(1)
        row.addWidget(self.reprint)
        row.addWidget(self.cancel)
        lay.addLayout(row)
        self.reprint.clicked.connect(lambda: self._emit(self.reprint_requested))
        self.cancel.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.tickets: list[TicketView] = []

    def set_tickets(self, tickets: list[TicketView]) -> None:
        chosen = self.selected()
        self.tickets = list(tickets)
        self.table.setRowCount(len(tickets))
        for r, t in enumerate(tickets):
            cells = [t.number, service_name(t), t.issued_at.strftime("%H:%M"),
                     status_text(t.status), print_state_text(t.print_state)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 4 and t.print_state == "failed":
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
            if chosen is not None and t.id == chosen.id:
                self.table.selectRow(r)

    def selected(self) -> TicketView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.tickets):
            return None
        return self.tickets[rows[0].row()]

    def select_number(self, number: str) -> None:
        for r, t in enumerate(self.tickets):
            if t.number == number:
                self.table.selectRow(r)
                return

    def _emit(self, signal) -> None:  # type: ignore[no-untyped-def]
        t = self.selected()
        if t is not None:
            signal.emit(t)
