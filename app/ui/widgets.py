"""Small building blocks shared by the staff screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def label(text: str = "", name: str | None = None, *, wrap: bool = False) -> QLabel:
    lab = QLabel(text)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


def card(*, margins: int = 18, spacing: int = 10) -> tuple[QFrame, QVBoxLayout]:
    """A white rounded panel and its vertical layout."""
    frame = QFrame()
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(margins, margins, margins, margins)
    lay.setSpacing(spacing)
    return frame, lay


class Header(QFrame):
    """The navy strip on top of a staff screen: screen title, branch, user, clock."""

    def __init__(self, title: str, branch: str, user: str, clock: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("header")
        self.setFixedHeight(72)
        self._clock = clock
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 8, 24, 8)
        left = QVBoxLayout()
        left.setSpacing(0)
        self.title = label(title, "title")
        self.branch = label(branch, "subtitle")
        left.addWidget(self.title)
        left.addWidget(self.branch)
        lay.addLayout(left, 1)
        self.user = label(user, "subtitle")
        self.time = label("", "title")
        lay.addWidget(self.user, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        lay.addSpacing(24)
        lay.addWidget(self.time, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self, interval=1000, timeout=self.tick)
        self._timer.start()
        self.tick()

    def tick(self) -> None:
        self.time.setText(self._clock().strftime("%H:%M"))


class Coalescer(QObject):
    """Runs ``fn`` once on the next event-loop turn however often it is asked,
    so a burst of feed events repaints a screen once. Connect signals to
    ``trigger`` (a slot: the connection ends when the screen is deleted)."""

    def __init__(self, fn: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # not a constructor keyword: see docs/ui.md
        self._timer.setInterval(0)
        self._timer.timeout.connect(fn)

    @Slot()
    def trigger(self) -> None:
        self._timer.start()

    def __call__(self) -> None:
        self._timer.start()


def screen_root(widget: QWidget) -> QVBoxLayout:
    """Give a screen the light background and a zero-margin vertical layout."""
    widget.setObjectName("screen")
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    return lay


def minutes_text(minutes: float | None) -> str:
    from PySide6.QtCore import QCoreApplication

    if minutes is None:
        return "–"
    return QCoreApplication.translate("Texts", "%1 min").replace("%1", f"{minutes:g}")


class TicketTable(QTableWidget):
    """A read-only table with one row per ticket; keeps the selection across refreshes."""

    def __init__(self, headers: list[str], row_height: int = 40) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(row_height)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tickets: list = []

    def set_rows(self, tickets: list, cells: Callable[[object], list[str]],
                 colour: Callable[[object, int], QColor | None] | None = None) -> None:
        """One row per ticket with ``cells(ticket)``; the number column in bold."""
        chosen = self.selected()
        self.tickets = list(tickets)
        self.setRowCount(len(self.tickets))
        for r, t in enumerate(self.tickets):
            for c, text in enumerate(cells(t)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                tint = colour(t, c) if colour else None
                if tint is not None:
                    item.setForeground(tint)
                self.setItem(r, c, item)
            if chosen is not None and chosen.id == t.id:
                self.selectRow(r)

    def selected(self):  # type: ignore[no-untyped-def]
        model = self.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows or rows[0].row() >= len(self.tickets):
            return None
        return self.tickets[rows[0].row()]

    def select_number(self, number: str) -> None:
        for r, t in enumerate(self.tickets):
            if t.number == number:
                self.selectRow(r)
                return
