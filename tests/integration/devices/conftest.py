from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from app.queue import init_catalogue, open_window
from app.staff.roles import SYSTEM
from app.store import open_database


class SocatPair:
    """``socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B``; kill() pulls the cable."""

    def __init__(self, folder: Path) -> None:
        self.a = str(folder / "ttyA")
        self.b = str(folder / "ttyB")
        self.proc: subprocess.Popen | None = None

    def start(self) -> SocatPair:
        for p in (self.a, self.b):
            Path(p).unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            ["socat", f"pty,raw,echo=0,link={self.a}", f"pty,raw,echo=0,link={self.b}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 5
        while not (Path(self.a).exists() and Path(self.b).exists()):
            if time.monotonic() > deadline:
                raise RuntimeError("socat did not create the pty pair")
            time.sleep(0.01)
        return self

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


@pytest.fixture
def socat(tmp_path):
    if shutil.which("socat") is None:
        pytest.skip("socat is not installed")
    pairs: list[SocatPair] = []

    def make(name: str = "pair") -> SocatPair:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        pair = SocatPair(folder).start()
        pairs.append(pair)
        return pair

    yield make
    for p in pairs:
        p.kill()


@pytest.fixture
def branch_db(sqlite_url, at):
    """A branch database with the default catalogue and windows 1-3 open."""
    db = open_database(sqlite_url)
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    for w in (1, 2, 3):
        open_window(db, window=w, actor=SYSTEM, now=at(8, 30))
    yield db
    db.dispose()
