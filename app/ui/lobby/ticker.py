"""The lobby notice: Chinese and English, in one strip that never widens the
window. A notice that fits is shown whole; a longer one runs across the strip
as a ticker, so even 500 characters are all read in time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

GAP = "      ·      "
STEP_MS = 30  # one step of the ticker
SPEED = 90  # pixels a second at a 1080-line screen (scaled with the font)


def notice_text(zh: object, en: object) -> str:
    """The two languages of the notice as one line (either may be empty)."""
    parts = [" ".join(str(x or "").split()) for x in (zh, en)]
    return GAP.join(p for p in parts if p)


class NoticeTicker(QWidget):
    """``set_notice(zh, en)``; hidden while both are empty. ``text()`` is what it shows."""

    def __init__(self, background: str, colour: str) -> None:
        super().__init__()
        self.setObjectName("notice")
        self._bg, self._fg = QColor(background), QColor(colour)
        self._text = ""
        self._offset = 0.0
        self._px = 30
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._timer = QTimer(self)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._step)
        self.set_pixel_size(30)
        self.hide()

    def text(self) -> str:
        return self._text

    def running(self) -> bool:
        """True while the notice is too long to show whole and runs as a ticker."""
        return self._timer.isActive()

    def set_notice(self, zh: object, en: object = "") -> None:
        self._text = notice_text(zh, en)
        self._offset = 0.0
        self.setVisible(bool(self._text))
        self._restart()
        self.update()

    def set_pixel_size(self, px: int) -> None:
        self._px = max(10, px)
        font = QFont(self.font())
        font.setPixelSize(self._px)
        self.setFont(font)
        self.setFixedHeight(int(QFontMetricsF(font).height() + self._px * 0.7))
        self._restart()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override): as wide as it is given, never wider
        return QSize(100, self.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, self.height())

    def _width(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance(self._text)

    def _restart(self) -> None:
        long = bool(self._text) and self._width() > self.width() - self._px
        if long and self.isVisible():
            self._timer.start()
        else:
            self._timer.stop()
            self._offset = 0.0

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._restart()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._restart()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._timer.stop()
        super().hideEvent(event)

    def _step(self) -> None:
        self._offset += SPEED * (self._px / 30) * STEP_MS / 1000
        loop = self._width() + QFontMetricsF(self.font()).horizontalAdvance(GAP)
        if self._offset >= loop:
            self._offset -= loop
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._bg)
        p.drawRoundedRect(QRectF(self.rect()), 10, 10)
        p.setPen(self._fg)
        p.setFont(self.font())
        pad = self._px * 0.6
        area = QRectF(pad, 0, self.width() - 2 * pad, self.height())
        p.setClipRect(area)
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        if not self._timer.isActive():
            p.drawText(area, flags, self._text)
            return
        loop = self._width() + QFontMetricsF(self.font()).horizontalAdvance(GAP)
        x = area.left() - self._offset
        while x < area.right():
            p.drawText(QRectF(x, 0, self._width() + 4, self.height()), flags, self._text)
            x += loop
