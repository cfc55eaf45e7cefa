"""The frozen bundle: cold start to a painted screen, and its size.

Prints JSON lines. Offscreen (no display needed):
    .venv/bin/python benchmarks/bench_bundle.py [--bundle dist/BranchDesk] [--cold 5] [--starts 5]

- bundle_size: bytes on disk of the one-folder bundle (MiB), files, and the
  biggest parts; the target is under 200 MB.
- start_login: ``BranchDesk run`` on a PC that is set up, from launch until
  the login screen has painted (BRANCHDESK_FIRST_PAINT_EXIT=1, app/ui/probe.py).
- start_demo_greeter: ``BranchDesk demo`` until the greeter (with the teller
  window and lobby display) has painted; this includes creating the demo
  database and hashing the five demo passwords.
"cold": launches after the page cache was dropped (root only: ``echo 3 >
/proc/sys/vm/drop_caches``), as after a reboot; "warm": a new process with the
files still in memory. Medians of several launches. The target is at most
1.5 s, cold.

Without --bundle it uses dist/BranchDesk, else the bundle the test suite
cached under build/bundle-test/, else it builds one with installer/build.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_bundle(given: str | None) -> Path:
    if given:
        return Path(given)
    candidates = [ROOT / "dist" / "BranchDesk"]
    candidates += sorted((ROOT / "build" / "bundle-test").glob("*/dist/BranchDesk"), key=lambda p: p.stat().st_mtime)
    for path in candidates:
        if (path / "branchdesk-cli").exists():
            return path
    subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], cwd=ROOT, check=True,
                   env=dict(os.environ, PYTHON=sys.executable))
    return ROOT / "dist" / "BranchDesk"


def size(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    parts: dict[str, int] = {}
    internal = bundle / "_internal"
    for p in files:
        rel = p.relative_to(internal) if internal in p.parents else p.relative_to(bundle)
        key = "/".join(rel.parts[:3]) if rel.parts[:2] == ("PySide6", "Qt") else rel.parts[0]
        parts[key] = parts.get(key, 0) + p.stat().st_size
    biggest = sorted(parts.items(), key=lambda kv: -kv[1])[:8]
    print(json.dumps({"bench": "bundle_size", "mib": round(total / 2**20, 1), "mb": round(total / 1e6, 1),
                      "files": len(files), "target_mb": 200, "under_target": total < 200e6,
                      "biggest_mib": {k: round(v / 2**20, 1) for k, v in biggest}}), flush=True)


def drop_caches() -> bool:
    """Empty the page cache (as after a reboot); False when not allowed."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def first_paint_ms(exe: Path, args: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("first-paint")), None)
    if line is None:
        raise RuntimeError((out.stderr.strip().splitlines() or ["no first paint"])[-1])
    return (float(line.split()[1]) - t0) * 1000


def starts(name: str, exe: Path, args: list[str], env: dict[str, str], rounds: int, runs: int) -> None:
    """``rounds`` cold launches (page cache dropped before each, when allowed),
    then ``runs`` warm ones; medians, as this machine's noise is about 1.2x."""
    cold: list[float] = []
    dropped = True
    try:
        for _ in range(rounds):
            dropped = drop_caches() and dropped
            cold.append(first_paint_ms(exe, args, env))
        warm = [first_paint_ms(exe, args, env) for _ in range(runs)]
    except RuntimeError as exc:
        print(json.dumps({"bench": name, "error": str(exc)}), flush=True)
        return
    print(json.dumps({"bench": name, "cold_median_ms": round(statistics.median(cold), 1),
                      "cold_max_ms": round(max(cold), 1), "n_cold": len(cold), "page_cache_dropped": dropped,
                      "warm_median_ms": round(statistics.median(warm), 1), "warm_max_ms": round(max(warm), 1),
                      "n_warm": len(warm), "target_ms": 1500,
                      "under_target": statistics.median(cold) <= 1500}), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", help="the one-folder bundle (default: dist/BranchDesk or the test cache)")
    ap.add_argument("--cold", type=int, default=5, help="cold starts (page cache dropped before each)")
    ap.add_argument("--starts", type=int, default=5, help="warm starts after them")
    a = ap.parse_args()
    bundle = find_bundle(a.bundle)
    size(bundle)
    gui = bundle / ("BranchDesk.exe" if os.name == "nt" else "BranchDesk")
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHDESK_")}
        env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), BRANCHDESK_DB=f"{tmp}/branch.sqlite3",
                   BRANCHDESK_CONFIG=f"{tmp}/settings.toml", BRANCHDESK_LOG_DIR=f"{tmp}/logs")
        setup = subprocess.run(
            [str(bundle / "branchdesk-cli"), "setup", "--branch-code", "BR001", "--branch-name", "城中支行",
             "--branch-name-en", "City Branch", "--admin-username", "chief", "--admin-password", "secret123"],
            capture_output=True, text=True, env=env, timeout=120)
        if setup.returncode != 0:
            print(json.dumps({"bench": "setup", "error": setup.stderr.strip()}), flush=True)
            return 1
        env["BRANCHDESK_FIRST_PAINT_EXIT"] = "1"
        starts("start_login", gui, ["run"], env, a.cold, a.starts)
        starts("start_demo_greeter", gui, ["demo", "--db", f"{tmp}/demo.sqlite3"], env, a.cold, a.starts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
