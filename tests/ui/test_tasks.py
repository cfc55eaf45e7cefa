"""Background jobs: results and errors come back on the GUI thread, and what a
job held is never freed on a worker thread (a screen freed there crashed the
process through shiboken's deferred deletion)."""

from __future__ import annotations

import gc
import threading

from app.ui import tasks


class _Cyclic:
    """Part of a reference cycle; notes the thread that finally frees it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cyclic.freed_on.append(threading.current_thread().name)


def test_a_result_and_an_error_come_back_on_the_gui_thread(qtbot, qapp):
    got: list[tuple[str, object]] = []
    tasks.run(lambda: threading.current_thread().name, lambda v: got.append(("done", v)))
    tasks.run(lambda: 1 / 0, None, lambda e: got.append(("error", type(e).__name__)))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5_000)
    assert ("error", "ZeroDivisionError") in got
    done = [value for kind, value in got if kind == "done"]
    assert done and done[0] != threading.main_thread().name  # it ran on a worker


def test_garbage_in_cycles_is_freed_on_the_gui_thread_not_on_a_worker(qtbot, qapp):
    tasks.run(lambda: None)  # the pool exists: automatic collection is off from now on
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5_000)
    assert not gc.isenabled()
    _Cyclic.freed_on.clear()
    for _ in range(50):
        _Cyclic()  # unreachable at once, but only a collection frees a cycle

    def allocate() -> int:  # enough new containers to have set off automatic collections
        junk = [[i] for i in range(200_000)]
        return len(junk)

    for _ in range(4):
        tasks.run(allocate)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    kept = [[] for _ in range(2_000)]  # the GUI thread too allocates past the first threshold
    qtbot.waitUntil(lambda: len(_Cyclic.freed_on) == 50, timeout=5_000)  # the GUI thread's timer
    assert len(kept) == 2_000
    assert set(_Cyclic.freed_on) == {threading.main_thread().name}


_FLOOD = r"""
import shiboken6
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget
from app.ui import tasks

app = QApplication([])
ROUNDS = 150
delivered = {"owned": 0, "free": 0}
expected = 0


def count(kind):
    return lambda _v: delivered.__setitem__(kind, delivered[kind] + 1)


for _ in range(ROUNDS):
    widgets = [QWidget() for _ in range(200)]
    for i, w in enumerate(widgets):
        tasks.run(lambda: sum(range(50)), count("owned" if i % 2 else "free"), owner=w if i % 2 else None)
    for i, w in enumerate(widgets):
        if i % 4 == 1:
            shiboken6.delete(w)  # closed while its job runs: its callback is dropped
    expected += sum(1 for i in range(200) if i % 2 == 1 and i % 4 != 1)
    del widgets, w
    while tasks.busy():  # as tasks.wait() and the tools pump events
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
print(delivered["free"], delivered["owned"], expected)
"""


def test_a_flood_of_jobs_whose_owners_close_meanwhile_never_crashes_the_process(tmp_path):
    """30,000 short jobs in a process of their own, a quarter of their owners
    deleted while the jobs run: every callback of a living owner arrives once,
    none of a deleted one, and the process ends normally (a crash of the Qt side
    fails this test, not the whole run)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-c", _FLOOD], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    free, owned, expected = map(int, r.stdout.split())
    assert free == 150 * 100
    assert owned == expected == 150 * 50
