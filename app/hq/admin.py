"""Head-office roles for reading: the report and the hq screen log in as a role
in the ``<db>_reader`` group, which reads every branch's rows and writes
nothing (its sessions are read-only too, as a second guard)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import psycopg
from psycopg import sql

from app.errors import InvalidInput
from app.sync.config import _libpq_url
from app.sync.hq_roles import branch_group_role, owner_role, put_login_role, reader_role

_ROLE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


@dataclass(frozen=True)
class ReaderAccount:
    role: str
    password: str | None  # only when generated here, to hand over once
    created: bool


def _marker(dbname: str) -> str:
    return f"BranchDesk head-office reader of {dbname}"


def add_reader(admin_url: str, role: str, *, password: str | None = None) -> ReaderAccount:
    """Create (or update) a login role that reads every branch and writes nothing."""
    role = (role or "").strip().lower()
    if not _ROLE.match(role):
        raise InvalidInput("A reader's role name is 2 to 63 lower-case letters, digits or underscores.",
                           field="role")
    generated = None
    with psycopg.connect(_libpq_url(admin_url), connect_timeout=10, autocommit=True) as conn:
        dbname = conn.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        if role in (owner_role(dbname), branch_group_role(dbname), reader_role(dbname)):
            raise InvalidInput("That role name is reserved for head office.", field="role")
        if conn.execute("SELECT 1 FROM hq_branches WHERE role_name = %s", (role,)).fetchone():
            raise InvalidInput(f"The role {role} is a branch's; choose another name.", field="role")
        row = conn.execute("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = %s",
                           (role,)).fetchone()
        if row is not None and row[0] != _marker(dbname):
            raise InvalidInput(f"The role {role} exists and was not created by BranchDesk as a reader; "
                               f"choose another name.", field="role")
        if row is None and password is None:
            password = generated = secrets.token_urlsafe(18)
        put_login_role(conn, role, exists=row is not None, password=password, marker=_marker(dbname),
                       group=reader_role(dbname))
        conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(sql.Identifier(role)))
    return ReaderAccount(role, generated, row is None)
