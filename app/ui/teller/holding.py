"""The window follows its teller (app/ui/teller/screen.py): the window this
screen holds, its heartbeat every few seconds (so the manager sees a crashed
PC's window as unattended), taking back a window opened before a restart, and
leaving it when the teller chooses another window, logs out or closes the
screen. Every change of the held window bumps an epoch: a screen load read
before the change is stale and is read again (``TellerScreen._apply``)."""

from __future__ import annotations

import logging
import os
import socket
import uuid

import app.queue as q
from app.ui.tasks import run

log = logging.getLogger("branchdesk.ui")
HEARTBEAT_MS = 20_000  # well inside window.unattended_after_min (at least 1 minute)


def holder_token() -> str:
    """This screen's name as the holder of a window: host, process, instance."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WindowHolding:
    """Mixed into ``TellerScreen`` (which has ``ctx``, ``actor``, ``holder``,
    ``heartbeat``, ``refresh``, ``_held``, ``_held_epoch`` and ``_gone``)."""

    @property
    def held(self) -> int | None:
        return self._held

    @held.setter
    def held(self, number: int | None) -> None:
        self._held = number
        self._held_epoch += 1

    def _beat(self) -> None:
        """Tell the database this screen still holds its window (no event is written)."""
        number = self.held
        if number is None:
            return

        def lost(still: bool) -> None:
            if not still and self.held == number:
                self.held = None  # closed, left or taken over elsewhere
                self.refresh()

        run(lambda: q.heartbeat(self.ctx.db, window=number, holder=self.holder, now=self.ctx.action_time()),
            lost, lambda exc: log.info("heartbeat of window %s not sent: %s", number, exc), owner=self)

    def _adopt(self, number: int) -> None:
        self.held = number
        db, actor, now, holder = self.ctx.db, self.actor, self.ctx.action_time(), self.holder
        run(lambda: q.open_window(db, window=number, actor=actor, now=now, holder=holder), lambda _w: None,
            lambda exc: log.warning("window %s not taken back: %s", number, exc), owner=self)

    def leave(self, number: int, reason: str) -> None:
        """Leave ``number`` in a worker thread (another window chosen, logout, quit).
        A customer being served ends as served: the teller has gone."""
        self.held = None
        db, actor, now = self.ctx.db, self.actor, self.ctx.action_time()
        run(lambda: q.leave_window(db, window=number, actor=actor, now=now, reason=reason, finish_serving=True),
            lambda _w: None, lambda exc: log.warning("window %s not left: %s", number, exc))  # no owner:
        # it must finish even if this screen is gone

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._gone = False
        self.heartbeat.start()
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._gone = True
        self.heartbeat.stop()
        if self.held is not None:
            self.leave(self.held, "teller_left")
        super().closeEvent(event)
