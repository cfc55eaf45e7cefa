"""The teller's window: one key per action, the current ticket, who waits.

Every action is a write that may wait for the database (a busy SQLite file
waits up to its 30 s busy timeout), so it runs in a worker thread: the keys
are disabled while it is in flight (a double press acts once) and the answer
shows when it returns. The change feed then refreshes this screen and every
other screen, here or on another PC; what the screen shows is read in a
worker thread too, so a database that hangs never freezes it.

The waiting list is the calling policy's own order (app/queue/lineup.py).
The need note the greeter wrote is masked until the teller opens it (each
opening is recorded in the access log). No-show offers a 10-second Undo (the
customer back at this window), closing the window asks once, and a no-show
can be put back in the queue later. The outcome and the transfer target are
chosen afresh for every customer. The customer rates the service on the
rating pad at the window (``run --rating-pad``), never on this screen.

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
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

import app.queue as q
from app.errors import DomainError
from app.queue.figures import window_day_figures
from app.queue.lineup import window_lineup, window_no_shows
from app.queue.views import TicketView, WindowView
from app.staff.roles import Actor
from app.store.errors import StoreError
from app.ui.context import ScreenContext
from app.ui.i18n import branch_name
from app.ui.messages import MessageBar
from app.ui.status import status_line
from app.ui.tasks import Loader, alive, attempt, run, spawn
from app.ui.teller.actions import TellerActions
from app.ui.teller.holding import HEARTBEAT_MS, WindowHolding, holder_token
from app.ui.teller.keys import KeyPad
from app.ui.teller.panels import CurrentTicket, SideNote, WaitingList
from app.ui.texts import service_name, window_state_text
from app.ui.theme import STAFF_QSS
from app.ui.widgets import Header, card, label, minutes_text, screen_root

log = logging.getLogger("branchdesk.ui")
EXPECTED = (DomainError, StoreError)


class TellerScreen(TellerActions, WindowHolding, QWidget):
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
        self._held: int | None = None  # the window this screen holds (opened here), if any
        self._held_epoch = 0  # bumped at every change of ``held`` (a load read before it is stale)
        self._gone = False  # closed: no window is taken back by a load that lands afterwards
        self._number: int | None = None  # the window shown (read by the loader's thread)
        self._preferred = window
        self._customer: int | None = None  # the ticket at the window last shown (choices reset on change)
        self._closing: int | None = None  # the window whose closing waits for a second press
        self.waiting_count = 0
        self.no_shows: list[TicketView] = []
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
        self._close_timer = QTimer(self)
        self._close_timer.setSingleShot(True)
        self._close_timer.timeout.connect(self._forget_close)
        self.catalogue()

    # -- layout ------------------------------------------------------------
    def _build(self) -> None:
        root = screen_root(self)
        root.addWidget(Header(self.tr("Teller window"), branch_name(self.ctx.settings),
                              self.actor.username, self.ctx.now))
        body = QHBoxLayout()
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(14)
        root.addLayout(body, 1)
        left = QVBoxLayout()
        left.setSpacing(10)
        body.addLayout(left, 3)

        row = QHBoxLayout()
        self.window_box = QComboBox()
        self.window_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.open_button = QPushButton(self.tr("Open window"))
        self.open_button.setObjectName("openClose")
        self.window_state = label("", "section")
        row.addWidget(label(self.tr("Window"), "section"))
        row.addWidget(self.window_box)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.window_state)
        left.addLayout(row)

        self.current = CurrentTicket(self.ctx.now, self.tr("At the window"))
        self.current.show_need.connect(self.on_show_need)
        left.addWidget(self.current, 1)
        self.keypad = KeyPad(self, [
            ("next", "F1", self.tr("Call next"), self.on_call_next),
            ("recall", "F2", self.tr("Recall"), self.on_recall),
            ("no_show", "F3", self.tr("No-show"), self.on_no_show),
            ("start", "F4", self.tr("Start"), self.on_start),
            ("finish", "F5", self.tr("Finish"), self.on_finish),
            ("transfer", "F6", self.tr("Transfer"), self.on_transfer),
            ("pause", "F7", self.tr("Pause"), self.on_pause_resume),
            ("call_chosen", "F8", self.tr("Call selected"), self.on_call_chosen),
        ])
        self.keys = self.keypad.keys
        self.outcome, self.transfer_to, self.pause_reason = (self.keypad.outcome, self.keypad.transfer_to,
                                                             self.keypad.pause_reason)
        left.addWidget(self.keypad)
        self.bar = MessageBar()
        left.addWidget(self.bar)

        right_card, right = card(margins=12, spacing=6)
        self.waiting_title = label(self.tr("Waiting for this window"), "section")
        right.addWidget(self.waiting_title)
        right.addWidget(label(self.tr("In the order F1 calls them"), "muted"))
        self.waiting = WaitingList([self.tr("Number"), self.tr("Service"), self.tr("Priority"), self.tr("Need"),
                                    self.tr("Waited")])
        right.addWidget(self.waiting, 1)
        self.need_note = SideNote("", self.tr("Show need note"), "showWaitingNeed")
        self.need_note.button.clicked.connect(self.on_show_waiting_need)
        right.addWidget(self.need_note)
        right.addWidget(label(self.tr("No-shows at this window"), "section"))
        self.no_show_row = SideNote("", self.tr("Back in queue"), "requeue")
        self.no_show_box = QComboBox()
        self.no_show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.no_show_box.setMinimumContentsLength(4)
        self.no_show_row.layout().insertWidget(1, self.no_show_box, 1)
        self.no_show_row.button.clicked.connect(self.on_requeue)
        right.addWidget(self.no_show_row)
        right.addWidget(label(self.tr("Today at this window"), "section"))
        self.figures = label("", "muted", wrap=True)
        self.figures.setStyleSheet("font-size:16px;")
        right.addWidget(self.figures)
        body.addWidget(right_card, 2)
        self.status_line = status_line(self.ctx)
        root.addWidget(self.status_line)

        self.window_box.currentIndexChanged.connect(self._window_chosen)
        self.open_button.clicked.connect(self.on_open_close)
        self.waiting.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def _scale(self) -> None:
        self.current.scale(max(0.5, min(1.0, self.height() / 1000, self.width() / 1500)))

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt override)
        # The layout sets the window's minimum before the first resizeEvent: the
        # number sized for a 1080-line screen held a 768-line window 843 px high.
        if visible:
            self._scale()
        super().setVisible(visible)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._scale()
        super().resizeEvent(event)

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
        targets = [(f"{sq.service.code} {service_name(sq.service)}", f"service:{sq.service.code}")
                   for sq in status.services if sq.service.active]
        targets += [(self.tr("Window %1").replace("%1", str(w.number)), f"window:{w.number}") for w in status.windows]
        self.keypad.set_transfer_targets(targets)
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
        self._forget_close()
        if self.held is not None and self.held != self._number:
            self.leave(self.held, "teller_moved")
        self.refresh()

    def _load(self) -> Any:
        number, epoch = self._number, self._held_epoch  # read before the rows: a later change makes them stale
        if number is None:
            return None
        now = self.ctx.action_time()
        return (number, epoch, q.queue_status(self.ctx.db, now=now), window_lineup(self.ctx.db, window=number, now=now),
                window_day_figures(self.ctx.db, window=number, now=now),
                window_no_shows(self.ctx.db, window=number, now=now))

    def _apply(self, data: Any) -> None:
        if data is None:
            return
        number, epoch, status, lineup, figures, no_shows = data
        if self._gone:
            return
        if number != self._number or epoch != self._held_epoch:
            self.refresh()  # the teller chose another window, or opened or left one, while this was read
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
        cur = wv.current_ticket if wv else None
        self.window_state.setText(window_state_text(state) + (f" · {wv.pause_reason}" if wv and wv.pause_reason else ""))
        self.open_button.setText(self.tr("Close window") if state != "closed" else self.tr("Open window"))
        if (cur.id if cur else None) != self._customer:
            self._customer = cur.id if cur else None
            self.keypad.reset_choices()  # a new customer: no outcome or transfer target carried over
        self.waiting_count = lineup.waiting
        self.current.set_ticket(cur, self._empty_text(state, lineup.waiting))
        self.waiting_title.setText(self.tr("Waiting for this window: %1").replace("%1", str(lineup.waiting)))
        self.waiting.set_tickets(list(lineup.tickets), now, self.tr("%1 min"))
        self._selection_changed()
        self._show_no_shows(no_shows)
        served = self.tr("Served: %1").replace("%1", str(figures.served))
        avg = self.tr("Average service time: %1").replace("%1", minutes_text(figures.average_service_min))
        missed = self.tr("No-shows: %1").replace("%1", str(figures.no_shows))
        self.figures.setText(f"{served} · {avg} · {missed}")
        self._enable_keys(state, cur)

    def _empty_text(self, state: str, waiting: int) -> str:
        """What the empty window says: never "press F1" while F1 cannot call."""
        if state == "closed":
            return self.tr("The window is closed. Open it to call customers.")
        if state == "paused":
            return self.tr("The window is paused. Press F7 to resume.")
        if waiting == 0:
            return self.tr("Nobody is waiting for this window.")
        return self.tr("Press F1 to call the next customer.")

    def _show_no_shows(self, tickets: list[TicketView]) -> None:
        chosen = self.no_show_box.currentData()
        self.no_shows = tickets
        self.no_show_box.blockSignals(True)
        self.no_show_box.clear()
        for t in tickets:
            self.no_show_box.addItem(f"{t.number} · {t.called_at:%H:%M}" if t.called_at else t.number, t.id)
        if chosen is not None and self.no_show_box.findData(chosen) >= 0:
            self.no_show_box.setCurrentIndex(self.no_show_box.findData(chosen))
        self.no_show_box.blockSignals(False)
        self.no_show_row.note.setText(self.tr("None today") if not tickets else "")
        self.no_show_row.note.setVisible(not tickets)
        self.no_show_box.setVisible(bool(tickets))
        self.no_show_row.button.setEnabled(bool(tickets) and not self.in_flight)

    def _selection_changed(self) -> None:
        t = self.waiting.selected()
        if t is None or not t.has_need_note:
            self.need_note.note.setText(self.tr("Select a customer to see what they need.")
                                        if self.waiting.tickets else "")
            self.need_note.button.setEnabled(False)
            return
        opened = self.waiting.opened.get(t.id)
        self.need_note.note.setText(self.tr("%1 needs: %2").replace("%1", t.number)
                                    .replace("%2", opened if opened is not None else "••••••"))
        self.need_note.button.setEnabled(opened is None)

    def _enable_keys(self, state: str, cur: TicketView | None) -> None:
        is_open = state == "open"
        enabled = {
            "next": is_open and cur is None and self.waiting_count > 0,
            "call_chosen": is_open and cur is None and self.waiting_count > 0,
            "recall": cur is not None and cur.status == "called",
            "no_show": cur is not None and cur.status == "called",
            "start": cur is not None and cur.status == "called",
            "finish": cur is not None, "transfer": cur is not None, "pause": state != "closed",
        }
        for name, b in self.keys.items():
            b.setEnabled(enabled[name] and not self.in_flight)
        self.keypad.set_key_text("pause", self.tr("Resume") if state == "paused" else self.tr("Pause"))

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
        error as one sentence; ``then(result)`` runs on success (it may show
        its own message)."""
        if self.in_flight:
            return
        self.in_flight = True
        for b in (*self.keys.values(), self.open_button, self.no_show_row.button):
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
        self.no_show_row.button.setEnabled(bool(self.no_shows))
        self.action_done.emit(error)
