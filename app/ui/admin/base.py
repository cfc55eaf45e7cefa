"""What every administration tab shares: the screen context, the acting
admin, a message bar, and one way to run a change off the GUI thread and
show its refusal next to the field it concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.staff.roles import Actor
from app.ui.messages import MessageBar, describe
from app.ui.setup.forms import FieldForm, field_message, off_gui_thread


def _t(text: str) -> str:
    return QCoreApplication.translate("Setup", text)


class AdminTab(QWidget):
    """``saved`` is emitted after each successful change (tests wait on it)."""

    saved = Signal(object)

    def __init__(self, ctx, actor: Actor, bar: MessageBar) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx, self.actor, self.bar = ctx, actor, bar
        self.busy = False

    def act(self, fn: Callable[[], Any], form: FieldForm | None, ok_text: str,
            then: Callable[[Any], None] | None = None) -> None:
        """Run the service call ``fn`` in a worker thread; on success show
        ``ok_text`` and call ``then``; on refusal mark the field (or the bar)."""
        if self.busy:
            return
        self.busy = True
        if form is not None:
            form.show_errors({})

        def done(result: Any, error: BaseException | None) -> None:
            self.busy = False
            if error is None:
                self.bar.show_message(ok_text, "ok")
                if then is not None:
                    then(result)
                self.saved.emit(result)
            elif isinstance(error, DomainError) and form is not None and form.refuse(error):
                self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            elif isinstance(error, DomainError) and error.params.get("field"):
                self.bar.show_message(field_message(str(error.params["field"]), error.message), "error")
            else:
                self.bar.show_message(describe(error), "error")

        off_gui_thread(fn, done)


def column(tab: QWidget, width: int = 760) -> QVBoxLayout:
    """A left-aligned column of at most ``width`` pixels: settings forms read
    better narrow than stretched over a wide screen."""
    outer = QHBoxLayout(tab)
    inner = QWidget()
    inner.setMaximumWidth(width)
    lay = QVBoxLayout(inner)
    lay.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(inner, 1)
    outer.addStretch(0)
    return lay


def master_detail(tab: QWidget, headers: list[str], shares: tuple[int, int] = (3, 2)) -> tuple[QTableWidget, QVBoxLayout]:
    """A list on the left and the editing column on the right, sharing the
    width as ``shares`` (3/5 and 2/5 unless a form needs more)."""
    lay = QHBoxLayout(tab)
    t = table(headers)
    lay.addWidget(t, shares[0])
    side = QVBoxLayout()
    lay.addLayout(side, shares[1])
    return t, side


def row(*widgets: QWidget) -> QHBoxLayout:
    """Buttons side by side."""
    lay = QHBoxLayout()
    for w in widgets:
        lay.addWidget(w)
    return lay


def selected_row(t: QTableWidget) -> int | None:
    rows = t.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def spin(name: str, lo: int, hi: int, value: int = 0, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setValue(value)
    if suffix:
        box.setSuffix(suffix)
    return box


def check(name: str, text: str, on: bool = True) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    box.setChecked(on)
    return box


def button(name: str, text: str, primary: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName("primary" if primary else name)
    b.setProperty("action", name)
    b.setProperty("form", True)  # a form's button: the height of its fields (app/ui/theme.py)
    return b


def choices(name: str, items: list[tuple[str, Any]], current: Any) -> QComboBox:
    """A combo box of (text, data) with ``current`` chosen (the first when absent)."""
    box = QComboBox()
    box.setObjectName(name)
    for text, data in items:
        box.addItem(text, data)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def edit(name: str, text: str = "") -> QLineEdit:
    e = QLineEdit(text)
    e.setObjectName(name)
    e.setCursorPosition(0)  # a text longer than the field shows its beginning, not its end
    return e


def table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[object]]) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


def hint_and_save(lay: QVBoxLayout, hint_text: str, name: str) -> QPushButton:
    """A settings form's explanation under it, and its Save button at the right."""
    hint = QLabel(hint_text)
    hint.setWordWrap(True)
    hint.setObjectName("muted")
    lay.addWidget(hint)
    save = button(name, _t("Save"), primary=True)
    buttons = row(save)
    buttons.insertStretch(0, 1)
    lay.addLayout(buttons)
    lay.addStretch(1)
    return save
