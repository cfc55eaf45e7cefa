"""Engine and session setup for SQLite (embedded default) and PostgreSQL.

SQLite: WAL, synchronous=FULL, foreign keys, a busy timeout, and every write
transaction opened with ``BEGIN IMMEDIATE`` so two processes never both read a
row and then race to update it. pysqlite's own implicit BEGIN is switched off
(``isolation_level=None``) so the BEGIN emitted here is the one that counts.
Read-only sessions use a plain deferred BEGIN and never block writers.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.store.errors import DatabaseUnavailable

BUSY_TIMEOUT_MS = 30_000
_READONLY = "branchdesk_readonly"


def default_sqlite_path() -> Path:
    """The embedded database: per machine for an installed copy, else per user (app/paths.py)."""
    from app.paths import folders

    return folders().database


def resolve_url(url: str | None) -> str:
    """The database URL: explicit, else $BRANCHDESK_DB, else the embedded file."""
    url = url or os.environ.get("BRANCHDESK_DB")
    if not url:
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in url:  # a bare path means an SQLite file
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get(_READONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One database: an engine plus short-lived sessions for writes and reads."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        try:
            sa_url = make_url(url)
        except ArgumentError as exc:
            raise DatabaseUnavailable(f"The database address {url!r} is not valid.") from exc
        self.dialect = sa_url.get_backend_name()
        if self.dialect == "sqlite":
            path = sa_url.database
            if path and path != ":memory:":
                self._prepare_sqlite_file(Path(path))
            self.engine = create_engine(
                url,
                echo=echo,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            )
            _configure_sqlite(self.engine)
        elif self.dialect == "postgresql":
            self.engine = create_engine(
                url,
                echo=echo,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10},
            )
        else:
            raise DatabaseUnavailable(f"Database type {self.dialect!r} is not supported.")
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(
            self.engine.execution_options(**{_READONLY: True}), expire_on_commit=False
        )

    @staticmethod
    def _prepare_sqlite_file(path: Path) -> None:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise DatabaseUnavailable(
                f"Cannot create the database folder {path.parent}: {blocker} is a file, not a folder."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"Cannot create the database folder {path.parent}: {exc.strerror}."
            ) from exc
        if path.is_dir():
            raise DatabaseUnavailable(f"{path} is a folder; give the path of a database file.")
        if path.exists():
            if not os.access(path, os.R_OK | os.W_OK):
                raise DatabaseUnavailable(f"The database file {path} cannot be written.")
            _check_sqlite_header(path)
        elif not os.access(path.parent, os.W_OK):
            raise DatabaseUnavailable(f"The database folder {path.parent} cannot be written.")

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with _translate_db_errors(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot that never takes the write lock."""
        with _translate_db_errors(), self._read() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _check_sqlite_header(path: Path) -> None:
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseUnavailable(f"The file {path} is not a BranchDesk database (or it is corrupted).")


@contextmanager
def _translate_db_errors() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        msg = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in msg:
            raise DatabaseUnavailable("The database stayed busy too long; try again.") from exc
        if "readonly" in msg or "read-only" in msg:
            raise DatabaseUnavailable("The database file cannot be written.") from exc
        raise DatabaseUnavailable(f"The database cannot be reached: {msg.splitlines()[0]}.") from exc
    except DatabaseError as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise DatabaseUnavailable("The database file is corrupted.") from exc
        raise


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Open (and by default create or upgrade) the database at ``url``."""
    from app.store.migrate import upgrade_to_head

    db = Database(resolve_url(url))
    if upgrade:
        upgrade_to_head(db)
    return db
