"""The daily wait-time report: one business day's figures in one pass.

One query reads the day's tickets (durations computed in SQL), one reads the
event log for transfer waits; everything else is arithmetic in Python.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from app.reports import query
from app.reports.staff import STAFF_DEFINITIONS, staff_figures
from app.reports.timeline import fill_tellers
from app.reports.model import Branch, DailyReport, HourRow, InvalidPeriod, LongWait, ServiceRow, WindowRow
from app.reports.stats import DEFINITIONS, Accumulator, histogram, minutes
from app.store.engine import Database

log = logging.getLogger("branchdesk.reports")

LONGEST = 10
_COMPLAINT_COUNTS = ("received", "acknowledged", "resolved", "closed", "overdue_at_end")


def check_day(day: dt.date, now: dt.datetime) -> None:
    """Refuse a business day that has not started yet."""
    if day > now.date():
        raise InvalidPeriod(f"{day.isoformat()} is in the future; choose today or an earlier day.")


def branch_of(settings: dict[str, Any]) -> Branch:
    return Branch(str(settings.get("branch.name_zh") or ""), str(settings.get("branch.name_en") or ""))


class _Group:
    """Figures of one service, window or hour (same rules as the summary). A
    window's also count its visits: the customers it called first (``called``,
    so the rows add up to the customers called), and every visit it served."""

    def __init__(self) -> None:
        self.acc = Accumulator()
        self.called = 0
        self.served = 0
        self.no_shows = 0
        self.transferred_in = 0
        self.service_s: list[float] = []
        self.ratings: list[int] = []


def complaints_summary(db: Database, day: dt.date) -> Any:
    """The complaint window's summary of ``day``, or None without cases."""
    from app.complaints.daily import day_summary

    try:
        result = day_summary(db, day)
    except Exception:  # the complaint figures must never stop the wait-time report
        log.exception("complaints day summary failed for %s", day)
        return None
    if not any(getattr(result, key, 0) for key in _COMPLAINT_COUNTS):
        return None
    return result


def build_daily(db: Database, day: dt.date, *, now: dt.datetime | None = None,
                with_complaints: bool = True, with_staff: bool = True) -> DailyReport:
    """All the figures of the daily wait-time report for business day ``day``
    (final once the day is closed with nothing left in its queue)."""
    from app.queue.day import day_state, moment

    with db.read() as s:
        now = moment(s, now).now
    check_day(day, now)
    state = day_state(db, day)
    with db.read(long=True) as s:
        rows = query.day_rows(s, day, now)
        seconds = query.second_waits(s, day, day)
        visits = query.visits(s, day, day)
        fill_tellers(s, day, now, visits)
        staff = staff_figures(s, day, day, now) if with_staff else None
        services = query.services(s)
        windows = query.window_labels(s)
        tellers = query.staff_usernames(s)
        settings = query.setting_values(s, "branch.name_zh", "branch.name_en")

    total = Accumulator()
    by_service: dict[str, _Group] = defaultdict(_Group)
    by_window: dict[tuple[int | None, int | None], _Group] = defaultdict(_Group)
    by_hour: dict[int, _Group] = defaultdict(_Group)
    served_by_hour: dict[int, int] = defaultdict(int)
    longest: list[tuple[float, dict[str, Any]]] = []
    for r in rows:
        mine = visits.get(r["id"], [])
        service_s = _service_s(r, mine)
        args = (r["status"], r["wait_s"], service_s, r["target_wait_min"], r["rating"],
                r["transfer_count"], seconds.get(r["id"], ()), r["left_s"])
        wait = total.add(*args)
        by_service[r["service_code"]].acc.add(*args)
        by_hour[r["issued_at"].hour].acc.add(*args)
        if r["status"] == "done" and r["finished_at"] is not None:
            served_by_hour[r["finished_at"].hour] += 1
        _count_visits(by_window, r, mine, args)
        longest.append((wait if wait is not None else r["left_s"] or 0.0, r))
    longest.sort(key=lambda x: (-x[0], x[1]["id"]))

    summary = total.summary()
    appointments = appointments_summary(db, day, now)
    return DailyReport(
        branch=branch_of(settings),
        business_date=day,
        generated_at=now,
        has_data=bool(rows),
        summary=summary,
        services=tuple(_service_row(svc, by_service.get(svc.code)) for svc in services
                       if svc.active or svc.code in by_service),
        windows=tuple(_window_row(key, g, windows, tellers) for key, g in
                      sorted(by_window.items(), key=lambda kv: (windows.get(kv[0][0], (0, ""))[0], kv[0][1] or 0))),
        hours=_hour_rows(by_hour, served_by_hour),
        histogram=tuple(histogram(total.waits)),
        longest=tuple(
            LongWait(r["number"], r["service_code"], r["issued_at"], r["first_called_at"], minutes(w) or 0.0,
                     r["status"])
            for w, r in longest[:LONGEST]
        ),
        complaints=complaints_summary(db, day) if with_complaints else None,
        definitions=DEFINITIONS + ((APPOINTMENT_DEFINITION,) if appointments is not None else ())
        + (STAFF_DEFINITIONS if staff is not None else ()),
        final=state.final,
        open_tickets=state.open_tickets,
        appointments=appointments,
        staff=staff,
    )


