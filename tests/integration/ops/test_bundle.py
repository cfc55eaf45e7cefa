"""The frozen bundle (PyInstaller one-folder) starts, reports its version and
passes the offscreen self-check: fresh database, ticket issued and called,
ticket printed through the simulated printer, daily report written. It
carries every library it loads and leaves out what the app never loads.

The build is cached (tests/support/bundle.py).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from app import __version__
from tests.support.bundle import ROOT, bundle  # noqa: F401 (fixture)
from tests.support.bundle import exe as _exe

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


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


# Libraries Qt plugins may load that a desktop provides when it needs them: the
# Wayland client libraries (Wayland sessions only) and speech-dispatcher's
# (the speechd voice, optional). The .deb recommends them.
OPTIONAL_SYSTEM_LIBS = re.compile(r"^lib(wayland-(client|cursor|egl)|speechd)\.so")


@pytest.mark.skipif(os.name == "nt", reason="ldd")
def test_bundle_finds_every_library_it_needs_here(bundle):
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing = set()
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line and not OPTIONAL_SYSTEM_LIBS.match(line.strip()):
                missing.add(f"{path.relative_to(internal)}: {line.strip()}")
    assert not missing, "\n".join(sorted(missing))


def test_bundle_leaves_out_what_the_app_never_loads(bundle, tmp_path):
    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")}
    never = re.compile(r"Qt6(Qml|Quick|VirtualKeyboard)|ffmpegmediaplugin|libavcodec|libqgtk3|libqvnc|libqlinuxfb")
    assert not [n for n in names if never.search(n)]
    qt_translations = {Path(n).name for n in names if "/Qt/translations/" in n}
    assert qt_translations and all(n.endswith(("_zh_CN.qm", "_en.qm")) for n in qt_translations)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 200e6, f"the bundle is {size / 1e6:.0f} MB"
    # the lobby's sound (QAudioSink) needs Qt Multimedia itself, not its FFmpeg backend
    proc = _run(bundle, tmp_path, "--sound-probe")
    assert proc.returncode == 0 and proc.stdout.startswith("devices="), proc.stdout + proc.stderr
