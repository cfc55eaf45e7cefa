"""The login window: username, password, language; emits the actor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.errors import DomainError
from app.staff.accounts import authenticate
from app.staff.login import LoginThrottled
from app.store.errors import StoreError
from app.ui.i18n import current_language
from app.ui.messages import MessageBar
from app.ui.theme import STAFF_QSS
from app.ui.widgets import card, label, screen_root


class LoginWindow(QWidget):
    logged_in = Signal(object)  # Actor
    language_chosen = Signal(str)

    def __init__(self, db, branch_name: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.db = db
        self.setWindowTitle(self.tr("BranchDesk - Log in"))
        self.setStyleSheet(STAFF_QSS)
        root = screen_root(self)
        root.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        box, lay = card(margins=36, spacing=14)
        box.setFixedWidth(460)
        title = label(self.tr("BranchDesk"), "title")
        title.setStyleSheet("font-size:30px; font-weight:700; color:#0b2545;")
        lay.addWidget(title)
        lay.addWidget(label(branch_name, "muted"))
        lay.addSpacing(8)
        self.username = QLineEdit(placeholderText=self.tr("Username"))
        self.password = QLineEdit(placeholderText=self.tr("Password"), echoMode=QLineEdit.EchoMode.Password)
        for w in (self.username, self.password):
            w.setMinimumHeight(48)
            lay.addWidget(w)
        self.button = QPushButton(self.tr("Log in"))
        self.button.setObjectName("primary")
        self.button.setMinimumHeight(52)
        lay.addWidget(self.button)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        lang_row = QHBoxLayout()
        lang_row.addWidget(label(self.tr("Language"), "muted"))
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if current_language() == "zh_CN" else 1)
        lang_row.addWidget(self.language, 1)
        lay.addLayout(lang_row)
        row.addWidget(box)
        row.addStretch(1)
        root.addLayout(row)
        root.addStretch(2)
        self.button.clicked.connect(self.on_login)
        self.password.returnPressed.connect(self.on_login)
        self.username.returnPressed.connect(self.password.setFocus)
        self.language.activated.connect(self._language_activated)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def _language_activated(self, _index: int) -> None:
        self.language_chosen.emit(self.language.currentData())

    def on_login(self) -> None:
        name = self.username.text().strip()
        if not name or not self.password.text():
            self.bar.show_message(self.tr("Enter your username and password."), "warning", seconds=5)
            return
        try:
            actor = authenticate(self.db, name, self.password.text())
        except (DomainError, StoreError) as exc:
            self.password.clear()
            if isinstance(exc, LoginThrottled):
                self.bar.show_message(self.tr("Too many wrong passwords: try again in %1 seconds.")
                                      .replace("%1", str(exc.params.get("wait_s", ""))), "error")
            else:
                self.bar.show_message(self.tr("Unknown user or wrong password."), "error")
            if isinstance(exc, StoreError):
                self.bar.show_error(exc)
            return
        self.password.clear()
        self.logged_in.emit(actor)
