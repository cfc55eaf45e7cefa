"""Head office's live per-branch tiles: today's summary of every branch (or a
region's), as fresh as each branch's last push."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.hq.db import reading, server_now
from app.reports.stats import minutes, share


@dataclass(frozen=True)
class BranchTile:
    code: str
    name: str
    region: str
    issued: int
    served: int
    open_now: int  # waiting, called or being served at the branch's last push
    wait_avg_min: float | None
    within_target_pct: float | None
    never_called: int
    rating_avg: float | None
    complaints_received: int
    updated_at: dt.datetime | None  # head office's time of the last summary change (None: nothing today)


@dataclass(frozen=True)
class HqTiles:
    at: dt.datetime
    day: dt.date
    region: str | None
    regions: tuple[str, ...]
    tiles: tuple[BranchTile, ...]  # worst within-target share first: where to look


def branch_tiles(url: str, *, day: dt.date | None = None, region: str | None = None,
                 at: dt.datetime | None = None) -> HqTiles:
    with reading(url) as conn:
        now = at or server_now(conn)
        day = day or now.date()
        regions = tuple(r[0] for r in conn.execute(
            "SELECT DISTINCT region FROM hq_branches WHERE active AND region <> '' ORDER BY 1"))
        rows = conn.execute(
            """SELECT b.code, b.name, b.region, coalesce(d.issued, 0), coalesce(d.served, 0),
                      coalesce(d.in_progress, 0), d.wait_sum_s, coalesce(d.wait_count, 0),
                      coalesce(d.within_target, 0), coalesce(d.waited, 0), coalesce(d.never_called, 0),
                      coalesce(d.rating_sum, 0), coalesce(d.rating_count, 0), coalesce(d.complaints_received, 0),
                      (d.updated_at AT TIME ZONE current_setting('TimeZone'))::timestamp(0)
               FROM hq_branches b LEFT JOIN hq_day_summaries d ON d.branch_code = b.code AND d.business_date = %s
               WHERE b.active AND (%s::text IS NULL OR b.region = %s) ORDER BY b.code""",
            (day, region, region)).fetchall()
    tiles = [BranchTile(code, name, reg, issued, served, open_now,
                        minutes(wait_sum / wait_n) if wait_n else None, share(within, waited), never,
                        round(rating_sum / rating_n + 1e-9, 2) if rating_n else None, cases, updated)
             for (code, name, reg, issued, served, open_now, wait_sum, wait_n, within, waited, never, rating_sum,
                  rating_n, cases, updated) in rows]
    tiles.sort(key=lambda t: (t.within_target_pct is None, t.within_target_pct or 0, t.code))
    return HqTiles(now, day, region, regions, tuple(tiles))
