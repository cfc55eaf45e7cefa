"""The teller's keys (F1-F8, each also a button) and the per-customer
choices under them: the outcome of Finish, the target of Transfer (both
reset for every new customer) and the reason for a pause."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

OUTCOMES = ("done", "referred", "documents_missing", "customer_left")


def outcome_texts() -> dict[str, str]:
    return {"done": QCoreApplication.translate("TellerKeys", "Completed"),
            "referred": QCoreApplication.translate("TellerKeys", "Referred elsewhere"),
            "documents_missing": QCoreApplication.translate("TellerKeys", "Documents missing"),
            "customer_left": QCoreApplication.translate("TellerKeys", "Customer left")}


def _combo() -> QComboBox:
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


class KeyPad(QFrame):
    """``keys[name]``: the buttons; ``outcome``, ``transfer_to``, ``pause_reason``: the choices."""

    def __init__(self, shortcut_owner: QWidget, actions: list[tuple[str, str, str, Callable[[], None]]]) -> None:
        super().__init__()
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(10)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for i, (name, key, text, slot) in enumerate(actions):
            b = QPushButton(f"{text}\n{key}")
            b.setObjectName("keyPrimary" if name == "next" else "key")
            b.setProperty("key", key)
            b.setMinimumHeight(56)
            b.clicked.connect(slot)
            QShortcut(QKeySequence(key), shortcut_owner, activated=b.click,
                      context=Qt.ShortcutContext.WindowShortcut)
            grid.addWidget(b, i // 4, i % 4)
            self.keys[name] = b
        lay.addLayout(grid)
        opts = QGridLayout()
        opts.setHorizontalSpacing(10)
        opts.setVerticalSpacing(2)
        self.outcome = _combo()
        for code, text in outcome_texts().items():
            self.outcome.addItem(text, code)
        self.transfer_to = _combo()
        self.pause_reason = _combo()
        self.pause_reason.setEditable(True)
        self.pause_reason.addItems([QCoreApplication.translate("TellerKeys", "Break"),
                                    QCoreApplication.translate("TellerKeys", "Cash count"),
                                    QCoreApplication.translate("TellerKeys", "Meeting"),
                                    QCoreApplication.translate("TellerKeys", "System fault")])
        for col, (text, box, stretch) in enumerate((
                (QCoreApplication.translate("TellerKeys", "Outcome (F5)"), self.outcome, 2),
                (QCoreApplication.translate("TellerKeys", "Transfer to (F6)"), self.transfer_to, 3),
                (QCoreApplication.translate("TellerKeys", "Pause reason (F7)"), self.pause_reason, 2))):
            caption = QLabel(text)
            caption.setObjectName("muted")
            opts.addWidget(caption, 0, col)
            opts.addWidget(box, 1, col)
            opts.setColumnStretch(col, stretch)
        lay.addLayout(opts)

    def set_key_text(self, name: str, text: str) -> None:
        b = self.keys[name]
        b.setText(f"{text}\n{b.property('key')}")

    def set_transfer_targets(self, targets: list[tuple[str, str]]) -> None:
        """``[(text, "service:A" | "window:3")]``, after a "choose" entry (no target)."""
        self.transfer_to.blockSignals(True)
        self.transfer_to.clear()
        self.transfer_to.addItem(QCoreApplication.translate("TellerKeys", "Choose…"), None)
        for text, data in targets:
            self.transfer_to.addItem(text, data)
        self.transfer_to.blockSignals(False)

    def reset_choices(self) -> None:
        """A new customer: Finish means Completed, Transfer has no target yet."""
        self.outcome.setCurrentIndex(0)
        self.transfer_to.setCurrentIndex(0)
