"""The manager's appointment book: a day's slots per service with the places
left, booking (name and phone optional, sealed like a ticket's), the day's
appointments (masked) with Cancel, and importing the booking system's file;
and the message to everyone waiting. Every read and write runs in a worker
thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.appointments import (
    book_appointment,
    cancel_appointment,
    import_appointments,
    list_appointments,
    parse_file,
    slot_table,
)
from app.notify.outbox import broadcast
from app.queue import list_services
from app.ui.context import ScreenContext
from app.ui.messages import MessageBar
from app.ui.tasks import Loader, alive, attempt, spawn
from app.ui.widgets import card, label

COLUMNS = 6


class AppointmentBook(QDialog):
    """``AppointmentBook(ctx, actor, parent)``: book, list, cancel and import appointments."""

    def __init__(self, ctx: ScreenContext, actor, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("Appointments"))
        self.resize(880, 620)
        lay = QVBoxLayout(self)
        form = QGridLayout()
        self.day = QDateEdit(QDate.fromString(ctx.now().date().isoformat(), "yyyy-MM-dd"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.service = QComboBox()
        self.slot = QComboBox()
        self.name = QLineEdit(placeholderText=self.tr("Customer name (optional)"), maxLength=50)
        self.phone = QLineEdit(placeholderText=self.tr("Phone (optional)"), maxLength=20)
        self.reference = QLineEdit(placeholderText=self.tr("Booking reference (optional)"), maxLength=40)
        self.book_button = QPushButton(self.tr("Book"))
        self.book_button.setObjectName("primary")
        for row, (text, widget) in enumerate(((self.tr("Day"), self.day), (self.tr("Service"), self.service),
                                              (self.tr("Slot"), self.slot))):
            form.addWidget(QLabel(text), row, 0)
            form.addWidget(widget, row, 1)
        form.addWidget(self.name, 0, 2)
        form.addWidget(self.phone, 1, 2)
        form.addWidget(self.reference, 2, 2)
        form.addWidget(self.book_button, 2, 3)
        for combo in (self.service, self.slot):  # whole names and "14:00  1 of 2 free" without clipping
            combo.setMinimumWidth(300)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 1)
        lay.addLayout(form)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Slot"), self.tr("Service"), self.tr("Customer"),
                                              self.tr("Reference"), self.tr("Status"), self.tr("Ticket")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel the selected appointment"))
        self.import_button = QPushButton(self.tr("Import from the booking system..."))
        close = QPushButton(self.tr("Close"))
        for b in (self.cancel_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.appointments: list = []
        self.load = Loader(self._read, self._show, self.bar.show_error, self)
        self.day.dateChanged.connect(self.load.trigger)
        self.service.currentIndexChanged.connect(self.load.trigger)
        self.book_button.clicked.connect(self.on_book)
        self.cancel_button.clicked.connect(self.on_cancel)
        self.import_button.clicked.connect(self.on_import)
        close.clicked.connect(self.accept)
        self.load()

    def chosen_day(self) -> dt.date:
        return dt.date.fromisoformat(self.day.date().toString("yyyy-MM-dd"))

    def _read(self) -> tuple:
        services = [s for s in list_services(self.ctx.db) if s.active]
        code = self.service.currentData() or (services[0].code if services else None)
        slots = slot_table(self.ctx.db, day=self.chosen_day(), service=code) if code else []
        return services, code, slots, list_appointments(self.ctx.db, day=self.chosen_day())

    def _show(self, data: tuple) -> None:
        services, code, slots, appointments = data
        if self.service.count() != len(services):
            self.service.blockSignals(True)
            self.service.clear()
            for s in services:
                self.service.addItem(f"{s.code}  {s.name_zh} {s.name_en}", s.code)
            self.service.setCurrentIndex(max(0, self.service.findData(code)))
            self.service.blockSignals(False)
        chosen = self.slot.currentData()
        self.slot.clear()
        for r in slots:
            self.slot.addItem(self.tr("%1   %2 of %3 free").replace("%1", f"{r.slot_at:%H:%M}")
                              .replace("%2", str(r.free)).replace("%3", str(r.capacity)), r.slot_at.isoformat())
            if not r.free:  # a full slot is shown, not offered
                self.slot.model().item(self.slot.count() - 1).setEnabled(False)
        if chosen is not None and (i := self.slot.findData(chosen)) >= 0:
            self.slot.setCurrentIndex(i)
        self.appointments = appointments
        self.table.setRowCount(len(appointments))
        for row, a in enumerate(appointments):
            who = " ".join(x for x in (a.customer_name_masked, a.customer_phone_masked) if x)
            for col, value in enumerate((f"{a.slot_at:%H:%M}", a.service_code, who, a.reference,
                                         self.status_text(a.status), a.ticket_number or "")):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def status_text(self, status: str) -> str:
        return {"booked": self.tr("booked"), "checked_in": self.tr("checked in"), "no_show": self.tr("no-show"),
                "cancelled": self.tr("cancelled")}.get(status, status)

    def _after(self, error: BaseException | None, ok_text: str) -> None:
        if not alive(self):
            return
        if error is not None:
            self.bar.show_error(error)
        else:
            self.bar.show_message(ok_text, "ok")
        self.load.trigger()

    def on_book(self) -> None:
        slot, code = self.slot.currentData(), self.service.currentData()
        if not slot or code is None:
            self.bar.show_message(self.tr("Choose a service and a free slot."), "warning")
            return
        spawn(self._book(code, dt.datetime.fromisoformat(slot)))

    async def _book(self, code: str, slot: dt.datetime) -> None:
        a, error = await attempt(book_appointment, self.ctx.db, service=code, slot=slot,
                                 name=self.name.text() or None, phone=self.phone.text() or None,
                                 reference=self.reference.text() or None, actor=self.actor,
                                 now=self.ctx.action_time())
        if error is None:
            for w in (self.name, self.phone, self.reference):
                w.clear()
        self._after(error, self.tr("Booked: %1 at %2.").replace("%1", a.reference if a else "")
                    .replace("%2", f"{slot:%H:%M}"))

    def on_cancel(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.appointments):
            self.bar.show_message(self.tr("Select an appointment first."), "warning")
            return
        ref = self.appointments[row].reference
        spawn(self._cancel(ref))

    async def _cancel(self, ref: str) -> None:
        _, error = await attempt(cancel_appointment, self.ctx.db, ref, actor=self.actor, now=self.ctx.action_time())
        self._after(error, self.tr("Appointment %1 cancelled.").replace("%1", ref))

    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import bookings"), "",
                                              self.tr("Bookings (*.csv *.json)"))
        if path:
            spawn(self._import(path))

    async def _import(self, path: str) -> None:
        def run():  # type: ignore[no-untyped-def]
            bookings, problems = parse_file(path)
            return import_appointments(self.ctx.db, bookings, actor=self.actor, now=self.ctx.action_time(),
                                       problems=problems)

        r, error = await attempt(run)
        text = "" if r is None else self.tr("%1 booked, %2 changed, %3 unchanged, %4 refused.") \
            .replace("%1", str(r.created)).replace("%2", str(r.updated)).replace("%3", str(r.unchanged)) \
            .replace("%4", str(r.refused))
        if r is not None and r.problems:
            text += " " + "; ".join(f"{line}: {msg}" for line, msg in r.problems[:3])
        self._after(error, text)


class BroadcastDialog(QDialog):
    """One message to everyone waiting who asked for messages today."""

    def __init__(self, ctx: ScreenContext, actor, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("Message everyone waiting"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Sent by text message to every customer still waiting who asked for "
                                     "messages, in their language.")))
        self.text_zh = QLineEdit(placeholderText=self.tr("Message in Chinese, e.g. 系统故障，请稍候"), maxLength=140)
        self.text_en = QLineEdit(placeholderText=self.tr("Message in English (optional)"), maxLength=300)
        lay.addWidget(self.text_zh)
        lay.addWidget(self.text_en)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        row = QHBoxLayout()
        self.send = QPushButton(self.tr("Send"))
        self.send.setObjectName("primary")
        close = QPushButton(self.tr("Close"))
        row.addWidget(close)
        row.addStretch(1)
        row.addWidget(self.send)
        lay.addLayout(row)
        self.send.clicked.connect(self.on_send)
        close.clicked.connect(self.accept)

    def on_send(self) -> None:
        self.send.setEnabled(False)
        spawn(self._send(self.text_zh.text(), self.text_en.text()))

    async def _send(self, zh: str, en: str) -> None:
        n, error = await attempt(broadcast, self.ctx.db, text_zh=zh, text_en=en or None, actor=self.actor,
                                 now=self.ctx.action_time())
        if not alive(self):
            return
        self.send.setEnabled(True)
        if error is not None:
            self.bar.show_error(error)
        else:
            self.bar.show_message(self.tr("Messages queued: %1.").replace("%1", str(n)), "ok")


def manager_card(ctx: ScreenContext, actor, parent: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    """The manager screen's row for appointments and messages."""
    frame, lay = card(margins=14)
    row = QHBoxLayout()
    row.addWidget(label(QCoreApplication.translate("ManagerExtras", "Appointments and messages"), "section"))
    book = QPushButton(QCoreApplication.translate("ManagerExtras", "Appointments..."))
    send = QPushButton(QCoreApplication.translate("ManagerExtras", "Message everyone waiting..."))
    row.addStretch(1)
    row.addWidget(book)
    row.addWidget(send)
    lay.addLayout(row)
    dialogs: dict[str, QDialog] = {}

    def open_dialog(kind: type[QDialog]) -> None:
        dialog = kind(ctx, actor, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogs[kind.__name__] = dialog
        dialog.open()

    book.clicked.connect(lambda: open_dialog(AppointmentBook))
    send.clicked.connect(lambda: open_dialog(BroadcastDialog))
    frame.dialogs = dialogs  # type: ignore[attr-defined]  (tests reach the open dialogs)
    return frame
