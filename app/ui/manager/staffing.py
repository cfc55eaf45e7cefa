"""The manager screen's staffing advice: windows needed per hour against the
windows open, today and for the next seven days (app/reports/staffing.py
computes it off the GUI thread; this only paints)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.reports.staffing import WEEKDAYS_EN, WEEKDAYS_ZH, StaffingAdvice
from app.ui.i18n import current_language
from app.ui.widgets import label

RED = "#c0392b"


def _table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return t


def _item(text: str, *, short: bool = False, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if short:
        item.setForeground(QColor(RED))
    return item


def _open_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".rstrip("0").rstrip(".")


class StaffingToday(QWidget):
    """Today, hour by hour: customers expected, windows needed, windows open (red when fewer)."""

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        self.note = label("", "muted", wrap=True)
        lay.addWidget(self.note)
        self.table = _table(5)
        self.table.setHorizontalHeaderLabels([self.tr("Hour"), self.tr("Customers expected"),
                                              self.tr("Windows needed"), self.tr("Windows open"),
                                              self.tr("In target with them")])
        lay.addWidget(self.table, 1)

    def show_advice(self, advice: StaffingAdvice) -> None:
        self.note.setText(self.tr("To serve %1% of customers within target (Erlang C, learned from %2 to %3).")
                          .replace("%1", str(advice.goal_pct)).replace("%2", advice.history_from.isoformat())
                          .replace("%3", advice.history_to.isoformat()))
        today = advice.days[0] if advice.days else None
        hours = today.hours if today is not None else ()
        self.table.setRowCount(len(hours))
        for row, h in enumerate(hours):
            short = h.open is not None and h.open + 1e-9 < h.needed
            cells = (f"{h.hour:02d}:00", f"{h.arrivals:g}", str(h.needed), _open_text(h.open),
                     "–" if h.share_open_pct is None else f"{h.share_open_pct:g}%")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, _item(text, short=short and col in (2, 3), right=col > 0))

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""


class StaffingWeek(QWidget):
    """The next seven days: per hour, windows needed / windows usually open (red when fewer)."""

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(label(self.tr("Windows needed / usually open on that weekday"), "muted", wrap=True))
        self.table = _table(1)
        lay.addWidget(self.table, 1)

    def show_advice(self, advice: StaffingAdvice) -> None:
        days = advice.days[1:]
        names = WEEKDAYS_EN if current_language() == "en" else WEEKDAYS_ZH
        hours = sorted({h.hour for d in days for h in d.hours})
        self.table.setColumnCount(len(days) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Hour")] + [
            f"{names[d.weekday]} {d.day:%m-%d}" if d.day else names[d.weekday] for d in days])
        self.table.setRowCount(len(hours))
        for row, hour in enumerate(hours):
            self.table.setItem(row, 0, _item(f"{hour:02d}:00", right=False))
            for col, d in enumerate(days, start=1):
                h = next((x for x in d.hours if x.hour == hour), None)
                if h is None:
                    self.table.setItem(row, col, _item("–"))
                    continue
                short = h.open is not None and h.open + 1e-9 < h.needed
                self.table.setItem(row, col, _item(f"{h.needed} / {_open_text(h.open)}", short=short))

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""
