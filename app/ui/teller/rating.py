"""The customer-facing rating panel shown after Finish: 1-5 stars or skip."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.ui.widgets import label


class RatingPanel(QWidget):
    """A small second window facing the customer. Emits ``rated(number, stars)``
    or ``skipped(number)``; closes itself after a while if nobody answers."""

    rated = Signal(str, int)
    skipped = Signal(str)

    def __init__(self, timeout_s: int = 45) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Please rate our service"))
        self.setObjectName("rating")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#rating { background:#0b2545; } QLabel { color:white; }"
                           " QPushButton { font-size:28px; min-width:88px; min-height:88px; border-radius:14px;"
                           " background:white; color:#0b2545; font-weight:700; }"
                           " QPushButton#skip { font-size:18px; min-height:44px; background:transparent;"
                           " color:#c8d6ea; border:1px solid #3b5b86; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 28, 32, 28)
        lay.setSpacing(16)
        self.title = label(self.tr("How was our service today?"))
        self.title.setStyleSheet("font-size:30px; font-weight:700;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("")
        self.subtitle.setStyleSheet("font-size:18px; color:#c8d6ea;")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.stars: list[QPushButton] = []
        for n in range(1, 6):
            b = QPushButton(f"{n} ★")
            b.setToolTip(self.tr("%n star(s)", "", n))
            b.clicked.connect(lambda _=False, k=n: self._rate(k))
            row.addWidget(b)
            self.stars.append(b)
        lay.addLayout(row)
        self.skip = QPushButton(self.tr("Skip"))
        self.skip.setObjectName("skip")
        self.skip.clicked.connect(self._skip)
        lay.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignCenter)
        self.number = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_s * 1000)
        self._timer.timeout.connect(self._skip)

    def ask(self, number: str) -> None:
        self.number = number
        self.subtitle.setText(self.tr("Ticket %1 · 1 = poor, 5 = excellent").replace("%1", number))
        self.show()
        self.raise_()
        self._timer.start()

    def _rate(self, stars: int) -> None:
        self._timer.stop()
        self.hide()
        self.rated.emit(self.number, stars)

    def _skip(self) -> None:
        self._timer.stop()
        if self.isVisible():
            self.hide()
            self.skipped.emit(self.number)
