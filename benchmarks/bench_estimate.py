"""How right is the wait printed on the ticket? (issue 21), as JSON lines.

Simulated branch days (benchmarks/branch_sim.py) through the real service
functions: after a warm-up day (so history exists), a measured day per
scenario. At every issue three estimates are taken from the same state:

- ``replay``: what the ticket prints (app/queue/estimate.py), scored as
  printed: the rounded minutes and the printed range;
- ``oracle``: the best possible estimate that cannot see the future: from the
  same queue state, the same calling policy over ``--futures`` random futures
  (fixed seeds) drawn from the scenario's true service-time distributions,
  no-show and transfer rates and arrival rates. It knows the distributions,
  not the draws, and not future window openings, pauses or closings. Its
  median is its estimate, its 10th-90th percentiles its range;
- ``old``: the estimator before issue 21 (same-service tickets ahead x the
  median recent service time / the open windows listing the service).

Printed per scenario and estimator: MAE and signed bias as % of the mean
actual wait, the share of customers whose actual wait fell inside the
range (a printed whole minute stands for the half minute around it, for
both estimators), the mean range width; the same per hour and per service; and the
targets (MAE <= 1.2x the oracle's; |bias| <= the oracle's + 5 points;
coverage >= 75 % with width <= 1.3x the oracle's; overloaded day: MAE <= 25 %,
|bias| <= 10 %). Customers never called are not scored (counted).

    .venv/bin/python benchmarks/bench_estimate.py [--futures 200] [--only overloaded]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import heapq
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from branch_sim import (  # noqa: E402
    NO_SHOW_WAIT_MIN,
    WALK_MIN,
    Scenario,
    TicketRecord,
    Truth,
    WindowPlan,
    play_day,
    poisson_arrivals,
    setup,
)

from app.queue.estimate import PAUSE_RESUMES_MIN, Snapshot  # noqa: E402
from app.queue.policy import Candidate, Queues, choose, next_streak  # noqa: E402
from app.queue.snapshot import queue_snapshot  # noqa: E402

DAY2 = dt.date(2026, 11, 24)  # the measured day (the warm-up days come before it)
Z_LOW, Z_HIGH = 0.10, 0.90


# -- the scenarios ---------------------------------------------------------------

def _flat(rate: float, hours: range = range(8, 17)) -> dict[int, float]:
    return {h: rate for h in hours}


def _profile(base: float, shape: dict[int, float]) -> dict[int, float]:
    return {h: base * shape.get(h, 1.0) for h in range(8, 17)}


DAY_SHAPE = {8: 0.6, 9: 1.2, 10: 1.3, 11: 1.0, 12: 0.7, 13: 0.9, 14: 1.1, 15: 1.2, 16: 0.9}
TRUTH = {"A": Truth(8.0, 0.9), "B": Truth(14.0, 0.9), "C": Truth(12.0, 0.9), "D": Truth(11.0, 0.9),
         "E": Truth(16.0, 0.9), "F": Truth(10.0, 0.9)}
WINDOWS = (WindowPlan(1, ("A", "D")), WindowPlan(2, ("A", "D", "F")), WindowPlan(3, ("A", "E")),
           WindowPlan(4, ("B",)), WindowPlan(5, ("C", "A")))


def scenarios() -> list[Scenario]:
    return [
        Scenario("quiet", TRUTH, {"A": _profile(8, DAY_SHAPE), "D": _profile(3, DAY_SHAPE), "E": _flat(1.5),
                                  "B": _flat(2), "C": _flat(1.5), "F": _flat(1)}, WINDOWS),
        Scenario("overloaded_afternoon", TRUTH,
                 {"A": {**_flat(14, range(8, 13)), **_flat(29, range(13, 17))},
                  "D": {**_flat(4, range(8, 13)), **_flat(6, range(13, 17))},
                  "E": _flat(2), "B": _flat(3.5), "C": _flat(2), "F": _flat(1)}, WINDOWS),
        Scenario("lunch_closing", TRUTH, {"A": _profile(12, DAY_SHAPE), "D": _profile(4, DAY_SHAPE),
                                          "E": _flat(2), "B": _flat(3), "C": _flat(2), "F": _flat(1)},
                 (WindowPlan(1, ("A", "D")), WindowPlan(2, ("A", "D", "F"), ((8.5, 12.0), (13.5, 18.0))),
                  WindowPlan(3, ("A", "E"), ((8.5, 12.0), (13.5, 18.0))), WindowPlan(4, ("B",)),
                  WindowPlan(5, ("C", "A")))),
        Scenario("heavy_priority", TRUTH, {"A": _profile(11, DAY_SHAPE), "D": _profile(4, DAY_SHAPE),
                                           "E": _flat(2), "B": _flat(3), "C": _flat(2), "F": _flat(1)},
                 WINDOWS, priority_share=0.35),
        Scenario("shared_orders", TRUTH, {"A": _profile(9, DAY_SHAPE), "D": _profile(7, DAY_SHAPE),
                                          "E": _profile(3, DAY_SHAPE), "B": _flat(3), "C": _flat(2)},
                 (WindowPlan(1, ("A", "D")), WindowPlan(2, ("D", "A")), WindowPlan(3, ("E", "D", "A")),
                  WindowPlan(4, ("B",)), WindowPlan(5, ("C", "A")))),
        Scenario("transfers_and_no_shows",
                 {**TRUTH, "A": Truth(8.0, 0.9, no_show=0.12, transfer=0.12, transfer_to="D"),
                  "D": Truth(11.0, 0.9, no_show=0.08)},
                 {"A": _profile(16, DAY_SHAPE), "D": _profile(4, DAY_SHAPE), "E": _flat(2), "B": _flat(3),
                  "C": _flat(2), "F": _flat(1)}, WINDOWS),
        # Half of loans, wealth and account opening by appointment (settled question 14): reported
        # without targets (the oracle's futures draw those customers as walk-ins).
        Scenario("appointments", TRUTH, {"A": _profile(11, DAY_SHAPE), "D": _profile(4, DAY_SHAPE),
                                         "E": _flat(3), "B": _flat(4), "C": _flat(3), "F": _flat(1)},
                 WINDOWS, appointment_share=0.5, targets=False),
        Scenario("first_day_no_history", TRUTH, {"A": _profile(14, DAY_SHAPE), "D": _profile(4, DAY_SHAPE),
                                                 "E": _flat(2), "B": _flat(3), "C": _flat(2), "F": _flat(1)},
                 WINDOWS, warm_up=0, targets=False),
    ]


# -- the oracle ------------------------------------------------------------------

class Oracle:
    """The same calling policy over random futures drawn from the truth."""

    def __init__(self, scenario: Scenario, codes: dict[int, str], futures: int, seed: int) -> None:
        self.scenario, self.codes, self.futures = scenario, codes, futures
        self.ids = {c: i for i, c in codes.items()}
        self.rng = random.Random(seed)

    def __call__(self, db: Any, now: dt.datetime, ctx: dict[str, Any]) -> tuple[float, float, float] | None:
        snap = queue_snapshot(db, now)
        sid = self.ids[ctx["service"]]
        if not any(sid in w.service_order for w in snap.windows):
            return None
        target = Candidate(-1, sid, ctx["priority"], now, appointment_at=ctx.get("appointment_at"))
        waits = [w for w in (self._future(snap, target) for _ in range(self.futures)) if w is not None]
        if len(waits) < self.futures / 2:
            return None
        waits.sort()
        k = len(waits)
        return waits[k // 2], waits[int(Z_LOW * (k - 1))], waits[int(math.ceil(Z_HIGH * (k - 1)))]

    def _truth(self, sid: int) -> Truth:
        return self.scenario.truth.get(self.codes[sid]) or Truth(8.0, 0.9)

    def _occupancy(self, sid: int) -> tuple[float, int | None]:
        """How long a called customer holds the window, and the service they are transferred to, if any."""
        truth = self._truth(sid)
        if self.rng.random() < truth.no_show:
            return NO_SHOW_WAIT_MIN, None
        service = truth.draw(self.rng)
        if truth.transfer_to and self.rng.random() < truth.transfer:
            return WALK_MIN + service / 2, self.ids[truth.transfer_to]
        return WALK_MIN + service, None

    def _future(self, snap: Snapshot, target: Candidate) -> float | None:
        rng = self.rng
        queues = Queues(snap.waiting)
        queues.add(target)
        start = snap.now
        base = start.hour * 60 + start.minute + start.second / 60
        busy: list[tuple[float, int, Any]] = []
        streaks = {}
        for i, w in enumerate(snap.windows):
            t0 = PAUSE_RESUMES_MIN if w.paused else 0.0
            if w.busy_service is not None:
                truth = self._truth(w.busy_service)
                if w.busy_serving:
                    elapsed = max(0.0, w.busy_for_min - WALK_MIN)
                    left = truth.draw_beyond(rng, elapsed) - elapsed
                else:
                    left = (max(0.0, WALK_MIN - w.busy_for_min) + truth.draw(rng)
                            if rng.random() >= truth.no_show else max(0.0, NO_SHOW_WAIT_MIN - w.busy_for_min))
                t0 += left
            heapq.heappush(busy, (t0, i, w))
            streaks[w.id] = w.streak
        arrivals = self._arrivals(base)
        seq, fake = len(snap.windows), -10
        for _ in range(5000):
            if not busy:
                return None
            t, _, w = heapq.heappop(busy)
            while arrivals and arrivals[0][0] <= t:
                at, sid, prio = heapq.heappop(arrivals)
                fake -= 1
                queues.add(Candidate(fake, sid, "vip" if prio else "normal", start + dt.timedelta(minutes=at)))
            choice = choose(queues, window_id=w.id, service_order=w.service_order, priority_streak=streaks[w.id],
                            config=snap.config, now=start + dt.timedelta(minutes=t))
            if choice is None:
                if arrivals:
                    seq += 1
                    heapq.heappush(busy, (max(t, arrivals[0][0]), seq, w))
                continue
            c = choice.candidate
            if c.ticket_id == target.ticket_id:
                return t
            queues.remove(c)
            streaks[w.id] = next_streak(streaks[w.id], choice, choice.normal_waiting)
            hold, moved_to = self._occupancy(c.service_id)
            if moved_to is not None:
                fake -= 1
                queues.add(Candidate(fake, moved_to, c.priority, start + dt.timedelta(minutes=t + hold)))
            seq += 1
            heapq.heappush(busy, (t + hold, seq, w))
        return None

    def _arrivals(self, base: float) -> list[tuple[float, int, bool]]:
        """Random arrivals from now to the last arrival hour, relative to now (minutes)."""
        out = []
        for code in self.scenario.rates:
            sid = self.ids.get(code)
            if sid is None:
                continue
            for t in poisson_arrivals(self.scenario, code, base, self.rng):
                out.append((t - base, sid, self.rng.random() < self.scenario.priority_share))
        heapq.heapify(out)
        return out


def old_estimator(codes: dict[int, str]):  # type: ignore[no-untyped-def]
    """The estimate before issue 21, as it was computed (app/queue/tickets.py at 87947e7)."""
    from sqlalchemy import func, select

    from app.queue.estimate import estimate_wait_minutes, typical_service_minutes
    from app.store.models import Service, Ticket, Window, WindowService

    ids = {c: i for i, c in codes.items()}

    def observe(db: Any, now: dt.datetime, ctx: dict[str, Any]) -> int:
        sid = ids[ctx["service"]]
        with db.read() as s:
            q = select(func.count()).select_from(Ticket).where(
                Ticket.business_date == now.date(), Ticket.service_id == sid,
                Ticket.status.in_(("waiting", "transferred")))
            if ctx["priority"] != "normal":
                q = q.where(Ticket.priority != "normal")
            ahead = int(s.scalar(q) or 0)
            rows = s.execute(select(Ticket.started_at, Ticket.called_at, Ticket.finished_at)
                             .where(Ticket.service_id == sid, Ticket.finished_at.is_not(None),
                                    Ticket.finished_at <= now)
                             .order_by(Ticket.finished_at.desc()).limit(20)).all()
            recent = [(f - (st or c)).total_seconds() / 60 for st, c, f in rows if (st or c) is not None]
            default = s.scalar(select(Service.default_service_min).where(Service.id == sid))
            windows = s.scalar(select(func.count()).select_from(Window).join(
                WindowService, WindowService.window_id == Window.id).where(
                WindowService.service_id == sid, Window.state == "open"))
        return estimate_wait_minutes(ahead, typical_service_minutes(recent, default), windows or 0)

    return observe


# -- scoring ---------------------------------------------------------------------

@dataclasses.dataclass
class Score:
    n: int = 0
    actual: list[float] = dataclasses.field(default_factory=list)
    errors: list[float] = dataclasses.field(default_factory=list)
    inside: int = 0
    widths: list[float] = dataclasses.field(default_factory=list)

    def add(self, actual: float, point: float, low: float | None, high: float | None) -> None:
        self.n += 1
        self.actual.append(actual)
        self.errors.append(point - actual)
        if low is not None and high is not None:
            self.widths.append(high - low)
            # A printed whole minute stands for the half minute around it: "0 min" holds a 20-second wait.
            self.inside += low - 0.5 <= actual <= high + 0.5

    def figures(self) -> dict[str, Any]:
        if not self.n:
            return {"customers": 0}
        mean = statistics.fmean(self.actual)
        mae = statistics.fmean(abs(e) for e in self.errors)
        bias = statistics.fmean(self.errors)
        out = {"customers": self.n, "mean_actual_min": round(mean, 2), "mae_min": round(mae, 2),
               "mae_pct": round(100 * mae / mean, 1) if mean else None,
               "bias_pct": round(100 * bias / mean, 1) if mean else None}
        if self.widths:
            out["coverage_pct"] = round(100 * self.inside / self.n, 1)
            out["range_width_min"] = round(statistics.fmean(self.widths), 2)
        return out


def score(records: list[TicketRecord]) -> dict[str, dict[str, Any]]:
    """Per estimator: the whole day, per hour, per service."""
    out: dict[str, dict[str, Any]] = {}
    for name in ("replay", "oracle", "old"):
        whole, hours, services = Score(), defaultdict(Score), defaultdict(Score)
        skipped = 0
        for r in records:
            if r.called_min is None:
                continue
            actual = r.called_min - r.issued_min
            if name == "replay":
                if r.told is None:
                    skipped += 1
                    continue
                point, (low, high) = r.told, (r.told_range or (r.told, r.told))
            elif name == "oracle":
                o = r.observed.get("oracle")
                if o is None:
                    skipped += 1
                    continue
                point, low, high = round(o[0]), math.floor(o[1]), math.ceil(o[2])
            else:
                point, low, high = r.observed["old"], None, None
            for sc in (whole, hours[int(r.issued_min // 60)], services[r.service]):
                sc.add(actual, point, low, high)
        out[name] = {"day": whole.figures() | {"no_number": skipped},
                     "hours": {h: s.figures() for h, s in sorted(hours.items())},
                     "services": {c: s.figures() for c, s in sorted(services.items())}}
    return out


def verdict(name: str, res: dict[str, Any]) -> dict[str, Any]:
    ours, best = res["replay"]["day"], res["oracle"]["day"]
    mae_ratio = ours["mae_pct"] / best["mae_pct"] if best.get("mae_pct") else None
    width_ratio = ours["range_width_min"] / best["range_width_min"] if best.get("range_width_min") else None
    bias_gap = abs(ours["bias_pct"]) - abs(best["bias_pct"])
    checks = {"mae_le_1.2x_oracle": mae_ratio is not None and mae_ratio <= 1.2,
              "bias_within_oracle_plus_5": bias_gap <= 5.0,
              "coverage_ge_75": ours["coverage_pct"] >= 75.0,
              "width_le_1.3x_oracle": width_ratio is not None and width_ratio <= 1.3}
    if name.startswith("overloaded"):
        checks["overloaded_mae_le_25pct"] = ours["mae_pct"] <= 25.0
        checks["overloaded_bias_within_10pct"] = abs(ours["bias_pct"]) <= 10.0
    return {"bench": "estimate_targets", "scenario": name,
            "mae_ratio": round(mae_ratio, 2) if mae_ratio else None, "bias_gap_pts": round(bias_gap, 1),
            "coverage_pct": ours["coverage_pct"], "width_ratio": round(width_ratio, 2) if width_ratio else None,
            "checks": checks, "ok": all(checks.values())}


def play(scenario: Scenario, futures: int, seed: int, folder: Path) -> tuple[list[TicketRecord], float]:
    """One measured day (after the warm-up days): its tickets and the seconds it took."""
    from sqlalchemy import select

    from app.store.models import Service

    db = setup(f"sqlite:///{folder / f'{scenario.name}-{seed}.sqlite3'}", scenario)
    with db.read() as s:
        codes = {i: c for i, c in s.execute(select(Service.id, Service.code))}
    for k in range(scenario.warm_up, 0, -1):  # the days before, oldest first
        play_day(db, scenario, DAY2 - dt.timedelta(days=k), seed + 100 * k)
    t0 = time.perf_counter()
    observers = {"oracle": Oracle(scenario, codes, futures, seed + 1), "old": old_estimator(codes)}
    records = play_day(db, scenario, DAY2, seed + 2, observers)
    seconds = time.perf_counter() - t0
    db.dispose()
    return records, seconds


def run(scenario: Scenario, futures: int, seeds: list[int], folder: Path) -> list[dict[str, Any]]:
    """The scenario's day played once per seed (a different history and day
    each time), every customer of every day scored together."""
    records: list[TicketRecord] = []
    seconds = 0.0
    for seed in seeds:
        day, took = play(scenario, futures, seed, folder)
        records += day
        seconds += took
    res = score(records)
    lines: list[dict[str, Any]] = [{"bench": "estimate_scenario", "scenario": scenario.name,
                                    "parameters": scenario.describe(), "seeds": seeds, "issued": len(records),
                                    "never_called": sum(r.called_min is None for r in records),
                                    "futures": futures, "seconds": round(seconds, 1)}]
    for est in ("replay", "oracle", "old"):
        lines.append({"bench": "estimate", "scenario": scenario.name, "estimator": est, **res[est]["day"]})
    for est in ("replay", "oracle", "old"):
        for by in ("hours", "services"):
            for key, figs in res[est][by].items():
                lines.append({"bench": "estimate_detail", "scenario": scenario.name, "estimator": est,
                              "by": by[:-1], "key": key, **figs})
    if scenario.targets:
        lines.append(verdict(scenario.name, res))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--futures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7, help="the first seed")
    ap.add_argument("--days", type=int, default=3, help="measured days per scenario (seeds seed, seed+1000, ...)")
    ap.add_argument("--only", action="append", help="scenario name (repeatable)")
    ap.add_argument("--warm-up", type=int, default=None, help="days of history before the measured day")
    ap.add_argument("--no-detail", action="store_true", help="leave out the per-hour and per-service lines")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for sc in scenarios():
            if a.only and sc.name not in a.only:
                continue
            if a.warm_up is not None and sc.warm_up:
                sc = dataclasses.replace(sc, warm_up=a.warm_up)
            for line in run(sc, a.futures, [a.seed + 1000 * i for i in range(a.days)], Path(tmp)):
                if a.no_detail and line["bench"] == "estimate_detail":
                    continue
                print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
