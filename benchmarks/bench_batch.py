"""10,000 mixed operations through ``branchdesk batch`` (one subprocess, stdin):
operations per second, end to end (process start and migrations included).

    .venv/bin/python benchmarks/bench_batch.py [--ops 10000]

The mix is a lobby day: tickets issued, windows calling with finish, some
starts, recalls, no-shows, transfers, status reads. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WINDOWS = (1, 2, 3)  # all serve A


def operations(count: int, seed: int = 7) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    clock = dt.datetime(2026, 11, 23, 8, 30)
    ops: list[dict[str, object]] = [{"op": "window open", "window": w, "at": clock.isoformat()} for w in WINDOWS]
    while len(ops) < count:
        clock += dt.timedelta(seconds=2)
        at = clock.isoformat()
        roll = rnd.random()
        w = rnd.choice(WINDOWS)
        if roll < 0.40:
            ops.append({"op": "ticket issue", "service": rnd.choice("AAAD"), "at": at,
                        "priority": "needs" if rnd.random() < 0.1 else "normal"})
        elif roll < 0.70:
            ops.append({"op": "call next", "window": w, "finish_current": True, "at": at})
        elif roll < 0.78:
            ops.append({"op": "start", "window": w, "at": at})
        elif roll < 0.84:
            ops.append({"op": "recall", "window": w, "at": at})
        elif roll < 0.88:
            ops.append({"op": "no-show", "window": w, "at": at})
        elif roll < 0.92:
            ops.append({"op": "finish", "window": w, "outcome": "done", "at": at})
        elif roll < 0.96:
            ops.append({"op": "queue status", "at": at})
        else:
            ops.append({"op": "ticket show", "ticket": f"A{rnd.randint(1, 200):03d}", "at": at})
    return ops[:count]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ops", type=int, default=10_000)
    a = ap.parse_args()
    db = Path(tempfile.mkdtemp(prefix="bench-batch-")) / "branch.sqlite3"
    subprocess.run([sys.executable, "-m", "app", "init", "--db", str(db)], cwd=REPO, check=True,
                   capture_output=True)
    ops = operations(a.ops)
    stdin = "".join(json.dumps(o) + "\n" for o in ops)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "app", "batch", "--db", str(db)], cwd=REPO, input=stdin,
                       capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    results = [json.loads(line) for line in r.stdout.splitlines()]
    errors = Counter(x["code"] for x in results if isinstance(x, dict) and "error" in x)
    print(json.dumps({
        "bench": "batch", "backend": "sqlite", "ops": len(ops), "result_lines": len(results),
        "exit_code": r.returncode, "seconds": round(seconds, 1), "ops_per_s": round(len(ops) / seconds, 1),
        "refused_by_kind": dict(errors), "mix": dict(Counter(o["op"] for o in ops)),
    }), flush=True)


if __name__ == "__main__":
    main()
