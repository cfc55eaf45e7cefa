"""Find a CJK font on this machine; draw text lines and QR codes as images.

Used by the raster Chinese mode (text drawn as an image for printers without
a Chinese font) and by the simulated printer's PNG renderer. Images are
cached: a ticket's branch, service and footer lines repeat all day.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Checked in order: Debian/Ubuntu packages first, then Windows and macOS.
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",  # Microsoft YaHei
    "C:/Windows/Fonts/msyh.ttf",
    "C:/Windows/Fonts/simsun.ttc",  # SimSun
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

_lock = threading.Lock()  # FreeType faces are not safe to share across threads while loading


class NoCjkFont(RuntimeError):
    """No font that can draw Chinese was found."""


def find_cjk_font(extra: str | None = None) -> str:
    """Path of a font that draws Chinese: $BRANCHDESK_CJK_FONT, then the usual places."""
    for path in (extra, os.environ.get("BRANCHDESK_CJK_FONT"), *CANDIDATES):
        if path and Path(path).is_file():
            return path
    windir = os.environ.get("WINDIR")
    if windir:
        for name in ("msyh.ttc", "simsun.ttc", "simhei.ttf"):
            p = Path(windir) / "Fonts" / name
            if p.is_file():
                return str(p)
    raise NoCjkFont("No Chinese font was found; install fonts-wqy-microhei (Linux) or set BRANCHDESK_CJK_FONT.")


@lru_cache(maxsize=32)
def font(px: int) -> ImageFont.FreeTypeFont:
    """The CJK font at ``px`` pixels (cached per size)."""
    with _lock:
        return ImageFont.truetype(find_cjk_font(), px)


@lru_cache(maxsize=256)
def text_image(text: str, width: int, height: int, *, align: str = "center", bold: bool = False) -> Image.Image:
    """One line of ``text`` drawn black on white, ``width`` x ``height`` dots.

    The em square fills the line like a printer's 24x24 Chinese cell (CJK
    glyphs rise about 0.85 em above the baseline; Latin descenders need the rest). A line wider than the paper
    is squeezed sideways, as a printer's double-height font would look.
    """
    f = font(max(8, int(height * 0.95)))
    w = int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=f)) + 2
    line = Image.new("L", (max(1, w), height), 255)
    ImageDraw.Draw(line).text((1, int(height * 0.8)), text, font=f, fill=0, anchor="ls",
                              stroke_width=1 if bold else 0, stroke_fill=0)
    if w > width:
        line = line.resize((width, height), Image.LANCZOS)
        w = width
    img = Image.new("L", (width, height), 255)
    img.paste(line, ((width - w) // 2 if align == "center" else 0, 0))
    return img


@lru_cache(maxsize=64)
def qr_image(data: str, module: int) -> Image.Image:
    """A QR code (error correction M) with a one-module quiet zone, black on white.

    The mask pattern is fixed: any mask is valid for readers, and skipping
    the search makes the code several times faster to build.
    """
    import qrcode

    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()  # with the quiet zone; True = dark module
    n = len(matrix)
    small = Image.new("L", (n, n), 255)
    small.putdata([0 if dark else 255 for row in matrix for dark in row])
    return small.resize((n * module, n * module), Image.NEAREST)


@lru_cache(maxsize=256)
def raster_line(text: str, width: int, height: int, *, align: str = "center", bold: bool = False) -> Image.Image:
    """``text_image`` thresholded to pure black and white for a raster printer
    (python-escpos would otherwise dither the anti-aliased edges into grain)."""
    return text_image(text, width, height, align=align, bold=bold).point(lambda v: 0 if v < 150 else 255)
