"""Serial keypads and window displays from the settings, started and stopped as one.

The setting ``serial.devices`` is a JSON list, one entry per port
(docs/serial-protocol.md)::

    [{"name": "keypads", "port": "/dev/ttyUSB0", "baudrate": 9600,
      "protocol": "bdl1", "role": "keypad+display", "windows": {"1": 1, "2": 2}},
     {"name": "window 3 display", "port": "COM4", "protocol": "cd5220",
      "role": "display", "window": 3}]

``windows`` maps bus addresses to window numbers; a CD5220 pole display has
one ``window``. ``SerialDevices.status()`` lists each port online/offline.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.devices.displays import DisplayTarget, WindowDisplays
from app.devices.keypads import KeypadService, default_clock
from app.devices.serial_link import LinkStatus, SerialLink
from app.devices.serial_protocol import DISPLAY_PROTOCOLS, KEYPAD_PROTOCOLS
from app.errors import InvalidInput
from app.store.engine import Database

ROLES = ("keypad", "display", "keypad+display")


class SerialConfigError(InvalidInput):
    """A malformed ``serial.devices`` entry; the message names it."""


@dataclass(frozen=True)
class PortSpec:
    name: str
    port: str
    baudrate: int = 9600
    protocol: str = "bdl1"
    role: str = "keypad"
    windows: dict[int, int] = field(default_factory=dict)  # address -> window
    charset: str = "ascii"


def _entry(raw: Any, i: int) -> PortSpec:
    if not isinstance(raw, dict):
        raise SerialConfigError(f"Entry {i + 1} of serial.devices is not an object with a port.")
    name = str(raw.get("name") or f"serial device {i + 1}")
    port = str(raw.get("port") or "").strip()
    if not port:
        raise SerialConfigError(f"Serial device {name!r} has no port; give one such as COM3 or /dev/ttyUSB0.")
    role = str(raw.get("role") or "keypad")
    protocol = str(raw.get("protocol") or "bdl1").lower()
    if role not in ROLES:
        raise SerialConfigError(f"Serial device {name!r} has role {role!r}; use one of {', '.join(ROLES)}.")
    known = KEYPAD_PROTOCOLS if role.startswith("keypad") else DISPLAY_PROTOCOLS
    if protocol not in known:
        raise SerialConfigError(f"Serial device {name!r} speaks {protocol!r}, which BranchDesk does not know "
                                f"for a {role}; use one of {', '.join(known)}.")
    try:
        baud = int(raw.get("baudrate", 9600))
        if "window" in raw:
            windows = {0: int(raw["window"])}
        else:
            windows = {int(a): int(w) for a, w in dict(raw.get("windows") or {}).items()}
    except (TypeError, ValueError):
        raise SerialConfigError(f"Serial device {name!r} has a baud rate, address or window that is not a number.")
    if not windows:
        raise SerialConfigError(f"Serial device {name!r} serves no window; add \"window\" or \"windows\".")
    if any(not 0 <= a <= 99 for a in windows):
        raise SerialConfigError(f"Serial device {name!r} has an address outside 00-99.")
    return PortSpec(name, port, baud, protocol, role, windows, str(raw.get("charset") or "ascii"))


def serial_specs(settings: dict[str, Any]) -> list[PortSpec]:
    """The ports of ``serial.devices`` (raises SerialConfigError with one sentence)."""
    raw = settings.get("serial.devices") or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else []
        except json.JSONDecodeError:
            raise SerialConfigError("Setting serial.devices is not valid JSON.") from None
    if not isinstance(raw, list):
        raise SerialConfigError("Setting serial.devices should be a list of ports.")
    specs = [_entry(r, i) for i, r in enumerate(raw)]
    ports = [s.port for s in specs]
    for p in ports:
        if ports.count(p) > 1:
            raise SerialConfigError(f"Port {p} is listed twice in serial.devices; use role keypad+display.")
    return specs


class SerialDevices:
    """Every configured keypad port and window display, with one status list."""

    def __init__(self, db: Database, specs: list[PortSpec], *,
                 clock: Callable[[], dt.datetime] = default_clock, poll_s: float = 0.5) -> None:
        self.links = [SerialLink(s.port, name=s.name, baudrate=s.baudrate) for s in specs]
        targets: list[DisplayTarget] = []
        for spec, link in zip(specs, self.links):
            if "display" in spec.role:
                proto = DISPLAY_PROTOCOLS[spec.protocol]
                adapter = proto(spec.charset) if spec.protocol == "cd5220" else proto()
                targets += [DisplayTarget(w, link, adapter, a) for a, w in spec.windows.items()]
        self.displays = WindowDisplays(db, targets, poll_s=poll_s, clock=clock)
        self.keypads = [
            KeypadService(db, link, KEYPAD_PROTOCOLS[spec.protocol](), spec.windows, clock=clock,
                          on_action=self.displays.wake)
            for spec, link in zip(specs, self.links) if spec.role.startswith("keypad")
        ]
        self.started = False

    def start(self) -> None:
        """Start the reader threads (ports open in the background, with retries)."""
        if self.started:
            return
        self.started = True
        if self.displays.targets:
            self.displays.start()
        for k in self.keypads:
            k.start()

    def status(self) -> list[LinkStatus]:
        return [link.status() for link in self.links]

    def close(self) -> None:
        for k in self.keypads:
            k.stop()
        if self.started and self.displays.targets:
            self.displays.stop()
        for link in self.links:
            link.close()


def build_serial_devices(db: Database, settings: dict[str, Any], **kwargs: Any) -> SerialDevices:
    """Serial devices from the settings (not started: call ``start()``)."""
    return SerialDevices(db, serial_specs(settings), **kwargs)
