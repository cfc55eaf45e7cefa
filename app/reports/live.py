"""The manager screen's live figures: the queue now and today so far.

Plain data (no Qt): the screen computes this in a worker thread whenever the
change feed says something happened, and only paints the result.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from app.queue import queue_status
from app.reports.daily import build_daily
from app.reports.model import HourRow
from app.reports.stats import Summary
from app.store.engine import Database

log = logging.getLogger("branchdesk.reports")


@dataclass(frozen=True)
class ServiceNow:
    code: str
    name_zh: str
    name_en: str
    waiting: int
    longest_wait_min: int
    target_wait_min: int


@dataclass(frozen=True)
class LiveFigures:
    at: dt.datetime
    waiting_total: int
    services: tuple[ServiceNow, ...]
    longest_wait_min: int
    longest_wait_service: str | None
    windows_open: int
    windows_paused: int
    windows_closed: int
    windows_unattended: tuple[int, ...]  # open or paused, but their teller's app has gone silent
    today: Summary
    hours: tuple[HourRow, ...]
    overdue_complaints: int | None  # None: they could not be counted just now


def overdue_complaints(db: Database, now: dt.datetime) -> int | None:
    """Open complaint cases past a deadline (None when they cannot be counted now)."""
    from app.complaints import overdue_count

    try:
        return int(overdue_count(db, now))
    except Exception:  # the manager screen keeps its other figures
        log.exception("overdue complaints count failed")
        return None


def live_figures(db: Database, *, now: dt.datetime) -> LiveFigures:
    """What the manager sees now: who waits, how long, which windows work, today's figures."""
    status = queue_status(db, now=now)
    today = build_daily(db, now.date(), now=now, with_complaints=False, with_staff=False)
    services = tuple(
        ServiceNow(q.service.code, q.service.name_zh, q.service.name_en, q.waiting, q.longest_wait_min,
                   q.service.target_wait_min)
        for q in status.services if q.service.active or q.waiting
    )
    longest = max(services, key=lambda x: (x.longest_wait_min, x.waiting), default=None)
    states = [w.state for w in status.windows]
    return LiveFigures(
        at=now,
        waiting_total=status.waiting_total,
        services=services,
        longest_wait_min=longest.longest_wait_min if longest and longest.waiting else 0,
        longest_wait_service=longest.code if longest and longest.waiting else None,
        windows_open=states.count("open"),
        windows_paused=states.count("paused"),
        windows_closed=states.count("closed"),
        windows_unattended=tuple(w.number for w in status.windows if not w.attended),
        today=today.summary,
        hours=today.hours,
        overdue_complaints=overdue_complaints(db, now),
    )