APPOINTMENT_DEFINITION = (
    "预约：当日预约（不含已取消）；按时=在签到时段内签到（取预约号）；提前/迟到=时段外签到（取普通号）；爽约=时段结束仍未签到；"
    "签到后等候=从签到到首次叫号。 Appointments: the day's bookings (cancelled ones apart); on time = checked in "
    "within the window (an appointment ticket); early/late = outside it (a normal ticket); no-show = not checked "
    "in by the end of the window; wait after check-in = from check-in to the first call.")


def appointments_summary(db: Database, day: dt.date, now: dt.datetime) -> Any:
    """The appointments section's figures, or None when the day had none."""
    from app.appointments.figures import appointments_day

    try:
        return appointments_day(db, day, now=now)
    except Exception:  # the appointments' figures must never stop the wait-time report
        log.exception("appointments summary failed for %s", day)
        return None


def _service_s(r: dict[str, Any], mine: list[query.Visit]) -> float | None:
    """The ticket's service time over every window it was served at (None if it says nothing)."""
    if r["status"] != "done":
        return None
    if not mine:  # no visit in the log (a ticket from before it was kept): its last visit
        return r["service_s"]
    times = [v.service_s for v in mine if v.service_s is not None]
    return sum(times) if times else None


def _count_visits(by_window: dict[tuple[int | None, int | None], _Group], r: dict[str, Any],
                  mine: list[query.Visit], args: tuple) -> None:  # type: ignore[type-arg]
    """The customer counts at the window that first called them; each visit's
    service, no-show and rating at the window it happened at."""
    if not mine:
        if r["window_id"] is not None and r["first_called_at"] is not None:
            mine = [query.Visit(r["window_id"], r["staff_id"], r["first_called_at"], None, r["finished_at"],
                                "finished" if r["status"] == "done" else r["status"], r["outcome"])]
        else:
            return
    first = by_window[(mine[0].window_id, mine[0].staff_id)]
    first.acc.add(*args)
    first.called += 1
    for i, v in enumerate(mine):
        g = by_window[(v.window_id, v.staff_id)]
        if i and mine[i - 1].end == "transferred":
            g.transferred_in += 1
        if v.end == "finished":
            g.served += 1
            if r["rating"] is not None and i == len(mine) - 1:
                g.ratings.append(r["rating"])
        elif v.end == "no_show":
            g.no_shows += 1
        if v.service_s is not None:
            g.service_s.append(v.service_s)


def _service_row(svc: Any, group: _Group | None) -> ServiceRow:
    sm = (group or _Group()).acc.summary()
    return ServiceRow(
        code=svc.code, name_zh=svc.name_zh, name_en=svc.name_en, target_wait_min=svc.target_wait_min,
        issued=sm.issued, served=sm.served, no_shows=sm.no_shows, cancelled=sm.cancelled, expired=sm.expired,
        wait=sm.wait, within_target_pct=sm.within_target_pct, service_avg_min=sm.service_avg_min,
    )


def _window_row(key: tuple[int | None, int | None], g: _Group, windows: dict[int, tuple[int, str]],
                tellers: dict[int, str]) -> WindowRow:
    window_id, staff_id = key
    number, name = windows.get(window_id, (None, "")) if window_id is not None else (None, "")
    sm = g.acc.summary()
    return WindowRow(
        window=number, window_name=name, teller=tellers.get(staff_id, "-") if staff_id else "-",
        called=g.called, served=g.served, no_shows=g.no_shows, wait_avg_min=sm.wait.average_min,
        service_avg_min=minutes(sum(g.service_s) / len(g.service_s)) if g.service_s else None,
        rating_avg=round(sum(g.ratings) / len(g.ratings) + 1e-9, 2) if g.ratings else None,
        transferred_in=g.transferred_in,
    )


def _hour_rows(by_hour: dict[int, _Group], served: dict[int, int]) -> tuple[HourRow, ...]:
    hours = set(by_hour) | set(served)
    if not hours:
        return ()
    return tuple(
        HourRow(h, by_hour[h].acc.issued if h in by_hour else 0, served.get(h, 0),
                by_hour[h].acc.summary().wait.average_min if h in by_hour else None)
        for h in range(min(hours), max(hours) + 1)
    )

