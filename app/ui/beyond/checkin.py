"""The greeter's appointment check-in: find today's booking by its reference
(typed, or scanned from its QR code: a scanner types it and Enter), or by the
phone's last four digits and the name's first character; then check it in,
which issues its ticket (an appointment ticket inside the window, a normal
one outside it, with the reason shown)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app.appointments import AppointmentView, check_in, find_for_checkin
from app.appointments.errors import AppointmentError, SlotFull, UnknownAppointment
from app.errors import InvalidInput
from app.ui.context import ScreenContext
from app.ui.messages import MessageBar, describe
from app.ui.tasks import alive, attempt, spawn


class CheckInDialog(QDialog):
    """``CheckInDialog(ctx, actor, parent)``; emits ``checked_in(CheckIn)`` and closes."""

    checked_in = Signal(object)

    def __init__(self, ctx: ScreenContext, actor, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("Appointment check-in"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.reference = QLineEdit(placeholderText=self.tr("Booking reference, or scan its QR code"))
        self.last4 = QLineEdit(placeholderText=self.tr("Last 4 digits of the phone"), maxLength=4)
        self.initial = QLineEdit(placeholderText=self.tr("First character of the name"), maxLength=1)
        for w in (self.reference, self.last4, self.initial):
            w.setMinimumHeight(44)
        lay.addWidget(QLabel(self.tr("Find today's appointment")))
        lay.addWidget(self.reference)
        row = QHBoxLayout()
        row.addWidget(self.last4, 2)
        row.addWidget(self.initial, 1)
        self.find_button = QPushButton(self.tr("Find"))
        row.addWidget(self.find_button)
        lay.addLayout(row)
        self.matches = QListWidget()
        self.matches.setMinimumHeight(160)
        self.matches.setStyleSheet("QListWidget { font-size:18px; } QListWidget::item { padding:10px 6px; }")
        lay.addWidget(self.matches, 1)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check in and issue the ticket"))
        self.check_button.setObjectName("primary")
        self.check_button.setMinimumHeight(56)
        self.check_button.setEnabled(False)
        cancel = QPushButton(self.tr("Close"))
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        lay.addLayout(buttons)
        for b in (self.find_button, self.check_button, cancel):  # Enter (a scanner's too) means Find, never Close
            b.setAutoDefault(False)
        self.find_button.clicked.connect(self.on_find)
        self.reference.returnPressed.connect(self.on_find)
        self.initial.returnPressed.connect(self.on_find)
        self.check_button.clicked.connect(self.on_check_in)
        self.matches.itemDoubleClicked.connect(lambda _item: self.on_check_in())
        self.matches.currentRowChanged.connect(lambda row: self.check_button.setEnabled(row >= 0))
        cancel.clicked.connect(self.reject)
        self.busy = False

    def _error(self, exc: BaseException) -> None:
        texts = {
            SlotFull: self.tr("That slot is full."),
            UnknownAppointment: self.tr("No such appointment, or it was cancelled."),
        }
        text = next((t for kind, t in texts.items() if isinstance(exc, kind)), None)
        if isinstance(exc, InvalidInput) and exc.params.get("field") == "checkin":
            text = self.tr("Give the booking reference, or the last four digits of the phone and the first "
                           "character of the name.")
        if text is None and isinstance(exc, AppointmentError):
            text = self.tr("This appointment cannot be checked in: %1").replace("%1", str(exc))
        self.bar.show_message(text or describe(exc), "error")

    def on_find(self) -> None:
        if self.busy:
            return
        ref = self.reference.text().strip()
        args = {"reference": ref} if ref else {"last4": self.last4.text().strip(), "initial": self.initial.text()}
        self.busy = True
        spawn(self._find(args))

    async def _find(self, args: dict) -> None:
        found, error = await attempt(find_for_checkin, self.ctx.db, now=self.ctx.action_time(), **args)
        if not alive(self):
            return
        self.busy = False
        self.matches.clear()
        if error is not None:
            self._error(error)
            return
        if not found:
            self.bar.show_message(self.tr("No appointment today matches."), "warning")
            return
        self.bar.clear_message()
        for a in found:
            item = QListWidgetItem(self._describe(a))
            item.setData(Qt.ItemDataRole.UserRole, a.reference)
            if a.status == "checked_in":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.matches.addItem(item)
        first = next((i for i, a in enumerate(found) if a.status != "checked_in"), -1)
        self.matches.setCurrentRow(first)

    def _describe(self, a: AppointmentView) -> str:
        status = {"booked": self.tr("booked"), "no_show": self.tr("window passed"),
                  "checked_in": self.tr("checked in (ticket %1)").replace("%1", a.ticket_number or "")}
        who = " ".join(x for x in (a.customer_name_masked, a.customer_phone_masked) if x)
        return f"{a.slot_at:%H:%M}  {a.service_code}  {who}  {a.reference}  · {status.get(a.status, a.status)}"

    def on_check_in(self) -> None:
        item = self.matches.currentItem()
        if item is None or self.busy:
            return
        self.busy = True
        self.check_button.setEnabled(False)
        how = "reference" if self.reference.text().strip() else "phone"
        spawn(self._check_in(item.data(Qt.ItemDataRole.UserRole), how))

    async def _check_in(self, reference: str, how: str) -> None:
        result, error = await attempt(check_in, self.ctx.db, reference, actor=self.actor,
                                      now=self.ctx.action_time(), how_found=how)
        if not alive(self):
            return
        self.busy = False
        if error is not None:
            self.check_button.setEnabled(True)
            self._error(error)
            return
        self.checked_in.emit(result)
        self.accept()
