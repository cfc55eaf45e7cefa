"""Run Alembic migrations from code: the app upgrades a database on start.

Two processes starting at once are serialised: on SQLite the migration runs
inside one ``BEGIN IMMEDIATE`` transaction (SQLite DDL is transactional), on
PostgreSQL under a transaction-scoped advisory lock. The second process then
finds the schema already current and does nothing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.store.engine import Database, _translate_db_errors
from app.store.errors import DatabaseTooNew, DatabaseUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 0x42D35C  # arbitrary, stable advisory-lock key


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(db: Database) -> set[str]:
    with _translate_db_errors(), db.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def upgrade_to_head(db: Database, target: str = "head") -> None:
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    with _translate_db_errors(), db.engine.connect() as conn:
        with conn.begin():
            if db.dialect == "postgresql":
                # Migrations may take long on a big database: no statement or lock limit.
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            current = MigrationContext.configure(conn).get_current_heads()
            if not current:
                refuse_foreign(db, conn)
            for rev in current:
                try:
                    known = script.get_revision(rev)
                except Exception:  # alembic raises several types for unknown ids
                    known = None
                if known is None:
                    raise DatabaseTooNew(
                        "This database was created by a newer version of BranchDesk; "
                        "install that version or newer."
                    )
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
        if conn.info.pop("branchdesk_vacuum", False):
            compact_sqlite(conn)


def refuse_foreign(db: Database, conn) -> None:  # type: ignore[no-untyped-def]
    """A database that is not BranchDesk's (another program's tables, no
    BranchDesk schema) is never given BranchDesk's schema."""
    from sqlalchemy import inspect

    from app.privacy.credentials import redact_text

    tables = sorted(t for t in inspect(conn).get_table_names() if t != "alembic_version")
    if not tables:
        return
    shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
    if db.is_sqlite:
        where = f"The file {conn.engine.url.database}"
    else:
        where = f"The database {redact_text(db.url).rsplit('/', 1)[-1]}"
    raise DatabaseUnavailable(f"{where} is not a BranchDesk database: it holds another program's tables "
                              f"({shown}); give a BranchDesk database or a new one.")


def compact_sqlite(conn) -> None:  # type: ignore[no-untyped-def]
    """Rewrite an SQLite file without its free pages and empty its WAL, so no
    page a migration replaced (personal data stored in clear by an older
    release) is left in the file or the WAL."""
    raw = conn.connection.dbapi_connection  # outside SQLAlchemy's automatic BEGIN
    raw.execute("VACUUM")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
