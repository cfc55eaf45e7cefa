"""What the honest estimate costs per issue (issue 21: at most 1 ms with 100
people waiting, 5 ms with 300), computed from a snapshot as issue_ticket does
(the snapshot's own read is measured by bench_engine / bench_queue).

A branch of five windows with overlapping service orders, service times from
history, an afternoon's arrival profile (12 customers an hour for A, a few for
the others, priority ones among them) and N waiting spread over the services,
issued over the last hour. Prints one JSON line per N: median and p99 over
many issues of each service in turn.

    .venv/bin/python benchmarks/bench_estimate_cost.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time

from app.queue.estimate import ServiceTimes, Snapshot, WindowNow, estimate
from app.queue.policy import Candidate, PolicyConfig

NOW = dt.datetime(2026, 11, 23, 14, 0)
SERVICES = {1: 8.0, 2: 14.0, 3: 12.0, 4: 11.0, 5: 16.0, 6: 10.0}  # id: mean minutes
RATES = {1: 12, 2: 2, 3: 1.5, 4: 4, 5: 1.5, 6: 1}  # customers an hour
WINDOWS = ((1, 4), (1, 4, 6), (1, 5), (2,), (3, 1))


def snapshot(waiting: int, rng: random.Random) -> Snapshot:
    ids = list(SERVICES)
    weights = [RATES[s] for s in ids]
    queue = tuple(Candidate(i + 1, rng.choices(ids, weights)[0], "vip" if rng.random() < 0.08 else "normal",
                            NOW - dt.timedelta(minutes=60 * (waiting - i) / max(1, waiting)))
                  for i in range(waiting))
    windows = tuple(WindowNow(n + 1, order, busy_service=order[0], busy_for_min=rng.uniform(0, 8),
                              busy_serving=True) for n, order in enumerate(WINDOWS))
    times = {sid: ServiceTimes(mean, mean * 0.9, 0.05, True, 200) for sid, mean in SERVICES.items()}
    arrivals = {}
    for sid, per_hour in RATES.items():
        arrivals[(sid, False)] = tuple(per_hour * 0.92 / 60 if 8 <= h < 17 else 0.0 for h in range(24))
        arrivals[(sid, True)] = tuple(per_hour * 0.08 / 60 if 8 <= h < 17 else 0.0 for h in range(24))
    return Snapshot(NOW, windows, queue, times, PolicyConfig(priority_ratio=3, promote_after=dt.timedelta(minutes=45)),
                    closes_at=NOW.replace(hour=23, minute=59), arrivals=arrivals)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--issues", type=int, default=60, help="estimates per round and queue size")
    a = ap.parse_args()
    targets = {100: 1.0, 300: 5.0}
    for waiting in (0, 100, 300, 1000):
        rng = random.Random(waiting)
        snap = snapshot(waiting, rng)
        times: list[float] = []
        answers = []
        for _ in range(a.rounds):
            for i in range(a.issues):
                sid = list(SERVICES)[i % len(SERVICES)]
                start = time.perf_counter()
                e = estimate(snap, service_id=sid, priority="vip" if i % 10 == 0 else "normal")
                times.append((time.perf_counter() - start) * 1000)
                answers.append(e)
        times.sort()
        line = {"bench": "estimate_cost", "waiting": waiting, "n": len(times),
                "median_ms": round(statistics.median(times), 3), "p99_ms": round(times[int(0.99 * (len(times) - 1))], 3),
                "example": {"service": 1, "minutes": answers[0].minutes, "range": answers[0].range,
                            "ahead": answers[0].people_ahead, "note": answers[0].note}}
        if waiting in targets:
            line["target_ms"] = targets[waiting]
            line["ok"] = line["median_ms"] <= targets[waiting]
        print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
