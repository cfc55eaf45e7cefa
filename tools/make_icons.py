"""Render resources/icons/branchdesk.svg to the PNG and ICO files the
installers use (the .deb's hicolor icons, the Windows executable and setup).

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "branchdesk.svg")).render(painter)
    painter.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(buf.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QSvgRenderer needs it)
    pngs = {size: render(size) for size in SIZES}
    for size in (48, 256):
        (ICONS / f"branchdesk-{size}.png").write_bytes(pngs[size])
    largest = Image.open(io.BytesIO(pngs[256]))
    largest.save(ICONS / "branchdesk.ico", sizes=[(s, s) for s in SIZES])
    print(f"written: branchdesk-48.png, branchdesk-256.png, branchdesk.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
