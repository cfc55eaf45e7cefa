"""The greeter's inputs: one big button per service, priority toggles and the
optional customer details (phone masked once entered)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.queue.checks import customer_problems
from app.queue.estimate import Estimate
from app.queue.tickets import MAX_NAME, MAX_NEED, normalise_phone
from app.queue.views import ServiceQueue, mask_phone
from app.ui.i18n import current_language
from app.ui.widgets import FlowLayout, InlineError


class ServiceButton(QPushButton):
    """A large touch target: the service letter, its name and how many wait.
    Name and figures wrap onto a second line rather than being cut."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.setObjectName("service")
        self.setCheckable(True)
        self.setMinimumHeight(64)
        self.no_window = False  # no open window serves it now (its estimate says so)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.badge = QLabel(code)
        self.badge.setFixedSize(48, 48)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setStyleSheet("background:#1f5fbf; color:white; border-radius:24px;"
                                 " font-size:26px; font-weight:700;")
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-size:19px; font-weight:600; background:transparent;")
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("font-size:14px; color:#5b6778; background:transparent;")
        for w in (self.name, self.waiting):
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        texts.addWidget(self.name)
        texts.addWidget(self.waiting)
        lay.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addSpacing(4)
        lay.addLayout(texts, 1)
        for w in (self.badge, self.name, self.waiting):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override): the layout inside decides
        return QSize(270, 72)

    def update_from(self, q: ServiceQueue, est: Estimate | None = None) -> None:
        zh = current_language() == "zh_CN"
        self.name.setText(q.service.name_zh if zh else q.service.name_en)
        text = self.tr("%n waiting", "", q.waiting)
        if q.priority_waiting:
            text += " · " + self.tr("%n priority", "", q.priority_waiting)
        self.no_window = est is not None and est.note == "no_window"
        if self.no_window:
            text += " · " + self.tr("no window open")
        elif est is not None and est.minutes is not None:
            low, high = est.range or (est.minutes, est.minutes)
            span = str(low) if low == high else f"{low}-{high}"
            text += " · " + self.tr("about %1 min").replace("%1", span)
        elif est is not None:
            text += " · " + self.tr("may not be served today")
        self.waiting.setText(text)
        self.waiting.setStyleSheet("font-size:14px; background:transparent; color:%s;"
                                   % ("#b3261e" if self.no_window else "#5b6778"))
        self.setAccessibleName(f"{q.service.code} {self.name.text()} {text}")
        self.setToolTip(f"Alt+{q.service.code}")


class ServiceGrid(QWidget):
    """The active services as exclusive buttons in as many columns as fit;
    Alt+letter selects. In quick mode a tap issues at once (``tapped``)."""

    selected = Signal(str)
    tapped = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._grid = FlowLayout(self, spacing=10, min_width=270, max_columns=3)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, ServiceButton] = {}
        self._shortcuts: list[QShortcut] = []

    def set_queues(self, queues: list[ServiceQueue], estimates: dict[str, Estimate] | None = None) -> None:
        active = [q for q in queues if q.service.active]
        if [q.service.code for q in active] != list(self.buttons):
            self._rebuild([q.service.code for q in active])
        for q in active:
            self.buttons[q.service.code].update_from(q, (estimates or {}).get(q.service.code))
        self._grid.invalidate()

    def _rebuild(self, codes: list[str]) -> None:
        chosen = self.current()
        for b in self.buttons.values():
            self._group.removeButton(b)
            self._grid.removeWidget(b)
            b.deleteLater()
        for sc in self._shortcuts:
            sc.deleteLater()
        self.buttons, self._shortcuts = {}, []
        for code in codes:
            b = ServiceButton(code)
            b.clicked.connect(lambda _=False, c=code: self._clicked(c))
            self._group.addButton(b)
            self._grid.addWidget(b)
            self.buttons[code] = b
            sc = QShortcut(QKeySequence(f"Alt+{code}"), self)
            sc.activated.connect(lambda c=code: self.select(c))
            self._shortcuts.append(sc)
        if chosen in self.buttons:
            self.buttons[chosen].setChecked(True)

    def _clicked(self, code: str) -> None:
        # A slot must not return emit()'s bool: PySide then frees True/False once too often.
        self.selected.emit(code)
        self.tapped.emit(code)

    def current(self) -> str | None:
        b = self._group.checkedButton()
        return b.code if isinstance(b, ServiceButton) else None

    def select(self, code: str | None) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
            self.selected.emit(code)
        elif code is None and self._group.checkedButton() is not None:
            self._group.setExclusive(False)
            self._group.checkedButton().setChecked(False)
            self._group.setExclusive(True)


# toggle key -> (priority class, priority note)
PRIORITY_TOGGLES = {
    "elderly": ("needs", "elderly"),
    "disabled": ("needs", "disabled"),
    "pregnant": ("needs", "pregnant"),
    "vip": ("vip", None),
    "appointment": ("appointment", None),
}


