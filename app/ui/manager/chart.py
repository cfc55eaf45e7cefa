"""Today by hour, drawn with QPainter: arrivals and served as bars, the
average wait as a line on its own (right) axis."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reports.model import HourRow

ARRIVALS, SERVED, WAIT = QColor("#8fb3d9"), QColor("#1f5fbf"), QColor("#d9480f")
GRID, INK = QColor("#e3e8ef"), QColor("#5b6778")


def nice_max(value: float) -> float:
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    return next(s * exp for s in (1, 2, 2.5, 5, 10) if s * exp >= value)


class HourlyChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: tuple[HourRow, ...] = ()
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_hours(self, hours: Sequence[HourRow]) -> None:
        self.hours = tuple(hours)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSize(9)
        p.setFont(font)
        plot = QRectF(44, 34, max(10, self.width() - 96), max(10, self.height() - 64))
        self._legend(p)
        if not self.hours:
            p.setPen(INK)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No tickets yet today."))
            return
        top = nice_max(max(max(h.arrivals, h.served) for h in self.hours))
        wait_top = nice_max(max((h.wait_avg_min or 0) for h in self.hours))
        for k in range(6):
            y = plot.bottom() - plot.height() * k / 5
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(INK)
            p.drawText(QRectF(0, y - 8, plot.left() - 6, 16), Qt.AlignmentFlag.AlignRight, f"{top * k / 5:g}")
            p.setPen(WAIT)
            p.drawText(QRectF(plot.right() + 6, y - 8, 44, 16), Qt.AlignmentFlag.AlignLeft,
                       f"{wait_top * k / 5:g}")
        slot = plot.width() / len(self.hours)
        bar = slot * 0.34
        points = []
        for i, h in enumerate(self.hours):
            x = plot.left() + slot * i
            for j, (value, colour) in enumerate(((h.arrivals, ARRIVALS), (h.served, SERVED))):
                height = plot.height() * value / top
                p.fillRect(QRectF(x + slot * 0.14 + j * bar, plot.bottom() - height, bar, height), colour)
            p.setPen(INK)
            p.drawText(QRectF(x, plot.bottom() + 4, slot, 16), Qt.AlignmentFlag.AlignHCenter, f"{h.hour:02d}")
            if h.wait_avg_min is not None:
                points.append(QPointF(x + slot / 2, plot.bottom() - plot.height() * h.wait_avg_min / wait_top))
        p.setPen(QPen(WAIT, 2.5))
        for a, b in zip(points, points[1:]):
            p.drawLine(a, b)
        p.setBrush(WAIT)
        for pt in points:
            p.drawEllipse(pt, 3.5, 3.5)

    def _legend(self, p: QPainter) -> None:
        x = 44.0
        for text, colour, line in ((self.tr("Arrivals"), ARRIVALS, False), (self.tr("Served"), SERVED, False),
                                   (self.tr("Average wait (min)"), WAIT, True)):
            if line:
                p.setPen(QPen(colour, 2.5))
                p.drawLine(QPointF(x, 14), QPointF(x + 16, 14))
            else:
                p.fillRect(QRectF(x, 8, 16, 12), colour)
            p.setPen(INK)
            width = p.fontMetrics().horizontalAdvance(text)
            p.drawText(QPointF(x + 22, 19), text)
            x += 22 + width + 22
