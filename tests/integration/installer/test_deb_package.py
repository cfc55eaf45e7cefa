"""The .deb, as IT uses it on a Debian-based branch PC: built from the
bundle by installer/build-deb.sh, installed with apt-get, used by root and by
a staff account, upgraded, removed and purged, with what is on disk checked
at every step. Real dpkg, apt-get, debconf and accounts: root only (CI).
"""

from __future__ import annotations

import grp
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[3]
NEWER = f"{__version__}+test1"
ACCOUNT = "bdtest"
LIB, ETC = Path("/var/lib/branchdesk"), Path("/etc/branchdesk")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def sh(*args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc


def build_deb(bundle: Path, out: Path, version: str) -> Path:
    env = dict(os.environ, BUNDLE=str(bundle), OUT=str(out), VERSION=version, DEB_COMPRESS="fast")
    proc = sh("bash", str(ROOT / "installer" / "build-deb.sh"), env=env)
    print(proc.stdout.strip())  # the test's log says what was built
    return out / f"branchdesk_{version}_amd64.deb"


@pytest.fixture(scope="module")
def debs(bundle, tmp_path_factory) -> dict[str, Path]:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed")
    out = tmp_path_factory.mktemp("debs")
    return {"first": build_deb(bundle, out, __version__), "newer": build_deb(bundle, out, NEWER)}


def test_the_package_names_its_files_and_what_it_depends_on(debs):
    deb = debs["first"]
    fields = sh("dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture").stdout
    assert fields.splitlines() == ["Package: branchdesk", f"Version: {__version__}", "Architecture: amd64"]
    depends = sh("dpkg-deb", "-f", str(deb), "Depends").stdout
    for needed in ("libxcb-cursor0", "libegl1", "libfontconfig1", "libpulse0", "fonts-wqy-microhei"):
        assert needed in depends
    files = sh("dpkg-deb", "-c", str(deb)).stdout
    for path in ("./opt/branchdesk/branchdesk-cli", "./opt/branchdesk/branchdesk-machine.ini",
                 "./usr/bin/branchdesk -> ../../opt/branchdesk/branchdesk-cli",
                 "./usr/share/icons/hicolor/scalable/apps/branchdesk.svg"):
        assert path in files
    roles = sorted(re.findall(r"applications/branchdesk-(\w+)\.desktop", files))
    assert roles == ["admin", "complaints", "greeter", "lobby", "manager", "teller"]


@pytest.mark.skipif(os.name != "posix" or shutil.which("ldd") is None or shutil.which("dpkg") is None,
                    reason="ldd and dpkg")
def test_depends_brings_every_library_the_program_needs(debs, bundle):
    """A clean Debian 12 gets, through Depends, each library the bundle
    leaves to the system: every one it resolves here belongs to a package in
    Depends, to one they bring, or to a 'required' package every system has
    (Recommends: the Wayland and speech-dispatcher libraries of optional plugins)."""
    wanted = []
    for field in ("Depends", "Recommends"):
        value = sh("dpkg-deb", "-f", str(debs["first"]), field).stdout  # the value alone
        wanted += [alt.split("|")[0].split("(")[0].strip() for alt in value.split(",")]
    tree = sh("apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
              "--no-breaks", "--no-replaces", "--no-enhances", *wanted).stdout
    brought = {line.strip().split(":")[0] for line in tree.splitlines() if line and not line.startswith(" ")}
    required = {line.split()[0] for line in sh("dpkg-query", "-W", "-f", "${Package} ${Priority}\n").stdout.splitlines()
                if line.endswith(" required")}
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    system_libs: set[str] = set()
    for path in [*internal.rglob("*.so*"), bundle / "branchdesk-cli"]:
        if path.is_file() and not path.is_symlink():
            out = sh("ldd", str(path), env=env, check=False).stdout
            system_libs |= {m for m in re.findall(r"=> (/\S+)", out) if not m.startswith(str(bundle))}
    unowned = {}
    for lib in sorted(system_libs):
        owner = _owner(lib)
        if owner not in brought | required:
            unowned[lib] = owner
    assert not unowned, f"libraries from packages Depends does not bring: {unowned}"


def _owner(lib: str) -> str:
    """The package owning a library file (trying /lib and /usr/lib: merged /usr)."""
    real = os.path.realpath(lib)
    candidates = {lib, real}
    for p in list(candidates):
        if p.startswith("/usr/lib/"):
            candidates.add(p[len("/usr"):])
        elif p.startswith("/lib/"):
            candidates.add("/usr" + p)
    for p in candidates:
        proc = sh("dpkg", "-S", p, check=False)
        if proc.returncode == 0:
            return proc.stdout.split(":")[0]
    return "?"


# --- install, use, upgrade, remove, purge ---------------------------------------

def _installable() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "installing packages needs root (CI runs as root)"
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    if sh("dpkg-query", "-W", "branchdesk", check=False).returncode == 0 or LIB.exists() or ETC.exists():
        return "BranchDesk is installed on this machine (or its data is here): not touched by tests"
    return None


@pytest.fixture
def machine(tmp_path):
    """Root's and a staff account's environments; everything undone afterwards."""
    why = _installable()
    if why:
        pytest.skip(why)
    home = tmp_path / "home"
    home.mkdir()
    base = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    staff_home = Path(tempfile.mkdtemp(prefix="branchdesk-staff-"))  # outside pytest's root-only folder
    sh("useradd", "--system", "--no-create-home", "--home-dir", str(staff_home), ACCOUNT)
    shutil.chown(staff_home, ACCOUNT)
    try:
        yield {"root": {**base, "HOME": str(home)}, "staff": {**base, "HOME": str(staff_home)}}
    finally:
        apt = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        sh("dpkg", "--purge", "branchdesk", env=apt, check=False)
        sh("userdel", ACCOUNT, check=False)
        sh("groupdel", "branchdesk", check=False)
        shutil.rmtree(LIB, ignore_errors=True)
        shutil.rmtree(ETC, ignore_errors=True)
        shutil.rmtree(staff_home, ignore_errors=True)
        subprocess.run(["debconf-communicate", "branchdesk"], input="PURGE\n", text=True, capture_output=True)


def apt_get(*args: str) -> subprocess.CompletedProcess[str]:
    return sh("apt-get", "-y", "-q", *args, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def branchdesk(env: dict[str, str], *args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = ["/usr/bin/branchdesk", *args]
    if user:
        cmd = ["runuser", "-u", user, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)


def mode_owner(path: Path) -> tuple[str, str]:
    st = path.stat()
    return oct(stat.S_IMODE(st.st_mode)), grp.getgrgid(st.st_gid).gr_name


def tickets() -> list[str]:
    con = sqlite3.connect(f"file:{LIB / 'branchdesk.sqlite3'}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT number FROM tickets ORDER BY id")]
    finally:
        con.close()


def test_install_use_upgrade_remove_and_purge(debs, machine):
    root, staff = machine["root"], machine["staff"]

    # install: program, menu entries, the group and the machine's folders
    apt_get("install", str(debs["first"]))
    assert os.path.realpath("/usr/bin/branchdesk") == "/opt/branchdesk/branchdesk-cli"
    greeter = Path("/usr/share/applications/branchdesk-greeter.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/branchdesk/BranchDesk run --open greeter" in greeter and "Name[zh_CN]=取号（大堂引导）" in greeter
    assert Path("/usr/share/icons/hicolor/256x256/apps/branchdesk.png").is_file()
    assert not Path("/etc/xdg/autostart/branchdesk-lobby.desktop").exists()  # not chosen
    assert mode_owner(LIB) == mode_owner(ETC) == ("0o2770", "branchdesk")
    print("installed:", sh("dpkg-query", "-W", "branchdesk").stdout.strip())

    r = branchdesk(root, "--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"BranchDesk {__version__}")
    r = branchdesk(root, "selfcheck")
    assert r.returncode == 0 and all(line.startswith("OK") for line in r.stdout.splitlines()), r.stdout + r.stderr
    r = branchdesk(root, "setup", "--branch-code", "BR007", "--branch-name", "城南支行", "--branch-name-en",
                   "South Branch", "--admin-username", "chief", "--admin-password", "secret123")
    assert r.returncode == 0, r.stderr
    assert branchdesk(root, "ticket", "issue", "--service", "A", "--after-hours").returncode == 0
    assert tickets() == ["A001"]
    assert mode_owner(LIB / "branchdesk.sqlite3") == ("0o660", "branchdesk")
    assert mode_owner(ETC / "settings.toml") == ("0o640", "branchdesk")
    assert mode_owner(LIB / "logs" / "branchdesk.log")[1] == "branchdesk"
    r = branchdesk(root, "printer", "status")  # a real install: no pretend printer
    assert r.returncode == 1 and "not set up" in r.stdout
    doctor = branchdesk(root, "doctor", "--no-sound").stdout
    print(doctor)
    assert ("OK   data folder: Branch data is kept per machine in /var/lib/branchdesk (settings in "
            "/etc/branchdesk), for group branchdesk.") in doctor
    assert "OK   database" in doctor and "WARN printer: The ticket printer is not set up" in doctor
    assert not Path(root["HOME"], ".local", "share", "BranchDesk").exists()  # nothing per user

    # a staff account: refused in one sentence until IT adds it to the group
    r = branchdesk(staff, "ticket", "issue", "--service", "A", "--after-hours", user=ACCOUNT)
    assert r.returncode == 1
    assert r.stderr.strip() == ("branchdesk: This account cannot write the branch data folder /var/lib/branchdesk; "
                                "ask IT to add it to the group branchdesk (sudo adduser $USER branchdesk), "
                                "then log in again.")
    sh("adduser", "--quiet", ACCOUNT, "branchdesk")
    r = branchdesk(staff, "ticket", "issue", "--service", "A", "--after-hours", user=ACCOUNT)
    assert r.returncode == 0, r.stderr
    assert tickets() == ["A001", "A002"]  # the same branch as root's: one per machine

    # upgrade to a newer package, choosing the lobby autostart this time
    subprocess.run(["debconf-set-selections"], input="branchdesk branchdesk/lobby-autostart boolean true\n",
                   text=True, check=True)
    settings_before = (ETC / "settings.toml").read_bytes()
    apt_get("install", str(debs["newer"]))
    assert sh("dpkg-query", "-W", "-f", "${Version}", "branchdesk").stdout == NEWER
    assert tickets() == ["A001", "A002"] and (ETC / "settings.toml").read_bytes() == settings_before
    autostart = Path("/etc/xdg/autostart/branchdesk-lobby.desktop")
    assert "Exec=/opt/branchdesk/BranchDesk run --lobby" in autostart.read_text(encoding="utf-8")
    r = branchdesk(staff, "queue", "status", user=ACCOUNT)
    assert r.returncode == 0, r.stderr

    # remove: the program and its entries go, the branch data and settings stay
    apt_get("remove", "branchdesk")
    for gone in ("/opt/branchdesk", "/usr/bin/branchdesk", "/usr/share/applications/branchdesk-greeter.desktop",
                 str(autostart)):
        assert not os.path.lexists(gone), gone
    assert tickets() == ["A001", "A002"] and (ETC / "settings.toml").is_file()

    # purge: the configuration goes, never the branch database
    apt_get("purge", "branchdesk")
    assert not ETC.exists()
    assert tickets() == ["A001", "A002"] and (LIB / "logs").is_dir()
    assert sh("dpkg-query", "-W", "branchdesk", check=False).returncode != 0
