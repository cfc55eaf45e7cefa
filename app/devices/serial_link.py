"""One serial port that survives being unplugged: reconnect with backoff.

A device path (COM3, /dev/ttyUSB0) or any pyserial URL (``loop://``,
``socket://host:port``, ``spy://...``) opened with ``serial_for_url``. Every
read and write has a timeout; a fault marks the link offline (a status the
UI shows) and the next read retries after a growing pause (0.2 s doubling to
5 s). Nothing here raises to the caller or blocks longer than the timeouts.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import serial

log = logging.getLogger("branchdesk.devices.serial")

BACKOFF_FIRST = 0.2
BACKOFF_MAX = 5.0


@dataclass(frozen=True)
class LinkStatus:
    name: str
    port: str
    online: bool
    message: str  # one sentence for the UI


class SerialLink:
    """A port opened on demand; ``read``/``write`` never raise."""

    def __init__(self, port: str, *, name: str = "", baudrate: int = 9600, read_timeout: float = 0.1,
                 write_timeout: float = 1.0, opener: Any = serial.serial_for_url) -> None:
        self.port = port
        self.name = name or port
        self.baudrate = baudrate
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self._opener = opener
        self._dev: Any = None
        self._lock = threading.Lock()  # writes come from several threads
        self._retry_at = 0.0
        self._backoff = BACKOFF_FIRST
        self._message = f"{self.name} ({port}) has not been opened yet."
        self.generation = 0  # grows at every (re)connection: displays redraw then
        self.closed = False

    @property
    def online(self) -> bool:
        return self._dev is not None

    def status(self) -> LinkStatus:
        with self._lock:  # online and message change together
            return LinkStatus(self.name, self.port, self.online, self._message)

    def _ensure_open(self) -> bool:
        if self._dev is not None:
            return True
        if self.closed or time.monotonic() < self._retry_at:
            return False
        try:
            self._dev = self._opener(self.port, baudrate=self.baudrate, timeout=self.read_timeout,
                                     write_timeout=self.write_timeout)
        except (serial.SerialException, OSError, ValueError) as exc:
            self._offline(exc)
            return False
        self._backoff = BACKOFF_FIRST
        self.generation += 1
        self._message = f"{self.name} ({self.port}) is connected."
        log.info("serial %s connected on %s", self.name, self.port)
        return True

    def _offline(self, exc: BaseException) -> None:
        was_online = self._dev is not None or self.generation == 0
        dev, self._dev = self._dev, None
        if dev is not None:
            try:
                dev.close()
            except Exception:  # a vanished port may fail to close; it is gone either way
                pass
        self._retry_at = time.monotonic() + self._backoff
        self._backoff = min(BACKOFF_MAX, self._backoff * 2)
        self._message = f"{self.name} ({self.port}) is offline; reconnecting."
        if was_online:
            log.warning("serial %s offline on %s: %s", self.name, self.port, exc)

    def read(self) -> bytes:
        """Bytes that arrived (b"" after the read timeout, or while offline)."""
        with self._lock:
            dev = self._dev if self._ensure_open() else None
        if dev is None:
            time.sleep(min(self.read_timeout, max(0.0, self._retry_at - time.monotonic())))
            return b""
        try:
            return dev.read(max(1, dev.in_waiting))
        except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
            with self._lock:
                if self._dev is dev:
                    self._offline(exc)
            return b""

    def write(self, data: bytes) -> bool:
        """Send ``data``; False when the port is offline or the write failed."""
        with self._lock:
            if not self._ensure_open():
                return False
            try:
                self._dev.write(data)  # bounded by write_timeout; no drain (it has no timeout)
                return True
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                self._offline(exc)
                return False

    def close(self) -> None:
        with self._lock:
            self.closed = True
            dev, self._dev = self._dev, None
            if dev is not None:
                try:
                    dev.close()
                except Exception:
                    pass
            self._message = f"{self.name} ({self.port}) is closed."
