"""Engine and session setup for SQLite (embedded default) and PostgreSQL.

SQLite: WAL, synchronous=FULL, foreign keys, a busy timeout, and every write
transaction opened with ``BEGIN IMMEDIATE`` so two processes never both read a
row and then race to update it. pysqlite's own implicit BEGIN is switched off
(``isolation_level=None``) so the BEGIN emitted here is the one that counts.
Read-only sessions use a plain deferred BEGIN and never block writers.

PostgreSQL (a branch with several PCs): every connection has a statement
timeout, a lock timeout and TCP keepalives, and every transaction runs under
the client-side watchdog (app/store/watchdog.py), so a server that stops
answering costs a screen at most ``QUERY_TIMEOUT_S`` in a worker thread and
one sentence ("The database did not answer ..."), never a frozen window.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.privacy.credentials import redact_text
from app.store.errors import DatabaseUnavailable
from app.store.watchdog import WATCHDOG, shutdown_fd

BUSY_TIMEOUT_MS = 30_000
_READONLY = "branchdesk_readonly"
# PostgreSQL: a branch transaction that takes longer than this is cut by the
# watchdog; reports and migrations ask for more (``long=True``).
QUERY_TIMEOUT_S = 10.0
LONG_TIMEOUT_S = 600.0


def strict_json_dumps(value: object) -> str:
    """JSON columns hold strict JSON: a NaN or an infinity is never stored."""
    return json.dumps(value, allow_nan=False)


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
        # Erased (or replaced) content is overwritten where that costs no extra I/O.
        cur.execute("PRAGMA secure_delete = FAST")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        sql = "BEGIN" if conn.get_execution_options().get(_READONLY) else "BEGIN IMMEDIATE"
        try:  # on the driver (once per transaction: SQLAlchemy's execution costs more than the BEGIN)
            conn.connection.driver_connection.execute(sql)
        except sqlite3.Error as exc:
            conn._handle_dbapi_exception(exc, sql, (), None, None)  # raises SQLAlchemy's own error


class Database:
    """One database: an engine plus short-lived sessions for writes and reads."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        try:
            sa_url = make_url(url)
        except ArgumentError as exc:
            raise DatabaseUnavailable(f"The database address {redact_text(url)!r} is not valid.") from exc
        self.dialect = sa_url.get_backend_name()
        if self.dialect == "sqlite":
            path = sa_url.database
            if path and path != ":memory:":
                self._prepare_sqlite_file(Path(path))
            self.engine = create_engine(
                url,
                echo=echo,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                json_serializer=strict_json_dumps,
            )
            _configure_sqlite(self.engine)
        elif self.dialect == "postgresql":
            args = pg_connect_args()
            if sa_url.password is None:  # kept out of the address: the credential store has it
                from app.privacy.credentials import database_password

                if (password := database_password(url)) is not None:
                    args["password"] = password
            self.engine = create_engine(
                url,
                echo=echo,
                # Not SQLAlchemy's pre-ping: a ping to a frozen server would hang
                # before the watchdog is armed (_configure_pg pings under it).
                connect_args=args,
                json_serializer=strict_json_dumps,
            )
            _configure_pg(self.engine)
        else:
            raise DatabaseUnavailable(f"Database type {self.dialect!r} is not supported.")
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(
            self.engine.execution_options(**{_READONLY: True}), expire_on_commit=False
        )
        # Per-process facts the core keeps between transactions (the business
        # day already opened here, ...); never shared between processes.
        self.memo: dict[str, object] = {}

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
    def write(self, *, long: bool = False) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error.

        Functions queued in ``session.info["on_commit"]`` run after the commit.
        """
        with self._session(self._write, long) as session:
            yield session
        for fn in session.info.pop("on_commit", ()):
            fn()

    @contextmanager
    def read(self, *, long: bool = False) -> Iterator[Session]:
        """A read-only snapshot that never takes the write lock."""
        with self._session(self._read, long) as session:
            yield session

    @contextmanager
    def _session(self, factory: sessionmaker[Session], long: bool) -> Iterator[Session]:
        """A session in one transaction. On PostgreSQL the watchdog guards it
        from the first statement to the connection's return to the pool (the
        commit, the rollback and the pool's reset are I/O that can hang too)."""
        with _translate_db_errors():
            session = factory()
            watch = _Watch(self, long)
            try:
                with session.begin():
                    if self.dialect == "postgresql":
                        watch.arm(session)
                    yield session
            except (OperationalError, DatabaseError) as exc:
                watch.explain(exc)
                raise
            finally:
                try:
                    session.close()
                finally:
                    watch.disarm()

    def dispose(self) -> None:
        self.engine.dispose()


