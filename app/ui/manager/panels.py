"""The manager screen's live panels: figure tiles and the queue per service."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QFrame, QGridLayout, QHeaderView, QTableWidget, QTableWidgetItem

from app.reports.live import LiveFigures
from app.ui.i18n import current_language
from app.ui.widgets import card, label

RED = "#c0392b"


def _t(text: str) -> str:
    return QCoreApplication.translate("ManagerScreen", text)


def _num(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:g}{unit}"


class Tiles:
    """A grid of labelled figures; ``values`` maps each key to its QLabel."""

    KEYS = ("waiting", "longest", "windows", "avg_wait", "within", "served", "no_shows", "overdue")

    def __init__(self) -> None:
        self.frame = QFrame()
        grid = QGridLayout(self.frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        titles = {
            "waiting": _t("Waiting now"), "longest": _t("Longest wait now"), "windows": _t("Windows open / paused"),
            "avg_wait": _t("Average wait today"), "within": _t("Within target today"),
            "served": _t("Served today"), "no_shows": _t("No-shows today"), "overdue": _t("Overdue complaints"),
        }
        self.values = {}
        self.notes = {}
        self.cards = {}
        for i, key in enumerate(self.KEYS):
            frame, lay = card(margins=12, spacing=2)
            lay.addWidget(label(titles[key], "muted"))
            self.values[key] = label("–", "figure")
            self.notes[key] = label("", "muted")
            lay.addWidget(self.values[key])
            lay.addWidget(self.notes[key])
            self.cards[key] = frame
            grid.addWidget(frame, i // 4, i % 4)

    def show(self, f: LiveFigures) -> None:
        sm = f.today
        minutes = _t("%1 min")
        self._set("waiting", str(f.waiting_total))
        longest = minutes.replace("%1", str(f.longest_wait_min)) if f.longest_wait_service else "–"
        self._set("longest", longest, f.longest_wait_service or "")
        self._set("windows", f"{f.windows_open} / {f.windows_paused}",
                  _t("%1 closed").replace("%1", str(f.windows_closed)))
        avg = sm.wait.average_min
        self._set("avg_wait", minutes.replace("%1", _num(avg)) if avg is not None else "–",
                  _t("90th percentile %1 min").replace("%1", _num(sm.wait.p90_min)) if avg is not None else "")
        self._set("within", _num(sm.within_target_pct, "%"),
                  _t("%1 of %2 waits").replace("%1", str(sm.within_target)).replace("%2", str(sm.wait.count)))
        self._set("served", str(sm.served), _t("%1 issued").replace("%1", str(sm.issued)))
        self._set("no_shows", str(sm.no_shows), _t("%1 cancelled").replace("%1", str(sm.cancelled)))
        overdue = f.overdue_complaints
        self.cards["overdue"].setVisible(overdue is not None)
        self._set("overdue", _num(overdue), "", alert=bool(overdue))

    def _set(self, key: str, value: str, note: str = "", *, alert: bool = False) -> None:
        self.values[key].setText(value)
        self.values[key].setStyleSheet(f"color: {RED};" if alert else "")
        self.notes[key].setText(note)


class ServiceQueueTable(QTableWidget):
    """Per service: people waiting now and the longest current wait (red past target)."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels([_t("Service"), _t("Waiting"), _t("Longest wait (min)"), _t("Target (min)")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        head = self.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def show(self, f: LiveFigures) -> None:
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
