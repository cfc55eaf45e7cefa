"""The intake form: kind, channel, customer and contact, related ticket (of
any day), window/teller, categories, content.

Every field is checked as it is typed (``app.complaints.intake_problems``)
and shows its own refusal inside it or beside its title, all at once; the
contact a complaint needs is marked on the form. Submitting calls
``intake_complaint`` in a worker thread (a busy SQLite file waits up to its
30 s busy timeout), with the submit button disabled until it returns."""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.complaints import intake_complaint, list_categories
from app.complaints.intake import intake_problems
from app.complaints.rules import CHANNELS, KINDS, MAX_CONTENT, MAX_NAME
from app.errors import InvalidInput
from app.queue.checks import customer_problems
from app.ui.complaints.texts import channel_text, kind_text
from app.ui.i18n import current_language
from app.ui.messages import MessageBar
from app.ui.tasks import alive, attempt, spawn
from app.ui.widgets import FlowLayout, InlineError, card, label


class IntakeForm(QWidget):
    """Emits ``submitted(ComplaintSummary)`` once the case is stored, then
    ``action_done`` (None, or the exception shown) once a submit has come back."""

    submitted = Signal(object)
    action_done = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx, actor, now, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.actor, self._now = ctx, actor, now
        self.in_flight = False  # a submit is running in a worker thread
        page, lay = card(margins=14, spacing=8)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        # The fields scroll on a short screen; the message strip and the buttons stay in view.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        outer.addWidget(scroll, 1)
        lay.addWidget(label(self.tr("New case"), "section"))
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(kind_text(k), k)
        self.channel = QComboBox()
        for c in CHANNELS:
            self.channel.addItem(channel_text(c), c)
        self.name = QLineEdit(placeholderText=self.tr("Customer name"))
        self.phone = QLineEdit(placeholderText=self.tr("Mobile or landline"))
        self.email = QLineEdit(placeholderText=self.tr("name@example.com"))
        self.ticket = QLineEdit(placeholderText=self.tr("e.g. A023 (optional)"))
        self.ticket_day = QDateEdit()
        self.ticket_day.setCalendarPopup(True)
        self.ticket_day.setDisplayFormat("yyyy-MM-dd")
        self.ticket_day.setObjectName("ticketDay")
        self.window = QSpinBox(minimum=0, maximum=99, specialValueText=self.tr("None"))
        self.teller = QLineEdit(placeholderText=self.tr("Teller concerned (optional)"))
        self.content = QPlainTextEdit(placeholderText=self.tr("What the customer says, in their words"))
        self.content.setMinimumHeight(90)
        ticket_row = QHBoxLayout()
        ticket_row.addWidget(self.ticket, 2)
        ticket_row.addWidget(QLabel(self.tr("of")))
        ticket_row.addWidget(self.ticket_day, 1)
        # who and how: two columns on a wide form, one above the other on a narrow one
        columns = FlowLayout(spacing=18, min_width=380, max_columns=2)
        left, right = QWidget(), QWidget()
        lf, rf = QFormLayout(left), QFormLayout(right)
        for f in (lf, rf):
            f.setContentsMargins(0, 0, 0, 0)
            f.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.phone_label = QLabel(self.tr("Phone"))
        self.email_label = QLabel(self.tr("Email"))
        for text, widget in ((self.tr("Kind"), self.kind), (self.tr("Channel"), self.channel),
                             (self.tr("Name"), self.name), (self.phone_label, self.phone),
                             (self.email_label, self.email)):
            lf.addRow(text, widget)
        self.contact_note = label("", "muted", wrap=True)
        lf.addRow("", self.contact_note)
        rf.addRow(self.tr("Related ticket"), ticket_row)
        rf.addRow(self.tr("Window"), self.window)
        rf.addRow(self.tr("Teller"), self.teller)
        columns.addWidget(left)
        columns.addWidget(right)
        lay.addLayout(columns)
        lay.addWidget(label(self.tr("Categories"), "section"))
        cats = FlowLayout(spacing=6, min_width=150, max_columns=6)
        self.categories: dict[str, QCheckBox] = {}
        zh = current_language() == "zh_CN"
        for cat in list_categories(ctx.db):
            box = QCheckBox(cat.name_zh if zh else cat.name_en)
            self.categories[cat.code] = box
            cats.addWidget(box)
        lay.addLayout(cats)
        content_title = QHBoxLayout()
        content_title.addWidget(label(self.tr("Content"), "section"))
        self.content_error = label("", "fieldError")
        self.content_error.setStyleSheet("color:#b3261e; font-size:14px;")
        content_title.addWidget(self.content_error, 1)
        lay.addLayout(content_title)
        lay.addWidget(self.content, 1)
        self.errors = {"customer name": InlineError(self.name), "phone": InlineError(self.phone),
                       "email": InlineError(self.email), "teller": InlineError(self.teller)}
        self.bar = MessageBar()
        buttons = QHBoxLayout()  # the message strip beside the buttons: no empty band above them
        self.cancel = QPushButton(self.tr("Cancel"))
        self.submit = QPushButton(self.tr("Record and print receipt"))
        self.submit.setObjectName("primary")
        buttons.addWidget(self.bar, 1)
        buttons.addSpacing(8)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)
        outer.addLayout(buttons)
        self.submit.clicked.connect(self.on_submit)
        self.cancel.clicked.connect(self.cancelled)
        self._touched = False  # the content is checked once typed in or after a first submit
        for w in (self.name, self.phone, self.email, self.teller):
            w.textChanged.connect(lambda _t: self.check(typing=True))
        self.content.textChanged.connect(self._content_typed)
        self.kind.currentIndexChanged.connect(lambda _i: self.check(typing=True))
        self.reset_day()
        self.check(typing=True)

    def reset_day(self) -> None:
        today = self._now().date()
        self.ticket_day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.ticket_day.setDate(QDate(today.year, today.month, today.day))

    def _content_typed(self) -> None:
        self._touched = True
        self.check(typing=True)

    def _texts(self, field: str, english: str) -> str:
        """A field's refusal, short enough to stand inside the field."""
        if field == "phone":
            kind = customer_problems(None, self.phone.text(), None).get("phone", "length")
            return {"characters": self.tr("Digits only"), "mobile": self.tr("Not a mobile number")}.get(
                kind, self.tr("7 to 15 digits"))
        if field == "email":
            return self.tr("Not an email address")
        if field == "customer name":
            return self.tr("At most %1 characters").replace("%1", str(MAX_NAME))
        if field == "teller":
            return self.tr("At most %1 characters").replace("%1", "64")
        if field == "content":
            if "too long" in english:
                return self.tr("At most %1 characters").replace("%1", str(MAX_CONTENT))
            return self.tr("Please write down what the customer says.")
        return english

    def check(self, *, typing: bool = False) -> bool:
        """Mark every field that would be refused, all at once; True when none is."""
        kind = self.kind.currentData()
        found = intake_problems(kind=kind, channel=self.channel.currentData(), content=self.content.toPlainText(),
                                customer_name=self.name.text(), customer_phone=self.phone.text(),
                                customer_email=self.email.text(), teller=self.teller.text())
        if typing and "phone" in found and customer_problems(None, self.phone.text(), None).get("phone") != \
                "characters":
            del found["phone"]  # still being typed: only letters and such are refused at once
        if typing and not self._touched:
            found.pop("content", None)
        for field, err in self.errors.items():
            if field in found:
                err.show_error(self._texts(field, found[field]))
            else:
                err.clear_error()
        self.content_error.setText(self._texts("content", found["content"]) if "content" in found else "")
        needs = kind == "complaint"
        self.phone_label.setText(self.tr("Phone *") if needs else self.tr("Phone"))
        self.email_label.setText(self.tr("Email *") if needs else self.tr("Email"))
        missing = "contact" in found and not typing
        self.contact_note.setText(self.tr("* A complaint needs a phone number or an email address, so the answer "
                                          "can reach the customer.") if needs else "")
        self.contact_note.setStyleSheet("color:#b3261e;" if missing else "")
        return not found

    def on_submit(self) -> None:
        """Store the case in a worker thread; nothing is stored while a field is refused."""
        if self.in_flight:
            return
        self._touched = True
        if not self.check():
            self.bar.show_message(self.tr("Please correct the marked fields; nothing was stored."), "warning")
            self.action_done.emit(InvalidInput("Fields are refused."))
            return
        q = self.ticket_day.date()
        call = functools.partial(
            intake_complaint,
            self.ctx.db, kind=self.kind.currentData(), channel=self.channel.currentData(),
            content=self.content.toPlainText(), customer_name=self.name.text(),
            customer_phone=self.phone.text(), customer_email=self.email.text(),
            categories=[c for c, box in self.categories.items() if box.isChecked()],
            ticket=self.ticket.text().strip() or None, ticket_date=dt.date(q.year(), q.month(), q.day()),
            window_number=self.window.value() or None, teller=self.teller.text(), actor=self.actor, now=self._now(),
        )
        self.in_flight = True
        self.submit.setEnabled(False)
        spawn(self._submit(call))

    async def _submit(self, call) -> None:  # type: ignore[no-untyped-def]
        case, error = await attempt(call)
        if not alive(self):  # the window was closed meanwhile
            return
        self.in_flight = False
        self.submit.setEnabled(True)
        if error is not None:
            self.bar.show_error(error)
        else:
            self.clear()
            self.submitted.emit(case)
        self.action_done.emit(error)

    def clear(self) -> None:
        for w in (self.name, self.phone, self.email, self.ticket, self.teller):
            w.clear()
        self.content.clear()
        self.window.setValue(0)
        for box in self.categories.values():
            box.setChecked(False)
        self._touched = False
        self.reset_day()
        self.check(typing=True)
        self.bar.clear_message()