class CustomerForm(QWidget):
    """Priority toggles and optional name / phone / need note. Each field is
    checked as it is typed and shows its own refusal inside it (nothing is
    cut short without a word); the phone is masked once entered."""

    phone_error = Signal(object)  # kept for callers: the inline refusal says it now
    checked = Signal(bool)  # True when every field is acceptable

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        labels = {
            "elderly": self.tr("Elderly"), "disabled": self.tr("Disabled"), "pregnant": self.tr("Pregnant"),
            "vip": self.tr("VIP"), "appointment": self.tr("Appointment"),
        }
        row = FlowLayout(spacing=8)
        self.toggles: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(False)
        for key, text in labels.items():
            b = QPushButton(text)
            b.setObjectName("toggle")
            b.setCheckable(True)  # 38 px high: the style sheet's #toggle
            b.toggled.connect(lambda on, k=key: self._only_one(k, on))
            row.addWidget(b)
            self.toggles[key] = b
        lay.addLayout(row)
        self.name = QLineEdit(placeholderText=self.tr("Name (optional)"))
        self.phone = QLineEdit(placeholderText=self.tr("Phone (optional)"))
        self.need = QLineEdit(placeholderText=self.tr("What the customer needs (optional)"))
        details = FlowLayout(spacing=8, min_width=170, max_columns=2)
        for w in (self.name, self.phone):
            w.setMinimumHeight(40)
            details.addWidget(w)
        lay.addLayout(details)
        self.need.setMinimumHeight(40)
        lay.addWidget(self.need)
        self.errors = {"name": InlineError(self.name), "phone": InlineError(self.phone),
                       "need": InlineError(self.need)}
        # Messages when the turn nears (issue 16): only with the customer's consent, only where a gateway is set.
        self.notify = QCheckBox(self.tr("Text near the turn (customer agrees)"))
        self.notify.setVisible(False)
        lay.addWidget(self.notify)
        self._phone_raw: str | None = None
        self.phone.editingFinished.connect(self._mask_phone)
        self.phone.textEdited.connect(self._phone_edited)
        for w in (self.name, self.phone, self.need):
            w.textChanged.connect(lambda _t: self.check(typing=True))

    def _only_one(self, key: str, on: bool) -> None:
        if on:
            for k, b in self.toggles.items():
                if k != key and b.isChecked():
                    b.setChecked(False)

    def problem_text(self, field: str, problem: str) -> str:
        texts = {
            ("name", "too_long"): self.tr("At most %1 characters").replace("%1", str(MAX_NAME)),
            ("need", "too_long"): self.tr("At most %1 characters").replace("%1", str(MAX_NEED)),
            ("phone", "characters"): self.tr("Digits only"),
            ("phone", "length"): self.tr("7 to 15 digits"),
            ("phone", "mobile"): self.tr("Not a mobile number"),
        }
        return texts.get((field, problem), problem)

    def check(self, *, typing: bool = False) -> bool:
        """Mark every field that would be refused; True when none is. While
        typing, a phone number is judged on its characters only (it is still
        being entered); its length and form once it is complete (and on Issue)."""
        phone = self.phone_value()
        found = customer_problems(self.name.text(), phone, self.need.text())
        if typing and found.get("phone") in ("length", "mobile"):
            del found["phone"]
        for field, err in self.errors.items():
            if field in found:
                err.show_error(self.problem_text(field, found[field]))
            else:
                err.clear_error()
        self.checked.emit(not found)
        return not found

    def _mask_phone(self) -> None:
        if self._phone_raw is not None:
            return
        if not self.check():
            return
        try:
            raw = normalise_phone(self.phone.text())
        except InvalidInput:
            return
        if raw:
            self._phone_raw = raw
            self.phone.blockSignals(True)
            self.phone.setText(mask_phone(raw))
            self.phone.blockSignals(False)

    def _phone_edited(self, _text: str) -> None:
        if self._phone_raw is not None:  # typing over a masked number starts afresh
            self._phone_raw = None
            self.phone.clear()

    def priority(self) -> tuple[str, str | None]:
        for key, b in self.toggles.items():
            if b.isChecked():
                return PRIORITY_TOGGLES[key]
        return "normal", None

    def phone_value(self) -> str | None:
        """The phone as entered (digits), for issue_ticket to validate."""
        return self._phone_raw if self._phone_raw is not None else (self.phone.text().strip() or None)

    def clear(self) -> None:
        self.notify.setChecked(False)
        for b in self.toggles.values():
            b.setChecked(False)
        self._phone_raw = None
        for w in (self.name, self.phone, self.need):
            w.clear()
        for err in self.errors.values():
            err.clear_error()
