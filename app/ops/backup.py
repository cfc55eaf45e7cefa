"""Backup and restore of the embedded SQLite database.

Backups use SQLite's online backup API (``sqlite3.Connection.backup``): a
consistent copy taken while tellers keep calling, never a file copy of a live
WAL database. Restore checks the file first (an SQLite file, BranchDesk's
tables, revisions this build knows), keeps a safety copy of the current
database, then copies the backup into the live database through the same API,
which replaces every page in one transaction: other processes see either the
old database or the restored one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.errors import DomainError

log = logging.getLogger("branchdesk.ops.backup")
HEADER = b"SQLite format 3\x00"
CORE_TABLES = ("alembic_version", "services", "windows", "staff", "tickets", "events", "settings")
DAILY_PREFIX = "branchdesk-daily-"


class BackupError(DomainError):
    code = "backup"


@dataclass(frozen=True)
class BackupResult:
    path: str
    size_bytes: int
    tickets: int
    events: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    safety_copy: str | None
    revisions: tuple[str, ...]
    tickets: int


def sqlite_path(db_url: str) -> Path:
    """The file behind an SQLite URL; BackupError for other databases."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("Backups here cover the embedded database only; back up PostgreSQL with pg_dump.")
    return Path(url.database)


def default_backup_dir(db_url: str | None = None) -> Path:
    """backup.folder from the settings file, else "backups" beside the database."""
    from app.ops.settings_file import load
    from app.store.engine import resolve_url

    folder = load().get("backup.folder") or ""
    if folder:
        return Path(folder).expanduser()
    return sqlite_path(resolve_url(db_url)).parent / "backups"


def _copy(src: sqlite3.Connection, dest_path: Path) -> None:
    """Online backup of ``src`` into a new file, written beside and renamed."""
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest_path.with_name(dest_path.name + ".part")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)  # pages=-1: the whole database in one step
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
    os.replace(tmp, dest_path)


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def backup_database(db_url: str, dest: Path) -> BackupResult:
    """Write a consistent copy of the live database to ``dest``."""
    src_path = sqlite_path(db_url)
    if not src_path.is_file():
        raise BackupError(f"There is no database file at {src_path} to back up.")
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=30)
    try:
        _copy(src, dest)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup to {dest} failed: {exc}.") from None
    finally:
        src.close()
    with sqlite3.connect(f"file:{dest}?mode=ro", uri=True) as conn:
        tickets, events = _count(conn, "tickets"), _count(conn, "events")
    log.info("backup written to %s (%d tickets)", dest, tickets)
    return BackupResult(str(dest), dest.stat().st_size, tickets, events)


def daily_backup(db_url: str, today: dt.date, *, folder: Path | None = None, keep: int = 14) -> BackupResult | None:
    """Today's automatic backup unless it exists; keeps the newest ``keep``."""
    folder = folder or default_backup_dir(db_url)
    dest = folder / f"{DAILY_PREFIX}{today:%Y%m%d}.sqlite3"
    result = None
    if not dest.exists():
        result = backup_database(db_url, dest)
    dailies = sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite3"))
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
        log.info("old backup %s removed (keeping %d)", old.name, keep)
    return result


def inspect_backup(path: Path) -> tuple[tuple[str, ...], int]:
    """(revisions, tickets) of a BranchDesk database file, else BackupError."""
    from app.store.migrate import alembic_config
    from alembic.script import ScriptDirectory

    name = path.name
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise BackupError(f"The file {name} cannot be read: {exc.strerror}.") from None
    if header != HEADER:
        raise BackupError(f"The file {name} is not a BranchDesk database.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in CORE_TABLES if t not in tables]
            if missing:
                raise BackupError(f"The file {name} is not a BranchDesk database (no {missing[0]} table).")
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"The file {name} is damaged (integrity check failed).")
            revisions = tuple(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")))
            tickets = _count(conn, "tickets")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The file {name} is not a BranchDesk database ({exc}).") from None
    if not revisions:
        raise BackupError(f"The file {name} is not a BranchDesk database (no schema revision).")
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    unknown = [r for r in revisions if r not in known]
    if unknown:
        raise BackupError(f"The file {name} comes from a newer version of BranchDesk; install that version to restore it.")
    return revisions, tickets


def restore_database(db_url: str, source: Path, *, now: dt.datetime, safety_dir: Path | None = None) -> RestoreResult:
    """Replace the live database with ``source`` after checking it; the current
    database is first copied to ``safety_dir`` (default: the backup folder)."""
    target = sqlite_path(db_url)
    source = Path(source)
    if source.resolve() == target.resolve():
        raise BackupError("A database cannot be restored onto itself.")
    revisions, tickets = inspect_backup(source)
    safety = None
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            if target.stat().st_size > 0:
                safety = (safety_dir or default_backup_dir(db_url)) / f"before-restore-{now:%Y%m%d-%H%M%S}.sqlite3"
                _copy(dst, safety)
            src.backup(dst)  # one transaction: all pages replaced, or none
        finally:
            dst.close()
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The restore from {source.name} failed: {exc}; the current database is unchanged.") from None
    finally:
        src.close()
    log.warning("database %s restored from %s (safety copy %s)", target, source, safety)
    return RestoreResult(str(source), str(safety) if safety else None, revisions, tickets)
