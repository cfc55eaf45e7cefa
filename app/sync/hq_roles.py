"""Role names at head office. Roles are cluster-wide, so they carry the
database name: two head-office databases on one server never share a role."""

from __future__ import annotations

import re
from typing import Any

from psycopg import sql

LOGIN_ATTRS = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT"


def _ident(text: str, limit: int = 63) -> str:
    return re.sub(r"[^a-z0-9_]", "_", text.lower())[:limit]


def owner_role(dbname: str) -> str:
    """NOLOGIN role owning every head-office table (nobody logs in as it)."""
    return _ident(dbname, 57) + "_owner"


def branch_group_role(dbname: str) -> str:
    """NOLOGIN role holding the branch grants; each branch role is a member."""
    return _ident(dbname, 56) + "_branch"


def reader_role(dbname: str) -> str:
    """NOLOGIN role that reads every branch's rows and writes nothing (the report, the hq screen)."""
    return _ident(dbname, 56) + "_reader"


def branch_login_role(dbname: str, code: str) -> str:
    return _ident(f"{_ident(dbname, 46)}_{code}")


def web_role(dbname: str) -> str:
    """NOLOGIN role of the head-office phone page: reads tickets' live figures, nothing else."""
    return _ident(dbname, 59) + "_web"
def put_login_role(conn: Any, role: str, *, exists: bool, password: str | None, marker: str, group: str) -> None:
    """Create (with ``marker`` as its comment) or update a login role with no powers of its own, set its
    password when given, and make it a member of ``group``."""
    ident = sql.Identifier(role)
    attrs = sql.SQL(LOGIN_ATTRS)
    if not exists:
        conn.execute(sql.SQL("CREATE ROLE {} {} PASSWORD {}").format(ident, attrs, sql.Literal(password)))
        conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(ident, sql.Literal(marker)))
    else:
        conn.execute(sql.SQL("ALTER ROLE {} {}").format(ident, attrs))
        if password is not None:
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), ident))
