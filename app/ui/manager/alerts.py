"""The manager screen's alerts: the open ones in a list (acknowledge, or take a
complaint for a low rating in one click), and a sound and a desktop
notification for each new one.

The list is read off the GUI thread whenever the change feed brings an
alert event (AlertRaised, AlertAcknowledged, AlertCleared), so a new alert is
on the screen within a feed poll or two of being raised. A new alert also
plays the alert sound (setting ``alerts.sound``; silence with a log line when
the PC has no sound device) and shows a notification: in the system tray
where the desktop has one, else a small always-on-top note in the corner of
the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.alerts.service import AlertBoard, AlertView
from app.alerts.texts import alert_text, rule_name
from app.ui.i18n import current_language
from app.ui.tasks import alive
from app.ui.theme import NAVY, RED
from app.ui.widgets import card, label

log = logging.getLogger("branchdesk.alerts")
TOAST_MS = 12_000


class AlertPanel(QFrame):
    """The open alerts, unacknowledged first. Emits what the manager asks for."""

    acknowledge_requested = Signal(int)  # the alert's id
    complaint_requested = Signal(object)  # the AlertView of a low rating

    def __init__(self) -> None:
        super().__init__()
        self.board = AlertBoard()
        frame, lay = card(margins=12, spacing=6)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        head = QHBoxLayout()
        self.title = label(self.tr("Alerts"), "section")
        self.count = label("", "muted")
        head.addWidget(self.title)
        head.addWidget(self.count)
        head.addStretch(1)
        lay.addLayout(head)
        self.empty = label(self.tr("No open alerts."), "muted")
        lay.addWidget(self.empty)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Raised"), self.tr("Alert"), self.tr("What"),
                                              self.tr("Seen"), ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        head_view = self.table.horizontalHeader()
        head_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3, 4):
            head_view.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(190)
        self.table.setStyleSheet("QPushButton { padding: 2px 10px; font-size: 14px; min-height: 20px; }")
        lay.addWidget(self.table)
        self.show_board(self.board)

    def show_board(self, board: AlertBoard) -> None:
        self.board = board
        lang = current_language()
        alerts = board.open
        self.empty.setVisible(not alerts)
        self.table.setVisible(bool(alerts))
        new = board.unacknowledged
        self.count.setText(self.tr("%1 open, %2 not yet seen").replace("%1", str(len(alerts)))
                           .replace("%2", str(new)) if alerts else "")
        self.count.setStyleSheet(f"color: {RED}; font-weight: 600;" if new else "")
        self.table.setRowCount(len(alerts))
        for row, a in enumerate(alerts):
            seen = (self.tr("%1 at %2").replace("%1", a.acknowledged_by or "-")
                    .replace("%2", a.acknowledged_at.strftime("%H:%M")) if a.acknowledged_at else self.tr("New"))
            cells = (a.raised_at.strftime("%H:%M"), rule_name(a.rule, lang), alert_text(a, lang), seen)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if a.acknowledged_at is None and col in (1, 2, 3):
                    item.setForeground(QColor(RED))
                self.table.setItem(row, col, item)
            self.table.setCellWidget(row, 4, self._actions(a))
        self.table.resizeRowsToContents()

    def _actions(self, a: AlertView) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(2, 0, 2, 0)
        if a.acknowledged_at is None:
            ack = QPushButton(self.tr("Acknowledge"))
            ack.clicked.connect(lambda _=False, i=a.id: self.acknowledge_requested.emit(i))
            lay.addWidget(ack)
        if a.rule == "low_rating" and a.ticket_number:
            take = QPushButton(self.tr("Take complaint..."))
            take.clicked.connect(lambda _=False, v=a: self.complaint_requested.emit(v))
            lay.addWidget(take)
        return box

    # -- for tests and tools: what a person sees --------------------------------
    def row_texts(self) -> list[tuple[str, ...]]:
        return [tuple((self.table.item(r, c).text() if self.table.item(r, c) else "") for c in range(4))
                for r in range(self.table.rowCount())]

    def button(self, row: int, text: str) -> QPushButton | None:
        box = self.table.cellWidget(row, 4)
        return next((b for b in box.findChildren(QPushButton) if b.text() == text), None) if box else None


class DesktopNote(QFrame):
    """A small always-on-top note in the corner of the screen (where no tray exists)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # A window of its own, but owned by the screen: it goes when the screen goes.
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("desktopNote")
        self.setStyleSheet(f"QFrame#desktopNote {{ background: {NAVY}; border: 2px solid {RED}; "
                           "border-radius: 10px; } QLabel { color: white; font-size: 15px; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 700; font-size: 16px;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setMaximumWidth(420)
        lay.addWidget(self.heading)
        lay.addWidget(self.body)
        self._timer = QTimer(self, singleShot=True, interval=TOAST_MS, timeout=self.hide)

    def show_note(self, heading: str, body: str) -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 16, area.top() + 16)
        self.show()
        self.raise_()
        self._timer.start()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.hide()


