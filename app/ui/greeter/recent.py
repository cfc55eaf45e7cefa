"""Today's issued tickets, with Reprint, Back in queue (a no-show) and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.queue.views import TicketView
from app.ui.texts import print_state_text, service_name, status_text
from app.ui.widgets import FlowLayout, TicketTable


class RecentTickets(QWidget):
    """A table of today's tickets, newest first; the buttons act on the
    selected row and are enabled only where they can act."""

    reprint_requested = Signal(object)  # TicketView
    cancel_requested = Signal(object)  # TicketView
    requeue_requested = Signal(object)  # TicketView of a no-show

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = TicketTable(
            [self.tr("Number"), self.tr("Service"), self.tr("Issued"), self.tr("Status"), self.tr("Printed")],
            row_height=32, stretch=(1,),
        )
        self.table.setMinimumHeight(32 * 3 + 34)  # three rows and the header at the least
        lay.addWidget(self.table, 1)
        row = FlowLayout(spacing=8)
        self.reprint = QPushButton(self.tr("Reprint"))
        self.requeue = QPushButton(self.tr("Back in queue"))
        self.requeue.setObjectName("requeue")
        self.cancel = QPushButton(self.tr("Cancel ticket"))
        self.cancel.setObjectName("danger")
        for b in (self.reprint, self.requeue, self.cancel):
            row.addWidget(b)
        lay.addLayout(row)
        self.reprint.clicked.connect(lambda: self._emit(self.reprint_requested))
        self.requeue.clicked.connect(lambda: self._emit(self.requeue_requested))
        self.cancel.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.table.itemSelectionChanged.connect(self._enable)
        self._busy = False
        self._enable()

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
        self._enable()

    def set_busy(self, busy: bool) -> None:
        """While a Cancel or Back in queue runs, no button acts."""
        self._busy = busy
        self._enable()

    def _enable(self) -> None:
        t = self.selected()
        waiting = t is not None and t.status in ("waiting", "transferred")
        self.reprint.setEnabled(not self._busy and waiting)
        self.cancel.setEnabled(not self._busy and t is not None and t.status in ("waiting", "transferred", "called"))
        self.requeue.setEnabled(not self._busy and t is not None and t.status == "no_show")

    def selected(self) -> TicketView | None:
        return self.table.selected()

    def select_number(self, number: str) -> None:
        self.table.select_number(number)

    def _emit(self, signal) -> None:  # type: ignore[no-untyped-def]
        t = self.selected()
        if t is not None:
            signal.emit(t)
