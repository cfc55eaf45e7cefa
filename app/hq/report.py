"""The consolidated report of every branch, or one region's, from the summaries.

One row per branch over the period (docs/sync.md, "Head-office report"):
issued, served, the average wait and its 90th percentile, the within-target
share over everyone who waited (the never-called counted as the branch's
reports count them), satisfaction (the average rating), complaints received
and handled, and the complaint rates of the complaint analysis: handling
(closed / received), timely (answered by the deadline / answered and
overdue unanswered), satisfaction (ratings 4-5 / rated closed cases) and
adoption of suggestions. Branches are ranked by their within-target share
(then by the shorter average wait); a rate under its goal is a missed target.

It reads the month summaries for whole months and the day summaries for the
rest, so a year of 500 branches is 6,000 month rows, never a ticket. The
90th percentile comes from the summed wait histograms (1-minute buckets):
it is the upper end of the bucket holding the nearest-rank 90th wait, within
one minute above the branch's own figure (settled question 11).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import psycopg

from app.complaints.analysis import TARGETS
from app.hq.db import reading, server_now
from app.reports.model import InvalidPeriod
from app.reports.range_report import MAX_DAYS
from app.reports.stats import minutes, share

OVERFLOW_BUCKET = 241  # waits over 240 minutes
SUMS = ("issued", "served", "no_shows", "cancelled", "expired", "in_progress", "waited", "within_target",
        "wait_count", "wait_sum_s", "never_called", "never_sum_s", "rating_sum", "rating_count",
        "complaints_received", "complaints_closed", "complaints_answered", "complaints_in_time",
        "complaints_rated", "complaints_satisfied", "suggestions_decided", "suggestions_adopted")
GOALS = {"within_target": 80.0, "handling": TARGETS["handling"] * 100, "timely": TARGETS["timeliness"] * 100,
         "satisfaction": TARGETS["satisfaction"] * 100, "adoption": TARGETS["adoption"] * 100}


@dataclass(frozen=True)
class BranchRow:
    code: str
    name: str
    region: str
    issued: int
    served: int
    in_progress: int
    wait_avg_min: float | None
    wait_p90_min: int | None  # the upper end of the histogram bucket (241: over 240 minutes)
    waited: int
    within_target: int
    within_target_pct: float | None
    never_called: int
    rating_avg: float | None
    rating_count: int
    complaints_received: int
    complaints_handled: int
    handling_pct: float | None
    timely_pct: float | None
    satisfaction_pct: float | None
    adoption_pct: float | None
    rank: int | None = None
    missed: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    label: str
    issued: int
    served: int
    wait_avg_min: float | None
    within_target_pct: float | None


@dataclass(frozen=True)
class HqReport:
    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    region: str | None
    goals: dict[str, float]
    branches: tuple[BranchRow, ...]  # ranked
    total: BranchRow
    trend: tuple[TrendPoint, ...]
    definitions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_data(self) -> bool:
        return self.total.issued > 0 or self.total.complaints_received > 0

    @property
    def missed(self) -> tuple[BranchRow, ...]:
        return tuple(b for b in self.branches if b.missed)


DEFINITIONS = (
    "等候、达标率、未叫号的定义与网点报告相同：达标率以所有等候过的客户为分母。 Wait, within target and never called "
    "as in the branch reports: within target is over everyone who waited.",
    "90百分位取自各日等候分布（1分钟一档，至240分钟）之和：为第90百分位所在档的上限，最多比网点自身数字高1分钟。 "
    "90th percentile from the summed daily wait histograms (1-minute buckets to 240): the upper end of the "
    "bucket holding it, at most one minute above the branch's own figure.",
    "处理率=已结案/受理；及时率=按期答复/(已答复+逾期未答复)；满意率=4-5分/已评价结案；建议采纳率=采纳/已结案建议。 "
    "Handling = closed / received; timely = answered by the deadline / (answered + overdue unanswered); "
    "satisfaction rate = ratings 4-5 / rated closed cases; adoption = adopted / closed suggestions.",
    "排名按达标率，其次平均等候。 Ranked by the within-target share, then by the shorter average wait.",
)


def full_months(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months lying wholly inside ``start..end``."""
    out = []
    m = start.replace(day=1) if start.day == 1 else _next_month(start.replace(day=1))
    while _next_month(m) - dt.timedelta(days=1) <= end:
        out.append(m)
        m = _next_month(m)
    return out


