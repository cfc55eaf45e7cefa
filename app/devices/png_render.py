"""Printing steps -> a PNG of the ticket as the customer would hold it.

The simulated printer's output (``branchdesk demo``, tests, screenshots).
Line heights follow a thermal printer at 203 dpi: 24-dot font cells with the
default 30-dot line pitch, so a PNG is as long as the paper would be.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from app.devices.fonts import qr_image, text_image
from app.devices.layout import CELL_H, QR, Cut, Feed, Rule, Step, Text

LINE_GAP = 6  # default line pitch 30 dots = 24-dot cell + 6
MARGIN = 40  # unprintable paper edge each side, and the top before the first line
CUT_FEED = 6 * (CELL_H + LINE_GAP)  # what ESC/POS cut() feeds before cutting


def _rule(dots: int) -> Image.Image:
    img = Image.new("L", (dots, CELL_H + LINE_GAP), 255)
    draw = ImageDraw.Draw(img)
    y = (CELL_H + LINE_GAP) // 2
    for x in range(0, dots, 12):
        draw.line((x + 2, y, x + 8, y), fill=0, width=2)
    return img


def _blocks(steps: list[Step], dots: int) -> list[Image.Image]:
    blocks: list[Image.Image] = []
    for step in steps:
        if isinstance(step, Text):
            line = Image.new("L", (dots, CELL_H * step.size + LINE_GAP), 255)
            line.paste(text_image(step.text, dots, CELL_H * step.size, align=step.align, bold=step.bold), (0, 0))
            blocks.append(line)
        elif isinstance(step, Rule):
            blocks.append(_rule(dots))
        elif isinstance(step, QR):
            qr = qr_image(step.data, step.module)
            box = Image.new("L", (dots, qr.height + LINE_GAP), 255)
            box.paste(qr, ((dots - qr.width) // 2, 0))
            blocks.append(box)
        elif isinstance(step, Feed):
            blocks.append(Image.new("L", (dots, (CELL_H + LINE_GAP) * step.lines), 255))
        elif isinstance(step, Cut):
            blocks.append(Image.new("L", (dots, CUT_FEED // 2), 255))
    return blocks


def render_png(steps: list[Step], dots: int) -> Image.Image:
    """The printed paper: ``dots`` of print width plus the paper's margins."""
    blocks = _blocks(steps, dots)
    height = MARGIN + sum(b.height for b in blocks)
    paper = Image.new("RGB", (dots + 2 * MARGIN, height + 6), (255, 255, 255))
    y = MARGIN
    for block in blocks:
        paper.paste(block.convert("RGB"), (MARGIN, y))
        y += block.height
    draw = ImageDraw.Draw(paper)
    if any(isinstance(s, Cut) for s in steps):  # the torn/cut edge
        for x in range(0, paper.width, 10):
            draw.line((x, height + 2, x + 5, height + 2), fill=(150, 150, 150), width=1)
    draw.rectangle((0, 0, paper.width - 1, paper.height - 1), outline=(200, 200, 200))
    return paper
