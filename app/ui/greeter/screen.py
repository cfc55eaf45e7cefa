"""The greeter's screen: choose a service, optional details, Issue ticket.

The ticket is committed first (a fast local write) and shown at once; it is
then handed to the printer in a worker thread. A print failure leaves a valid
ticket and offers Reprint. Cancel is a write too (a busy SQLite file waits up
to its 30 s busy timeout), so it also runs in a worker thread with Reprint and
Cancel disabled meanwhile, as on the teller's window. Cancel asks once; a
no-show in the list can be put back in the queue. In quick mode one tap on a
service issues its ticket.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QPushButton, QSizePolicy, QStackedWidget, QTabWidget, QVBoxLayout, QWidget,
)

from app.devices.base import PrinterError
from app.devices.printing import print_ticket_and_record, reprint_ticket, screen_only
from app.errors import AfterHours, DomainError
from app.queue import issue_ticket, queue_status, recent_tickets
from app.queue.snapshot import service_estimates
from app.queue.views import IssuedTicket
from app.staff.roles import Actor
from app.store.errors import StoreError
from app.ui.context import ScreenContext
from app.ui.greeter.form import CustomerForm, ServiceGrid
from app.ui.greeter.list_actions import GreeterListActions
from app.ui.greeter.recent import RecentTickets
from app.ui.greeter.result import TicketResult
from app.ui.messages import MessageBar, describe
from app.ui.status import status_line
from app.ui.tasks import Loader, alive, attempt, in_thread, spawn
from app.ui.theme import STAFF_QSS
from app.ui.widgets import Header, card, label, screen_root
from app.ui.i18n import branch_name, current_language
from app.appointments import CheckIn
from app.notify.subscribe import subscribe
from app.ui.beyond.checkin import CheckInDialog
from app.ui.beyond.upcoming import follow, line

log = logging.getLogger("branchdesk.ui")
EXPECTED = (DomainError, StoreError)
COMPACT_BELOW = 860  # a window shorter than this shows services and today's list on tabs
# Besides the service buttons, showing services above today's list takes the
# header, titles, three rows of the list and the status line (measured: 447 px).
PLAIN_BESIDES_GRID = 470


class GreeterScreen(GreeterListActions, QWidget):
    """Registry entry "greeter": ``GreeterScreen(ctx, actor)``."""

    ticket_issued = Signal(object)  # IssuedTicket
    print_finished = Signal(object, object)  # IssuedTicket, error message or None
    action_done = Signal(object)  # after Cancel: None, or the exception shown (after the list is redrawn)

    def __init__(self, ctx: ScreenContext, actor: Actor) -> None:
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.printer = ctx.devices.get("printer")
        self.setWindowTitle(self.tr("BranchDesk - Greeter"))
        self.setStyleSheet(STAFF_QSS)
        self._in_flight = False
        self.cancel_in_flight = False  # a Cancel is running in a worker thread
        self._issued: dict[int, IssuedTicket] = {}
        self._after_hours_ok: str | None = None  # the service whose after-hours ticket the greeter confirmed
        self._no_window_ok: str | None = None  # the service with no open window the greeter confirmed
        self._cancelling: int | None = None  # the ticket whose Cancel waits for a second press
        self._build()
        self.refresh = Loader(self._load, self._apply, self.bar.show_error, self)
        ctx.bridge.queue_changed.connect(self.refresh.trigger)
        ctx.bridge.catalogue_changed.connect(self.refresh.trigger)
        ctx.bridge.connection_lost.connect(self.bar.show_error)
        ctx.bridge.connection_restored.connect(self._connection_restored)
        self.refresh()
        problems = ctx.devices.get("problems") or []
        if problems:  # a malformed printer setting, said once at start
            self.bar.show_message(" ".join(str(p) for p in problems), "warning")
        if screen_only(self.printer):  # said before the first customer, and after each ticket
            self.result.set_print_state("screen_only")

    def _build(self) -> None:
        root = screen_root(self)
        branch = branch_name(self.ctx.settings)
        root.addWidget(Header(self.tr("Greeter"), branch, self.actor.username, self.ctx.now))
        body = QHBoxLayout()
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(14)
        root.addLayout(body, 1)

        left_card, left = card(margins=14, spacing=8)
        self.services_page = QWidget()
        sp = QVBoxLayout(self.services_page)
        sp.setContentsMargins(0, 0, 0, 0)
        sp.setSpacing(8)
        title = QHBoxLayout()
        self.services_title = label(self.tr("Choose a service"), "section")
        title.addWidget(self.services_title)
        title.addStretch(1)
        self.quick = QCheckBox(self.tr("One tap issues"))
        self.quick.setObjectName("quickIssue")
        self.quick.setToolTip(self.tr("Quick mode: a tap on a service issues its ticket at once, with the "
                                      "priority and details chosen on the right."))
        # Check-in sits with the services (another way to a ticket), so the
        # issuing column keeps room for the whole form on a 768-line screen.
        self.checkin = QPushButton(self.tr("Appointment check-in  (F6)"))
        self.checkin.setObjectName("checkin")
        self.checkin.setStyleSheet("padding: 6px 14px;")
        title.addWidget(self.checkin)
        title.addSpacing(12)
        title.addWidget(self.quick)
        sp.addLayout(title)
        sp.addWidget(label(self.tr("Alt+letter chooses a service · Enter issues the ticket"), "muted", wrap=True))
        self.services = ServiceGrid()
        self.services.installEventFilter(self)
        sp.addWidget(self.services)
        self.appointments = label("", "muted")  # today's coming appointments, no names (issue 16)
        self.appointments.setWordWrap(True)
        sp.addWidget(self.appointments)
        sp.addStretch(1)
        self.list_page = QWidget()
        lp = QVBoxLayout(self.list_page)
        lp.setContentsMargins(0, 0, 0, 0)
        self.list_title = label(self.tr("Issued today"), "section")
        lp.addWidget(self.list_title)
        self.recent = RecentTickets()
        lp.addWidget(self.recent, 1)
        # Tall windows show the services above today's list; short ones (a
        # 768-line screen) one or the other on a tab, so neither is cut.
        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("greeterTabs")
        self.left_plain = QWidget()
        # Its height never holds the window up: a window too short for it goes compact (resizeEvent).
        self.left_plain.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        pl = QVBoxLayout(self.left_plain)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(8)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.left_plain)
        self.left_stack.addWidget(self.left_tabs)
        left.addWidget(self.left_stack)
        self.compact: bool | None = None
        self._arrange(False)
        body.addWidget(left_card, 3)

        form_card, flay = card(margins=12, spacing=6)
        flay.addWidget(label(self.tr("Customer (optional)"), "section"))
        self.form = CustomerForm()
        flay.addWidget(self.form)
        self.issue = QPushButton(self.tr("Issue ticket  (Enter)"))
        self.issue.setObjectName("primary")
        self.issue.setStyleSheet("font-size:24px; min-height: 40px;")  # 56 px with its padding
        flay.addWidget(self.issue)
        self.result = TicketResult()
        flay.addWidget(self.result, 1)
        self.bar = MessageBar()
        flay.addWidget(self.bar)
        body.addWidget(form_card, 2)
        self.status_line = status_line(self.ctx)
        root.addWidget(self.status_line)

        self.issue.clicked.connect(self.on_issue)
        self.checkin.clicked.connect(self.on_checkin)
        QShortcut(QKeySequence("F6"), self, activated=self.on_checkin,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.form.notify.setVisible(str(self.ctx.setting("notify.gateway", "none")) != "none")
        self.upcoming = follow(self.ctx, self.appointments, lambda rows: line(rows, current_language()))
        self.services.selected.connect(lambda _code: self.bar.clear_message())
        self.services.selected.connect(lambda _code: self.show_services())
        self.services.tapped.connect(self._tapped)
        self.result.reprint_requested.connect(self.on_reprint_issued)
        self.recent.reprint_requested.connect(self.on_reprint)
        self.recent.cancel_requested.connect(self.on_cancel)
        self.recent.requeue_requested.connect(self.on_requeue)
        self._enter_keys = [QShortcut(QKeySequence(key), self, activated=self.on_issue,
                                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                            for key in ("Return", "Enter")]

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.result.scale(max(0.55, min(1.0, self.height() / 1000)))
        self._rearrange()
        super().resizeEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.services and event.type() == QEvent.Type.Resize:
            self._rearrange()  # the buttons' columns are known only once the grid has its width
        return super().eventFilter(watched, event)

    def _rearrange(self) -> None:
        # A narrow window has fewer columns of services, so more rows: tabs sooner.
        grid = self.services.heightForWidth(max(1, self.services.width()))
        self._arrange(self.height() < max(COMPACT_BELOW, PLAIN_BESIDES_GRID + grid))

    def _arrange(self, compact: bool) -> None:
        """Services above today's list, or (compact) each on a tab of its own."""
        if compact == self.compact:
            return
        self.compact = compact
        plain = self.left_plain.layout()
        if compact:
            plain.removeWidget(self.services_page)
            plain.removeWidget(self.list_page)
            self.left_tabs.addTab(self.services_page, self.tr("Choose a service"))
            self.left_tabs.addTab(self.list_page, self.tr("Issued today"))
            self.left_stack.setCurrentWidget(self.left_tabs)
        else:
            while self.left_tabs.count():
                self.left_tabs.removeTab(0)
            plain.addWidget(self.services_page, 0)
            plain.addWidget(self.list_page, 1)
            self.services_page.show()
            self.list_page.show()
            self.left_stack.setCurrentWidget(self.left_plain)
        self.list_title.setVisible(not compact)  # the tab says it
        self.services_title.setVisible(not compact)

    def show_services(self) -> None:
        """Back to the services (a compact window after acting on the list)."""
        if self.compact:
            self.left_tabs.setCurrentWidget(self.services_page)

    def _tapped(self, code: str) -> None:
        if self.quick.isChecked():
            self.on_issue()

    def _connection_restored(self) -> None:
        self.bar.show_message(self.tr("Database connection restored."), "ok")
        self.refresh()

    # -- reading the store (worker thread), showing it (GUI thread) ----------
    def _load(self) -> tuple:
        now = self.ctx.action_time()
        return (queue_status(self.ctx.db, now=now), recent_tickets(self.ctx.db, now=now, limit=12),
                service_estimates(self.ctx.db, now))

    def _apply(self, data: tuple) -> None:
        status, tickets, estimates = data
        self.services.set_queues(list(status.services), estimates)
        self.recent.set_tickets(tickets)

    # -- issuing -----------------------------------------------------------
    def on_issue(self) -> None:
        """Issue in a worker thread (a durable write can take tens of ms);
        the button stays disabled meanwhile, so a double tap gives one ticket."""
        if self._in_flight:
            return
        code = self.services.current()
        if code is None:
            self.bar.show_message(self.tr("Choose a service first."), "warning", seconds=4)
            return
        if not self.form.check():
            self.bar.show_message(self.tr("Please correct the marked fields; nothing was issued."), "warning")
            return
        button = self.services.buttons.get(code)
        if button is not None and button.no_window and self._no_window_ok != code:
            self._no_window_ok = code  # asked once: the next tap issues it
            self.bar.show_message(self.tr("No window serves this now. Press Issue ticket again to give the "
                                          "customer a ticket anyway; it prints no waiting time."), "warning")
            return
        self._no_window_ok = None
        self._in_flight = True
        self.issue.setEnabled(False)
        priority, note = self.form.priority()
        request = dict(
            service=code, priority=priority, priority_note=note, customer_name=self.form.name.text(),
            customer_phone=self.form.phone_value(), need_note=self.form.need.text(),
            after_hours_ok=self._after_hours_ok == code, actor=self.actor, now=self.ctx.action_time(),
        )
        self._after_hours_ok = None
        notify = not self.form.notify.isHidden() and self.form.notify.isChecked()
        spawn(self._issue({**request, "notify": notify}))

    async def _issue(self, request: dict) -> None:
        try:
            issued = await in_thread(issue_ticket, self.ctx.db,
                                     **{k: v for k, v in request.items() if k != "notify"})
        except AfterHours as exc:  # one more tap on Issue confirms it
            self._after_hours_ok = request["service"]
            self.bar.show_message(
                self.tr("It is past %1. Press Issue ticket again to give this customer a ticket for today.")
                .replace("%1", str(exc.params.get("limit", ""))), "warning")
            self._release()
            return
        except EXPECTED as exc:
            self.bar.show_error(exc)
            self._release()
            return
        self._issued[issued.ticket.id] = issued
        self.result.show_ticket(issued)
        self.bar.clear_message()
        if request.get("notify") and request["customer_phone"]:
            spawn(self._subscribe(issued, request["customer_phone"]))
        self.form.clear()
        self.services.select(None)
        self.ticket_issued.emit(issued)
        self.refresh()
        self._start_print(issued)
        # Guard against a double tap; a stuck printer must not block the next customer.
        QTimer.singleShot(700, self._release)

    async def _subscribe(self, issued: IssuedTicket, phone: str) -> None:
        """The customer agreed to messages: record it with the number (sealed) in a worker thread."""
        _, error = await attempt(subscribe, self.ctx.db, issued.ticket.id, phone=phone, consent=True,
                                 language=current_language() if current_language() == "en" else "zh_CN",
                                 via="greeter", actor=self.actor, now=self.ctx.action_time())
        if error is not None and alive(self):
            self.bar.show_message(self.tr("Ticket %1 is valid, but its text messages could not be set up: %2")
                                  .replace("%1", issued.ticket.number).replace("%2", describe(error)), "warning")

    # -- appointments (issue 16) ---------------------------------------------
    def on_checkin(self) -> None:
        # Not a child of this screen: its Enter key (a scanner's too) must not reach Issue ticket's shortcut.
        dialog = CheckInDialog(self.ctx, self.actor)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setStyleSheet(STAFF_QSS)
        dialog.checked_in.connect(self._checked_in)
        for sc in self._enter_keys:  # while it is open, Enter belongs to it (a scanner ends with Enter)
            sc.setEnabled(False)
        dialog.finished.connect(lambda _code: [sc.setEnabled(True) for sc in self._enter_keys])
        dialog.show()
        dialog.activateWindow()
        dialog.reference.setFocus()  # ready for the scanner
        self.checkin_dialog = dialog

    def _checked_in(self, result: CheckIn) -> None:
        issued = result.issued
        self._issued[issued.ticket.id] = issued
        self.result.show_ticket(issued)
        reason = result.reason_en if current_language() == "en" else result.reason_zh
        if reason:
            self.bar.show_message(reason, "warning")
        else:
            self.bar.show_message(self.tr("Appointment %1 checked in: ticket %2.")
                                  .replace("%1", result.appointment.reference)
                                  .replace("%2", issued.ticket.number), "ok")
        self.ticket_issued.emit(issued)
        self.refresh()
        self._start_print(issued)

    def _release(self) -> None:
        self._in_flight = False
        self.issue.setEnabled(True)

    def _start_print(self, issued: IssuedTicket, *, again: bool = False) -> None:
        if screen_only(self.printer):
            self.result.set_print_state("screen_only")
            if again:  # nothing to print on, nothing new to record
                self.print_finished.emit(issued, None)
                return
        else:
            self.result.set_print_state("printing", number=issued.ticket.number)
        spawn(self._print(issued, again))

    async def _print(self, issued: IssuedTicket, again: bool) -> None:
        """Print in a worker thread; the devices layer records printed,
        simulated, screen_only or failed."""
        error: str | None = None
        state = "printed"
        try:
            if again:
                result = await in_thread(reprint_ticket, self.printer, self.ctx.db, issued.ticket.id,
                                         self.ctx.settings, actor=self.actor, now=self.ctx.action_time())
            else:
                result = await in_thread(print_ticket_and_record, self.printer, self.ctx.db, issued,
                                         self.ctx.settings, actor=self.actor, now=self.ctx.action_time())
            state = result.state
        except (PrinterError, DomainError, StoreError) as exc:
            error = describe(exc)
        except Exception as exc:  # a driver bug must not take the greeter down
            log.exception("printing failed unexpectedly")
            error = describe(PrinterError(str(exc)))
        if error:
            self.bar.show_message(
                error + " " + self.tr("Ticket %1 is valid; press Reprint.").replace("%1", issued.ticket.number),
                "error")
        self.result.set_print_state("failed" if error else state, number=issued.ticket.number,
                                    folder=str(getattr(self.printer, "folder", "") or ""))
        self.refresh()
        self.print_finished.emit(issued, error)

    def on_reprint_issued(self) -> None:
        if self.result.issued is not None:
            self._start_print(self.result.issued, again=True)
