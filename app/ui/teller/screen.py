"""The teller's window: one key per action, the current ticket, who waits.

Every action is a write that may wait for the database (a busy SQLite file
waits up to its 30 s busy timeout), so it runs in a worker thread: the keys
are disabled while it is in flight (a double press acts once) and the answer
shows when it returns. The change feed then refreshes this screen and every
other screen, here or on another PC; what the screen shows is read in a
worker thread too, so a database that hangs never freezes it.

The window follows its teller: choosing another window, logging out or
closing the screen leaves the window held (closed, or paused if the branch
says so; a called customer back to the head of the queue or a no-show, by the
branch's rule), and while the teller holds a window this screen sends a
heartbeat every few seconds, so the manager sees a crashed PC's window as
unattended.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

import app.queue as q
from app.errors import DomainError
from app.queue.figures import window_day_figures
from app.queue.views import TicketView, WindowView
from app.staff.roles import Actor
from app.store.errors import StoreError
from app.ui.context import ScreenContext
from app.ui.messages import MessageBar
from app.ui.status import status_line
from app.ui.tasks import Loader, alive, attempt, run, spawn
from app.ui.teller.panels import CurrentTicket, WaitingList
from app.ui.teller.rating import RatingPanel
from app.ui.texts import service_name, window_state_text
from app.ui.theme import STAFF_QSS
from app.ui.widgets import Header, card, label, minutes_text, screen_root
from app.ui.i18n import branch_name

log = logging.getLogger("branchdesk.ui")
EXPECTED = (DomainError, StoreError)
OUTCOMES = ("done", "referred", "documents_missing", "customer_left")
HEARTBEAT_MS = 20_000  # well inside window.unattended_after_min (at least 1 minute)


def holder_token() -> str:
    """This screen's name as the holder of a window: host, process, instance."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class TellerScreen(QWidget):
    """Registry entry "teller": ``TellerScreen(ctx, actor, window=None)``."""

    ticket_finished = Signal(object)  # TicketView
    action_done = Signal(object)  # None, or the exception shown (after the screen is redrawn)

    def __init__(self, ctx: ScreenContext, actor: Actor, window: int | None = None) -> None:
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("BranchDesk - Teller"))
        self.setStyleSheet(STAFF_QSS)
        self.window_view: WindowView | None = None
        self.in_flight = False  # an action is running in a worker thread
        self.holder = holder_token()
        self.held: int | None = None  # the window this screen holds (opened here), if any
        self._number: int | None = None  # the window shown (read by the loader's thread)
        self._preferred = window
        self.rating = RatingPanel()
        self.rating.rated.connect(self.on_rated)
        self._build()
        self.refresh = Loader(self._load, self._apply, self.bar.show_error, self)
        self.catalogue = Loader(self._load_catalogue, self._apply_catalogue, self.bar.show_error, self)
        ctx.bridge.queue_changed.connect(self.refresh.trigger)
        ctx.bridge.catalogue_changed.connect(self.catalogue.trigger)
        ctx.bridge.connection_lost.connect(self.bar.show_error)
        ctx.bridge.connection_restored.connect(self.refresh.trigger)
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._beat)
        self.heartbeat.start()
        self.catalogue()

    # -- layout ------------------------------------------------------------
    def _build(self) -> None:
        root = screen_root(self)
        root.addWidget(Header(self.tr("Teller window"), branch_name(self.ctx.settings),
                              self.actor.username, self.ctx.now))
        body = QHBoxLayout()
        body.setContentsMargins(24, 20, 24, 20)
        body.setSpacing(20)
        root.addLayout(body, 1)
        left = QVBoxLayout()
        left.setSpacing(16)
        body.addLayout(left, 3)

        top_card, top = card(margins=14)
        row = QHBoxLayout()
        self.window_box = QComboBox()
        self.window_box.setMinimumWidth(220)
        self.open_button = QPushButton(self.tr("Open window"))
        self.window_state = label("", "section")
        row.addWidget(label(self.tr("Window"), "section"))
        row.addWidget(self.window_box)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.window_state)
        top.addLayout(row)
        left.addWidget(top_card)

        self.current = CurrentTicket(self.ctx.now, self.tr("At the window"))
        left.addWidget(self.current.frame, 1)
        left.addWidget(self._build_keys())
        self.bar = MessageBar()
        left.addWidget(self.bar)

        right_card, right = card()
        right.addWidget(label(self.tr("Waiting for this window"), "section"))
        self.waiting = WaitingList([self.tr("Number"), self.tr("Service"), self.tr("Priority"), self.tr("Waited")])
        right.addWidget(self.waiting, 1)
        self.figures = label("", "muted")
        self.figures.setStyleSheet("font-size:17px; padding-top:6px;")
        right.addWidget(label(self.tr("Today at this window"), "section"))
        right.addWidget(self.figures)
        body.addWidget(right_card, 2)
        self.status_line = status_line(self.ctx)
        root.addWidget(self.status_line)

        self.window_box.currentIndexChanged.connect(self._window_chosen)
        self.open_button.clicked.connect(self.on_open_close)

    def _build_keys(self) -> QWidget:
        box, lay = card(margins=14)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        actions: list[tuple[str, str, str, Callable[[], None]]] = [
            ("next", "F1", self.tr("Call next"), self.on_call_next),
            ("recall", "F2", self.tr("Recall"), self.on_recall),
            ("no_show", "F3", self.tr("No-show"), self.on_no_show),
            ("start", "F4", self.tr("Start"), self.on_start),
            ("finish", "F5", self.tr("Finish"), self.on_finish),
            ("transfer", "F6", self.tr("Transfer"), self.on_transfer),
            ("pause", "F7", self.tr("Pause / Resume"), self.on_pause_resume),
            ("call_chosen", "F8", self.tr("Call selected"), self.on_call_chosen),
        ]
        for i, (name, key, text, slot) in enumerate(actions):
            b = QPushButton(f"{key}  {text}")
            b.setObjectName("keyPrimary" if name == "next" else "key")
            b.setMinimumHeight(56)
            b.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, activated=b.click, context=Qt.ShortcutContext.WindowShortcut)
            grid.addWidget(b, i // 4, i % 4)
            self.keys[name] = b
        lay.addLayout(grid)
        opts = QHBoxLayout()
        self.outcome = QComboBox()
        outcome_text = {"done": self.tr("Completed"), "referred": self.tr("Referred elsewhere"),
                        "documents_missing": self.tr("Documents missing"), "customer_left": self.tr("Customer left")}
        for code in OUTCOMES:
            self.outcome.addItem(outcome_text[code], code)
        self.transfer_to = QComboBox()
        self.pause_reason = QComboBox()
        self.pause_reason.setEditable(True)
        self.pause_reason.addItems([self.tr("Break"), self.tr("Cash count"), self.tr("Meeting"), self.tr("System fault")])
        for lab, box_ in ((self.tr("Outcome"), self.outcome), (self.tr("Transfer to"), self.transfer_to),
                          (self.tr("Pause reason"), self.pause_reason)):
            opts.addWidget(label(lab, "muted"))
            opts.addWidget(box_, 1)
        lay.addLayout(opts)
        return box

    # -- state: read in a worker thread, shown on the GUI thread --------------
    def _load_catalogue(self) -> Any:
        return q.queue_status(self.ctx.db, now=self.ctx.action_time())

    def _apply_catalogue(self, status: Any) -> None:
        preferred = self.window_number() if self.window_box.count() else self._preferred
        self.window_box.blockSignals(True)
        self.window_box.clear()
        for w in status.windows:
            text = self.tr("Window %1").replace("%1", str(w.number))
            if str(w.number) not in w.name:  # "贵宾室" says more than its number
                text = self.tr("Window %1 · %2").replace("%1", str(w.number)).replace("%2", w.name)
            self.window_box.addItem(text, w.number)
        self.transfer_to.clear()
        for sq in status.services:
            if sq.service.active:
                self.transfer_to.addItem(f"{sq.service.code} · {service_name(sq.service)}", f"service:{sq.service.code}")
        for w in status.windows:
            self.transfer_to.addItem(self.tr("Window %1").replace("%1", str(w.number)), f"window:{w.number}")
        if preferred is not None and self.window_box.findData(preferred) >= 0:
            self.window_box.setCurrentIndex(self.window_box.findData(preferred))
        self.window_box.blockSignals(False)
        self._number = self.window_number()
        self.refresh()

    def window_number(self) -> int | None:
        data = self.window_box.currentData()
        return int(data) if data is not None else None

    def _window_chosen(self, _index: int) -> None:
        self._number = self.window_number()
        if self.held is not None and self.held != self._number:
            self.leave(self.held, "teller_moved")
        self.refresh()

    def _load(self) -> Any:
        number = self._number
        if number is None:
            return None
        now = self.ctx.action_time()
        return (number, q.queue_status(self.ctx.db, now=now), q.waiting_list(self.ctx.db, now=now, window=number),
                window_day_figures(self.ctx.db, window=number, now=now))

    def _apply(self, data: Any) -> None:
        if data is None:
            return
        number, status, waiting, figures = data
        if number != self._number:  # the teller chose another window meanwhile
            self.refresh()
            return
        now = self.ctx.now()
        self.window_view = next((w for w in status.windows if w.number == number), None)
        if self.held == number and (self.window_view is None or self.window_view.state == "closed"):
            self.held = None  # closed elsewhere (the end of the day, the manager)
        elif (self.held is None and self.window_view is not None and self.window_view.state != "closed"
              and self.window_view.staff_username == self.actor.username):
            self._adopt(number)  # this teller's window, opened before this screen (a restart after a crash)
        wv = self.window_view
        state = wv.state if wv else "closed"
        self.window_state.setText(window_state_text(state) + (f" · {wv.pause_reason}" if wv and wv.pause_reason else ""))
        self.open_button.setText(self.tr("Close window") if state != "closed" else self.tr("Open window"))
        self.current.set_ticket(wv.current_ticket if wv else None,
                                self.tr("Press F1 to call the next customer."),
                                {"calls": self.tr("called %1 times")})
        self.waiting.set_tickets(waiting, now, self.tr("%1 min"))
        served = self.tr("Served: %1").replace("%1", str(figures.served))
        avg = self.tr("Average service time: %1").replace("%1", minutes_text(figures.average_service_min))
        missed = self.tr("No-shows: %1").replace("%1", str(figures.no_shows))
        self.figures.setText(f"{served}    {avg}    {missed}    " +
                             self.tr("Waiting: %1").replace("%1", str(len(waiting))))
        self._enable_keys(state, wv.current_ticket if wv else None)

    def _enable_keys(self, state: str, cur: TicketView | None) -> None:
        is_open = state == "open"
        enabled = {
            "next": is_open and cur is None, "call_chosen": is_open and cur is None,
            "recall": cur is not None and cur.status == "called",
            "no_show": cur is not None and cur.status == "called",
            "start": cur is not None and cur.status == "called",
            "finish": cur is not None, "transfer": cur is not None, "pause": state != "closed",
        }
        for name, b in self.keys.items():
            b.setEnabled(enabled[name] and not self.in_flight)
        self.keys["pause"].setText("F7  " + (self.tr("Resume") if state == "paused" else self.tr("Pause")))

    # -- actions -----------------------------------------------------------
    def _act(self, fn: Callable[..., object], done_text: str | None = None,
             then: Callable[[Any], None] | None = None, **kwargs: object) -> None:
        """Run one service call for this window off the GUI thread."""
        number = self.window_number()
        if number is None:
            return
        self._run(functools.partial(fn, self.ctx.db, window=number, actor=self.actor, now=self.ctx.action_time(),
                                    **kwargs), done_text, then)

    def _run(self, call: Callable[[], object], done_text: str | None = None,
             then: Callable[[Any], None] | None = None) -> None:
        """``call()`` in a worker thread; the keys stay disabled until it returns.
        ``done_text`` (with %1 = the ticket number) is shown on success, an
        error as one sentence; ``then(result)`` runs on success."""
        if self.in_flight:
            return
        self.in_flight = True
        for b in (*self.keys.values(), self.open_button):
            b.setEnabled(False)
        spawn(self._await(call, done_text, then))

    async def _await(self, call: Callable[[], object], done_text: str | None,
                     then: Callable[[Any], None] | None) -> None:
        result, error = await attempt(call)
        if not alive(self):  # the window was closed meanwhile
            return
        self.in_flight = False
        self.open_button.setEnabled(True)
        if error is not None:
            self.bar.show_error(error)
        elif done_text:
            self.bar.show_message(done_text.replace("%1", str(getattr(result, "number", ""))), "ok", seconds=4)
        else:
            self.bar.clear_message()
        if error is None and then is not None:
            then(result)
        self.ctx.bridge.wake()
        self.refresh.then(lambda: self._action_shown(error))

    def _action_shown(self, error: BaseException | None) -> None:
        """The screen shows the action's result: keys back, ``action_done``."""
        if self.window_view is not None:
            self._enable_keys(self.window_view.state, self.window_view.current_ticket)
        self.action_done.emit(error)

    def on_open_close(self) -> None:
        wv = self.window_view
        if wv is not None and wv.number != self.window_number():
            wv = None  # the chosen window's state is still being read: the button opens it
        if wv is not None and wv.state != "closed":
            self._act(q.close_window, then=lambda _r: setattr(self, "held", None))
        else:
            number = self.window_number()
            self._act(q.open_window, then=lambda _r: setattr(self, "held", number), holder=self.holder)

    def on_call_next(self) -> None:
        self._act(q.call_next, self.tr("Calling %1."))

    def on_call_chosen(self) -> None:
        chosen = self.waiting.selected()
        if chosen is None:
            self.bar.show_message(self.tr("Select a ticket in the waiting list first."), "warning", seconds=4)
            return
        self._act(q.call_ticket, self.tr("Calling %1."), ticket=chosen.id)

    def on_recall(self) -> None:
        self._act(q.recall, self.tr("Calling %1 again."))

    def on_no_show(self) -> None:
        self._act(q.no_show, self.tr("%1 marked as no-show."))

    def on_start(self) -> None:
        self._act(q.start_service)

    def on_finish(self) -> None:
        self._act(q.finish, self.tr("%1 finished."), self._finished, outcome=self.outcome.currentData())

    def _finished(self, done: object) -> None:
        if isinstance(done, TicketView):
            self.ticket_finished.emit(done)
            self.rating.ask(done.number)

    def on_rated(self, number: str, stars: int) -> None:
        text = self.tr("Thank you: %1 rated %2 of 5.").replace("%1", number).replace("%2", str(stars))
        self._run(functools.partial(q.rate_ticket, self.ctx.db, number, rating=stars, actor=self.actor,
                                    now=self.ctx.action_time()), text)

    def on_transfer(self) -> None:
        cur = self.window_view.current_ticket if self.window_view else None
        target = self.transfer_to.currentData()
        if cur is None or target is None:
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

    # -- the window follows its teller -----------------------------------------
    def _beat(self) -> None:
        """Tell the database this screen still holds its window (no event is written)."""
        number = self.held
        if number is None:
            return

        def lost(still: bool) -> None:
            if not still and self.held == number:
                self.held = None  # closed, left or taken over elsewhere
                self.refresh()

        run(lambda: q.heartbeat(self.ctx.db, window=number, holder=self.holder, now=self.ctx.action_time()),
            lost, lambda exc: log.info("heartbeat of window %s not sent: %s", number, exc), owner=self)

    def _adopt(self, number: int) -> None:
        self.held = number
        db, actor, now, holder = self.ctx.db, self.actor, self.ctx.action_time(), self.holder
        run(lambda: q.open_window(db, window=number, actor=actor, now=now, holder=holder), lambda _w: None,
            lambda exc: log.warning("window %s not taken back: %s", number, exc), owner=self)

    def leave(self, number: int, reason: str) -> None:
        """Leave ``number`` in a worker thread (another window chosen, logout, quit).
        A customer being served ends as served: the teller has gone."""
        self.held = None
        db, actor, now = self.ctx.db, self.actor, self.ctx.action_time()
        run(lambda: q.leave_window(db, window=number, actor=actor, now=now, reason=reason, finish_serving=True),
            lambda _w: None, lambda exc: log.warning("window %s not left: %s", number, exc))  # no owner:
        # it must finish even if this screen is gone

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.heartbeat.stop()
        if self.held is not None:
            self.leave(self.held, "teller_left")
        self.rating.close()
        super().closeEvent(event)
