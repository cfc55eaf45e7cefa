"""python-escpos's printer profiles come from one cache, written whole
(app/devices/escpos_cache.py): no 0.3 s YAML parse at every start."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from app.devices import escpos_cache

ROOT = Path(__file__).resolve().parents[3]


def test_the_cache_holds_the_profiles_python_escpos_ships(tmp_path, monkeypatch):
    monkeypatch.delenv(escpos_cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = escpos_cache.prepare()
    assert folder == tmp_path / "BranchDesk" / "escpos" and os.environ[escpos_cache.ENV] == str(folder)
    (cached,) = folder.glob("*.capabilities.pickle")
    source = Path(list(importlib.util.find_spec("escpos").submodule_search_locations)[0]) / "capabilities.json"
    assert pickle.loads(cached.read_bytes()) == json.loads(source.read_text(encoding="utf-8"))
    assert not list(folder.glob(".*"))  # no temporary file left behind
    assert escpos_cache.prepare() is None  # set once per process


def test_python_escpos_reads_the_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != escpos_cache.ENV}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    code = ("import app.devices, os; from escpos.capabilities import CAPABILITIES, pickle_path, full_load; "
            "print(full_load, pickle_path, len(CAPABILITIES['profiles']) > 10)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60).stdout.split()
    assert out[0] == "False"  # loaded from the pickle, not parsed again
    assert out[1].startswith(str(tmp_path / "BranchDesk" / "escpos")) and out[2] == "True"
