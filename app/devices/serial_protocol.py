"""Serial protocols behind small adapters: keypads in, window displays out.

``Bdl1`` is BranchDesk's own ASCII line protocol (docs/serial-protocol.md):

    $<addr>,<TYPE>[,<field>...]*<checksum>\\r\\n

two-digit address 01-99 (00 = every device), checksum = XOR of the bytes
between ``$`` and ``*`` as two upper-case hex digits. ``Cd5220`` speaks the
CD5220 pole-display command set (ESC @, CLR, ESC Q A / ESC Q B lines).

Adding a vendor protocol means one new class with the same methods:
keypad adapters ``feed(bytes) -> list[KeyPress | Garbled]``, ``ack`` and
``error``; display adapters ``show(address, window, number)`` and ``clear``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("branchdesk.devices.serial")

KEYS = ("NEXT", "RECALL", "NOSHOW", "START", "FINISH", "PAUSE")
MAX_FRAME = 80
_FIELD_FORBIDDEN = set("$,*\r\n")


@dataclass(frozen=True)
class KeyPress:
    address: int
    key: str  # one of KEYS


@dataclass(frozen=True)
class Garbled:
    """Bytes that were not a valid frame (logged and ignored)."""

    raw: bytes
    reason: str


@dataclass(frozen=True)
class Frame:
    address: int
    type: str
    fields: tuple[str, ...] = ()


def checksum(body: bytes) -> str:
    value = 0
    for b in body:
        value ^= b
    return f"{value:02X}"


def clean_field(text: str) -> str:
    """A field value made safe for a frame: printable ASCII, no separators."""
    return "".join(c if 0x20 <= ord(c) < 0x7F and c not in _FIELD_FORBIDDEN else "?" for c in text)


def encode_frame(address: int, type_: str, *fields: str) -> bytes:
    if not 0 <= address <= 99:
        raise ValueError(f"address {address} is outside 00-99")
    body = ",".join([f"{address:02d}", type_, *(clean_field(f) for f in fields)]).encode("ascii")
    return b"$" + body + b"*" + checksum(body).encode("ascii") + b"\r\n"


def decode_frame(line: bytes) -> Frame | Garbled:
    """One line (from ``$`` to ``\\n``) as a Frame, or Garbled with the reason."""
    text = line.rstrip(b"\r\n")
    if not text.startswith(b"$") or len(text) < 7 or text[-3:-2] != b"*":
        return Garbled(line, "not a $...*hh frame")
    body, given = text[1:-3], text[-2:]
    if checksum(body).encode("ascii") != given.upper():
        return Garbled(line, "checksum mismatch")
    try:
        parts = body.decode("ascii").split(",")
    except UnicodeDecodeError:
        return Garbled(line, "non-ASCII bytes")
    if len(parts[0]) != 2 or not parts[0].isdigit() or len(parts) < 2 or not parts[1].isalpha():
        return Garbled(line, "bad address or type")
    return Frame(int(parts[0]), parts[1].upper(), tuple(parts[2:]))


class LineSplitter:
    """Cuts a byte stream into ``$...\\n`` lines; noise and overlong lines become Garbled."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes | Garbled]:
        self._buf += data
        out: list[bytes | Garbled] = []
        while True:
            start = self._buf.find(b"$")
            if start == -1:
                if self._buf.strip():
                    out.append(Garbled(bytes(self._buf), "bytes outside a frame"))
                self._buf.clear()
                return out
            if self._buf[:start].strip():
                out.append(Garbled(bytes(self._buf[:start]), "bytes outside a frame"))
            del self._buf[:start]
            end = self._buf.find(b"\n")
            restart = self._buf.find(b"$", 1)
            if restart != -1 and (end == -1 or restart < end):  # a new frame began: the old one was cut off
                out.append(Garbled(bytes(self._buf[:restart]), "frame cut off"))
                del self._buf[:restart]
                continue
            if end == -1:
                if len(self._buf) > MAX_FRAME:
                    out.append(Garbled(bytes(self._buf), "frame too long"))
                    self._buf.clear()
                return out
            out.append(bytes(self._buf[: end + 1]))
            del self._buf[: end + 1]

    def reset(self) -> None:
        """Forget a half-received frame (the port was reopened)."""
        self._buf.clear()


class Bdl1Keypad:
    """Keypads speaking BDL/1: ``$03,KEY,NEXT*hh`` in, ACK/ERR out."""

    name = "bdl1"

    def __init__(self) -> None:
        self._lines = LineSplitter()

    def feed(self, data: bytes) -> list[KeyPress | Garbled]:
        events: list[KeyPress | Garbled] = []
        for item in self._lines.feed(data):
            if isinstance(item, Garbled):
                events.append(item)
                continue
            frame = decode_frame(item)
            if isinstance(frame, Garbled):
                events.append(frame)
            elif frame.type == "KEY" and len(frame.fields) == 1 and frame.fields[0].upper() in KEYS:
                events.append(KeyPress(frame.address, frame.fields[0].upper()))
            elif frame.type not in ("PONG",):
                events.append(Garbled(item, f"unexpected {frame.type} frame"))
        return events

    def reset(self) -> None:
        self._lines.reset()

    def ack(self, address: int, key: str, number: str) -> bytes:
        return encode_frame(address, "ACK", key, number or "-")

    def error(self, address: int, code: str) -> bytes:
        return encode_frame(address, "ERR", code)


class Bdl1Display:
    """Window displays (or keypads with a number display) on a BDL/1 bus."""

    name = "bdl1"

    def show(self, address: int, window: int, number: str) -> bytes:
        return encode_frame(address, "SHOW", number)

    def clear(self, address: int) -> bytes:
        return encode_frame(address, "CLR")


ESC_INIT = b"\x1b@"
CLR = b"\x0c"


class Cd5220Display:
    """A CD5220-style 2x20 pole display above the window (one per port)."""

    name = "cd5220"
    WIDTH = 20

    def __init__(self, charset: str = "ascii") -> None:
        self.charset = charset  # "ascii", or "gb18030" for Chinese pole displays

    def _line(self, text: str) -> bytes:
        encoded = text.encode(self.charset, errors="replace")
        pad = max(0, self.WIDTH - len(encoded))
        return (b" " * (pad // 2) + encoded + b" " * (pad - pad // 2))[: self.WIDTH]

    def show(self, address: int, window: int, number: str) -> bytes:
        if self.charset == "ascii":
            top, bottom = f"No. {number}", f"Window {window}"
        else:
            top, bottom = f"请 {number} 号", f"到 {window} 号窗口"
        return ESC_INIT + CLR + b"\x1bQA" + self._line(top) + b"\r" + b"\x1bQB" + self._line(bottom) + b"\r"

    def clear(self, address: int) -> bytes:
        return ESC_INIT + CLR


KEYPAD_PROTOCOLS = {"bdl1": Bdl1Keypad}
DISPLAY_PROTOCOLS = {"bdl1": Bdl1Display, "cd5220": Cd5220Display}
