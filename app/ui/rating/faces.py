"""Five large faces, drawn (no emoji font needed): from very unhappy (1) to
very happy (5), each a button the customer can press."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy

COLOURS = ("#c0392b", "#e67e22", "#f1c40f", "#7cb342", "#1e8449")


def caption_font(base: QFont, px: int) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPixelSize(px)
    return font


def caption_size(faces: list[FaceButton]) -> int:
    """The largest caption size at which every face's caption fits its button
    (one size for all five: shrunk, never cut)."""
    if not faces:
        return 12
    caption_h = max(28, faces[0].height() // 4)
    px = max(10, int(caption_h / 2 * 0.8))
    while px > 10:
        fits = True
        for f in faces:
            fm = QFontMetrics(caption_font(f.font(), px))
            if max(fm.horizontalAdvance(line) for line in f.text().split("\n")) > f.width() - 6:
                fits = False
                break
        if fits:
            break
        px -= 1
    return px


class FaceButton(QAbstractButton):
    """Face ``stars`` (1-5) with its caption under it."""

    chosen = Signal(int)

    def __init__(self, stars: int, caption: str) -> None:
        super().__init__()
        self.stars = stars
        self.setText(caption)
        self.setAccessibleName(caption)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touched, not tabbed to
        self.caption_px = 20  # set by the pad: one size for all five captions
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(72, 96)
        self.clicked.connect(lambda: self.chosen.emit(self.stars))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        caption_h = max(28, self.height() // 4)
        side = min(self.width() - 8, self.height() - caption_h - 8)
        face = QRectF((self.width() - side) / 2, 4, side, side)
        colour = QColor(COLOURS[self.stars - 1])
        if self.isDown():
            colour = colour.darker(120)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(face)
        ink = QColor("#1b2430")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ink)
        eye = side / 11
        for x in (0.34, 0.66):
            p.drawEllipse(QPointF(face.left() + side * x, face.top() + side * 0.38), eye / 2, eye / 1.6)
        # the mouth: a curve from a frown (1) to a broad smile (5)
        bend = (self.stars - 3) / 2  # -1 .. 1
        left = QPointF(face.left() + side * 0.28, face.top() + side * 0.68)
        right = QPointF(face.left() + side * 0.72, face.top() + side * 0.68)
        mouth = QPainterPath(left)
        mouth.quadTo(QPointF(face.center().x(), face.top() + side * (0.68 + 0.22 * bend)), right)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(ink, max(3.0, side / 18), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPath(mouth)
        p.setFont(caption_font(self.font(), self.caption_px))
        p.setPen(QColor("white"))
        p.drawText(QRectF(0, face.bottom() + 4, self.width(), caption_h), Qt.AlignmentFlag.AlignHCenter |
                   Qt.AlignmentFlag.AlignTop, self.text())
        p.end()
