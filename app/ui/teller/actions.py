"""The teller's keys: open and close, call, recall, no-show with its Undo,
back in queue, start, finish, transfer, pause, and opening the need note
(personal data: every opening recorded). Each is a write run off the GUI
thread by the screen's ``_act``/``_run``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QTimer

import app.queue as q
from app.errors import DomainError
from app.queue.views import TicketView
from app.ui.tasks import alive, run

UNDO_S = 10  # how long a no-show can be undone, and a close confirmed
NEED_SHOWN_MS = 60_000  # a waiting customer's opened need note is masked again after this


class TellerActions:
    """Mixed into the screen (its widgets and state are the screen's)."""

    def on_open_close(self) -> None:
        wv = self.window_view
        if wv is not None and wv.number != self.window_number():
            wv = None  # the chosen window's state is still being read: the button opens it
        if wv is not None and wv.state != "closed":
            if self._closing != wv.number:  # asked once: a second press (or Confirm) closes
                self._closing = wv.number
                self._close_timer.start(UNDO_S * 1000)
                text = self.tr("Close window %1? Customers waiting for it stay in the queue. "
                               "Press Close window again to confirm.").replace("%1", str(wv.number))
                self.bar.show_message(text, "warning", UNDO_S, action=(self.tr("Close window"), self.on_open_close))
                return
            self._forget_close()
            self._act(q.close_window, then=lambda _r: setattr(self, "held", None))
        else:
            number = self.window_number()
            self._act(q.open_window, then=lambda _r: setattr(self, "held", number), holder=self.holder)

    def _forget_close(self) -> None:
        self._closing = None
        self._close_timer.stop()

    def on_call_next(self) -> None:
        self._act(q.call_next, self.tr("Calling %1."), self._show_called)

    def _show_called(self, ticket: object) -> None:
        """The called number on screen at once, before the rest of the screen is read again."""
        if isinstance(ticket, TicketView) and ticket.window_number == self.window_number():
            self.current.set_ticket(ticket, "")

    def on_call_chosen(self) -> None:
        chosen = self.waiting.selected()
        if chosen is None:
            self.bar.show_message(self.tr("Select a ticket in the waiting list first."), "warning", seconds=4)
            return
        self._act(q.call_ticket, self.tr("Calling %1."), self._show_called, ticket=chosen.id)

    def on_recall(self) -> None:
        self._act(q.recall, self.tr("Calling %1 again."))

    def on_no_show(self) -> None:
        self._act(q.no_show, then=self._no_show_done)

    def _no_show_done(self, ticket: object) -> None:
        if not isinstance(ticket, TicketView):
            return
        text = self.tr("%1 marked as no-show.").replace("%1", ticket.number)
        self.bar.show_message(text, "ok", UNDO_S, action=(self.tr("Undo"), lambda: self.undo_no_show(ticket)),
                              countdown=True)

    def undo_no_show(self, ticket: TicketView) -> None:
        """The customer came after all: back in the queue, and called to this window again."""
        number, db, actor, now = self.window_number(), self.ctx.db, self.actor, self.ctx.action_time()

        def back() -> TicketView:
            again = q.requeue_ticket(db, ticket.id, actor=actor, now=now)
            if number is None:
                return again
            try:
                return q.call_ticket(db, window=number, ticket=ticket.id, actor=actor, now=now)
            except DomainError:  # the window moved on meanwhile: the customer waits in the queue
                return again
        self._run(back, self.tr("%1 is back: called to this window again."))

    def on_requeue(self) -> None:
        ticket_id = self.no_show_box.currentData()
        if ticket_id is None:
            return
        self._run(functools.partial(q.requeue_ticket, self.ctx.db, int(ticket_id), actor=self.actor,
                                    now=self.ctx.action_time()), self.tr("%1 is back in the queue."))

    def on_start(self) -> None:
        self._act(q.start_service)

    def on_finish(self) -> None:
        self._act(q.finish, self.tr("%1 finished."), self._finished, outcome=self.outcome.currentData())

    def _finished(self, done: object) -> None:
        if isinstance(done, TicketView):
            self.ticket_finished.emit(done)

    def on_transfer(self) -> None:
        cur = self.window_view.current_ticket if self.window_view else None
        target = self.transfer_to.currentData()
        if cur is None:
            return
        if target is None:
            self.bar.show_message(self.tr("Choose where to transfer the customer first."), "warning", seconds=5)
            self.transfer_to.setFocus()
            return
        kind, _, value = str(target).partition(":")
        where = {"to_service": value} if kind == "service" else {"to_window": int(value)}
        self._run(functools.partial(q.transfer_ticket, self.ctx.db, cur.id, actor=self.actor,
                                    now=self.ctx.action_time(), **where),
                  self.tr("%1 transferred.").replace("%1", cur.number))

    def on_pause_resume(self) -> None:
        if self.window_view is not None and self.window_view.state == "paused":
            self._act(q.resume_window)
        else:
            self._act(q.pause_window, reason=self.pause_reason.currentText())

    # -- the need note: personal data, opened on request, every opening recorded --
    def on_show_need(self, ticket: TicketView) -> None:
        self._open_need(ticket, lambda note: self.current.reveal(ticket.id, note))

    def on_show_waiting_need(self) -> None:
        t = self.waiting.selected()
        if t is None or not t.has_need_note:
            return

        def shown(note: str) -> None:
            self.waiting.opened[t.id] = note
            self.refresh()
            QTimer.singleShot(NEED_SHOWN_MS, lambda: self._mask_again(t.id))
        self._open_need(t, shown)

    def _mask_again(self, ticket_id: int) -> None:
        if alive(self) and self.waiting.opened.pop(ticket_id, None) is not None:
            self.refresh()

    def _open_need(self, ticket: TicketView, show: Callable[[str], None]) -> None:
        db, actor, now = self.ctx.db, self.actor, self.ctx.action_time()
        run(lambda: q.ticket_personal_data(db, ticket.id, purpose="teller window: need note", actor=actor, now=now),
            lambda data: show(data.need_note or ""), self.bar.show_error, owner=self)
