"""The one bridge between the change feed and the screens (STYLE.md #8).

A QTimer polls ``events_since`` (a cheap indexed read: ``id > last``) every
~150 ms and turns new event-log rows into Qt signals. Rows written by this
process, by another process or by another PC on the same database arrive the
same way, so every screen stays in step.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.store.feed import EventView, events_since, last_event_id

log = logging.getLogger("branchdesk.ui")

CALL_EVENTS = frozenset({"TicketCalled", "TicketRecalled"})
# Events that change what a waiting list or a window looks like.
QUEUE_EVENTS = frozenset({
    "TicketIssued", "TicketCalled", "TicketRecalled", "TicketNoShow", "ServiceStarted",
    "TicketFinished", "TicketTransferred", "TicketCancelled", "TicketRequeued", "TicketRated",
    "WindowOpened", "WindowPaused", "WindowResumed", "WindowClosed", "DayClosed",
    "CatalogueInitialised", "TicketPrintPrinted", "TicketPrintFailed", "TicketPrintVoided",
    "TicketPrintNotPrinted",
})


class FeedBridge(QObject):
    """Polls the event log and emits what changed."""

    event_received = Signal(object)  # EventView, every new row
    ticket_called = Signal(object)  # EventView of TicketCalled / TicketRecalled
    queue_changed = Signal()  # at most once per poll
    setting_changed = Signal(str, object)  # key, value
    connection_lost = Signal(object)  # the exception
    connection_restored = Signal()

    def __init__(self, db, interval_ms: int = 150, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._timer = QTimer(self, interval=interval_ms, timeout=self.poll)
        self.last_id: int | None = None
        self.online = True

    def start(self) -> None:
        """Start after the newest event: screens load their own state first."""
        if self.last_id is None:
            try:
                self.last_id = last_event_id(self._db)
            except Exception as exc:  # shown by the screens; retried on the next poll
                self._lost(exc)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> int:
        """Read and dispatch new events now; returns how many arrived."""
        try:
            if self.last_id is None:
                self.last_id = last_event_id(self._db)
            events = events_since(self._db, self.last_id)
        except Exception as exc:
            self._lost(exc)
            return 0
        if not self.online:
            self.online = True
            log.info("database reachable again")
            self.connection_restored.emit()
        if events:
            self.last_id = events[-1].id
            self._dispatch(events)
        return len(events)

    def _dispatch(self, events: list[EventView]) -> None:
        changed = False
        for ev in events:
            self.event_received.emit(ev)
            if ev.type in CALL_EVENTS:
                self.ticket_called.emit(ev)
            if ev.type == "SettingChanged":
                self.setting_changed.emit(str(ev.payload.get("key")), ev.payload.get("value"))
            changed = changed or ev.type in QUEUE_EVENTS
        if changed:
            self.queue_changed.emit()

    def _lost(self, exc: Exception) -> None:
        if self.online:
            self.online = False
            log.warning("change feed: database unreachable: %s", exc)
            self.connection_lost.emit(exc)
