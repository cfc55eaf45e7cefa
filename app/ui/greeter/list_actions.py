"""The greeter's actions on today's list: reprint a waiting ticket, cancel
(asked once), put a no-show back in the queue. Each write runs off the GUI
thread; the list is read again before ``action_done``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from app.queue import cancel_ticket, requeue_ticket
from app.queue.views import IssuedTicket, TicketView
from app.ui.tasks import alive, attempt, spawn

CONFIRM_S = 10  # a Cancel waits this long for its confirmation


class GreeterListActions:
    """Mixed into the screen (its widgets and state are the screen's)."""

    def on_reprint(self, ticket: TicketView) -> None:
        if ticket.status not in ("waiting", "transferred"):
            self.bar.show_message(self.tr("Only waiting tickets can be reprinted."), "warning", seconds=5)
            return
        issued = self._issued.get(ticket.id) or IssuedTicket(ticket, 0, 0)
        self.result.show_ticket(issued)
        self._start_print(issued, again=True)

    def on_cancel(self, ticket: TicketView) -> None:
        """Cancel asks once (a second press, or Confirm in the message strip);
        then it runs in a worker thread with Reprint and Cancel disabled until it returns."""
        if self.cancel_in_flight:
            return
        if self._cancelling != ticket.id:
            self._cancelling = ticket.id
            self.bar.show_message(self.tr("Cancel ticket %1? The customer loses their place in the queue. "
                                          "Press Cancel ticket again to confirm.").replace("%1", ticket.number),
                                  "warning", CONFIRM_S, action=(self.tr("Cancel ticket"),
                                                                lambda: self.on_cancel(ticket)))
            QTimer.singleShot(CONFIRM_S * 1000, lambda: self._forget_cancel(ticket.id))
            return
        self._cancelling = None
        self.cancel_in_flight = True
        self.recent.set_busy(True)
        spawn(self._cancel(ticket, self.ctx.action_time()))

    def _forget_cancel(self, ticket_id: int) -> None:
        if alive(self) and self._cancelling == ticket_id:
            self._cancelling = None

    def on_requeue(self, ticket: TicketView) -> None:
        """A no-show who came back: into the queue again (at the back, same number)."""
        if self.cancel_in_flight:
            return
        self.cancel_in_flight = True
        self.recent.set_busy(True)
        spawn(self._requeue(ticket, self.ctx.action_time()))

    async def _requeue(self, ticket: TicketView, now) -> None:  # type: ignore[no-untyped-def]
        _, error = await attempt(requeue_ticket, self.ctx.db, ticket.id, actor=self.actor, now=now)
        self._list_action_done(error, self.tr("%1 is back in the queue.").replace("%1", ticket.number))

    async def _cancel(self, ticket: TicketView, now) -> None:  # type: ignore[no-untyped-def]
        _, error = await attempt(cancel_ticket, self.ctx.db, ticket.id, reason="greeter", actor=self.actor, now=now)
        self._list_action_done(error, self.tr("Ticket %1 cancelled.").replace("%1", ticket.number))

    def _list_action_done(self, error: Exception | None, done_text: str) -> None:
        """A Cancel or Back in queue from today's list has answered: say so, read the list again."""
        if not alive(self):  # the window was closed meanwhile
            return
        self.cancel_in_flight = False
        self.recent.set_busy(False)
        if error is not None:
            self.bar.show_error(error)
        else:
            self.bar.show_message(done_text, "ok")
        self.refresh.then(lambda: self.action_done.emit(error))
