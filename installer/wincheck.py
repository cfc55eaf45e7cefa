"""What installer/check-windows.sh checks in the Wine prefix after each step,
printed line by line: the files under Program Files, a Start-menu shortcut
per role with its arguments (read from the .lnk files), the lobby autostart
entry, the uninstall entry in the registry, the branch data folder.

    python installer/wincheck.py installed --prefix P --version V [--log setup.log]
    python installer/wincheck.py seed      --prefix P
    python installer/wincheck.py upgraded  --prefix P --version V2
    python installer/wincheck.py removed   --prefix P

Exit 1 with "FAIL ..." lines when something is not as it should be.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sqlite3
import struct
import sys
from pathlib import Path

APP_ID = "{6C1B2F4E-8F1D-4C1E-9B1A-B7A0D5E2C901}_is1"
PROGRAMS = r"C:\Program Files\BranchDesk"
# Start-menu shortcut (Chinese, the installer's default language) -> arguments
SHORTCUTS = {
    "取号（大堂引导）": "run --open greeter",
    "柜员窗口": "run --open teller",
    "大厅显示屏": "run --lobby",
    "投诉与建议": "run --open complaints",
    "网点经理": "run --open manager",
    "系统管理": "run --open admin",
    "系统检查": rf'/k "{PROGRAMS}\branchdesk-cli.exe" doctor',
}
MENU = Path("drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs")
DATA = Path("drive_c/ProgramData/BranchDesk")


class Check:
    def __init__(self) -> None:
        self.failed = 0

    def __call__(self, ok: bool, what: str) -> bool:
        print(f"{'OK  ' if ok else 'FAIL'} {what}", flush=True)
        self.failed += not ok
        return ok


# --- .lnk files (MS-SHLLINK) -----------------------------------------------------

def read_lnk(path: Path) -> tuple[str, str]:
    """(target path, arguments) of a Windows shortcut file."""
    data = path.read_bytes()
    if struct.unpack_from("<I", data, 0)[0] != 0x4C:
        raise ValueError(f"{path.name} is not a shortcut file")
    flags = struct.unpack_from("<I", data, 20)[0]
    pos = 76
    if flags & 0x01:  # HasLinkTargetIDList
        pos += 2 + struct.unpack_from("<H", data, pos)[0]
    target = ""
    if flags & 0x02:  # HasLinkInfo: the local path of the target
        size, header = struct.unpack_from("<II", data, pos)
        base_off, suffix_off = struct.unpack_from("<I", data, pos + 16)[0], struct.unpack_from("<I", data, pos + 24)[0]
        if header >= 0x24:
            wide_base, wide_suffix = struct.unpack_from("<II", data, pos + 28)
            target = _wide(data, pos + wide_base) + (_wide(data, pos + wide_suffix) if wide_suffix else "")
        else:
            target = _ansi(data, pos + base_off) + _ansi(data, pos + suffix_off)
        pos += size
    unicode = bool(flags & 0x80)
    strings = {}
    for bit, name in ((0x04, "name"), (0x08, "relative"), (0x10, "workdir"), (0x20, "arguments"), (0x40, "icon")):
        if flags & bit:
            count = struct.unpack_from("<H", data, pos)[0]
            pos += 2
            width = 2 if unicode else 1
            raw = data[pos:pos + count * width]
            text = raw.decode("utf-16-le" if unicode else "mbcs" if sys.platform == "win32" else "latin-1")
            strings[name] = text.rstrip("\0")  # some writers count the terminating NUL
            pos += count * width
    return target or strings.get("relative", ""), strings.get("arguments", "")


def _ansi(data: bytes, at: int) -> str:
    return data[at:data.index(b"\0", at)].decode("latin-1")


def _wide(data: bytes, at: int) -> str:
    end = at
    while data[end:end + 2] != b"\0\0":
        end += 2
    return data[at:end].decode("utf-16-le")


# --- the registry of the Wine prefix (system.reg) ---------------------------------

def _unescape(value: str) -> str:
    r"""A string value as Wine's .reg files write it (\\, \", \xNNNN)."""
    def one(m: re.Match[str]) -> str:
        return chr(int(m.group(1), 16)) if m.group(1) else m.group(2)
    return re.sub(r"\\x([0-9a-fA-F]{1,4})|\\(.)", one, value)


def uninstall_entries(prefix: Path) -> dict[str, dict[str, str]]:
    """Uninstall keys of HKLM (64-bit view) naming BranchDesk: key -> values."""
    text = (prefix / "system.reg").read_text(encoding="utf-8", errors="replace")
    entries: dict[str, dict[str, str]] = {}
    key = None
    for line in text.splitlines():
        m = re.match(r"^\[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\(.+?)\] ", line)
        if m:
            key = m.group(1)
            continue
        if line.startswith("["):
            key = None
        elif key is not None:
            v = re.match(r'^"(.+?)"="(.*)"$', line)
            if v:
                entries.setdefault(key, {})[v.group(1)] = _unescape(v.group(2))
    return {k: v for k, v in entries.items() if "BranchDesk" in v.get("DisplayName", "")}


# --- the checks ----------------------------------------------------------------------

