"""Backup and restore of the embedded SQLite database.

Backups use SQLite's online backup API (``sqlite3.Connection.backup``): a
consistent copy taken while tellers keep calling, never a file copy of a live
WAL database. The copy must pass SQLite's integrity check before anything is
reported; it is then encrypted whole with the branch's data key
(app/privacy/backups.py), so a backup file holds nothing readable without
the key, and the plain copy is deleted.

Restore decrypts (this PC needs the key version the backup names: on another
PC, import the exported key first), checks the file (an SQLite file,
BranchDesk's tables, revisions this build knows, its integrity), keeps an
encrypted safety copy of the current database, then copies the backup into
the live database through the same API, which replaces every page in one
transaction: other processes see either the old database or the restored
one, never a mix. Backups made before encryption (plain SQLite files) still
restore.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.errors import DomainError

log = logging.getLogger("branchdesk.ops.backup")
HEADER = b"SQLite format 3\x00"
CORE_TABLES = ("alembic_version", "services", "windows", "staff", "tickets", "events", "settings")
DAILY_PREFIX = "branchdesk-daily-"
SUFFIX = ".backup"  # encrypted; older releases wrote plain ".sqlite3" copies


class BackupError(DomainError):
    code = "backup"


@dataclass(frozen=True)
class BackupResult:
    path: str
    size_bytes: int
    tickets: int
    events: int
    key_version: int  # the data key version that opens it


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    safety_copy: str | None
    revisions: tuple[str, ...]
    tickets: int
    encrypted: bool  # False: a plain copy made by an older release


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
    """Online backup of ``src`` into a new plain file, written beside and renamed."""
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


def _plain_beside(path: Path, label: str) -> Path:
    return path.with_name(f".{path.name}.{label}-{secrets.token_hex(4)}.plain")


def backup_database(db_url: str, dest: Path, *, check: bool = True) -> BackupResult:
    """Write a consistent, checked, encrypted copy of the live database to
    ``dest`` (``check=False``: the safety copy of a database being replaced,
    kept even when damaged)."""
    from app.privacy.backups import current_key, encrypt_file

    src_path = sqlite_path(db_url)
    if not src_path.is_file():
        raise BackupError(f"There is no database file at {src_path} to back up.")
    key = current_key(db_url)
    plain = _plain_beside(dest, "backup")
    try:
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=30)
        try:
            _copy(src, plain)
        finally:
            src.close()
        with closing(sqlite3.connect(f"file:{plain}?mode=ro", uri=True)) as conn:
            if check and conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"The database {src_path.name} is damaged (its integrity check failed), so no "
                                  f"backup was written; restore the last good backup.")
            tickets, events = _count(conn, "tickets"), _count(conn, "events")
            revisions = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        encrypt_file(plain, dest, key, {"revisions": revisions, "tickets": tickets})
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The database {src_path.name} is damaged ({exc}), so no backup was written.") from None
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup to {dest} failed: {exc}.") from None
    finally:
        plain.unlink(missing_ok=True)
    log.info("backup written to %s (%d tickets, key version %d)", dest, tickets, key.version)
    return BackupResult(str(dest), dest.stat().st_size, tickets, events, key.version)


def backup_files(folder: Path, prefix: str = "") -> list[Path]:
    """Backups in ``folder`` (encrypted, and plain ones of older releases), oldest name first."""
    if not folder.is_dir():
        return []
    return sorted(p for suffix in (SUFFIX, ".sqlite3") for p in folder.glob(f"{prefix}*{suffix}")
                  if p.is_file())


def daily_backup(db_url: str, today: dt.date, *, folder: Path | None = None, keep: int = 14) -> BackupResult | None:
    """Today's automatic backup unless it exists; keeps the newest ``keep``."""
    folder = folder or default_backup_dir(db_url)
    dest = folder / f"{DAILY_PREFIX}{today:%Y%m%d}{SUFFIX}"
    result = None
    if not dest.exists():
        result = backup_database(db_url, dest)
    dailies = sorted(backup_files(folder, DAILY_PREFIX), key=lambda p: p.stem)
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
        log.info("old backup %s removed (keeping %d)", old.name, keep)
    return result


def inspect_backup(path: Path, name: str | None = None) -> tuple[tuple[str, ...], int]:
    """(revisions, tickets) of a plain BranchDesk database file, else BackupError
    (``name``: the file as the person named it, when ``path`` is its decrypted copy)."""
    from app.store.migrate import alembic_config
    from alembic.script import ScriptDirectory

    name = name or path.name
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
    database is first backed up (encrypted) to ``safety_dir`` (default: the backup folder)."""
    from app.privacy.backups import decrypt_file, header_of
    from app.privacy.crypto import CannotDecrypt

    target = sqlite_path(db_url)
    source = Path(source)
    if source.resolve() == target.resolve():
        raise BackupError("A database cannot be restored onto itself.")
    if not source.is_file():
        raise BackupError(f"The file {source.name} cannot be read: it does not exist.")
    encrypted = header_of(source) is not None
    plain = _plain_beside(target, "restore") if encrypted else source
    try:
        if encrypted:
            try:
                decrypt_file(source, plain)
            except CannotDecrypt:
                raise BackupError(f"The backup {source.name} does not open with this PC's key "
                                  f"(damaged, or not this branch's backup).") from None
        revisions, tickets = inspect_backup(plain, source.name)
        safety = _restore_from(db_url, target, plain, source.name, now, safety_dir)
    finally:
        if encrypted:
            plain.unlink(missing_ok=True)
    log.warning("database %s restored from %s (safety copy %s)", target, source, safety)
    return RestoreResult(str(source), str(safety) if safety else None, revisions, tickets, encrypted)


def _restore_from(db_url: str, target: Path, plain: Path, name: str, now: dt.datetime,
                  safety_dir: Path | None) -> Path | None:
    safety = None
    if target.is_file() and target.stat().st_size > 0:
        safety = _safety_copy(db_url, target, (safety_dir or default_backup_dir(db_url)),
                              f"before-restore-{now:%Y%m%d-%H%M%S}")
    src = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)  # one transaction: all pages replaced, or none
        finally:
            dst.close()
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The restore from {name} failed: {exc}; the current database is unchanged.") from None
    finally:
        src.close()
    return safety


def _safety_copy(db_url: str, target: Path, folder: Path, stem: str) -> Path:
    """The database about to be replaced, encrypted; a plain copy (its personal
    fields are encrypted anyway) when it is too damaged to read its key."""
    from app.store.errors import StoreError

    try:
        return Path(backup_database(db_url, folder / f"{stem}{SUFFIX}", check=False).path)
    except (StoreError, DomainError, sqlite3.DatabaseError) as exc:
        log.warning("safety copy kept unencrypted: %s", getattr(exc, "message", exc))
    plain = folder / f"{stem}.sqlite3"
    try:
        with closing(sqlite3.connect(target, timeout=30)) as src:
            _copy(src, plain)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The current database could not be kept before the restore ({exc}); "
                          f"nothing was restored.") from None
    return plain
