"""The intake form: kind, channel, customer and contact, related ticket,
window/teller, categories, content. Submitting calls ``intake_complaint`` in a
worker thread (a busy SQLite file waits up to its 30 s busy timeout), with the
submit button disabled until it returns, as on the teller's window."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.complaints import intake_complaint, list_categories
from app.complaints.rules import CHANNELS, KINDS
from app.ui.complaints.texts import channel_text, kind_text
from app.ui.i18n import current_language
from app.ui.messages import MessageBar
from app.ui.tasks import alive, attempt, spawn
from app.ui.widgets import card, label


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
        frame, lay = card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.addWidget(frame)
        lay.addWidget(label(self.tr("New case"), "section"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(kind_text(k), k)
        self.channel = QComboBox()
        for c in CHANNELS:
            self.channel.addItem(channel_text(c), c)
        self.name = QLineEdit(placeholderText=self.tr("Customer name"))
        self.phone = QLineEdit(placeholderText=self.tr("Mobile or landline"))
        self.email = QLineEdit(placeholderText=self.tr("name@example.com"))
        self.ticket = QLineEdit(placeholderText=self.tr("Ticket number today, e.g. A023 (optional)"))
        self.window = QSpinBox(minimum=0, maximum=99, specialValueText=self.tr("None"))
        self.teller = QLineEdit(placeholderText=self.tr("Teller concerned (optional)"))
        self.content = QPlainTextEdit(placeholderText=self.tr("What the customer says, in their words"))
        self.content.setMinimumHeight(120)
        for text, widget in ((self.tr("Kind"), self.kind), (self.tr("Channel"), self.channel),
                             (self.tr("Name"), self.name), (self.tr("Phone"), self.phone),
                             (self.tr("Email"), self.email), (self.tr("Related ticket"), self.ticket),
                             (self.tr("Window"), self.window), (self.tr("Teller"), self.teller)):
            form.addRow(text, widget)
        lay.addLayout(form)
        lay.addWidget(label(self.tr("Categories"), "section"))
        grid = QGridLayout()
        self.categories: dict[str, QCheckBox] = {}
        zh = current_language() == "zh_CN"
        for i, cat in enumerate(list_categories(ctx.db)):
            box = QCheckBox(cat.name_zh if zh else cat.name_en)
            self.categories[cat.code] = box
            grid.addWidget(box, i // 4, i % 4)
        lay.addLayout(grid)
        lay.addWidget(label(self.tr("Content"), "section"))
        lay.addWidget(self.content, 1)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        buttons = QHBoxLayout()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.submit = QPushButton(self.tr("Record and print receipt"))
        self.submit.setObjectName("primary")
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)
        lay.addLayout(buttons)
        self.submit.clicked.connect(self.on_submit)
        self.cancel.clicked.connect(self.cancelled)

    def on_submit(self) -> None:
        """Store the case in a worker thread; nothing is stored when a field is refused."""
        if self.in_flight:
            return
        call = functools.partial(
            intake_complaint,
            self.ctx.db, kind=self.kind.currentData(), channel=self.channel.currentData(),
            content=self.content.toPlainText(), customer_name=self.name.text(),
            customer_phone=self.phone.text(), customer_email=self.email.text(),
            categories=[c for c, box in self.categories.items() if box.isChecked()],
            ticket=self.ticket.text().strip() or None, window_number=self.window.value() or None,
            teller=self.teller.text(), actor=self.actor, now=self._now(),
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
        self.bar.clear_message()
