"""Staffing advice against simulated days (benchmarks/branch_sim.py: days played
through the real service functions with the real calling policy).

For each scenario: two history Mondays with windows to spare teach the branch
its arrivals and holding times (app/reports/staffing.py ``learn``); the
advice says how many windows each hour needs for the goal share within
target (Erlang C); then the next Monday is played three times, each hour
with the advised number of windows open, with one fewer, and with one more,
and the day's within-target share is read from its daily report (everyone
who waited, the never-called included). Prints one JSON line per scenario
and plan.

    .venv/bin/python benchmarks/bench_staffing.py [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from branch_sim import Scenario, Truth, WindowPlan, play_day, setup  # noqa: E402

from app.reports import erlang  # noqa: E402
from app.reports.daily import build_daily  # noqa: E402
from app.reports.staffing import advise_days, learn  # noqa: E402

HISTORY = (dt.date(2026, 11, 16), dt.date(2026, 11, 23))  # two Mondays
DAY = dt.date(2026, 11, 30)  # the next Monday
GOAL_PCT = 80


def pooled(name: str, per_hour: float, mean_min: float, windows: int, hours: range = range(9, 17)) -> Scenario:
    """One service (A, target 15 min) that every window serves, a steady stream of arrivals."""
    plans = tuple(WindowPlan(n, ("A",)) for n in range(1, windows + 1))
    return Scenario(name, {"A": Truth(mean_min, cv=1.0)}, {"A": {h: per_hour for h in hours}}, plans,
                    priority_share=0.0, default_factor=1.0)


def plan(per_hour: dict[int, int], delta: int) -> tuple[WindowPlan, ...]:
    """Window k open in the hours that need k windows or more (``delta`` more or fewer, at least one);
    the first opens half an hour early, every window serves its queue until 18:00 once opened last."""
    need = {h: max(1, n + delta) for h, n in per_hour.items()}
    last = max(need)
    windows = []
    for k in range(1, max(need.values()) + 1):
        spans: list[tuple[float, float]] = []
        for h in sorted(need):
            if need[h] >= k:
                start, end = (8.5 if h == min(need) else float(h)), (18.0 if h == last else float(h + 1))
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        windows.append(WindowPlan(k, ("A",), tuple(spans)))
    return tuple(windows)


def advice(url: str, scenario: Scenario, history: tuple[dt.date, ...] = HISTORY):  # type: ignore[no-untyped-def]
    """Play the history with windows to spare; the advice for the next Monday."""
    db = setup(url, scenario)
    try:
        for i, day in enumerate(history):
            play_day(db, scenario, day, seed=100 + i)
        with db.read() as s:
            profile = learn(s, history[0], history[-1], dt.datetime.combine(history[-1], dt.time(23)))
    finally:
        db.dispose()
    (day,) = advise_days(profile, [DAY], GOAL_PCT)
    return day


def expected(day, delta: int, target_min: float = 15.0) -> float:  # type: ignore[no-untyped-def]
    """Erlang C's within-target share for the plan, weighted by each hour's arrivals."""
    total = sum(h.arrivals for h in day.hours)
    share = sum(h.arrivals * erlang.within_target(max(1, h.needed + delta), h.arrivals / 60, h.service_min or 0.0,
                                                  target_min) for h in day.hours)
    return round(100 * share / total, 1) if total else 100.0


def played_share(url: str, scenario: Scenario, seed: int) -> float | None:
    db = setup(url, scenario)
    try:
        play_day(db, scenario, DAY, seed=seed)
        return build_daily(db, DAY, now=dt.datetime.combine(DAY, dt.time(23))).summary.within_target_pct
    finally:
        db.dispose()


def run(scenario: Scenario, seed: int, spread: tuple[int, ...] = (-1, 0, 1)) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="bench-staffing-"))
    t0 = time.perf_counter()
    day = advice(f"sqlite:///{folder / 'history.sqlite3'}", scenario)
    needed = {h.hour: h.needed for h in day.hours}
    lines = []
    for delta in spread:
        windows = plan(needed, delta)
        share = played_share(f"sqlite:///{folder / f'day{delta:+d}.sqlite3'}",
                             dataclasses.replace(scenario, windows=windows), seed)
        lines.append({"bench": "staffing", "scenario": scenario.name, "goal_pct": GOAL_PCT,
                      "plan": {0: "advised", -1: "one fewer each hour", 1: "one more each hour"}[delta],
                      "windows_per_hour": {f"{h:02d}": max(1, n + delta) for h, n in sorted(needed.items())},
                      "arrivals_per_hour": {f"{h.hour:02d}": h.arrivals for h in day.hours},
                      "holding_min": day.hours[0].service_min if day.hours else None,
                      "erlang_c_within_target_pct": expected(day, delta),
                      "simulated_within_target_pct": share, "meets_goal": share is not None and share >= GOAL_PCT,
                      "seconds": round(time.perf_counter() - t0, 1)})
    return lines


SCENARIOS = (
    pooled("two_erlangs", per_hour=20, mean_min=5.5, windows=6),
    pooled("four_erlangs", per_hour=40, mean_min=5.5, windows=8),
    pooled("eight_erlangs", per_hour=60, mean_min=7.5, windows=12),
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="one scenario")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for scenario in SCENARIOS[1:2] if args.quick else SCENARIOS:
        for line in run(scenario, args.seed):
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