def _next_month(m: dt.date) -> dt.date:
    return dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)


def _parts(region: str | None) -> str:
    """The summary rows of the period: whole months from the month table, the rest from the day table."""
    where_region = "AND b.region = %(region)s" if region is not None else ""
    return f"""
      SELECT s.* FROM (
        SELECT branch_code, month AS day, {", ".join(SUMS)}, wait_hist FROM hq_month_summaries
        WHERE month = ANY(%(months)s::date[])
        UNION ALL
        SELECT branch_code, business_date AS day, {", ".join(SUMS)}, wait_hist FROM hq_day_summaries
        WHERE business_date BETWEEN %(start)s AND %(end)s
          AND date_trunc('month', business_date)::date <> ALL(%(months)s::date[])
      ) s JOIN hq_branches b ON b.code = s.branch_code WHERE b.active {where_region}"""


def _hist_sql(parts: str) -> str:
    """The wait histograms of the period summed per branch: (branch, bucket + 1, customers)."""
    return f"""SELECT branch_code, u.i, sum(u.v) FROM ({parts}) p, unnest(p.wait_hist) WITH ORDINALITY u(v, i)
               GROUP BY 1, 2"""


def p90_bucket(counts: dict[int, float]) -> int | None:
    """The bucket (its upper end in minutes) that holds the nearest-rank 90th percentile."""
    total = sum(counts.values())
    if total <= 0:
        return None
    rank, seen = math.ceil(0.9 * total - 1e-9), 0.0
    for bucket in sorted(counts):
        seen += counts[bucket]
        if seen >= rank:
            return bucket
    return max(counts)


def _row(code: str, name: str, region: str, v: dict[str, float], p90: int | None, late_open: int) -> BranchRow:
    answered, in_time = int(v["complaints_answered"]), int(v["complaints_in_time"])
    return BranchRow(
        code=code, name=name, region=region, issued=int(v["issued"]), served=int(v["served"]),
        in_progress=int(v["in_progress"]),
        wait_avg_min=minutes(v["wait_sum_s"] / v["wait_count"]) if v["wait_count"] else None,
        wait_p90_min=p90, waited=int(v["waited"]), within_target=int(v["within_target"]),
        within_target_pct=share(int(v["within_target"]), int(v["waited"])), never_called=int(v["never_called"]),
        rating_avg=round(v["rating_sum"] / v["rating_count"] + 1e-9, 2) if v["rating_count"] else None,
        rating_count=int(v["rating_count"]), complaints_received=int(v["complaints_received"]),
        complaints_handled=int(v["complaints_closed"]),
        handling_pct=share(int(v["complaints_closed"]), int(v["complaints_received"])),
        timely_pct=share(in_time, answered + late_open),
        satisfaction_pct=share(int(v["complaints_satisfied"]), int(v["complaints_rated"])),
        adoption_pct=share(int(v["suggestions_adopted"]), int(v["suggestions_decided"])),
    )


def _missed(r: BranchRow, goals: dict[str, float]) -> tuple[str, ...]:
    values = {"within_target": r.within_target_pct, "handling": r.handling_pct, "timely": r.timely_pct,
              "satisfaction": r.satisfaction_pct, "adoption": r.adoption_pct}
    return tuple(k for k, v in values.items() if v is not None and v < goals[k])


def _rank(rows: list[BranchRow], goals: dict[str, float]) -> tuple[BranchRow, ...]:
    scored = sorted(rows, key=lambda r: (r.within_target_pct is None, -(r.within_target_pct or 0),
                                         r.wait_avg_min if r.wait_avg_min is not None else float("inf"), r.code))
    out, rank = [], 0
    for r in scored:
        if r.within_target_pct is not None:
            rank += 1
        out.append(_with(r, rank=rank if r.within_target_pct is not None else None, missed=_missed(r, goals)))
    return tuple(out)


def _with(r: BranchRow, **changes: Any) -> BranchRow:
    import dataclasses

    return dataclasses.replace(r, **changes)


def check_period(start: dt.date, end: dt.date, as_of: dt.datetime) -> None:
    if end < start:
        raise InvalidPeriod(f"The range ends ({end}) before it starts ({start}); swap the dates.")
    if start > as_of.date():
        raise InvalidPeriod(f"{start.isoformat()} is in the future; choose today or an earlier day.")
    if (end - start).days >= MAX_DAYS:
        raise InvalidPeriod(f"A report covers at most {MAX_DAYS} days; choose a shorter range.")


