"""Pieces of the teller screen: the current ticket card and the waiting list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer

from app.queue.views import TicketView
from app.ui.texts import priority_text, service_name, status_text
from app.ui.widgets import TicketTable, card, label


class CurrentTicket:
    """The ticket at the window with a running timer (since call, or since start)."""

    def __init__(self, clock: Callable[[], dt.datetime], caption: str) -> None:
        self.frame, lay = card(margins=22)
        self._clock = clock
        self.caption = label(caption, "muted")
        self.number = label("—", "bigNumber")
        self.number.setStyleSheet("font-size:120px;")
        self.details = label("", "section")
        self.status = label("", "muted")
        self.status.setStyleSheet("font-size:18px;")
        self.timer = label("", "figure")
        self.timer.setStyleSheet("font-size:40px; font-family: monospace; color:#1f5fbf;")
        for w in (self.caption, self.number, self.details, self.status, self.timer):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(w)
        self.ticket: TicketView | None = None
        self._tick = QTimer(self.frame, interval=500, timeout=self.update_timer)
        self._tick.start()

    def set_ticket(self, ticket: TicketView | None, empty_text: str, texts: dict[str, str]) -> None:
        self.ticket = ticket
        if ticket is None:
            self.number.setText("—")
            self.details.setText(empty_text)
            self.status.setText("")
        else:
            self.number.setText(ticket.number)
            extra = priority_text(ticket.priority, ticket.priority_note)
            self.details.setText(service_name(ticket) + (f" · {extra}" if extra else ""))
            status = status_text(ticket.status)
            if ticket.status == "called" and ticket.call_count > 1:
                status += " · " + texts["calls"].replace("%1", str(ticket.call_count))
            self.status.setText(status)
        self.update_timer()

    def update_timer(self) -> None:
        t = self.ticket
        since = (t.started_at or t.called_at) if t is not None else None
        if since is None:
            self.timer.setText("")
            return
        secs = max(0, int((self._clock() - since).total_seconds()))
        self.timer.setText(f"{secs // 60:02d}:{secs % 60:02d}")


class WaitingList(TicketTable):
    """The tickets waiting for this window's services, in calling order."""

    def set_tickets(self, tickets: list[TicketView], now: dt.datetime, minutes: str) -> None:
        def cells(t: TicketView) -> list[str]:
            waited = max(0, int((now - t.queued_at).total_seconds() // 60))
            return [t.number, service_name(t), priority_text(t.priority, t.priority_note),
                    minutes.replace("%1", str(waited))]

        self.set_rows(tickets, cells)
