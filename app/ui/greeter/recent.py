"""Today's recently issued tickets, with Reprint and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.queue.views import TicketView
from app.ui.texts import print_state_text, service_name, status_text
from app.ui.widgets import TicketTable


class RecentTickets(QWidget):
    """A table of the last tickets issued today; Reprint/Cancel act on the selected row."""

    reprint_requested = Signal(object)  # TicketView
    cancel_requested = Signal(object)  # TicketView

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = TicketTable(
            [self.tr("Number"), self.tr("Service"), self.tr("Issued"), self.tr("Status"), self.tr("Printed")],
            row_height=38,
        )
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

    @property
    def tickets(self) -> list[TicketView]:
        return self.table.tickets

    def set_tickets(self, tickets: list[TicketView]) -> None:
        def cells(t: TicketView) -> list[str]:
            return [t.number, service_name(t), t.issued_at.strftime("%H:%M"), status_text(t.status),
                    print_state_text(t.print_state)]

        def colour(t: TicketView, column: int) -> QColor | None:
            return QColor("#c0392b") if column == 4 and t.print_state == "failed" else None

        self.table.set_rows(tickets, cells, colour)

    def selected(self) -> TicketView | None:
        return self.table.selected()

    def select_number(self, number: str) -> None:
        self.table.select_number(number)

    def _emit(self, signal) -> None:  # type: ignore[no-untyped-def]
        t = self.selected()
        if t is not None:
            signal.emit(t)
