"""Runs the automatic end-of-day report while the app is open: every minute it
asks the core (``end_of_day_tick``) whether closing time has passed and today's
report is still unwritten; the core writes it once, off the GUI thread."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.reports.endofday import EndOfDayResult, end_of_day_tick
from app.ui.manager.jobs import Jobs

log = logging.getLogger("branchdesk.ui")


class EndOfDayScheduler(QObject):
    """``EndOfDayScheduler(db, clock).start()``; emits ``written`` when a report was written."""

    written = Signal(object)  # EndOfDayResult
    failed = Signal(object)  # the exception

    def __init__(self, db, clock: Callable[[], dt.datetime], interval_ms: int = 60_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock = db, clock
        self._jobs = Jobs(self)
        self._timer = QTimer(self, interval=interval_ms, timeout=self.tick)

    def start(self) -> None:
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        self._timer.stop()

    def tick(self) -> None:
        if self._jobs.running:
            return  # the previous check is still writing
        now = self._clock()
        self._jobs.run(lambda: end_of_day_tick(self._db, now=now), self._done, self._failed)

    def _done(self, result: EndOfDayResult | None) -> None:
        if result is not None:
            log.info("end-of-day report written: %s", ", ".join(result.files))
            self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        log.warning("end-of-day report failed: %s", exc)
        self.failed.emit(exc)
