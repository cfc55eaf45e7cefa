"""Printing steps -> ESC/POS bytes, captured with python-escpos's ``Dummy``.

The whole ticket becomes one byte string that the driver sends in one write.
Chinese text never goes through python-escpos's automatic encoder (it turns
full-width punctuation and rarer characters into ``?``); instead:

* ``printer_font`` mode: each line with non-ASCII text is encoded as GB18030
  ourselves and wrapped in FS & (enter Chinese mode) ... FS . (leave it), with
  the size set by GS ! (ASCII and, on most Chinese firmware, Chinese) and
  FS ! (Chinese double width/height).
* ``raster`` mode: such lines are drawn with a CJK font and sent as a raster
  image (GS v 0), for printers that have no Chinese font.

ASCII lines (the number, English text, dates) always use the printer's font.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from PIL import Image

from app.devices.config import PrinterConfig
from app.devices.fonts import qr_image, raster_line
from app.devices.layout import CELL_H, QR, Cut, Feed, Rule, Step, Text, columns

ESC_INIT = b"\x1b@"
FS_CHINESE_ON = b"\x1c&"
FS_CHINESE_OFF = b"\x1c."
LF = b"\n"


def esc_align(align: str) -> bytes:
    return b"\x1ba" + (b"\x01" if align == "center" else b"\x00")


def esc_bold(on: bool) -> bytes:
    return b"\x1bE" + (b"\x01" if on else b"\x00")


def gs_size(size: int) -> bytes:
    """GS ! n: width and height multipliers 1..8 in the high and low nibble."""
    n = max(1, min(8, size)) - 1
    return b"\x1d!" + bytes([(n << 4) | n])


def fs_size(size: int) -> bytes:
    """FS ! n: Chinese characters double width (bit 2) and double height (bit 3)."""
    return b"\x1c!" + bytes([0x0C if size >= 2 else 0])


@lru_cache(maxsize=16)
def profile_for(name: str, dots: int):  # type: ignore[no-untyped-def]
    """The python-escpos profile with its paper width known (images need it)."""
    # python-escpos is imported on the first real job, not with this module: the
    # app, the CLI and the no-printer/simulated cases start without it.
    from escpos.capabilities import get_profile

    prof = get_profile(name)
    data = copy.deepcopy(prof.profile_data)
    known = data.get("media", {}).get("width", {}).get("pixels")
    width = min(dots, int(known)) if isinstance(known, int) else dots
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = width
    prof.profile_data = data  # instance copy: the shared class data stays untouched
    return prof


def paper_dots(cfg: PrinterConfig) -> int:
    """Dots across the paper, never wider than the profile says the head is."""
    return int(profile_for(cfg.profile, cfg.dots).profile_data["media"]["width"]["pixels"])


def encode_text(step: Text, cfg: PrinterConfig, dots: int) -> bytes:
    """One text line in the printer's font (ASCII or GB18030 in Chinese mode)."""
    head = esc_align(step.align) + esc_bold(step.bold) + gs_size(step.size)
    if step.text.isascii():
        return head + step.text.encode("ascii") + LF + gs_size(1) + esc_bold(False)
    body = FS_CHINESE_ON + fs_size(step.size) + step.text.encode("gb18030") + FS_CHINESE_OFF
    return head + body + LF + fs_size(1) + gs_size(1) + esc_bold(False)


def _centred(img: Image.Image, dots: int) -> Image.Image:
    paper = Image.new("L", (dots, img.height), 255)
    paper.paste(img, ((dots - img.width) // 2, 0))
    return paper


def render_escpos(steps: list[Step], cfg: PrinterConfig) -> bytes:
    """The ESC/POS byte stream for ``steps`` on the printer ``cfg`` describes."""
    from escpos.printer import Dummy

    dots = paper_dots(cfg)
    d = Dummy(profile=cfg.profile)
    d.profile = profile_for(cfg.profile, cfg.dots)
    d._raw(ESC_INIT)
    for step in steps:
        if isinstance(step, Text):
            if step.text.isascii() or cfg.chinese_mode == "printer_font":
                d._raw(encode_text(step, cfg, dots))
            else:
                img = raster_line(step.text, dots, CELL_H * step.size, align=step.align, bold=step.bold)
                d._raw(esc_align("left"))
                d.image(img, center=False)
        elif isinstance(step, Rule):
            d._raw(esc_align("left") + b"-" * columns(dots) + LF)
        elif isinstance(step, QR):
            d._raw(esc_align("center"))
            if cfg.qr_native:
                d.qr(step.data, size=step.module, native=True)
                d._raw(LF)
            else:  # drawn here (fixed mask, cached), sent as a centred GS v 0 raster
                d.image(_centred(qr_image(step.data, step.module), dots), center=False)
            d._raw(esc_align("left"))
        elif isinstance(step, Feed):
            d._raw(LF * step.lines)
        elif isinstance(step, Cut):
            if cfg.cut == "none":
                d.print_and_feed(6)
            else:
                d.cut(mode="PART" if step.partial and cfg.cut == "partial" else "FULL")
    return d.output
