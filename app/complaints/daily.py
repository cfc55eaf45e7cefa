"""The complaints summary of one business day (for the daily report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.complaints.queries import overdue_count
from app.complaints.rules import KINDS, OPEN_STATUSES
from app.store.engine import Database
from app.store.models_complaints import Complaint


@dataclass(frozen=True)
class DaySummary:
    date: dt.date
    received: int
    by_kind: dict[str, int]
    acknowledged: int
    resolved: int
    closed: int
    open_now: int  # cases not yet answered, as stored now
    overdue_at_end: int  # open cases past a deadline at the end of ``date``


def _count_on(s, column, lo: dt.datetime, hi: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    return int(s.scalar(select(func.count()).select_from(Complaint).where(column >= lo, column < hi)) or 0)


def day_summary(db: Database, date: dt.date) -> DaySummary:
    """Counts of the day: received by kind, acknowledged, resolved, closed; open and overdue."""
    lo = dt.datetime.combine(date, dt.time())
    hi = lo + dt.timedelta(days=1)
    with db.read() as s:
        kinds = dict(s.execute(
            select(Complaint.kind, func.count()).where(Complaint.received_at >= lo, Complaint.received_at < hi)
            .group_by(Complaint.kind)).all())
        acknowledged = _count_on(s, Complaint.acknowledged_at, lo, hi)
        resolved = _count_on(s, Complaint.resolved_at, lo, hi)
        closed = _count_on(s, Complaint.closed_at, lo, hi)
        open_now = int(s.scalar(select(func.count()).select_from(Complaint)
                                .where(Complaint.status.in_(OPEN_STATUSES))) or 0)
    by_kind = {k: int(kinds.get(k, 0)) for k in KINDS}
    return DaySummary(date, sum(by_kind.values()), by_kind, acknowledged, resolved, closed, open_now,
                      overdue_count(db, hi - dt.timedelta(seconds=1)))
