"""Does a screen hold at a given size? Every visible label's and button's text
measured with QFontMetrics against the room its widget has, widgets cut off
by the window's edge, and the window itself against the screen.

Used by ``branchdesk screenshots`` (it reports what it finds) and by
tests/ui/test_layouts.py (which fails on any of it).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QWidget,
)

SLACK = 1  # pixels of rounding


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, (QLabel, QAbstractButton)):
        text = w.text()
    elif isinstance(w, QComboBox):
        text = w.currentText()
    text = " ".join(text.split())
    return f"{type(w).__name__}{'#' + w.objectName() if w.objectName() else ''} {text[:40]!r}"


def _lines_width(fm: QFontMetrics, text: str) -> int:
    return max((fm.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _in_scroll_area(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _label_problem(w: QLabel) -> str | None:
    text = w.text()
    if not text or w.textFormat() == 1 or ("<" in text and ">" in text) or w.pixmap() is not None and not w.pixmap().isNull():
        return None  # rich text and pictures are not measured
    room = w.contentsRect().width() - 2 * max(0, w.margin()) - max(0, w.indent())
    if w.wordWrap():
        need = w.heightForWidth(w.width())
        if need > w.height() + SLACK:
            return f"needs {need} px of height, has {w.height()}"
        # a single word longer than the line is cut even with wrapping
        fm = QFontMetrics(w.font())
        longest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
        if longest > room + SLACK and not any(ord(c) > 0x2E80 for c in text):
            return f"a word needs {longest} px, has {room}"
        return None
    need = _lines_width(QFontMetrics(w.font()), text)
    if need > room + SLACK:
        return f"needs {need} px, has {room}"
    lines = text.count("\n") + 1
    if QFontMetrics(w.font()).height() * lines > w.contentsRect().height() + 2:
        return f"needs {QFontMetrics(w.font()).height() * lines} px of height, has {w.contentsRect().height()}"
    return None


def _button_problem(w: QPushButton | QCheckBox | QRadioButton) -> str | None:
    text = w.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return None
    opt = QStyleOptionButton()
    w.initStyleOption(opt)  # type: ignore[attr-defined]
    if isinstance(w, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(w, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    else:
        element = QStyle.SubElement.SE_PushButtonContents
    rect: QRect = w.style().subElementRect(element, opt, w)
    room = rect.width()
    if isinstance(w, QPushButton) and not w.icon().isNull():
        room -= w.iconSize().width() + 4
    need = _lines_width(QFontMetrics(w.font()), text)
    if need > room + SLACK:
        return f"needs {need} px, has {room}"
    return None


def _combo_problem(w: QComboBox) -> str | None:
    text = w.currentText()
    if not text or w.isEditable():
        return None
    opt = QStyleOptionComboBox()
    w.initStyleOption(opt)
    rect = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                    QStyle.SubControl.SC_ComboBoxEditField, w)
    need = QFontMetrics(w.font()).horizontalAdvance(text)
    if need > rect.width() + 4:
        return f"needs {need} px, has {rect.width()}"
    return None


def _cut_off(w: QWidget, top: QWidget) -> str | None:
    """A widget reaching past the edge of its window (or of a parent that clips it)."""
    if _in_scroll_area(w, top):
        return None
    p = w.parentWidget()
    rect = QRect(w.mapTo(top, w.rect().topLeft()), w.size())
    while p is not None and p is not top:
        if not p.isWindow():
            clip = QRect(p.mapTo(top, p.rect().topLeft()), p.size())
            if not clip.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                return f"reaches outside {type(p).__name__} ({rect.getRect()} in {clip.getRect()})"
        p = p.parentWidget()
    window = top.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if not window.contains(rect):
        return f"reaches outside the window ({rect.getRect()} in {top.rect().getRect()})"
    return None


def problems(top: QWidget, screen: tuple[int, int], room: tuple[int, int] | None = None,
             shown: tuple[int, int] | None = None) -> list[str]:
    """Everything that does not hold in ``top`` (shown, laid out) on a screen
    of ``screen`` logical pixels, in a window given ``room`` (the screen less
    the title and task bars, for a maximised staff window). ``shown``: the
    window's size when it first appeared (a window that grows to its minimum
    on showing stays that size, past the screen's edge)."""
    found: list[str] = []
    hint = top.minimumSizeHint()
    room = room or screen
    sizes = [top.size().toTuple(), hint.toTuple()] + ([shown] if shown else [])
    wide, high = max(s[0] for s in sizes), max(s[1] for s in sizes)
    if wide > room[0]:
        where = f"a {screen[0]} px screen" if room[0] == screen[0] else f"{room[0]} px of room"
        found.append(f"window is {wide} px wide on {where}")
    if high > room[1]:
        where = f"a {screen[1]} px screen" if room[1] == screen[1] else f"{room[1]} px of room"
        found.append(f"window is {high} px high on {where}")
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.width() <= 0:
            continue
        issue = None
        if isinstance(w, QLabel):
            issue = _label_problem(w)
        elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)) and not w.parent().inherits("QTabBar"):
            issue = _button_problem(w)
        elif isinstance(w, QComboBox):
            issue = _combo_problem(w)
        if issue is None and isinstance(w, (QLabel, QAbstractButton, QComboBox)):
            issue = _cut_off(w, top)
        if issue:
            found.append(f"{_name(w)}: {issue}")
    return found
