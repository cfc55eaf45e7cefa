"""A font for Chinese in the PDF: a CJK TrueType font embedded (subset) when one
is found, else reportlab's built-in CID font STSong-Light (not embedded)."""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont, TTFError

log = logging.getLogger("branchdesk.reports")

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_WINDOWS = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
# (path, subfont index in a .ttc, display name), tried in order.
CANDIDATES = [
    (SHIPPED / "wqy-microhei.ttc", 0, "WenQuanYi Micro Hei"),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0, "WenQuanYi Micro Hei"),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0, "WenQuanYi Zen Hei"),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2, "Noto Sans CJK SC"),
    (_WINDOWS / "msyh.ttc", 0, "Microsoft YaHei"),
    (_WINDOWS / "simsun.ttc", 0, "SimSun"),
    (_WINDOWS / "simhei.ttf", 0, "SimHei"),
    (Path("/System/Library/Fonts/PingFang.ttc"), 0, "PingFang SC"),
]
FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class PdfFont:
    name: str  # the reportlab font name to use in styles
    description: str  # what the footer and the metadata say
    embedded: bool


@functools.cache
def cjk_font() -> PdfFont:
    """Register (once per process) and return the font used for every PDF."""
    for path, index, label in CANDIDATES:
        if not path.exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont("BranchDeskCJK", str(path), subfontIndex=index))
        except (TTFError, OSError) as exc:  # e.g. a CFF-outline OpenType font
            log.warning("cannot use font %s: %s", path, exc)
            continue
        return PdfFont("BranchDeskCJK", f"{label} ({path.name}, embedded subset)", True)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return PdfFont(FALLBACK, f"{FALLBACK} (reportlab built-in CID font, not embedded)", False)
