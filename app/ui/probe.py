"""Timing probes for benchmarks/bench_ui.py, switched on by environment variables.

BRANCHDESK_FIRST_PAINT=1       print ``first-paint <epoch>`` once, after the
                               first screen has painted;
BRANCHDESK_FIRST_PAINT_EXIT=1  the same, then quit.
BRANCHDESK_TRACE_CALLS=1       print ``call-painted <number> <epoch>`` each time
                               the lobby display has repainted a new call.
BRANCHDESK_STALL_PROBE=1       a 10 ms heartbeat; the longest gap is printed
                               as ``max-stall-ms <ms>`` with each line above.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class StallProbe(QObject):
    def __init__(self) -> None:
        super().__init__(QApplication.instance())
        self.max_gap = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self, interval=10, timeout=self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now


class PaintProbe(QObject):
    """Calls ``done()`` once after the next paint of ``widget``."""

    def __init__(self, widget: QWidget, done) -> None:  # type: ignore[no-untyped-def]
        super().__init__(widget)
        self._done = done
        self._armed = True
        widget.installEventFilter(self)

    def arm(self) -> None:
        self._armed = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            QTimer.singleShot(0, self._done)
        return False


_stall: StallProbe | None = None
_first_paint_armed = True


def _emit(line: str) -> None:
    extra = f" max-stall-ms {_stall.max_gap * 1000:.1f}" if _stall is not None else ""
    print(line + extra, flush=True)
    sys.stdout.flush()


def install(widget: QWidget) -> None:
    """Attach the probes chosen in the environment to the first screen shown."""
    global _stall, _first_paint_armed
    if os.environ.get("BRANCHDESK_STALL_PROBE") and _stall is None:
        _stall = StallProbe()
    exit_after = bool(os.environ.get("BRANCHDESK_FIRST_PAINT_EXIT"))
    if _first_paint_armed and (exit_after or os.environ.get("BRANCHDESK_FIRST_PAINT")):
        _first_paint_armed = False

        def first() -> None:
            _emit(f"first-paint {time.time():.6f}")
            if _stall is not None:  # from here on, stalls are the running screen's
                _stall.max_gap = 0.0
            if exit_after:
                QApplication.instance().quit()
                QApplication.closeAllWindows()
        widget._first_paint_probe = PaintProbe(widget, first)  # type: ignore[attr-defined]
    if os.environ.get("BRANCHDESK_TRACE_CALLS") and hasattr(widget, "call_shown"):
        holder: dict[str, str] = {}
        probe = PaintProbe(widget.number, lambda: _emit(f"call-painted {holder['n']} {time.time():.6f}"))
        probe._armed = False

        def shown(number: str, _window: int) -> None:
            holder["n"] = number
            probe.arm()
            widget.number.update()
        widget.call_shown.connect(shown)
        widget._call_probe = probe  # type: ignore[attr-defined]
