"""Small building blocks shared by the staff screens."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
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
    """The navy strip on top of a staff screen: screen title, branch, user, clock.
    Lower on a short window (a 768-line screen), so the screen below has room."""

    TALL, SHORT, SHORT_BELOW = 72, 60, 860

    def __init__(self, title: str, branch: str, user: str, clock: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("header")
        # Low until shown: the layout sets the window's minimum before showEvent,
        # and a tall header then held a 768-line window past its screen's edge.
        self.setFixedHeight(self.SHORT)
        self._watched: QWidget | None = None
        self._bar: QWidget | None = None
        self._clock = clock
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 5, 24, 5)
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

    def carry(self, bar: QWidget) -> None:
        """Show the screen's message strip (a MessageBar) over the title, up to
        the user's name: it takes no room from the screen below (an empty strip
        left a blank band there), and nothing moves when it speaks. Empty, it
        is transparent and the title shows through."""
        bar.setParent(self)
        self._bar = bar
        self._fit_bar()
        bar.raise_()

    def _fit_bar(self) -> None:
        if self._bar is not None:
            m = self.layout().contentsMargins()
            self._bar.fit(self.height() - m.top() - m.bottom())  # type: ignore[attr-defined]
            left, right = m.left() - 8, self.user.x() - 24  # over the title, up to the user's name
            self._bar.setGeometry(left, m.top(), max(0, right - left), self._bar.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_bar()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        window = self.window()
        if window is not self._watched:
            window.installEventFilter(self)
            self._watched = window
        self._fit(window.height())
        super().showEvent(event)

    def eventFilter(self, obj: QObject, event) -> bool:  # noqa: N802 (Qt override)
        # getattr: a header being freed (its state already torn down) still sees its window's last events
        if obj is getattr(self, "_watched", None) and event.type() == event.Type.Resize:
            self._fit(obj.height())
        return False

    def _fit(self, window_height: int) -> None:
        height = self.SHORT if window_height < self.SHORT_BELOW else self.TALL
        if height != self.height():
            self.setFixedHeight(height)  # resizeEvent fits the bar


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

    def __init__(self, headers: list[str], row_height: int = 40, stretch: tuple[int, ...] = ()) -> None:
        """``stretch``: the columns of long text (service names, notes) that
        share the room the short ones (numbers, times) leave; by default every
        column gets an equal share."""
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(row_height)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The short columns are fitted once per fill (set_rows), not by ResizeToContents,
        # which measures every row again for every cell set: 0.6 s for 100 rows.
        self._fitted = [c for c in range(len(headers)) if c not in stretch] if stretch else []
        for c in self._fitted:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
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
                item.setToolTip(text)  # the whole text when the cell is too narrow for it
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
        for c in self._fitted:
            self.resizeColumnToContents(c)

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


class FlowLayout(QLayout):
    """Items in as many equal columns as the width allows (at least
    ``min_width`` each, or their own size hint), wrapping to more rows on a
    narrow window: a row of buttons that never forces the window wider."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8, min_width: int = 0,
                 max_columns: int = 99, uniform: bool = True) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing, self.min_width, self.max_columns = spacing, min_width, max_columns
        self.uniform = uniform  # False: each item at its own width, wrapping like words
        self._width = 0  # the width last laid out
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, move=True)
        if rect.width() != self._width:  # the rows changed: the window's minimum height follows
            self._width = rect.width()
            QTimer.singleShot(0, self._refresh)

    def _refresh(self) -> None:
        if shiboken6.isValid(self):
            self.invalidate()
            parent = self.parentWidget()
            if parent is not None:
                parent.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """One column's width; the height of the rows at the width this
        layout has now (so a window is never held taller than it needs)."""
        items = self._visible()
        if not items:
            return QSize(0, 0)
        m = self.contentsMargins()
        w = max(self._cell(i).width() for i in items) + m.left() + m.right()
        n = min(len(items), self.max_columns)  # before the first layout: all in one row
        now = self._width if self._width > 0 else w * n + self._spacing * (n - 1)
        return QSize(w, self.heightForWidth(max(w, now)))

    def columns(self, width: int) -> int:
        items = self._visible()
        if not items:
            return 1
        cell = max(self._cell(i).width() for i in items)
        fit = max(1, (width + self._spacing) // (cell + self._spacing))
        return max(1, min(fit, len(items), self.max_columns))

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _cell(self, item: QLayoutItem) -> QSize:
        hint = item.sizeHint().expandedTo(item.minimumSize())
        return QSize(max(hint.width(), self.min_width), hint.height())

    def _rows(self, items: list[QLayoutItem], width: int) -> list[list[QLayoutItem]]:
        """Items at their own widths, as many to a row as fit (non-uniform mode)."""
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in items:
            w = self._cell(item).width()
            if rows[-1] and used + self._spacing + w > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + w
            rows[-1].append(item)
        return rows

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        items = self._visible()
        if not items:
            return 0
        if not self.uniform:
            y = area.y()
            for row in self._rows(items, area.width()):
                height = max(self._cell(i).height() for i in row)
                x = area.x()
                for item in row:
                    w = self._cell(item).width()
                    if move:
                        item.setGeometry(QRect(x, y, min(w, area.width()), height))
                    x += w + self._spacing
                y += height + self._spacing
            return y - self._spacing - rect.y() + m.bottom()
        cols = self.columns(area.width())
        width = max(1, (area.width() - self._spacing * (cols - 1)) // cols)
        y = area.y()
        for start in range(0, len(items), cols):
            row = items[start:start + cols]
            height = max(i.heightForWidth(width) if i.hasHeightForWidth() else i.sizeHint().height()
                         for i in row)
            height = max(height, *(i.minimumSize().height() for i in row))
            if move:
                for k, item in enumerate(row):
                    item.setGeometry(QRect(area.x() + k * (width + self._spacing), y, width, height))
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()


class InlineError(QLabel):
    """A field's own refusal, shown inside the field at its right end in red:
    it takes no room of its own, so nothing on the screen moves when it
    appears. ``edit`` gets a red frame (property ``invalid``) meanwhile."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet("QLabel#inlineError { color:#b3261e; background:white; font-size:13px; }")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        edit.installEventFilter(self)

    def eventFilter(self, obj: QObject, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.edit and event.type() == event.Type.Resize and not self.isHidden():
            self._place()
        return False

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.show()
        self._place()
        self._mark(True)

    def clear_error(self) -> None:
        self.setText("")
        self.hide()
        self.edit.setTextMargins(0, 0, 0, 0)
        self._mark(False)

    def _place(self) -> None:
        room = max(60, int(self.edit.width() * 0.62))
        fm = self.fontMetrics()
        width = min(room, fm.horizontalAdvance(self.text()) + 4)
        height = min(self.edit.height() - 4, self.heightForWidth(width))
        self.setGeometry(self.edit.width() - width - 10, (self.edit.height() - height) // 2, width, height)
        self.edit.setTextMargins(0, 0, width + 8, 0)

    def _mark(self, invalid: bool) -> None:
        self.edit.setProperty("invalid", invalid)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
