"""The issued ticket as the greeter sees it: number, people ahead, wait, print state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout

from app.queue.views import IssuedTicket
from app.ui.texts import priority_text, service_name
from app.ui.widgets import label


class TicketResult(QFrame):
    reprint_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("result")
        self.setStyleSheet("QFrame#result { background:#f3f7fd; border:1px dashed #b6c8e3; border-radius:12px; }"
                           " QFrame#result QLabel { background: transparent; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 6, 14, 8)
        lay.setSpacing(2)
        self.caption = label(self.tr("Last ticket"), "muted")
        self.number = label("—", "scaledNumber")  # sized in code, not by the style sheet
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("background: transparent;")
        # the number takes the height there is (its size follows: resizeEvent)
        self.number.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.number.setMinimumHeight(40)
        self.service = label("", "section")
        self.service.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ahead = label("")
        self.ahead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ahead.setStyleSheet("font-size:19px;")
        top = QHBoxLayout()
        self.print_state = label("", "muted")
        self.print_state.setWordWrap(True)  # the no-printer and simulated lines are long
        self.print_state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reprint = QPushButton(self.tr("Reprint"))
        self.reprint.setObjectName("resultReprint")
        self.reprint.setStyleSheet("padding: 4px 12px; min-height: 24px;")  # beside the caption, not a row of its own
        self.reprint.clicked.connect(self.reprint_requested)
        keep = self.reprint.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # appearing, it moves nothing
        self.reprint.setSizePolicy(keep)
        self.reprint.setVisible(False)
        top.addWidget(self.caption, 1)
        top.addWidget(self.reprint)
        lay.addLayout(top)
        lay.addWidget(self.number, 1)
        for w in (self.service, self.ahead, self.print_state):
            lay.addWidget(w)
        self.issued: IssuedTicket | None = None
        self._largest = 96
        self.number.installEventFilter(self)

    def scale(self, factor: float) -> None:
        """The largest number size for the window (1.0 = a 1000-line window)."""
        self._largest = max(40, int(96 * factor))
        self._fit_number()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.number and event.type() == QEvent.Type.Resize:
            self._fit_number()
        return False

    def _fit_number(self) -> None:
        """As large as the height the number was given allows, and at most ``_largest``."""
        font = QFont(self.number.font())
        font.setBold(True)
        px = min(self._largest, max(28, int(self.number.height() / 1.3)))
        font.setPixelSize(px)
        if font != self.number.font():
            self.number.setFont(font)

    def show_ticket(self, issued: IssuedTicket) -> None:
        self.issued = issued
        t = issued.ticket
        self.number.setText(t.number)
        extra = priority_text(t.priority, t.priority_note)
        self.service.setText(service_name(t) + (f" · {extra}" if extra else ""))
        self.ahead.setText(self.tr("%n ahead", "", issued.people_ahead) + "  ·  " + self.wait_text(issued))

    def wait_text(self, issued: IssuedTicket) -> str:
        """The wait as the ticket prints it: a range, or why there is no number."""
        if issued.estimate_note == "no_window":
            return self.tr("no window serves it now: watch the screen")
        if issued.estimated_wait_min is None:
            return self.tr("may not be served today")
        low, high = issued.estimated_wait_range_min or (issued.estimated_wait_min, issued.estimated_wait_min)
        if low == high:
            return self.tr("about %1 min").replace("%1", str(low))
        return self.tr("about %1-%2 min").replace("%1", str(low)).replace("%2", str(high))

    def set_print_state(self, state: str, number: str = "", folder: str = "") -> None:
        """printing, printed, simulated, failed, or screen_only (no printer set up).
        ``folder``: where the simulated printer puts its pictures."""
        simulated = (self.tr("Ticket %1 went to the simulated printer: no paper, a picture in %2.")
                     .replace("%1", number).replace("%2", folder) if folder else
                     self.tr("Ticket %1 went to the simulated printer: a picture, no paper.").replace("%1", number))
        texts = {
            "printing": self.tr("Printing %1 …").replace("%1", number),
            "printed": self.tr("Ticket %1 printed.").replace("%1", number),
            "simulated": simulated,
            "failed": self.tr("Ticket %1 was not printed.").replace("%1", number),
            "screen_only": self.tr("No ticket printer set up: the number is shown on screen only."),
        }
        self.print_state.setText(texts[state])
        color = {"failed": "#c0392b", "printed": "#1e8449", "screen_only": "#9a5b00",
                 "simulated": "#9a5b00"}.get(state, "#5b6778")
        weight = "bold" if state == "screen_only" else "normal"
        self.print_state.setStyleSheet(f"color:{color}; font-size:16px; font-weight:{weight};")
        self.reprint.setVisible(state in ("failed", "printed", "simulated"))
