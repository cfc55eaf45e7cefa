"""The sync worker: pull settings, push batches until caught up, back off on failure.

``run_once()`` is blocking (the CLI and tests call it; the app runs it in a
thread). ``run_forever(stop_event)`` is the app's qasync background task: the
database and network work goes through ``asyncio.to_thread`` so the GUI
thread never waits. ``watch(stop)`` is the same loop for ``branchdesk sync
--watch`` without an event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.store.engine import Database
from app.sync import connection
from app.sync.beyond import round_extras
from app.sync.config import SyncConfig, load_config
from app.sync.errors import describe
from app.sync.pull import apply_settings, fetch_settings
from app.sync.push import backlog, push_batch, read_batch
from app.sync.state import save_failure, save_pushed, save_success

log = logging.getLogger("branchdesk.sync")


def backoff_delay(failures: int, *, base: float = 2.0, cap: float = 300.0,
                  rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after ``failures`` failed rounds in a row.

    Exponential up to ``cap``, with "equal jitter" (between half and all of
    the step) so branches cut off together do not all return at once.
    """
    if failures <= 0:
        return 0.0
    step = min(cap, base * 2 ** min(failures - 1, 30))
    return step / 2 + rand() * step / 2


@dataclass(frozen=True)
class SyncReport:
    ok: bool
    pushed: int  # events acknowledged by head office in this round
    batches: int
    pulled: tuple[str, ...]  # settings applied from head office
    backlog: int  # events still waiting after the round
    error: str | None = None
    retry_in_s: float = 0.0


def _local_now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class SyncWorker:
    """Pushes this branch upstream. One per process; rounds never overlap."""

    def __init__(self, db: Database, config: SyncConfig | None = None, *,
                 clock: Callable[[], dt.datetime] = _local_now,
                 connect: Callable[[SyncConfig], object] = connection.connect,
                 on_report: Callable[[SyncReport], None] | None = None,
                 settings: Callable[[], dict[str, object]] | None = None) -> None:
        self.db = db
        self._config = config
        self._settings = settings
        self.clock = clock
        self._connect = connect
        self.on_report = on_report
        self.last_report: SyncReport | None = None
        self._lock = threading.Lock()

    def config(self) -> SyncConfig:
        """The given config, else read from the settings every round."""
        if self._config is not None:
            return self._config
        if self._settings is not None:
            return load_config(self._settings())
        from app.queue import get_settings

        return load_config(get_settings(self.db))

    def run_once(self, *, should_stop: Callable[[], bool] = lambda: False,
                 max_batches: int | None = None) -> SyncReport:
        """One round: pull, then push until caught up. Never raises for sync failures."""
        with self._lock:
            report = self._round(should_stop, max_batches)
        self.last_report = report
        if self.on_report is not None:
            try:
                self.on_report(report)
            except Exception:  # a listener's bug must not stop the sync
                log.exception("sync report listener failed")
        return report

    def _round(self, should_stop: Callable[[], bool], max_batches: int | None) -> SyncReport:
        pushed = batches = 0
        pulled: list[str] = []
        cfg = SyncConfig()
        try:
            cfg = self.config()
            cfg.require_configured()
            budget = 2 * cfg.timeout_s + 1  # a few statements, each under statement_timeout
            conn = self._connect(cfg)
            try:
                with connection.watchdog(conn, budget):  # type: ignore[arg-type]
                    found = fetch_settings(conn)  # type: ignore[arg-type]
                pulled = apply_settings(self.db, found, self.clock())
                while not should_stop() and (max_batches is None or batches < max_batches):
                    batch = read_batch(self.db, cfg.batch_size)
                    if batch is None:
                        break
                    with connection.watchdog(conn, budget):  # type: ignore[arg-type]
                        push_batch(conn, cfg.branch_code or "", batch)  # type: ignore[arg-type]
                    save_pushed(self.db, (batch.last_txid, batch.last_id), len(batch), self.clock())
                    pushed += len(batch)
                    batches += 1
                if not should_stop():  # the phone page's figures and head office's bookings (app/sync/beyond.py)
                    with connection.watchdog(conn, budget):  # type: ignore[arg-type]
                        round_extras(conn, self.db, cfg.branch_code or "", cfg.interval_s,  # type: ignore[arg-type]
                                     now=None if self.clock is _local_now else self.clock())
            finally:
                conn.close()  # type: ignore[attr-defined]
            save_success(self.db, self.clock())
            return SyncReport(True, pushed, batches, tuple(pulled), backlog(self.db))
        except Exception as exc:  # a background round reports, it never crashes the app
            message = describe(exc, where="head office")
            log.warning("sync round failed: %s (%s)", message, exc.__class__.__name__)
            try:
                failures = save_failure(self.db, message, self.clock())
                waiting = backlog(self.db)
            except Exception:  # the branch database itself is unavailable
                log.exception("cannot record the sync failure")
                failures, waiting = 1, -1
            delay = backoff_delay(failures, cap=cfg.backoff_cap_s)
            return SyncReport(False, pushed, batches, tuple(pulled), waiting, message, delay)

    def next_delay(self, report: SyncReport) -> float:
        if not report.ok:
            return report.retry_in_s
        try:
            return self.config().interval_s
        except Exception:  # settings unreadable right now: try again soon
            return SyncConfig().interval_s

    async def run_forever(self, stop_event: asyncio.Event) -> None:
        """Background task for the app: rounds until ``stop_event`` is set."""
        while not stop_event.is_set():
            report = await asyncio.to_thread(self.run_once, should_stop=stop_event.is_set)
            delay = await asyncio.to_thread(self.next_delay, report)
            try:
                await asyncio.wait_for(stop_event.wait(), timeout=delay)
            except TimeoutError:
                pass

    def watch(self, stop: threading.Event) -> SyncReport | None:
        """Blocking loop for ``branchdesk sync --watch``; returns the last report."""
        report = None
        while not stop.is_set():
            report = self.run_once(should_stop=stop.is_set)
            stop.wait(self.next_delay(report))
        return report
