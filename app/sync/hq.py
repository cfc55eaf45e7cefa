"""Head-office administration: create/upgrade the schema, add branches and
their roles, publish shared settings. Run with an administrator's URL."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from app.errors import InvalidInput
from app.sync.config import _libpq_url
from app.sync.hq_roles import branch_group_role, branch_login_role, owner_role, put_login_role

HQ_MIGRATIONS = Path(__file__).with_name("hq_migrations")
_HQ_MIGRATION_LOCK = 0x42D35D
# Keys head office may publish and branches apply (anything else is ignored).
SHARED_KEYS = ("catalogue.services", "calendar.holidays", "lobby.notice")


def _sa_url(url: str) -> str:
    return "postgresql+psycopg://" + _libpq_url(url).split("://", 1)[1]


def upgrade_hq(admin_url: str) -> str:
    """Create or upgrade the head-office schema; returns the revision."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    cfg = Config()
    cfg.set_main_option("script_location", str(HQ_MIGRATIONS))
    engine = create_engine(_sa_url(admin_url), connect_args={"connect_timeout": 10})
    try:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_HQ_MIGRATION_LOCK})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            ctx = MigrationContext.configure(conn, opts={"version_table": "hq_alembic_version"})
            return ",".join(ctx.get_current_heads())
    finally:
        engine.dispose()


@dataclass(frozen=True)
class BranchAccount:
    code: str
    role: str
    password: str | None  # only when generated here, to hand over once
    created: bool


def normalise_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code.isalnum() or not 1 <= len(code) <= 16 or not code.isascii():
        raise InvalidInput("A branch code is 1 to 16 letters and digits.", field="code")
    return code


def add_branch(admin_url: str, code: str, *, name: str = "", password: str | None = None,
               role: str | None = None, region: str | None = None) -> BranchAccount:
    """Create (or update) a branch and its login role, member of the branch group
    (``region``: where the consolidated report can be asked for; None keeps it)."""
    code = normalise_code(code)
    region = normalise_region(region)
    generated = None
    with psycopg.connect(_libpq_url(admin_url), connect_timeout=10) as conn:
        dbname = conn.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        role = role or branch_login_role(dbname, code)
        if role in (owner_role(dbname), branch_group_role(dbname)):
            raise InvalidInput("That role name is reserved for head office.", field="role")
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if exists is not None and not _made_here(conn, role, dbname):
            raise InvalidInput(f"The role {role} exists and was not created by BranchDesk for this head office; "
                               f"choose another --role name.", field="role")
        if exists is None and password is None:
            password = generated = secrets.token_urlsafe(18)
        put_login_role(conn, role, exists=exists is not None, password=password, marker=_marker(dbname),
                       group=branch_group_role(dbname))
        row = conn.execute(
            "INSERT INTO hq_branches (code, name, role_name) VALUES (%s, %s, %s) "
            "ON CONFLICT (code) DO UPDATE SET role_name = EXCLUDED.role_name, active = true, "
            "name = CASE WHEN EXCLUDED.name = '' THEN hq_branches.name ELSE EXCLUDED.name END "
            "RETURNING (xmax = 0)", (code, name, role)).fetchone()
        if region is not None:
            conn.execute("UPDATE hq_branches SET region = %s WHERE code = %s", (region, code))
    return BranchAccount(code, role, generated, bool(row and row[0]))


def normalise_region(region: str | None) -> str | None:
    """A region name as stored (None: leave it as it is)."""
    if region is None:
        return None
    region = " ".join(str(region).split())
    if len(region) > 60 or any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in region):
        raise InvalidInput("A region is a name of at most 60 characters.", field="region")
    return region


def _marker(dbname: str) -> str:
    return f"BranchDesk branch role of head office {dbname}"


def _made_here(conn: psycopg.Connection, role: str, dbname: str) -> bool:
    """Whether ``add_branch`` made ``role`` (its comment, or a branch row naming it);
    any other role, a DBA's for one, is never altered."""
    row = conn.execute("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = %s",
                       (role,)).fetchone()
    if row is not None and row[0] == _marker(dbname):
        return True
    return conn.execute("SELECT 1 FROM hq_branches WHERE role_name = %s", (role,)).fetchone() is not None


def put_setting(admin_url: str, key: str, value: Any, *, branch: str | None = None) -> int:
    """Publish a shared setting (or one branch's override); returns its version."""
    if key not in SHARED_KEYS:
        raise InvalidInput(f"Head office shares only {', '.join(SHARED_KEYS)}.", field="key")
    scope = normalise_code(branch) if branch else "*"
    with psycopg.connect(_libpq_url(admin_url), connect_timeout=10) as conn:
        row = conn.execute(
            "INSERT INTO hq_settings (scope, key, value) VALUES (%s, %s, %s::jsonb) "
            "ON CONFLICT (scope, key) DO UPDATE SET value = EXCLUDED.value, "
            "version = nextval('hq_settings_version_seq'), updated_at = now() RETURNING version",
            (scope, key, json.dumps(value, ensure_ascii=False))).fetchone()
    return int(row[0])  # type: ignore[index]
