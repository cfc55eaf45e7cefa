"""The Windows installer's payload: the folder installer/branchdesk.iss packs.

The contract between the PyInstaller spec and the Inno Setup script is the
file names below. The Windows build (installer/build.ps1) runs ``check`` on
the bundle it made before compiling the installer; installer/check-windows.sh
runs ``standin`` to make a folder with the same names, whose programs are a
tiny real Windows program (installer/standin.c), when no Windows bundle
exists (a Windows CPython cannot be installed on the Linux CI machines).

    python installer/payload.py check dist\\BranchDesk
    python installer/payload.py standin build/wincheck/payload --version 0.1.0
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What branchdesk.iss names: the screens' launcher (no console window), the
# command-line one (doctor, backup, setup), and PyInstaller's library folder.
PROGRAMS = ("BranchDesk.exe", "branchdesk-cli.exe")
LIBRARY = "_internal"
# A few files every real bundle has in its library folder.
LIBRARY_FILES = ("base_library.zip",)
CC = "x86_64-w64-mingw32-gcc"


def problems(folder: Path) -> list[str]:
    """What is missing from a payload folder (empty: it is complete)."""
    missing = [name for name in PROGRAMS if not (folder / name).is_file()]
    if not (folder / LIBRARY).is_dir():
        missing.append(LIBRARY + "\\")
    else:
        missing += [f"{LIBRARY}\\{name}" for name in LIBRARY_FILES if not (folder / LIBRARY / name).exists()]
    return missing


def check(folder: Path) -> int:
    missing = problems(folder)
    if missing:
        print(f"payload.py: {folder} is not a complete bundle: missing {', '.join(missing)}.", file=sys.stderr)
        return 1
    print(f"payload.py: {folder} has {', '.join(PROGRAMS)} and {LIBRARY}\\.")
    return 0


def standin(folder: Path, version: str) -> int:
    """A folder with the payload's names: both programs are the stand-in."""
    if shutil.which(CC) is None:
        print(f"payload.py: {CC} is missing (Debian package gcc-mingw-w64-x86-64-win32).", file=sys.stderr)
        return 1
    if folder.exists():
        shutil.rmtree(folder)
    (folder / LIBRARY).mkdir(parents=True)
    program = folder / PROGRAMS[0]
    subprocess.run([CC, "-O2", "-s", f'-DVERSION="{version}"', "-o", str(program), str(HERE / "standin.c")],
                   check=True)
    for name in PROGRAMS[1:]:
        shutil.copyfile(program, folder / name)
    for name in LIBRARY_FILES:
        (folder / LIBRARY / name).write_bytes(b"stand-in: the real bundle's Python library is here\n")
    (folder / LIBRARY / "README-standin.txt").write_text(
        f"A stand-in for the BranchDesk {version} bundle (installer/payload.py), made on Linux to check the\n"
        "installer under Wine. Install the real one, built on Windows with installer\\build.ps1.\n",
        encoding="utf-8")
    return check(folder)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="The Windows installer's payload folder.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check", help="check a bundle has the names the installer packs").add_argument("folder")
    s = sub.add_parser("standin", help="make a stand-in payload with those names")
    s.add_argument("folder")
    s.add_argument("--version", required=True)
    a = ap.parse_args(argv)
    if a.cmd == "check":
        return check(Path(a.folder))
    return standin(Path(a.folder), a.version)


if __name__ == "__main__":
    sys.exit(main())
