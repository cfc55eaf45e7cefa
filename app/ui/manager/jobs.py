"""Blocking work (reports, database reads) on a worker thread, results back on
the GUI thread through a queued signal. Works under the qasync loop and under
a plain Qt event loop alike (tests, the screenshot tool)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("branchdesk.ui")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown to the person as one sentence by the caller
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Jobs(QObject):
    """Runs callables off the GUI thread and counts those in flight."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.running = 0
        self._signals: set[_Signals] = set()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        signals = _Signals(self)  # lives on the GUI thread: slots run there
        self._signals.add(signals)

        def finished(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                self._signals.discard(signals)
                signals.deleteLater()
                self.running -= 1
                if self.running == 0:
                    self.busy_changed.emit(False)
                handler(value)
            return call

        signals.done.connect(finished(on_done))
        signals.failed.connect(finished(on_error))
        self.running += 1
        if self.running == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
