"""Blocking work (reports, database reads) on a worker thread, results back on
the GUI thread. Works under the qasync loop and under a plain Qt event loop
alike (tests, the screenshot tool).

The result travels by a signal whose receiver is a slot of a QObject living on
the GUI thread, so Qt queues the call there (a plain Python callable as the
receiver could run on the worker thread, and touching widgets there crashes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("branchdesk.ui")


class _Relay(QObject):
    finished = Signal(bool, object)  # ok, result or exception

    def __init__(self, jobs: Jobs, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__(jobs)
        self._jobs, self._on_done, self._on_error = jobs, on_done, on_error
        self.finished.connect(self.deliver)

    @Slot(bool, object)
    def deliver(self, ok: bool, value: object) -> None:
        self._jobs._finished(self)
        (self._on_done if ok else self._on_error)(value)  # type: ignore[arg-type]


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown to the person as one sentence by the caller
            self.relay.finished.emit(False, exc)
        else:
            self.relay.finished.emit(True, result)


class Jobs(QObject):
    """Runs callables off the GUI thread and counts those in flight."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()

    @property
    def running(self) -> int:
        return len(self._relays)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        """``fn()`` on a worker thread; ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
        relay = _Relay(self, on_done, on_error)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Job(fn, relay))

    def _finished(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
