"""Pieces of the teller screen: the customer at the window, the waiting list,
and the need note the greeter wrote (personal data: masked until the teller
opens it, each opening recorded by ``app.queue.ticket_personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.queue.views import TicketView
from app.ui.texts import priority_text, service_name, status_text
from app.ui.widgets import TicketTable, label

MASK = "••••••"


NEED_CELL_CHARS = 8  # the list shows the start of an opened note; the line under it shows it whole


def need_cell(t: TicketView, opened: dict[int, str]) -> str:
    """The need note as a list shows it: the start of the text once opened, else a mask."""
    if not t.has_need_note:
        return ""
    note = opened.get(t.id)
    if note is None:
        return MASK
    return note if len(note) <= NEED_CELL_CHARS else note[:NEED_CELL_CHARS - 1] + "…"


class CurrentTicket(QFrame):
    """The ticket at the window: number, service and priority reason, the need
    note (masked, with Show), its state and a running timer (since call, or
    since start)."""

    show_need = Signal(object)  # TicketView whose need note the teller asked to see

    def __init__(self, clock: Callable[[], dt.datetime], caption: str) -> None:
        super().__init__()
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 12, 18, 12)
        lay.setSpacing(4)
        self._clock = clock
        self.caption = label(caption, "muted")
        self.number = label("—", "scaledNumber")  # sized in code, not by the style sheet
        self.details = label("", "section", wrap=True)
        self.need = label("", wrap=True)
        self.need.setObjectName("needNote")
        self.need.setStyleSheet("font-size:17px;")
        self.need_button = QPushButton(QCoreApplication.translate("TellerPanels", "Show need"))
        self.need_button.setObjectName("showNeed")
        self.need_button.clicked.connect(self._ask_need)
        self.status = label("", "muted")
        self.status.setStyleSheet("font-size:17px;")
        self.timer = label("", "scaledTimer")
        self.timer.setStyleSheet("font-family: monospace; color:#1f5fbf;")
        # state, timer and the need note share one row: a need note adds no height
        state_row = QHBoxLayout()
        state_row.addStretch(1)
        state_row.addWidget(self.status)
        state_row.addSpacing(18)
        state_row.addWidget(self.timer)
        state_row.addSpacing(24)
        state_row.addWidget(self.need, 0)
        state_row.addWidget(self.need_button, 0)
        state_row.addStretch(1)
        for w in (self.caption, self.number, self.details):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.caption)
        lay.addStretch(1)
        lay.addWidget(self.number)
        lay.addWidget(self.details)
        lay.addLayout(state_row)
        lay.addStretch(1)
        self.ticket: TicketView | None = None
        self.opened_need: str | None = None
        self._tick = QTimer(self, interval=500, timeout=self.update_timer)
        self._tick.start()
        self.scale(1.0)

    def scale(self, factor: float) -> None:
        """Big number and timer sized for the window (1.0 = a 1080-line screen)."""
        for w, px in ((self.number, 120), (self.timer, 40)):
            font = QFont(w.font())
            font.setPixelSize(max(14, int(px * factor)))
            font.setBold(True)
            w.setFont(font)
        self.updateGeometry()  # now, not on the next event-loop turn: the window may be about to show

    def set_ticket(self, ticket: TicketView | None, empty_text: str) -> None:
        if ticket is None or self.ticket is None or ticket.id != self.ticket.id:
            self.opened_need = None  # a new customer: the note is masked again
        self.ticket = ticket
        if ticket is None:
            self.number.setText("—")
            self.details.setText(empty_text)
            self.status.setText("")
        else:
            self.number.setText(ticket.number)
            extra = priority_text(ticket.priority, ticket.priority_note)
            self.details.setText(service_name(ticket) + (" · " + QCoreApplication.translate("TellerPanels", "Priority: %1").replace("%1", extra)
                                                        if extra else ""))
            status = status_text(ticket.status)
            if ticket.status == "called" and ticket.call_count > 1:
                status += " · " + QCoreApplication.translate("TellerPanels", "called %1 times").replace("%1", str(ticket.call_count))
            self.status.setText(status)
        self._show_need()
        self.update_timer()

    def reveal(self, ticket_id: int, note: str | None) -> None:
        if self.ticket is not None and self.ticket.id == ticket_id:
            self.opened_need = note or ""
            self._show_need()

    def _show_need(self) -> None:
        t = self.ticket
        has = t is not None and t.has_need_note
        self.need.setVisible(has)
        self.need_button.setVisible(has and self.opened_need is None)
        if has:
            self.need.setText(QCoreApplication.translate("TellerPanels", "Need: %1").replace("%1", self.opened_need if self.opened_need is not None
                                                       else MASK))

    def _ask_need(self) -> None:
        if self.ticket is not None:
            self.show_need.emit(self.ticket)

    def update_timer(self) -> None:
        t = self.ticket
        since = (t.started_at or t.called_at) if t is not None else None
        if since is None:
            self.timer.setText("")
            return
        secs = max(0, int((self._clock() - since).total_seconds()))
        self.timer.setText(f"{secs // 60:02d}:{secs % 60:02d}")


class WaitingList(TicketTable):
    """The tickets waiting for this window, in the order Call next calls them
    (app/queue/lineup.py), with the priority reason and the masked need note."""

    def __init__(self, headers: list[str]) -> None:
        super().__init__(headers, row_height=34, stretch=(1,))  # the service name takes the room left
        self.opened: dict[int, str] = {}  # ticket id -> need note opened by the teller

    def set_tickets(self, tickets: list[TicketView], now: dt.datetime, minutes: str) -> None:
        def cells(t: TicketView) -> list[str]:
            waited = max(0, int((now - t.queued_at).total_seconds() // 60))
            return [t.number, service_name(t), priority_text(t.priority, t.priority_note),
                    need_cell(t, self.opened), minutes.replace("%1", str(waited))]

        ids = {t.id for t in tickets}
        self.opened = {k: v for k, v in self.opened.items() if k in ids}  # gone from the list: forgotten
        self.set_rows(tickets, cells)


class SideNote(QWidget):
    """A line of text with one button at its right (the need note of the
    selected ticket; the no-shows to put back)."""

    def __init__(self, text: str, button: str, name: str) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(text)
        self.note.setWordWrap(True)
        self.note.setObjectName("muted")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(button)
        self.button.setObjectName(name)
        lay.addWidget(self.note, 1)
        lay.addWidget(self.button)
