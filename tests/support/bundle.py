"""The frozen bundle (PyInstaller one-folder), built once per source state.

The build takes about a minute on a 2-core machine; it is cached under
build/bundle-test/<hash of the sources> so later runs (and the installer
tests, which package it) reuse it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bundle-test"
SOURCES = ("app", "installer", "resources")


def source_hash() -> str:
    h = hashlib.sha256()
    h.update((ROOT / "pyproject.toml").read_bytes())
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def exe(bundle: Path) -> Path:
    for name in ("branchdesk-cli", "branchdesk-cli.exe"):
        if (bundle / name).is_file():
            return bundle / name
    raise AssertionError(f"no branchdesk-cli executable in {bundle}")


@pytest.fixture(scope="session")
def bundle() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing: pip install -e '.[build]'")
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    target = CACHE / source_hash()
    built = target / "dist" / "BranchDesk"
    if not (built / "_internal").is_dir():
        if CACHE.exists():
            shutil.rmtree(CACHE)  # one cached build at a time
        proc = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(target / "dist"), "--workpath", str(target / "work"),
             str(ROOT / "installer" / "branchdesk.spec")],
            cwd=ROOT, capture_output=True, text=True,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        shutil.rmtree(target / "work", ignore_errors=True)
    return built