class AlertAnnouncer:
    """Sound and desktop notification for alerts the manager has not seen yet."""

    def __init__(self, parent: QWidget, sound: Any = None, enabled: Callable[[], bool] = lambda: True) -> None:
        self.parent, self.enabled = parent, enabled
        self.sound = sound if sound is not None else _clip_output()
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(parent.windowIcon(), parent)
            self.tray.show()
        self.note = DesktopNote(parent)
        self.announced: list[str] = []  # the sentences announced, newest last

    def announce(self, alerts: list[AlertView]) -> None:
        if not alerts:
            return
        lang = current_language()
        lines = [alert_text(a, lang) for a in alerts]
        self.announced += lines
        heading = _heading(len(alerts))
        body = "\n".join(lines[:4]) + ("\n…" if len(lines) > 4 else "")
        if self.tray is not None:
            self.tray.showMessage(heading, body, QSystemTrayIcon.MessageIcon.Warning, TOAST_MS)
        elif alive(self.note):
            self.note.show_note(heading, body)
        if self.enabled() and self.sound is not None:
            from app.ui.lobby.speech import Utterance

            try:
                self.sound.play(Utterance("chime", clips=("alert",)), lambda: None)
            except Exception:  # a sound device fault must never hide the alert
                log.exception("alert sound failed")

    def close(self) -> None:
        self.note.hide()
        self.note.deleteLater()
        if self.tray is not None:
            self.tray.hide()


def _heading(n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    if n == 1:
        return QCoreApplication.translate("AlertPanel", "BranchDesk: a new alert")
    return QCoreApplication.translate("AlertPanel", "BranchDesk: %1 new alerts").replace("%1", str(n))


def _clip_output() -> Any:
    from app.ui.lobby.announcer import ClipOutput

    return ClipOutput()


class ComplaintDialog(QDialog):
    """The complaint intake form, filled in from a low rating: kind complaint,
    at the counter, the ticket, its window; the officer adds the customer's
    contact and words."""

    def __init__(self, ctx: Any, actor: Any, alert: AlertView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.ui.complaints.form import IntakeForm

        self.setWindowTitle(self.tr("Complaint for ticket %1").replace("%1", alert.ticket_number or ""))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.form = IntakeForm(ctx, actor, ctx.now, self)
        lay.addWidget(self.form)
        self.form.kind.setCurrentIndex(max(0, self.form.kind.findData("complaint")))
        self.form.channel.setCurrentIndex(max(0, self.form.channel.findData("counter")))
        self.form.ticket.setText(alert.ticket_number or "")
        if alert.window_number is not None:
            self.form.window.setValue(alert.window_number)
        self.form.submitted.connect(lambda _case: self.accept())
        self.form.cancelled.connect(self.reject)
        self.resize(760, 720)


class AlertsSection(QObject):
    """The manager screen's alerts, wired: the panel, its loader on the change
    feed, the announcer, and the acknowledge and complaint actions."""

    def __init__(self, ctx: Any, actor: Any, bar: Any, parent: QWidget) -> None:
        from app.alerts.service import alert_board
        from app.events import ALERT_EVENTS
        from app.ui.tasks import Loader

        super().__init__(parent)
        self.ctx, self.actor, self.bar, self.screen = ctx, actor, bar, parent
        self.panel = AlertPanel()
        self.announcer = AlertAnnouncer(parent, ctx.extras.get("alert_sound"),
                                        enabled=lambda: bool(ctx.setting("alerts.sound", True)))
        self.seen: set[int] | None = None  # alert ids already on screen (None: before the first load)
        self.loader = Loader(lambda: alert_board(ctx.db), self._show, self._failed, self)
        self.panel.acknowledge_requested.connect(self.acknowledge)
        self.panel.complaint_requested.connect(self.take_complaint)
        events = ALERT_EVENTS
        ctx.bridge.event_received.connect(lambda ev: self.loader.trigger() if ev.type in events else None)
        ctx.bridge.connection_restored.connect(self.loader.trigger)
        # The alert check itself runs in every process (app/ui/app.py); a bare screen gets its own.
        self.watcher = ctx.extras.get("alerts")
        self.own_watcher = self.watcher is None
        if self.own_watcher:
            from app.ui.alerts import AlertWatcher, printer_state

            status = ctx.extras.get("status")
            self.watcher = AlertWatcher(ctx.db, ctx.action_time, bridge=ctx.bridge,
                                        printer=lambda: printer_state(ctx.app, status), parent=self)
            self.watcher.start()
        self.loader.trigger()

    def _show(self, board: AlertBoard) -> None:
        fresh = [a for a in board.open if a.acknowledged_at is None and self.seen is not None
                 and a.id not in self.seen]
        self.seen = (self.seen or set()) | {a.id for a in board.open}
        self.panel.show_board(board)
        self.announcer.announce(fresh)

    def _failed(self, exc: BaseException) -> None:
        from app.ui.messages import describe

        self.bar.show_message(describe(exc), "error")

    def acknowledge(self, alert_id: int) -> None:
        from app.alerts.service import acknowledge_alert
        from app.ui.tasks import run

        db, actor, now = self.ctx.db, self.actor, self.ctx.action_time()
        run(lambda: acknowledge_alert(db, alert_id, actor=actor, now=now), lambda _v: self.loader.trigger(),
            self._failed, owner=self)

    def take_complaint(self, alert: AlertView) -> None:
        self.dialog = ComplaintDialog(self.ctx, self.actor, alert, self.screen)
        self.dialog.show()

    def stop(self) -> None:
        if self.own_watcher and self.watcher is not None:
            self.watcher.stop()
        self.announcer.close()
