"""A screen's own count of its background jobs, on the one background helper
(app/ui/tasks.py): reports show a busy indication while theirs run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.ui import tasks


class Jobs(QObject):
    """Runs callables off the GUI thread through ``tasks.run`` and counts those in flight."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = 0

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        """``fn()`` on a worker thread; ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
        self.running += 1
        if self.running == 1:
            self.busy_changed.emit(True)

        def finished(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                self.running -= 1
                if not self.running:
                    self.busy_changed.emit(False)
                callback(value)
            return call

        tasks.run(fn, finished(on_done), finished(on_error), owner=self)

    def wait(self, msecs: int = 30_000) -> bool:
        return tasks.wait(msecs)
