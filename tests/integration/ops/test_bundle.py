"""The frozen bundle (PyInstaller one-folder) starts, reports its version and
passes the offscreen self-check: fresh database, ticket issued and called,
ticket printed through the simulated printer, daily report written.

The build takes about a minute on a 2-core machine; it is cached under
build/bundle-test/<hash of the sources> so a second run reuses it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / "build" / "bundle-test"
SOURCES = ("app", "installer", "resources")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _source_hash() -> str:
    h = hashlib.sha256()
    h.update((ROOT / "pyproject.toml").read_bytes())
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _exe(bundle: Path) -> Path:
    for name in ("branchdesk-cli", "branchdesk-cli.exe"):
        if (bundle / name).is_file():
            return bundle / name
    raise AssertionError(f"no branchdesk-cli executable in {bundle}")


@pytest.fixture(scope="module")
def bundle() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing: pip install -e '.[build]'")
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    target = CACHE / _source_hash()
    bundle = target / "dist" / "BranchDesk"
    if not (bundle / "_internal").is_dir():
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
    return bundle


def _run(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHDESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", BRANCHDESK_CONFIG=str(tmp_path / "settings.toml"),
               BRANCHDESK_LOG_DIR=str(tmp_path / "logs"), BRANCHDESK_DB=str(tmp_path / "branch.sqlite3"))
    return subprocess.run([str(_exe(bundle)), *args], capture_output=True, text=True, env=env, timeout=300)


def test_bundle_reports_its_version(bundle, tmp_path):
    proc = _run(bundle, tmp_path, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"BranchDesk {__version__}"


def test_bundle_passes_the_offscreen_selfcheck(bundle, tmp_path):
    folder = tmp_path / "selfcheck"
    proc = _run(bundle, tmp_path, "selfcheck", "--folder", str(folder), "--at", "2026-11-23T09:30:00")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    # every part is in the bundle: nothing skipped, nothing failed
    assert lines and all(line.startswith("OK") for line in lines), proc.stdout
    assert (folder / "ticket-A001.png").stat().st_size > 1000
    pdf = folder / "daily-20261123.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bundle_carries_every_migration(bundle, tmp_path):
    # Alembic reads migrations from files: each one must be in the bundle, or
    # an installed branch could not upgrade.
    for folder in ("app/store/migrations/versions", "app/sync/hq_migrations"):
        shipped = {p.name for p in (bundle / "_internal" / folder).rglob("*.py")}
        source = {p.name for p in (ROOT / folder).rglob("*.py")}
        assert source and source <= shipped, folder
    proc = _run(bundle, tmp_path, "init")
    assert proc.returncode == 0, proc.stderr
    assert "catalogue created" in proc.stdout
