"""Window displays follow the change feed: every call shows above its window.

Calls made on screen, from a keypad or from another PC all land in the event
log; ``WindowDisplays`` polls ``events_since`` (or is woken at once by the
keypad service) and sends the number to that window's display(s). After a
display's port reconnects, its window's last number is sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.devices.keypads import default_clock
from app.devices.serial_link import SerialLink
from app.store.engine import Database
from app.events import CALL_EVENTS, EventType
from app.store.feed import EventView, FeedCursor, read_new, start_cursor

log = logging.getLogger("branchdesk.devices.display")

SHOW_EVENTS = CALL_EVENTS


@dataclass(frozen=True)
class DisplayTarget:
    """One display: where it hangs (window), how it is reached (link, address, protocol)."""

    window: int
    link: SerialLink
    protocol: Any
    address: int = 0


class WindowDisplays:
    """One thread keeping every window display in step with the event log."""

    def __init__(self, db: Database, targets: list[DisplayTarget], *, poll_s: float = 0.5,
                 clock: Callable[[], dt.datetime] = default_clock) -> None:
        self.db = db
        self.clock = clock
        self.targets = targets
        self.poll_s = poll_s
        self.shown: dict[int, str] = {}  # window -> number on its display
        self._sent_generation: dict[int, int] = {}  # id(target) -> link generation last drawn on
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.cursor: FeedCursor | None = None  # None until the database answered once

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="window-displays", daemon=True)
        self._thread.start()

    def wake(self, *_: Any) -> None:
        """Look at the feed now (called after a keypad action)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(2)

    close = stop

    def _restore_current(self) -> None:
        """After a start, show what each window is serving right now."""
        from app.queue.status import queue_status

        status = queue_status(self.db, now=self.clock())
        for w in status.windows:
            if w.current_ticket is not None:
                self.shown[w.number] = w.current_ticket.number

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception:  # the database may be busy or away; try again next round
                log.exception("window displays: cannot read the change feed")
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def poll(self) -> None:
        """Apply new events, and redraw displays whose port came back."""
        if self.cursor is None:  # first round, or the database was away at start
            cursor = start_cursor(self.db)
            self._restore_current()
            self.cursor = cursor
        events, self.cursor = read_new(self.db, self.cursor)
        for event in events:
            self.apply(event)
        for target in self.targets:
            if self._sent_generation.get(id(target)) != target.link.generation:
                self._draw(target)

    def apply(self, event: EventView) -> None:
        window = event.payload.get("window")
        if not isinstance(window, int):
            return
        if event.type in SHOW_EVENTS:
            self.shown[window] = str(event.payload.get("number", ""))
        elif event.type == EventType.WINDOW_CLOSED:
            self.shown.pop(window, None)
        else:
            return
        for target in self.targets:
            if target.window == window:
                self._draw(target)

    def _draw(self, target: DisplayTarget) -> None:
        number = self.shown.get(target.window)
        if number:
            data = target.protocol.show(target.address, target.window, number)
        else:
            data = target.protocol.clear(target.address)
        if target.link.write(data):
            self._sent_generation[id(target)] = target.link.generation