PING_IDLE_S = 5.0  # a pooled connection idle longer than this is pinged before use
PING_TIMEOUT_S = 3.0


def _configure_pg(engine: Engine) -> None:
    """A connection that sat in the pool is pinged before use, under the
    watchdog: a dead one (server restarted) is replaced without the caller
    seeing an error; a frozen server costs PING_TIMEOUT_S, then the connect
    timeout, never a hang."""
    import time

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        if time.monotonic() - record.info.get("idle_since", time.monotonic()) < PING_IDLE_S:
            return
        guard = WATCHDOG.arm(PING_TIMEOUT_S, lambda: shutdown_fd(dbapi_conn.pgconn.socket))
        try:
            dbapi_conn.execute("SELECT 1")
            dbapi_conn.rollback()
        except Exception as exc:  # psycopg.OperationalError: gone or cut
            raise DisconnectionError(str(exc)) from exc  # the pool tries a fresh connection
        finally:
            WATCHDOG.disarm(guard)


class _Watch:
    """The watchdog guard of one PostgreSQL transaction (app/store/watchdog.py)."""

    def __init__(self, db: Database, long: bool) -> None:
        self.seconds = LONG_TIMEOUT_S if long else QUERY_TIMEOUT_S
        self.long = long
        self.guard = None

    def arm(self, session: Session) -> None:
        conn = session.connection()  # a pooled connection, or a new one (bounded by connect_timeout)
        raw = conn.connection.dbapi_connection
        self.guard = WATCHDOG.arm(self.seconds, lambda: shutdown_fd(raw.pgconn.socket if not raw.closed else -1))
        if self.long:
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(self.seconds * 1000)}")

    def explain(self, exc: Exception) -> None:
        if self.guard is not None and self.guard.fired:
            raise DatabaseUnavailable(f"The database did not answer within {self.seconds:.0f} seconds.") from exc

    def disarm(self) -> None:
        if self.guard is not None:
            WATCHDOG.disarm(self.guard)


def pg_connect_args() -> dict[str, object]:
    """libpq settings of every branch connection: bounded waits, keepalives."""
    timeout_ms = int(QUERY_TIMEOUT_S * 1000)
    return {
        "connect_timeout": 5,
        "options": f"-c statement_timeout={timeout_ms} -c lock_timeout={timeout_ms} "
                   f"-c idle_in_transaction_session_timeout={timeout_ms * 6}",
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
        "tcp_user_timeout": timeout_ms,
        "application_name": "branchdesk",
    }


def _check_sqlite_header(path: Path) -> None:
    """An existing file must be an SQLite file with BranchDesk's schema (or
    none yet): another program's database is refused before anything, even a
    journal-mode pragma, touches it."""
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseUnavailable(f"The file {path} is not a BranchDesk database (or it is corrupted).")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                      "AND name NOT LIKE 'sqlite_%'"))
        finally:
            con.close()
    except sqlite3.Error:
        return  # damaged or locked: the first real query says which, in one sentence
    if tables and "alembic_version" not in tables:
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        raise DatabaseUnavailable(f"The file {path} is not a BranchDesk database: it holds another program's "
                                  f"tables ({shown}); give a BranchDesk database or a new file.")


@contextmanager
def _translate_db_errors() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        msg = redact_text(str(exc.orig) if exc.orig is not None else str(exc))
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