def build_hq_report(url: str, start: dt.date, end: dt.date, *, region: str | None = None,
                    as_of: dt.datetime | None = None, goal_pct: float = GOALS["within_target"]) -> HqReport:
    """The consolidated report over ``start..end`` (read with ``url``: a reader role)."""
    goals = {**GOALS, "within_target": float(goal_pct)}
    with reading(url) as conn:
        as_of = as_of or server_now(conn)
        check_period(start, end, as_of)
        params = {"start": start, "end": end, "months": full_months(start, end), "region": region,
                  "as_of": as_of}
        branches, sums, p90, late, totals, trend = _read(conn, params, region)
    rows = [_row(code, name, reg, sums.get(code, defaultdict(float)), p90.get(code), late.get(code, 0))
            for code, name, reg in branches]
    total_values: dict[str, float] = defaultdict(float)
    for v in sums.values():
        for k in SUMS:
            total_values[k] += v[k]
    total = _row("*", "全部网点 All branches" if region is None else f"{region}", region or "", total_values,
                 totals.get(""), sum(late.values()))
    return HqReport(start, end, as_of, region, goals, _rank(rows, goals), _with(total, missed=_missed(total, goals)),
                    _trend(trend, start, end), DEFINITIONS)


def _read(conn: psycopg.Connection, params: dict[str, Any], region: str | None) -> tuple[Any, ...]:
    where_region = "AND region = %(region)s" if region is not None else ""
    branches = conn.execute(f"SELECT code, name, region FROM hq_branches WHERE active {where_region} "
                            "ORDER BY code", params).fetchall()
    parts = _parts(region)
    sums: dict[str, dict[str, float]] = {}
    for row in conn.execute(f"SELECT branch_code, {', '.join(f'sum({c})' for c in SUMS)} FROM ({parts}) p "
                            "GROUP BY branch_code", params):
        sums[row[0]] = {k: float(v or 0) for k, v in zip(SUMS, row[1:])}
    hist: dict[str, dict[int, float]] = defaultdict(dict)
    overall: dict[int, float] = defaultdict(float)
    for code, i, n in conn.execute(_hist_sql(parts), params):
        hist[code][i - 1] = float(n)
        overall[i - 1] += float(n)
    p90 = {code: p90_bucket(counts) for code, counts in hist.items()}
    totals = {"": p90_bucket(overall)}
    late = dict(conn.execute(
        f"""SELECT c.branch_code, count(*) FROM hq_complaints c JOIN hq_branches b ON b.code = c.branch_code
            WHERE b.active {"AND b.region = %(region)s" if region is not None else ""}
              AND c.resolved_at IS NULL AND c.status <> 'paused' AND c.resolve_due < %(as_of)s
              AND c.business_date BETWEEN %(start)s AND %(end)s GROUP BY 1""", params).fetchall())
    trend = conn.execute(
        f"""SELECT d.business_date, sum(d.issued), sum(d.served), sum(d.wait_sum_s), sum(d.wait_count),
                   sum(d.within_target), sum(d.waited)
            FROM hq_day_summaries d JOIN hq_branches b ON b.code = d.branch_code
            WHERE b.active {"AND b.region = %(region)s" if region is not None else ""}
              AND d.business_date BETWEEN %(start)s AND %(end)s
            GROUP BY 1 ORDER BY 1""", params).fetchall()
    return branches, sums, p90, late, totals, trend


def _trend(rows: list[tuple], start: dt.date, end: dt.date, max_points: int = 62) -> tuple[TrendPoint, ...]:
    """Per day (per week from Monday for long ranges): issued, served, average wait, within-target share."""
    by_day = {r[0]: r[1:] for r in rows}
    n = (end - start).days + 1
    weekly = n > max_points
    groups: dict[dt.date, list[float]] = {}
    for i in range(n):
        day = start + dt.timedelta(days=i)
        key = day - dt.timedelta(days=day.weekday()) if weekly else day
        acc = groups.setdefault(key, [0.0] * 6)
        for j, v in enumerate(by_day.get(day, (0,) * 6)):
            acc[j] += float(v or 0)
    return tuple(TrendPoint(key.strftime("%m-%d"), int(a[0]), int(a[1]), minutes(a[2] / a[3]) if a[3] else None,
                            share(int(a[4]), int(a[5]))) for key, a in groups.items())
