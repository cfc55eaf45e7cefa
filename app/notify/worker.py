"""The worker behind the outbox, and the appointments' no-show sweep.

Every few seconds, in the background of every BranchDesk process (a thread,
never the GUI thread, never inside a queue transaction): appointments whose
check-in window has ended become no-shows; the messages due are enqueued
(``scan``) and sent (``claim``, the gateway, ``record``), several at once.
A gateway that is down costs the queue nothing: its messages wait, retried
with backoff, and go out when it is back. ``branchdesk notify run`` runs the
same rounds in the foreground.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from app.appointments.booking import sweep_no_shows
from app.notify.gateways import Gateway, SendFailed, build_gateway
from app.notify.outbox import Claimed, Result, claim, pending_count, record, scan
from app.store.engine import Database

log = logging.getLogger("branchdesk.notify")
INTERVAL_S = 5.0
GATEWAY_KEYS = ("notify.gateway", "notify.http_url", "notify.http_format", "notify.http_template",
                "notify.http_signature_header", "notify.http_secret_file", "notify.http_timeout_s")


@dataclass(frozen=True)
class NotifyReport:
    no_shows: int = 0
    enqueued: int = 0
    sent: int = 0
    failed: int = 0
    pending: int = 0  # still to send (waiting for a retry or the next round)
    error: str | None = None


class NotifyWorker:
    """One per process; rounds never overlap."""

    def __init__(self, db: Database, *, gateway: Gateway | None = None,
                 settings: Callable[[], dict[str, Any]] | None = None, threads: int = 8, batch: int = 64) -> None:
        self.db = db
        self._fixed = gateway
        self._settings = settings
        self._gateway: Gateway | None = None
        self._gateway_key: tuple | None = None
        self.threads, self.batch = threads, batch
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="notify-send")
        self._lock = threading.Lock()
        self.last_report: NotifyReport | None = None

    def gateway(self) -> Gateway | None:
        """The given gateway, else the one the settings describe (rebuilt when they change)."""
        if self._fixed is not None:
            return self._fixed
        if self._settings is not None:
            values = self._settings()
        else:
            from app.settings import get_settings

            values = get_settings(self.db)
        key = tuple(str(values.get(k)) for k in GATEWAY_KEYS)
        if key != self._gateway_key:
            if self._gateway is not None:
                self._gateway.close()
            self._gateway, self._gateway_key = build_gateway(values), key
        return self._gateway

    def run_once(self, *, now: dt.datetime | None = None, max_batches: int | None = None) -> NotifyReport:
        """One round (see the module docstring). Never raises for a gateway's or database's failure."""
        with self._lock:
            try:
                report = self._round(now, max_batches)
            except Exception as exc:  # a background round reports, it never takes the app down
                log.warning("notify round failed: %s", exc)
                report = NotifyReport(error=str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
        self.last_report = report
        return report

    def _round(self, now: dt.datetime | None, max_batches: int | None) -> NotifyReport:
        no_shows = sweep_no_shows(self.db, now=now)
        gw = self.gateway()
        if gw is None:
            return NotifyReport(no_shows=no_shows)
        enqueued = scan(self.db, now=now)
        sent = failed = batches = 0
        while max_batches is None or batches < max_batches:
            claimed = claim(self.db, now=now, limit=self.batch)
            if not claimed:
                break
            results = list(self._pool.map(lambda c: send_one(gw, c), claimed))
            record(self.db, results, now=now)
            sent += sum(r.error is None for r in results)
            failed += sum(r.error is not None for r in results)
            batches += 1
            if failed and all(r.error is not None for r in results):
                break  # the platform is down: the rest waits for its retry time
        return NotifyReport(no_shows, enqueued, sent, failed, pending_count(self.db))

    async def run_forever(self, stop_event: asyncio.Event, interval_s: float = INTERVAL_S) -> None:
        """Background task for the app: rounds until ``stop_event`` is set."""
        while not stop_event.is_set():
            await asyncio.to_thread(self.run_once)
            try:
                await asyncio.wait_for(stop_event.wait(), timeout=interval_s)
            except TimeoutError:
                pass

    def watch(self, stop: threading.Event, interval_s: float = INTERVAL_S) -> NotifyReport | None:
        """Blocking loop for ``branchdesk notify run --watch``."""
        report = None
        while not stop.is_set():
            report = self.run_once()
            stop.wait(interval_s)
        return report

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._gateway is not None:
            self._gateway.close()


def send_one(gw: Gateway, c: Claimed) -> Result:
    try:
        gw.send(c.message)
    except SendFailed as exc:
        return Result(c, str(exc), exc.retry)
    except Exception as exc:  # an adapter's bug: retried, and said in the log
        log.exception("gateway failed unexpectedly")
        return Result(c, f"unexpected: {exc.__class__.__name__}", True)
    return Result(c)
