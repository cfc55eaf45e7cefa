"""Staffing advice: the windows needed each hour to serve the branch's goal
share of customers within target, against the windows actually open.

From a stretch of past business days the branch learns, per weekday and hour,
how many customers of each service arrive (averaged over the days of that
weekday it was open) and, per service, how long a customer holds a window
(first call to finish, over served customers without a transfer, services
ended by the close or a teller leaving left out; the catalogue's default
until 10 are known). Each hour is then an Erlang C queue (app/reports/erlang.py):
the services' arrivals pooled, the mean holding time weighted by arrivals,
and each customer judged against the target of their service, so the
within-target share is that of the reports (everyone who waited). The
windows needed is the fewest with an expected share at or above the goal
(``staffing.within_target_goal``, 80 %). "Open" is the time-weighted number of
windows open (not paused) in that hour. docs/metrics.md, "Staffing advice",
states the simplifications (every window taken as able to serve every
service; the calling policy's priorities not modelled); benchmarks/bench_staffing.py
checks the advice against days simulated through the real service functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import String, and_, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from app.reports import erlang
from app.reports.query import seconds_between
from app.reports.stats import ARTIFICIAL_ENDS
from app.reports.timeline import Catalogue, window_events, window_intervals
from app.store.models import Service, Ticket

MIN_SAMPLES = 10
STAFFING_DEFINITIONS = (
    "人员配置建议：按 Erlang C 模型，每小时的到达（按星期几与时段平均）与每位客户占用窗口的平均时间（首次叫号到办结），"
    "求达到目标达标率所需的最少窗口数；各业务按其目标时间计；假定每个窗口可办理所有业务，不计优先级。 Staffing advice: "
    "per hour, the fewest windows that serve the goal share within target under Erlang C, from the arrivals "
    "(averaged by weekday and hour) and the mean time a customer holds a window (first call to finish); each "
    "service judged by its own target; every window taken as able to serve every service, priorities not "
    "modelled.",
    "实开窗口：该小时内开放（未暂停）窗口数的时间加权平均。 Windows open: the time-weighted average of windows "
    "open, not paused, in that hour.",
)
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class HourAdvice:
    hour: int
    arrivals: float  # customers expected in the hour
    service_min: float | None  # mean time a customer holds a window (arrival-weighted mix)
    load: float  # Erlangs: arrivals x holding time / 60
    needed: int
    open: float | None  # windows open on average in that hour (None: not known yet)
    share_open_pct: float | None  # the within-target share Erlang C expects with the windows open


@dataclass(frozen=True)
class DayAdvice:
    weekday: int  # 0 = Monday
    day: dt.date | None  # None: a weekday of the period's profile
    hours: tuple[HourAdvice, ...]

    @property
    def short_hours(self) -> tuple[int, ...]:
        """Hours with fewer windows open than needed."""
        return tuple(h.hour for h in self.hours if h.open is not None and h.open + 1e-9 < h.needed)


@dataclass(frozen=True)
class StaffingAdvice:
    goal_pct: int
    history_from: dt.date
    history_to: dt.date
    days: tuple[DayAdvice, ...]
    service_min: dict[str, float] = field(default_factory=dict)
    method: str = "erlang_c"


@dataclass
class Profile:
    """What the branch learned from ``start..end``."""

    start: dt.date
    end: dt.date
    days_per_weekday: dict[int, int] = field(default_factory=dict)
    arrivals: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)  # (weekday, hour) -> per service
    open: dict[tuple[int, int], float] = field(default_factory=dict)  # (weekday, hour) -> windows open on average
    service_min: dict[str, float] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)

    def hours(self, weekday: int) -> list[int]:
        return sorted(h for (w, h), per in self.arrivals.items() if w == weekday and sum(per.values()) > 0)


def _hour_of(dialect: str, column):  # type: ignore[no-untyped-def]
    if dialect == "postgresql":
        return func.extract("hour", column)
    return type_coerce(func.strftime("%H", column), String)


def learn(s: Session, start: dt.date, end: dt.date, now: dt.datetime) -> Profile:
    """Arrivals by weekday and hour, holding times, windows open, over business days ``start..end``."""
    dialect = s.get_bind().dialect.name
    services = list(s.scalars(select(Service)))
    codes = {svc.id: svc.code for svc in services}
    p = Profile(start, end, targets={svc.code: svc.target_wait_min for svc in services})
    hour = _hour_of(dialect, Ticket.issued_at).label("h")
    rows = s.execute(
        select(type_coerce(Ticket.business_date, String), hour, Ticket.original_service_id, func.count())
        .where(Ticket.business_date >= start, Ticket.business_date <= end)
        .group_by(literal_column("1"), literal_column("2"), Ticket.original_service_id)).all()
    open_days: dict[int, set[dt.date]] = defaultdict(set)
    sums: dict[tuple[int, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for day_text, h, sid, n in rows:
        day = dt.date.fromisoformat(str(day_text)[:10])
        open_days[day.weekday()].add(day)
        sums[(day.weekday(), int(h))][codes.get(sid, "?")] += n
    p.days_per_weekday = {w: len(days) for w, days in open_days.items()}
    p.arrivals = {k: {c: n / p.days_per_weekday[k[0]] for c, n in per.items()} for k, per in sums.items()}
    hold = seconds_between(dialect, Ticket.first_called_at, Ticket.finished_at)
    measured = dict((sid, (avg, n)) for sid, avg, n in s.execute(
        select(Ticket.original_service_id, func.avg(hold), func.count())
        # The status as an expression, not a column: SQLite (no statistics)
        # would otherwise read it through the status index, every ticket ever
        # done (0.45 s at a million), instead of the period's through the day's.
        .where(and_(Ticket.business_date >= start, Ticket.business_date <= end,
                    func.coalesce(Ticket.status, "") == "done",
                    Ticket.transfer_count == 0, Ticket.first_called_at.is_not(None),
                    (Ticket.outcome.is_(None)) | (Ticket.outcome.not_in(tuple(ARTIFICIAL_ENDS)))))
        .group_by(Ticket.original_service_id)).all())
    for svc in services:
        avg, n = measured.get(svc.id, (None, 0))
        p.service_min[svc.code] = round(float(avg) / 60, 2) if avg is not None and n >= MIN_SAMPLES \
            else float(svc.default_service_min)
    p.open = _windows_open(s, start, end, now, open_days)
    return p


def _windows_open(s: Session, start: dt.date, end: dt.date, now: dt.datetime,
                  open_days: dict[int, set[dt.date]]) -> dict[tuple[int, int], float]:
    """Windows open (not paused) on average per weekday and hour, over the days the branch was open."""
    lo = dt.datetime.combine(start, dt.time())
    hi = min(now, dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    seconds: dict[tuple[int, int], float] = defaultdict(float)
    for spans in window_intervals(window_events(s, lo, hi), hi, Catalogue.load(s)).values():
        for iv in spans:
            if iv.state != "open":
                continue
            t = iv.start
            while t < iv.end:
                nxt = min(iv.end, t.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1))
                if t.date() in open_days.get(t.weekday(), ()):
                    seconds[(t.weekday(), t.hour)] += (nxt - t).total_seconds()
                t = nxt
    return {k: sec / 3600 / max(1, len(open_days.get(k[0], ()))) for k, sec in seconds.items()}


def advise_hour(hour: int, per_service: dict[str, float], p: Profile, goal: float,
                open_windows: float | None) -> HourAdvice:
    """One hour's Erlang C: the services pooled, each judged by its own target."""
    lam_h = sum(per_service.values())
    if lam_h <= 0:
        return HourAdvice(hour, 0.0, None, 0.0, 0, open_windows, None)
    service = sum(n * p.service_min.get(c, 6.0) for c, n in per_service.items()) / lam_h
    lam = lam_h / 60
    targets = [(n, float(p.targets.get(c, 15))) for c, n in per_service.items()]
    needed = erlang.windows_needed(lam, service, targets, goal)
    share = None
    if open_windows is not None:
        share = round(100 * erlang.mixed_within_target(int(open_windows + 1e-9), lam, service, targets), 1)
    return HourAdvice(hour, round(lam_h, 2), round(service, 2), round(lam * service, 2), needed,
                      None if open_windows is None else round(open_windows, 2), share)


