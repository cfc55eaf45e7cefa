"""A per-machine install at process start: the group-only file mode, the
folders, and the one-time move of an older per-user database into the
machine's data folder. The folders themselves are decided in app/paths.py.

Before per-machine installs, branch data lived in the installing account's
folders (``%LOCALAPPDATA%\\BranchDesk``, ``~/.local/share/BranchDesk``). The
first start of an installed copy by that account finds that database and
moves it, with its backups and settings file, into the machine's folders,
and says so in the log. Another account's older copy is left alone once the
machine has a database (``branchdesk doctor`` names it).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from pathlib import Path

from app.errors import DomainError
from app.paths import DB_FILE, Folders, folders, user_folders

log = logging.getLogger("branchdesk.ops")
SETTINGS_FILE = "settings.toml"


class DataFolderUnusable(DomainError):
    """This account may not write the machine's data folder."""

    code = "data_folder"


def start(f: Folders | None = None) -> Folders:
    """Call once at process start, before any file is written. On a
    per-machine install new files get no rights for other accounts (umask
    007: the database, its journal, backups and logs stay group-only), and
    the folders are made where this account may make them."""
    f = f or folders()
    if not f.per_machine:
        return f
    if os.name == "posix":
        os.umask(0o007)
    for folder in (f.data, f.logs, f.config):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # said by require_writable() or the doctor, in a sentence
    return f


def adopt(f: Folders) -> list[str]:
    """``adopt_user_data`` at start: a failure is logged, never raised (the
    move is tried again at the next start)."""
    if not f.per_machine or not writable(f.data):
        return []
    try:
        return adopt_user_data(f)
    except OSError as exc:
        log.warning("the per-user database could not be moved into %s: %s", f.data, exc)
        return []


def create_database_file(f: Folders) -> bool:
    """Make the machine's empty database file with group rights (0660) before
    SQLite does: SQLite creates files 0644, less the umask, so the group could
    only read it. Its journal files copy these rights. True when made now."""
    if not f.per_machine or f.database.exists() or not writable(f.data):
        return False
    try:
        fd = os.open(f.database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o660)
    except FileExistsError:  # another process of this PC was quicker
        return False
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o660)  # whatever the umask
    finally:
        os.close(fd)
    return True


def writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def require_writable(f: Folders | None = None) -> None:
    """Raise one sentence when this account cannot use the machine's data folder."""
    f = f or folders()
    if f.per_machine and not writable(f.data):
        raise DataFolderUnusable(unusable_sentence(f))


def unusable_sentence(f: Folders) -> str:
    if os.name == "nt":
        how = f"net localgroup {f.group} %USERNAME% /add"
    else:
        how = f"sudo adduser $USER {f.group}"
    return (f"This account cannot write the branch data folder {f.data}; ask IT to add it to the "
            f"group {f.group} ({how}), then log in again.")


def adopt_user_data(f: Folders, user: Folders | None = None) -> list[str]:
    """Move this account's per-user database (with its backups and settings
    file) into the machine's folders, once: only while the machine has no
    database yet. Returns what was moved, one sentence each (also logged)."""
    user = user or user_folders()
    src, dst = user.data / DB_FILE, f.database
    if not src.is_file() or dst.exists() or src.resolve() == dst.resolve():
        return []
    if not _checkpoint(src):
        log.warning("the per-user database %s is in use; it is moved to %s at a later start", src, dst)
        return []
    f.data.mkdir(parents=True, exist_ok=True)
    moved = [_move_file(src, dst, "database")]
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; never leave them behind
        Path(f"{src}{suffix}").unlink(missing_ok=True)
    backups = user.data / "backups"
    if backups.is_dir() and not (f.data / "backups").exists():
        shutil.move(str(backups), str(f.data / "backups"))
        moved.append(f"backups {backups} -> {f.data / 'backups'}")
    settings = user.config / SETTINGS_FILE
    if settings.is_file() and not (f.config / SETTINGS_FILE).exists():
        moved.append(_move_file(settings, f.config / SETTINGS_FILE, "settings file", mode=0o640))
    for line in moved:
        log.warning("moved this account's %s into the machine's folders (once)", line)
    return moved


def leftover_user_database(f: Folders | None = None) -> Path | None:
    """An older per-user database that was not moved (the machine has its own)."""
    f = f or folders()
    if not f.per_machine:
        return None
    src = user_folders().data / DB_FILE
    return src if src.is_file() and src.resolve() != f.database.resolve() else None


def _checkpoint(path: Path) -> bool:
    """Fold the WAL into the file so the file alone is the database; False
    when another process holds it (the app still running under this account)."""
    try:
        con = sqlite3.connect(path, timeout=2)
        try:
            busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                return False
            con.execute("PRAGMA journal_mode=DELETE")  # removes -wal and -shm on close
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return True


def _move_file(src: Path, dst: Path, what: str, mode: int = 0o660) -> str:
    """Copy beside the target, flush, rename into place, then delete the source."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".moving")
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(tmp, mode)
    os.replace(tmp, dst)
    src.unlink()
    return f"{what} {src} -> {dst}"
