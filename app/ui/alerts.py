"""The alert check of one BranchDesk process (app/alerts does the work).

``AlertWatcher`` runs ``check_alerts`` off the GUI thread whenever the change
feed brings news (a ticket issued, a rating, a window paused, a case taken
in) and every few seconds for what time alone changes (waits grow, deadlines
come near); then it sends what waits for a manager's phone. Every process
runs one (app/ui/app.py), so alerts are raised even with no manager screen
open; the database keeps one open alert per condition, whichever PC saw it
first. A PC with a ticket printer also reports its printer's state.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.alerts.notify import deliver_pending
from app.alerts.service import AlertCheck, check_alerts
from app.events import ALERT_EVENTS
from app.ui.tasks import Loader

log = logging.getLogger("branchdesk.alerts")
CHECK_EVERY_MS = 15_000
# Printer states that say something about paper or the link; others (not set up, simulated, a bad
# configuration, unknown) leave the printer's alerts as they are.
PRINTER_KNOWN = ("ok", "low_paper", "paper_out", "offline", "cover_open", "unplugged", "timeout")


def printer_state(app_ctx: Any, status: Any) -> str | None:
    """This PC's printer state for the printer rule, or None when it has no real printer."""
    printer = (getattr(app_ctx, "devices", None) or {}).get("printer")
    if printer is None or getattr(printer, "screen_only", False) or getattr(printer, "simulated", False):
        return None
    kind = getattr(status, "printer_kind", None)
    return kind if kind in PRINTER_KNOWN else None


class AlertWatcher(QObject):
    """``AlertWatcher(db, action_time, bridge=..., printer=...).start()``; emits ``checked``."""

    checked = Signal(object)  # AlertCheck
    failed = Signal(object)  # the exception

    def __init__(self, db: Any, action_time: Callable[[], dt.datetime | None], *, bridge: Any = None,
                 printer: Callable[[], str | None] | None = None, interval_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock, self._printer = db, action_time, printer or (lambda: None)
        self.host = socket.gethostname()[:60]
        self.last: AlertCheck | None = None
        self.loader = Loader(self._check, self._done, self._failed, self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.loader.trigger)
        if bridge is not None:
            bridge.event_received.connect(self._on_event)

    def start(self) -> None:
        self._timer.start()
        self.loader.trigger()

    def stop(self) -> None:
        self._timer.stop()

    def _on_event(self, ev: Any) -> None:
        if ev.type in ALERT_EVENTS:
            return  # its own output: nothing new to check
        self.loader.trigger()

    def _check(self) -> AlertCheck:
        result = check_alerts(self._db, now=self._clock(), printer=self._printer(), host=self.host)
        deliver_pending(self._db, now=self._clock())
        return result

    def _done(self, result: AlertCheck) -> None:
        self.last = result
        self.checked.emit(result)

    def _failed(self, exc: BaseException) -> None:
        log.warning("alert check failed: %s", exc)
        self.failed.emit(exc)

