"""The manager screen's live panels: figure tiles and the queue per service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QFrame, QGridLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from app.reports.live import LiveFigures
from app.ui.i18n import current_language
from app.ui.widgets import card, label

RED = "#c0392b"


def _num(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:g}{unit}"


class Tiles(QFrame):
    """A grid of labelled figures; ``values`` maps each key to its QLabel."""

    KEYS = ("waiting", "longest", "windows", "avg_wait", "within", "served", "no_shows", "overdue")

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        titles = {
            "waiting": self.tr("Waiting now"),
            "longest": self.tr("Longest wait now"),
            "windows": self.tr("Windows open / paused"),
            "avg_wait": self.tr("Average wait today"),
            "within": self.tr("Within target today"),
            "served": self.tr("Served today"),
            "no_shows": self.tr("No-shows today"),
            "overdue": self.tr("Overdue complaints"),
        }
        self.values: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.cards: dict[str, QFrame] = {}
        for i, key in enumerate(self.KEYS):
            frame, lay = card(margins=10, spacing=0)
            lay.addWidget(label(titles[key], "muted"))
            self.values[key] = label("–", "figure")
            self.notes[key] = label("", "muted")
            lay.addWidget(self.values[key])
            lay.addWidget(self.notes[key])
            self.cards[key] = frame
            grid.addWidget(frame, i // 4, i % 4)

    def show_figures(self, f: LiveFigures) -> None:
        sm = f.today
        self._set("waiting", str(f.waiting_total))
        longest = self._minutes(f.longest_wait_min) if f.longest_wait_service else "–"
        self._set("longest", longest, f.longest_wait_service or "")
        note = self.tr("%1 closed").replace("%1", str(f.windows_closed))
        if f.windows_unattended:  # open, but the teller's app has gone silent (a crash, a power cut)
            note += "  " + self.tr("unattended: %1").replace("%1", ", ".join(map(str, f.windows_unattended)))
        self._set("windows", f"{f.windows_open} / {f.windows_paused}", note, alert=bool(f.windows_unattended))
        avg = sm.wait.average_min
        p90 = self.tr("90th percentile %1 min").replace("%1", _num(sm.wait.p90_min))
        self._set("avg_wait", self._minutes(avg), p90 if avg is not None else "")
        # Everyone who waited counts, the never called too (docs/metrics.md).
        of = self.tr("%1 of %2 waits").replace("%1", str(sm.within_target)).replace("%2", str(sm.waited))
        self._set("within", _num(sm.within_target_pct, "%"), of)
        self._set("served", str(sm.served), self.tr("%1 issued").replace("%1", str(sm.issued)))
        self._set("no_shows", str(sm.no_shows), self.tr("%1 cancelled").replace("%1", str(sm.cancelled)))
        overdue = f.overdue_complaints
        self.cards["overdue"].setVisible(overdue is not None)
        self._set("overdue", _num(overdue), "", alert=bool(overdue))

    def _minutes(self, value: float | None) -> str:
        return "–" if value is None else self.tr("%1 min").replace("%1", _num(value))

    def _set(self, key: str, value: str, note: str = "", *, alert: bool = False) -> None:
        self.values[key].setText(value)
        self.values[key].setStyleSheet(f"color: {RED};" if alert else "")
        self.notes[key].setText(note)


class ServiceQueueTable(QTableWidget):
    """Per service: people waiting now and the longest current wait (red past target)."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels([self.tr("Service"), self.tr("Waiting"), self.tr("Longest wait (min)"),
                                        self.tr("Target (min)")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        head = self.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def show_figures(self, f: LiveFigures) -> None:
        english = current_language() == "en"
        self.setRowCount(len(f.services))
        for row, s in enumerate(f.services):
            name = f"{s.code}  {s.name_en if english else s.name_zh}"
            over = s.waiting > 0 and s.longest_wait_min > s.target_wait_min
            cells = [name, str(s.waiting), str(s.longest_wait_min) if s.waiting else "–", str(s.target_wait_min)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if over and col == 2:
                    item.setForeground(QColor(RED))
                self.setItem(row, col, item)

    def cell_text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text() if item is not None else ""
