"""Staffing advice: what the branch learns from its days, and the advice
played out on a simulated day (benchmarks/branch_sim.py, the real service
functions and calling policy): the advised windows meet the goal, one fewer
each hour does not (benchmarks/bench_staffing.py runs larger days)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import app.queue as q
from app.reports.staffing import advise_days, learn, staffing_advice
from app.staff.roles import SYSTEM
from app.store import open_database

MON = dt.date(2026, 11, 16)


def test_arrivals_holding_times_and_windows_open_are_learned_by_weekday_and_hour(sqlite_url):
    db = open_database(sqlite_url)
    try:
        q.init_catalogue(db, actor=SYSTEM, now=dt.datetime(2026, 11, 1, 8))
        for week, arrivals in ((0, 6), (1, 4)):  # two Mondays: 6 then 4 customers for A between 9 and 10
            day = MON + dt.timedelta(weeks=week)
            at = lambda h, m=0: dt.datetime.combine(day, dt.time(h, m))  # noqa: E731
            q.open_window(db, window=1, actor=SYSTEM, now=at(9, 0))
            q.open_window(db, window=2, actor=SYSTEM, now=at(9, 30))  # half of the hour: 1.5 windows open
            for i in range(arrivals):
                q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 5 * i))
            for i in range(arrivals):
                q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 5 * i + 1))
            q.finish(db, window=1, actor=SYSTEM, now=at(9, 5 * arrivals))  # every hold 4 min
            q.end_of_day(db, day=day, actor=SYSTEM, now=at(10, 0))
        with db.read() as s:
            p = learn(s, MON, MON + dt.timedelta(weeks=1), dt.datetime(2026, 11, 24, 8))
        assert p.days_per_weekday == {0: 2} and p.arrivals == {(0, 9): {"A": 5.0}}
        # Held from the call to the finish: 5, 5, 5, 5, 5, 4 and 5, 5, 5, 4 minutes: 48 / 10.
        assert p.service_min["A"] == 4.8
        assert p.open[(0, 9)] == pytest.approx(1.5)
        (advice,) = advise_days(p, [MON + dt.timedelta(weeks=2)], 80)
        (hour,) = advice.hours
        # 5 an hour holding 4.8 min: 0.4 Erlang; one window: 1 - 0.4 e^(-0.6 x 15/4.8) = 93.9 % >= 80 %
        assert (hour.hour, hour.arrivals, hour.load, hour.needed, hour.open) == (9, 5.0, 0.4, 1, 1.5)
        assert hour.share_open_pct == 93.9
        today = staffing_advice(db, now=dt.datetime(2026, 11, 30, 9, 30))
        (now_hour,) = today.days[0].hours  # 9:00-9:30 so far with no window open: short of the one needed
        assert (today.days[0].day, now_hour.needed, now_hour.open) == (dt.date(2026, 11, 30), 1, 0.0)
        assert today.days[0].short_hours == (9,)
        assert [d.day.weekday() for d in today.days[1:]] == [1, 2, 3, 4, 5, 6, 0]
    finally:
        db.dispose()


@pytest.mark.slow
def test_the_advice_played_out_on_a_simulated_day(tmp_path):
    from benchmarks import bench_staffing as bench

    scenario = bench.pooled("four_erlangs", per_hour=40, mean_min=5.5, windows=8, hours=range(9, 13))
    day = bench.advice(f"sqlite:///{tmp_path / 'history.sqlite3'}", scenario, history=(dt.date(2026, 11, 23),))
    needed = {h.hour: h.needed for h in day.hours}
    assert set(needed) == {9, 10, 11, 12} and all(n >= 5 for n in needed.values())  # about 4 Erlangs
    advised = bench.played_share(f"sqlite:///{tmp_path / 'advised.sqlite3'}",
                                 dataclasses.replace(scenario, windows=bench.plan(needed, 0)), seed=7)
    fewer = bench.played_share(f"sqlite:///{tmp_path / 'fewer.sqlite3'}",
                               dataclasses.replace(scenario, windows=bench.plan(needed, -1)), seed=7)
    assert advised >= bench.GOAL_PCT and fewer < advised


def test_the_advice_reads_its_weeks_not_the_branchs_years(sqlite_url):
    """The advice and the manager's live figures read a period: its windows'
    openings through their own index, its holding times through the days'
    index; never the whole event log or every ticket ever done."""
    from app.reports.live import live_figures
    from tests.support.plans import plan, statements

    db = open_database(sqlite_url)
    try:
        q.init_catalogue(db, actor=SYSTEM, now=dt.datetime(2026, 11, 1, 8))
        now = dt.datetime(2026, 11, 30, 9, 30)
        sql = [s for s in statements(db, lambda: (staffing_advice(db, now=now), live_figures(db, now=now)), "SELECT")
               if "FROM events" in s or "FROM tickets" in s]
        plans = {s: plan(db, s) for s in sql}
        windows = [p for s, p in plans.items() if "WindowOpened" in s]
        assert len(windows) >= 2 and all("USING INDEX ix_events_window_at (at>? AND at<?)" in p for p in windows)
        assert not [p for p in plans.values() if "SCAN events" in p or "ix_tickets_queue (status=?)" in p]
    finally:
        db.dispose()
