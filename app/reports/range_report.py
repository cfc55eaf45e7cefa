"""The range report (a week, a month, a year): the summary and one row per day.

Tickets stream ordered by business day (``yield_per``), so memory holds one
day's figures plus the range's waits as a compact ``array('d')``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.reports import query
from app.reports.daily import branch_of, check_day
from app.reports.model import DayRow, InvalidPeriod, RangeReport
from app.reports.staffing import STAFFING_DEFINITIONS, period_staffing
from app.reports.stats import DEFINITIONS, Accumulator
from app.store.engine import Database

MAX_DAYS = 3 * 366


def check_range(start: dt.date, end: dt.date, now: dt.datetime) -> None:
    if end < start:
        raise InvalidPeriod(f"The range ends ({end}) before it starts ({start}); swap the dates.")
    check_day(end, now)
    if (end - start).days >= MAX_DAYS:
        raise InvalidPeriod(f"A range report covers at most {MAX_DAYS} days; choose a shorter range.")


def build_range(db: Database, start: dt.date, end: dt.date, *, now: dt.datetime,
                with_staffing: bool = True) -> RangeReport:
    """Summary over ``start..end`` (inclusive), the day-by-day table and the staffing page."""
    check_range(start, end, now)
    total = Accumulator()
    days: list[DayRow] = []
    with db.read(long=True) as s:
        second = query.second_waits(s, start, end)
        moved = query.visits(s, start, end, transferred_only=True)  # service over every window
        settings = query.setting_values(s, "branch.name_zh", "branch.name_en", "staffing.within_target_goal")
        staffing = period_staffing(s, start, end, now, int(settings["staffing.within_target_goal"])) \
            if with_staffing else None
        current: object = None
        acc = Accumulator()
        for d, tid, status, wait_s, service_s, target, rating, tc, left_s in query.range_rows(s, start, end, now):
            if d != current:
                if current is not None:
                    days.append(_close_day(current, acc, total))
                current, acc = d, Accumulator()
            if tc and tid in moved and status == "done":
                times = [v.service_s for v in moved[tid] if v.service_s is not None]
                service_s = sum(times) if times else None
            acc.add(status, wait_s, service_s, target, rating, tc, second.get(tid, ()), left_s)
        if current is not None:
            days.append(_close_day(current, acc, total))
    return RangeReport(
        branch=branch_of(settings), date_from=start, date_to=end, generated_at=now,
        has_data=total.issued > 0, summary=total.summary(), days=_every_day(days, start, end),
        definitions=DEFINITIONS + (STAFFING_DEFINITIONS if staffing is not None else ()), staffing=staffing,
    )


def _every_day(days: list[DayRow], start: dt.date, end: dt.date) -> tuple[DayRow, ...]:
    """One row per calendar day of the range (closed days show zeros)."""
    have = {d.business_date: d for d in days}
    empty = _day_row(start, Accumulator())
    n = (end - start).days + 1
    return tuple(have.get(day) or dataclasses.replace(empty, business_date=day)
                 for day in (start + dt.timedelta(days=i) for i in range(n)))


def _close_day(day: object, acc: Accumulator, total: Accumulator) -> DayRow:
    total.merge(acc)
    return _day_row(dt.date.fromisoformat(str(day)[:10]), acc)


def _day_row(day: dt.date, acc: Accumulator) -> DayRow:
    sm = acc.summary()
    return DayRow(
        business_date=day, issued=sm.issued, served=sm.served, no_shows=sm.no_shows,
        cancelled=sm.cancelled, expired=sm.expired, waits=sm.wait.count, wait_avg_min=sm.wait.average_min,
        wait_median_min=sm.wait.median_min, wait_p90_min=sm.wait.p90_min,
        within_target_pct=sm.within_target_pct, service_avg_min=sm.service_avg_min,
    )


def trend(days: tuple[DayRow, ...], max_points: int = 62) -> list[tuple[str, int, int, float | None]]:
    """``(label, issued, served, average wait)`` per day, or per week (from Monday) for long ranges."""
    if len(days) <= max_points:
        return [(d.business_date.strftime("%m-%d"), d.issued, d.served, d.wait_avg_min) for d in days]
    weeks: dict[dt.date, list[DayRow]] = {}
    for d in days:
        weeks.setdefault(d.business_date - dt.timedelta(days=d.business_date.weekday()), []).append(d)
    points = []
    for monday, rows in weeks.items():
        n = sum(r.waits for r in rows)
        avg = sum(r.waits * (r.wait_avg_min or 0) for r in rows) / n if n else None
        points.append((monday.strftime("%m-%d"), sum(r.issued for r in rows), sum(r.served for r in rows),
                       None if avg is None else round(avg + 1e-9, 1)))
    return points


__all__ = ["InvalidPeriod", "build_range", "check_range", "trend"]
