"""How the command line starts and ends for a person at a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _branchdesk(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def test_the_app_without_a_screen_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["BRANCHDESK_CONFIG"] = str(tmp_path / "settings.toml")
    db = tmp_path / "b.sqlite3"
    for args in (["--db", str(db)], ["demo"]):
        r = _branchdesk(*args, env=env)
        assert r.returncode == 1
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "no screen to show BranchDesk on" in lines[0], r.stderr
        assert "Traceback" not in r.stderr


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    db = tmp_path / "b.sqlite3"
    assert _branchdesk("init", "--db", str(db)).returncode == 0
    # `branchdesk batch < ops | head -1`: megabytes of output, the reader goes
    # away after one line, so the writer really meets a closed pipe.
    proc = subprocess.Popen([sys.executable, "-m", "app", "batch", "--db", str(db)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write('{"op": "queue status"}\n' * 3000)
    proc.stdin.close()
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert '"waiting_total": 0' in first
    assert "Traceback" not in err and "unexpected error" not in err