def advise_days(p: Profile, days: list[dt.date], goal_pct: int, *,
                actual_open: dict[tuple[dt.date, int], float] | None = None) -> tuple[DayAdvice, ...]:
    """Needed windows per hour of ``days`` from the profile of their weekday; open windows
    as ``actual_open`` says (a day's own), else as the profile's weekday usually has them."""
    out = []
    for day in days:
        w = day.weekday()
        hours = []
        for h in p.hours(w):
            opened = (actual_open or {}).get((day, h)) if actual_open is not None else p.open.get((w, h), 0.0)
            hours.append(advise_hour(h, p.arrivals.get((w, h), {}), p, goal_pct / 100, opened))
        out.append(DayAdvice(w, day, tuple(hours)))
    return tuple(out)


def advise_weekdays(p: Profile, goal_pct: int) -> tuple[DayAdvice, ...]:
    """The profile itself: per weekday and hour, needed against open on average."""
    return tuple(DayAdvice(w, None, tuple(advise_hour(h, p.arrivals.get((w, h), {}), p, goal_pct / 100,
                                                      p.open.get((w, h), 0.0)) for h in p.hours(w)))
                 for w in range(7) if p.hours(w))


def open_today(s: Session, day: dt.date, now: dt.datetime) -> dict[tuple[dt.date, int], float]:
    """Windows open (not paused) on average in each hour of ``day`` up to ``now``."""
    lo = dt.datetime.combine(day, dt.time())
    hi = min(now, lo + dt.timedelta(days=1))
    out: dict[tuple[dt.date, int], float] = {}
    if hi <= lo:
        return out
    spans = window_intervals(window_events(s, lo, hi), hi, Catalogue.load(s))
    for h in range(lo.hour, 24):
        h0 = lo + dt.timedelta(hours=h)
        h1 = min(h0 + dt.timedelta(hours=1), hi)
        if h0 >= hi:
            break
        sec = sum(max(0.0, (min(iv.end, h1) - max(iv.start, h0)).total_seconds())
                  for ivs in spans.values() for iv in ivs if iv.state == "open")
        out[(day, h)] = sec / (h1 - h0).total_seconds()
    return out


