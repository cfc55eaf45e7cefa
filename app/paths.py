"""Where BranchDesk keeps its files: per machine for an installed copy, per
user for a single-user run (the demo, a developer's checkout).

An installed copy is a *per-machine install*: its installer (the Windows
setup, the .deb) puts ``branchdesk-machine.ini`` beside the executable. Then
the branch database, its backups, the settings file and the logs live in the
machine's folders, shared by every account in the local BranchDesk group:

==========  ===============================  ==========================
            Windows                          Linux package
==========  ===============================  ==========================
data        %PROGRAMDATA%\\BranchDesk         /var/lib/branchdesk
settings    %PROGRAMDATA%\\BranchDesk         /etc/branchdesk
logs        %PROGRAMDATA%\\BranchDesk\\logs    /var/lib/branchdesk/logs
group       BranchDesk                       branchdesk
==========  ===============================  ==========================

The marker may name other folders (keys ``data``, ``config``, ``logs``,
``group`` in its ``[machine]`` section). ``$BRANCHDESK_MACHINE_FILE`` names a
marker for a run from source (tests, an unusual install). Without a marker
the per-user folders of platformdirs are used, as before.

No Qt, and nothing from the app but its error base: every layer may ask here.
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from app.errors import DomainError

APP_NAME = "BranchDesk"
MARKER = "branchdesk-machine.ini"
DB_FILE = "branchdesk.sqlite3"


class MachineFolderError(DomainError):
    """The marker file cannot be read or names a folder that is not absolute."""

    code = "machine_folder"


@dataclass(frozen=True)
class Folders:
    """The folders in force for this process."""

    per_machine: bool
    data: Path  # database, backups/, printed/ (simulated tickets), reports/
    config: Path  # settings.toml
    logs: Path
    group: str = ""  # the local group that may use them (per machine only)
    marker: Path | None = None  # the file that made this a per-machine install

    @property
    def database(self) -> Path:
        return self.data / DB_FILE

    def describe(self) -> str:
        if not self.per_machine:
            return f"this account's folders ({self.data})"
        where = str(self.data) if self.config == self.data else f"{self.data} and {self.config}"
        return f"the machine's folders {where}, group {self.group}"


def marker_file() -> Path | None:
    """The marker that makes this a per-machine install, or None."""
    env = os.environ.get("BRANCHDESK_MACHINE_FILE")
    if env:
        return Path(env).expanduser()
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: beside its executable
        candidate = Path(sys.executable).resolve().parent / MARKER
        if candidate.is_file():
            return candidate
    return None


def user_folders() -> Folders:
    """The per-user folders (platformdirs), as a single-user run uses them."""
    from platformdirs import user_config_dir, user_data_dir, user_log_dir

    return Folders(False, Path(user_data_dir(APP_NAME, APP_NAME)), Path(user_config_dir(APP_NAME, APP_NAME)),
                   Path(user_log_dir(APP_NAME, APP_NAME)))


def machine_defaults(windows: bool | None = None) -> dict[str, str]:
    """The per-machine folders when the marker names none."""
    if windows if windows is not None else os.name == "nt":
        base = PureWindowsPath(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / APP_NAME
        return {"data": str(base), "config": str(base), "logs": str(base / "logs"), "group": APP_NAME}
    return {"data": "/var/lib/branchdesk", "config": "/etc/branchdesk", "logs": "/var/lib/branchdesk/logs",
            "group": "branchdesk"}


def read_marker(path: Path) -> Folders:
    """The per-machine folders a marker file names (defaults for missing keys)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8-sig") as fh:
            parser.read_file(fh)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise MachineFolderError(f"The install marker {path} cannot be read ({exc}).") from None
    values = machine_defaults()
    if parser.has_section("machine"):
        for key in values:
            value = parser.get("machine", key, fallback="").strip()
            if value:
                values[key] = value
    for key in ("data", "config", "logs"):
        if not _absolute(values[key]):
            raise MachineFolderError(f"The install marker {path}: '{key}' must be a full path, not {values[key]!r}.")
    return Folders(True, Path(values["data"]), Path(values["config"]), Path(values["logs"]), values["group"], path)


def _absolute(value: str) -> bool:
    # C:\ProgramData is absolute on Windows only: accept either form, so a
    # marker can be checked on any system.
    return Path(value).is_absolute() or PureWindowsPath(value).is_absolute()


def folders() -> Folders:
    """The folders in force: the marker's (per machine) when there is one,
    else this account's. Read on every call (a stat and a tiny file)."""
    marker = marker_file()
    if marker is None:
        return user_folders()
    if not marker.is_file():
        raise MachineFolderError(f"The install marker {marker} named by BRANCHDESK_MACHINE_FILE does not exist.")
    return read_marker(marker)
