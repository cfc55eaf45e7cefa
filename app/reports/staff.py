"""Staff figures: per teller and per window, for a day or a range.

Everything is rebuilt from the event log (docs/metrics.md, "Staff figures"):
each call of a ticket to a window is a *visit* (query.visits, the same visits
the daily report counts), each window has its states over the day (opened,
paused with a reason, resumed, closed), and every ticket waits for a service,
or for one window, from its issue, transfer or return to the queue until its
call or its leaving. From these:

- served, no-shows and transfers out: visits that ended so at the window;
  a service ended by the day's close is left out (settled question 8), one
  ended by its teller leaving counts as served without a service time;
- service time (average and 90th percentile): the visit's Start, or its call,
  to its finish or transfer, for visits with a real end (stats.ARTIFICIAL_ENDS);
- walk time: from the visit's call to Start (visits where Start was pressed);
- recalls: TicketRecalled events at the window;
- time open (open, not paused) and time paused by reason;
- idle with people waiting: open, no customer at the window, and someone
  waiting for a service the window serves (or sent to the window by name);
- ratings of the customers whose last visit ended served there.

A visit belongs to the teller who made the call; window time to the teller
who opened the window. Calls and windows of the command line or a keypad
without a teller count for the teller holding the window, else for "-".
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.events import EventType as E
from app.reports.stats import ARTIFICIAL_ENDS, minutes, nearest_rank
from app.reports.timeline import NOBODY, Catalogue, DayFacts, holder_at, idle_seconds, waiting_steps, \
    window_intervals

# Reasons the code gives a pause or a close, in both languages (a teller's own words are shown as typed).
REASON_LABELS = {
    "teller_left": "柜员离开 teller left", "taken_over": "被接管 taken over", "teller_moved": "柜员换窗口 teller moved",
    "day_closed": "日终 day closed", "unattended": "无人值守 unattended",
}


@dataclass
class _Acc:
    """Figures of one teller or one window, added up over visits and days."""

    served: int = 0
    no_shows: int = 0
    recalls: int = 0
    transfers_out: int = 0
    service_s: list[float] = field(default_factory=list)
    walk_s: list[float] = field(default_factory=list)
    open_s: float = 0.0
    paused_s: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    idle_s: float = 0.0
    ratings: list[int] = field(default_factory=list)
    others: set[str] = field(default_factory=set)  # the windows a teller used, the tellers a window had


@dataclass(frozen=True)
class StaffRow:
    key: str  # the teller's username, or the window number
    name: str  # the teller's full name, or the window's name
    others: str  # the windows a teller used ("1, 3"), the tellers a window had ("li, wang")
    served: int
    service_avg_min: float | None
    service_p90_min: float | None
    walk_avg_min: float | None
    no_shows: int
    recalls: int
    transfers_out: int
    open_min: float
    paused_min: float
    idle_waiting_min: float
    rating_avg: float | None
    rating_count: int


@dataclass(frozen=True)
class PauseRow:
    teller: str
    window: int
    reason: str
    minutes: float


@dataclass(frozen=True)
class StaffFigures:
    tellers: tuple[StaffRow, ...] = ()
    windows: tuple[StaffRow, ...] = ()
    pauses: tuple[PauseRow, ...] = ()

    @property
    def has_data(self) -> bool:
        return bool(self.tellers or self.windows)


def _day(facts: DayFacts, cat: Catalogue, tellers: dict[str, _Acc], windows: dict[int, _Acc],
         pauses: dict[tuple[str, int, str], float]) -> None:
    """Add one day's visits and window time to the tellers' and windows' figures."""
    intervals = window_intervals(facts.window_events, facts.end, cat)

    def holder(wid: int | None, at: dt.datetime) -> str:
        iv = holder_at(intervals, wid, at)
        return iv.teller if iv is not None else NOBODY

    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for tid, visits in facts.visits.items():
        for i, v in enumerate(visits):
            if v.window_id is None:
                continue
            teller = cat.teller(v.staff_id) if v.staff_id is not None else holder(v.window_id, v.called_at)
            t, w = tellers.setdefault(teller, _Acc()), windows.setdefault(v.window_id, _Acc())
            number = str(cat.windows.get(v.window_id, (v.window_id, ""))[0])
            t.others.add(number)
            w.others.add(teller)
            busy[v.window_id].append((v.called_at, v.ended_at or facts.end))
            for acc in (t, w):
                if v.end == "finished" and v.outcome != "day_closed":
                    acc.served += 1
                    if i == len(visits) - 1 and facts.ratings.get(tid) is not None:
                        acc.ratings.append(int(facts.ratings[tid]))
                elif v.end == "no_show":
                    acc.no_shows += 1
                elif v.end == "transferred":
                    acc.transfers_out += 1
                if v.service_s is not None:
                    acc.service_s.append(v.service_s)
                if v.started_at is not None and v.outcome not in ARTIFICIAL_ENDS:
                    acc.walk_s.append(max(0.0, (v.started_at - v.called_at).total_seconds()))
    for _tid, type_, at, wid, _p in facts.ticket_events:
        if type_ == E.TICKET_RECALLED and wid is not None:
            tellers.setdefault(holder(wid, at), _Acc()).recalls += 1
            windows.setdefault(wid, _Acc()).recalls += 1
    waiting = {key: steps.freeze() for key, steps in waiting_steps(facts).items()}
    for wid, spans in intervals.items():
        w = windows.setdefault(wid, _Acc())
        number = cat.windows.get(wid, (wid, ""))[0]
        keys = [*cat.serves.get(wid, ()), f"#{number}"]
        for iv in spans:
            t = tellers.setdefault(iv.teller, _Acc())
            t.others.add(str(number))
            w.others.add(iv.teller)
            seconds = (iv.end - iv.start).total_seconds()
            if iv.state == "paused":
                for acc in (t, w):
                    acc.paused_s[iv.reason] += seconds
                pauses[(iv.teller, number, iv.reason)] += seconds
                continue
            idle = idle_seconds([(iv.start, iv.end)], busy.get(wid, []), [waiting[k] for k in keys if k in waiting])
            for acc in (t, w):
                acc.open_s += seconds
                acc.idle_s += idle