def staffing_advice(db, *, now: dt.datetime, days_ahead: int = 7) -> StaffingAdvice:  # type: ignore[no-untyped-def]
    """Today (needed against the windows open so far) and the next ``days_ahead`` days
    (needed against the windows usually open then), learned from the last weeks."""
    from app.reports.query import setting_values

    today = now.date()
    with db.read(long=True) as s:
        cfg = setting_values(s, "staffing.within_target_goal", "staffing.history_weeks")
        goal, weeks = int(cfg["staffing.within_target_goal"]), int(cfg["staffing.history_weeks"])
        start, end = today - dt.timedelta(weeks=weeks), today - dt.timedelta(days=1)
        p = learn(s, start, end, now)
        actual = open_today(s, today, now)
    ahead = [today + dt.timedelta(days=i) for i in range(1, days_ahead + 1)]
    days = advise_days(p, [today], goal, actual_open=actual) + advise_days(p, ahead, goal)
    return StaffingAdvice(goal, start, end, days, dict(p.service_min))


def period_staffing(s: Session, start: dt.date, end: dt.date, now: dt.datetime, goal_pct: int) -> StaffingAdvice:
    """The range report's page: the period's own weekday profile, needed against open on average."""
    p = learn(s, start, end, now)
    return StaffingAdvice(goal_pct, start, end, advise_weekdays(p, goal_pct), dict(p.service_min))
