"""Reading ESC/POS byte streams back (test helper): Chinese segments, the big
number, QR payloads and raster image headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHINESE = re.compile(rb"\x1c&(?:\x1c!.)?(.*?)\x1c\.", re.S)
_QR_STORE = re.compile(rb"\x1d\(k(..)\x31\x50\x30", re.S)
_RASTER = re.compile(rb"\x1dv0(.)(..)(..)", re.S)
_SIZED_ASCII = re.compile(rb"\x1d!(.)([\x20-\x7e]+)\n", re.S)


@dataclass(frozen=True)
class Raster:
    width: int  # dots
    height: int  # dots
    offset: int


def chinese_segments(data: bytes) -> list[str]:
    """Text sent in Chinese mode (FS & ... FS .), decoded from GB18030."""
    return [m.group(1).decode("gb18030") for m in _CHINESE.finditer(data)]


def sized_ascii(data: bytes) -> list[tuple[int, str]]:
    """(multiplier, text) of every ASCII line sent after GS ! n."""
    return [((m.group(1)[0] & 0x0F) + 1, m.group(2).decode("ascii")) for m in _SIZED_ASCII.finditer(data)]


def qr_payloads(data: bytes) -> list[str]:
    """Content of every native QR store-data command (GS ( k ... 1 P 0)."""
    out = []
    for m in _QR_STORE.finditer(data):
        length = m.group(1)[0] | m.group(1)[1] << 8
        start = m.end()
        out.append(data[start:start + length - 3].decode("utf-8"))
    return out


def rasters(data: bytes) -> list[Raster]:
    """Every GS v 0 raster image: its size in dots."""
    out = []
    pos = 0
    while True:
        m = _RASTER.search(data, pos)
        if m is None:
            return out
        wb = m.group(2)[0] | m.group(2)[1] << 8
        h = m.group(3)[0] | m.group(3)[1] << 8
        out.append(Raster(wb * 8, h, m.start()))
        pos = m.end() + wb * h  # skip the image data itself