def _row(key: str, name: str, acc: _Acc, others: Iterable[str]) -> StaffRow:
    ordered = sorted(acc.service_s)
    return StaffRow(
        key=key, name=name, others=", ".join(others), served=acc.served,
        service_avg_min=minutes(math.fsum(ordered) / len(ordered)) if ordered else None,
        service_p90_min=minutes(nearest_rank(ordered, 90)),
        walk_avg_min=minutes(math.fsum(acc.walk_s) / len(acc.walk_s)) if acc.walk_s else None,
        no_shows=acc.no_shows, recalls=acc.recalls, transfers_out=acc.transfers_out,
        open_min=minutes(acc.open_s) or 0.0, paused_min=minutes(sum(acc.paused_s.values())) or 0.0,
        idle_waiting_min=minutes(acc.idle_s) or 0.0,
        rating_avg=round(sum(acc.ratings) / len(acc.ratings) + 1e-9, 2) if acc.ratings else None,
        rating_count=len(acc.ratings),
    )


def _number_key(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (10**9, text)


def reason_label(reason: str) -> str:
    return REASON_LABELS.get(reason, reason or "-")


def staff_figures(s: Session, start: dt.date, end: dt.date, now: dt.datetime) -> StaffFigures:
    """The staff figures of business days ``start..end`` (read in session ``s``)."""
    cat = Catalogue.load(s)
    tellers: dict[str, _Acc] = {}
    windows: dict[int, _Acc] = {}
    pause_windows: dict[tuple[str, int, str], float] = defaultdict(float)
    day = start
    while day <= end:
        facts = DayFacts(s, day, now)
        if facts.window_events or facts.visits:
            _day(facts, cat, tellers, windows, pause_windows)
        day += dt.timedelta(days=1)
    names = {u: n for u, n in cat.staff.values()}
    teller_rows = tuple(_row(u, names.get(u, ""), acc, sorted(acc.others, key=_number_key))
                        for u, acc in sorted(tellers.items(), key=lambda kv: (kv[0] == NOBODY, kv[0]))
                        if _active(acc))
    window_rows = tuple(_row(str(cat.windows.get(wid, (wid, ""))[0]), cat.windows.get(wid, (wid, ""))[1], acc,
                             sorted(acc.others, key=lambda u: (u == NOBODY, u)))
                        for wid, acc in sorted(windows.items(), key=lambda kv: cat.windows.get(kv[0], (kv[0],))[0])
                        if _active(acc))
    pauses = tuple(PauseRow(teller, number, reason_label(reason), minutes(sec) or 0.0)
                   for (teller, number, reason), sec in sorted(pause_windows.items(), key=lambda kv: kv[0][:2]))
    return StaffFigures(teller_rows, window_rows, pauses)


def _active(acc: _Acc) -> bool:
    return bool(acc.served or acc.no_shows or acc.transfers_out or acc.open_s or acc.paused_s or acc.recalls)



STAFF_DEFINITIONS = (
    "按柜员与窗口：每次叫号到窗口为一次接待，计入叫号的柜员（键盘或命令行叫号计入当时持有窗口的柜员）与该窗口。 "
    "Per teller and window: each call of a ticket to a window is a visit, counted for the teller who called "
    "(a keypad's or the command line's call for the teller holding the window) and for the window.",
    "办结、过号、转出：在该窗口以此结束的接待；日终时仍在办理的不计（已计入网点办结）。 Served, no-shows, transfers "
    "out: visits that ended so there; a service ended by the day's close is left out (it counts as served for "
    "the branch).",
    "办理时间：开始办理（未按开始则从叫号）到办结或转出；平均与90百分位（最近秩法）；日终或柜员离开结束的不计。 "
    "Service time: start (or the call) to finish or transfer; average and 90th percentile (nearest rank); "
    "services ended by the close or the teller leaving are left out.",
    "步行时间：叫号到按下开始办理。 Walk time: from the call to Start (visits where Start was pressed).",
    "开放时间：窗口开放且未暂停的时间；暂停时间按原因列出。 Time open: open and not paused; time paused by reason.",
    "空闲有人等候：窗口开放、无客户在窗口、且有客户在等候该窗口办理的业务（或被指定到该窗口）。 Idle with people "
    "waiting: open, no customer at the window, and someone waiting for a service it serves (or sent to it).",
    "满意度：最后一次接待在该窗口办结的客户的评价。 Rating: of customers whose last visit ended served there.",
)


@dataclass(frozen=True)
class StaffReport:
    branch: Any  # model.Branch
    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    has_data: bool
    staff: StaffFigures
    definitions: tuple[str, ...] = STAFF_DEFINITIONS


def build_staff(db: Any, start: dt.date, end: dt.date, *, now: dt.datetime) -> StaffReport:
    """The staff report over business days ``start..end`` (inclusive)."""
    from app.reports import query
    from app.reports.daily import branch_of
    from app.reports.range_report import check_range

    check_range(start, end, now)
    with db.read(long=True) as s:
        figures = staff_figures(s, start, end, now)
        settings = query.setting_values(s, "branch.name_zh", "branch.name_en")
    return StaffReport(branch_of(settings), start, end, now, figures.has_data, figures)