def installed(prefix: Path, version: str, log: Path | None, check: Check) -> None:
    app = prefix / "drive_c" / "Program Files" / "BranchDesk"
    for name in ("BranchDesk.exe", "branchdesk-cli.exe", "_internal", "branchdesk-machine.ini", "unins000.exe"):
        check((app / name).exists(), f"{PROGRAMS}\\{name}")
    marker = (app / "branchdesk-machine.ini").read_text(encoding="utf-8", errors="replace") if (app / "branchdesk-machine.ini").exists() else ""
    check("[machine]" in marker, "the per-machine marker says [machine] (data in %PROGRAMDATA%\\BranchDesk)")
    folder = prefix / MENU / "BranchDesk"
    for name, args in SHORTCUTS.items():
        lnk = folder / f"{name}.lnk"
        if not check(lnk.is_file(), f"Start menu\\BranchDesk\\{name}.lnk"):
            continue
        target, got = read_lnk(lnk)
        exe = "cmd.exe" if name == "系统检查" else "BranchDesk.exe"
        check(target.lower().endswith(exe.lower()) and got == args, f"    -> {target} {got}")
    others = sorted(p.name for p in folder.glob("*.lnk") if p.stem not in SHORTCUTS) if folder.is_dir() else []
    check(not others, f"no other shortcuts in the BranchDesk menu folder{': ' + ', '.join(others) if others else ''}")
    autostart = prefix / MENU / "StartUp" / "大厅显示屏.lnk"
    if check(autostart.is_file(), "Startup\\大厅显示屏.lnk (task lobbyautostart chosen)"):
        target, args = read_lnk(autostart)
        check(target.endswith("BranchDesk.exe") and args == "run --lobby", f"    -> {target} {args}")
    entries = uninstall_entries(prefix)
    entry = entries.get(APP_ID, {})
    check(list(entries) == [APP_ID], f"one uninstall entry: HKLM\\...\\Uninstall\\{APP_ID}")
    for name, want in (("DisplayName", f"BranchDesk {version}"), ("DisplayVersion", version),
                       ("InstallLocation", PROGRAMS + "\\"), ("Inno Setup: Language", "chinesesimplified")):
        check(entry.get(name) == want, f"    {name} = {entry.get(name)!r}")
    check(entry.get("UninstallString", "").endswith('unins000.exe"'), f"    UninstallString = {entry.get('UninstallString')!r}")
    check((prefix / DATA).is_dir() and (prefix / DATA / "logs").is_dir(), r"C:\ProgramData\BranchDesk and its logs folder")
    if log is not None:
        text = log.read_text(encoding="utf-8-sig", errors="replace")
        runs = re.findall(r"Filename: (\S+(?:net|icacls)\.exe)\s*\n.*?Process exit code: (\d+)", text, re.S)
        # Wine's net.exe knows no local groups and its icacls.exe changes no
        # rights: here only that the installer ran them is checked (docs/install.md).
        check(len(runs) >= 3, "the group and the folder's rights: ran " +
              ", ".join(f"{Path(f.replace(chr(92), '/')).name} (exit {c})" for f, c in runs) +
              "; their effect is Windows-only")


def seed(prefix: Path, check: Check) -> None:
    """Branch data as the app would leave it: a database with tickets, a settings file, a log."""
    data = prefix / DATA
    con = sqlite3.connect(data / "branchdesk.sqlite3")
    con.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT)")
    con.executemany("INSERT INTO tickets (number) VALUES (?)", [("A001",), ("A002",), ("B001",)])
    con.commit()
    con.close()
    (data / "settings.toml").write_text('[ui]\nlanguage = "zh_CN"\n', encoding="utf-8")
    (data / "logs" / "branchdesk.log").write_text("started\n", encoding="utf-8")
    check(True, f"branch data written: {data_digest(prefix)}")


def data_digest(prefix: Path) -> str:
    data = prefix / DATA
    files = sorted(p for p in data.rglob("*") if p.is_file())
    h = hashlib.sha256()
    for p in files:
        h.update(str(p.relative_to(data)).encode() + p.read_bytes())
    return f"{len(files)} files, sha256 {h.hexdigest()[:12]}"


def tickets(prefix: Path) -> list[str]:
    con = sqlite3.connect(prefix / DATA / "branchdesk.sqlite3")
    try:
        return [r[0] for r in con.execute("SELECT number FROM tickets ORDER BY id")]
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("installed", "seed", "upgraded", "removed"))
    ap.add_argument("--prefix", required=True, type=Path)
    ap.add_argument("--version")
    ap.add_argument("--log", type=Path)
    ap.add_argument("--digest", help="the branch data's digest before this step")
    a = ap.parse_args(argv)
    check = Check()
    if a.step in ("installed", "upgraded"):
        installed(a.prefix, a.version, a.log, check)
    if a.step == "seed":
        seed(a.prefix, check)
    if a.step == "removed":
        app = a.prefix / "drive_c" / "Program Files" / "BranchDesk"
        left = sorted(p.name for p in app.iterdir()) if app.exists() else []
        check(not left, f"{PROGRAMS} removed{' (left: ' + ', '.join(left) + ')' if left else ''}")
        check(not (a.prefix / MENU / "BranchDesk").exists(), "Start-menu folder BranchDesk removed")
        check(not (a.prefix / MENU / "StartUp" / "大厅显示屏.lnk").exists(), "lobby autostart entry removed")
        check(not uninstall_entries(a.prefix), "uninstall entry removed")
    if a.step in ("upgraded", "removed"):
        digest = data_digest(a.prefix)
        check(digest == a.digest, f"branch data in C:\\ProgramData\\BranchDesk kept: {digest}")
        check(tickets(a.prefix) == ["A001", "A002", "B001"], f"    its database still holds {tickets(a.prefix)}")
    if a.step == "seed":
        print(f"DIGEST {data_digest(a.prefix)}")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
