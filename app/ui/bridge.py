"""The one bridge between the change feed and the screens (STYLE.md #8).

A reader thread polls the event log (``app.store.feed.read_new``: every event
once, in commit order, on SQLite and PostgreSQL alike) every ~150 ms and
hands what it found to the GUI thread, where it becomes Qt signals. Rows
written by this process, another process or another PC arrive the same way,
so every screen stays in step. The GUI thread never waits for the database:
a server that hangs holds up only the reader thread (until the watchdog cuts
it: app/store/watchdog.py), and the screens show "database unreachable".
"""

from __future__ import annotations

import logging
import socket
import threading
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.events import CALL_EVENTS, CATALOGUE_EVENTS, QUEUE_EVENTS, EventType
from app.store.feed import EventView, FeedCursor, read_new, start_cursor
from app.ui import tasks

log = logging.getLogger("branchdesk.ui")
__all__ = ["CALL_EVENTS", "QUEUE_EVENTS", "FeedBridge"]


class FeedBridge(QObject):
    """Reads the event log in a thread of its own and emits what changed."""

    event_received = Signal(object)  # EventView, every new row
    ticket_called = Signal(object)  # EventView of TicketCalled / TicketRecalled
    queue_changed = Signal()  # at most once per poll
    catalogue_changed = Signal()  # services or windows were added or changed
    day_changed = Signal(object)  # EventView of DayOpened / DayClosed
    setting_changed = Signal(str, object)  # key, value (branch settings, and this PC's own)
    connection_lost = Signal(object)  # the exception
    connection_restored = Signal()
    # From the reader thread: what it read waits in the inbox, this bare signal
    # says so (no Python object is handed across threads by a queued signal;
    # the GUI thread takes the rows, and frees them).
    _inbox_ready = Signal()

    def __init__(self, db: Any, interval_ms: int = 150, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.interval_s = interval_ms / 1000
        self.cursor: FeedCursor | None = None
        self.online = True
        self.host = socket.gethostname()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # one read at a time (thread and poll())
        self._inbox: deque[tuple[bool, Any]] = deque()  # (read, events) or (failed, exception), in order
        self._inbox_ready.connect(self._drain)  # queued: the slot runs on the GUI thread

    def start(self) -> None:
        """Start the reader thread; the cursor starts after what is committed now
        (screens load their own state first)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        tasks.collect_garbage_on_gui_thread()
        self._thread = threading.Thread(target=self._run, name="change-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(2)

    def wake(self) -> None:
        """Read now (after an action of this process, for a prompt repaint)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._read()
            self._wake.wait(self.interval_s)
            self._wake.clear()

    def _read(self) -> list[EventView] | None:
        """One read of the feed (reader thread); results are emitted, not returned to the GUI."""
        with self._lock:
            try:
                if self.cursor is None:
                    self.cursor = start_cursor(self._db)
                    events: list[EventView] = []
                else:
                    events, self.cursor = read_new(self._db, self.cursor)
            except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"; retried next round
                if not self._stop.is_set():
                    self._inbox.append((False, exc))
                    self._inbox_ready.emit()
                return None
        if not self._stop.is_set():
            self._inbox.append((True, events))
            self._inbox_ready.emit()
        return events

    def poll(self) -> int:
        """Read and dispatch now, on the calling thread (tests and tools); the
        number of new events."""
        events = self._read()
        return len(events or [])

    @Slot()
    def _drain(self) -> None:
        """On the GUI thread: everything the reader left, in the order it read it."""
        while self._inbox:
            read, value = self._inbox.popleft()
            if read:
                self._dispatch(value)
            else:
                self._lost(value)

    def _dispatch(self, events: list[EventView]) -> None:
        if not self.online:
            self.online = True
            log.info("database reachable again")
            self.connection_restored.emit()
        changed = catalogue = False
        for ev in events:
            self.event_received.emit(ev)
            if ev.type in CALL_EVENTS:
                self.ticket_called.emit(ev)
            elif ev.type in (EventType.DAY_OPENED, EventType.DAY_CLOSED):
                self.day_changed.emit(ev)
            elif ev.type == EventType.SETTINGS_CHANGED:
                self._settings(ev)
            changed = changed or ev.type in QUEUE_EVENTS
            catalogue = catalogue or ev.type in CATALOGUE_EVENTS
        if catalogue:
            self.catalogue_changed.emit()
        if changed:
            self.queue_changed.emit()

    def _settings(self, ev: EventView) -> None:
        """One SettingsChanged event, whatever its source (admin, CLI, head office,
        a PC's own file): each value reaches the screens; a PC's own settings
        only on that PC."""
        if ev.payload.get("scope") == "machine" and ev.payload.get("host") != self.host:
            return
        values = ev.payload.get("values") or {}
        for key, value in values.items():
            self.setting_changed.emit(str(key), value)
        if any(str(k).startswith("catalogue") for k in ev.payload.get("keys") or ()):
            self.catalogue_changed.emit()

    @Slot(object)
    def _lost(self, exc: Exception) -> None:
        if self.online:
            self.online = False
            log.warning("change feed: database unreachable: %s", exc)
            self.connection_lost.emit(exc)
