"""The automatic end of day while the app runs: every minute, in every BranchDesk
process (a PC's app, a lobby display), ask the core (``end_of_day_tick``)
whether the day's closing moment has passed; the core then closes the day if
anything is left open and writes its final report once (whichever PC gets
there first: the event log says who did), off the GUI thread."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.reports.endofday import EndOfDayResult, end_of_day_tick
from app.ui.manager.jobs import Jobs

log = logging.getLogger("branchdesk.ui")


class EndOfDayScheduler(QObject):
    """``EndOfDayScheduler(db, action_time).start()``; emits ``written`` when a report was written."""

    written = Signal(object)  # EndOfDayResult
    failed = Signal(object)  # the exception

    def __init__(self, db, action_time: Callable[[], dt.datetime | None], interval_ms: int = 60_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock = db, action_time
        self._jobs = Jobs(self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

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
            log.info("end of day: %s", result.message)
            self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        log.warning("end of day failed: %s", exc)
        self.failed.emit(exc)
