"""Head-office administration for the phone page and appointments (run with an
administrator's URL): a login for the head-office phone page, and bookings
head office hands to a branch."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import psycopg
from psycopg import sql

from app.errors import InvalidInput
from app.sync.config import _libpq_url
from app.sync.hq import normalise_code
from app.sync.hq_roles import web_role


def add_web_login(admin_url: str, role: str, *, password: str | None = None) -> str | None:
    """A login role for ``branchdesk web --head-office``: member of ``<db>_web``
    (reads live ticket figures and states, nothing else). Returns a generated
    password to hand over once, or None when one was given."""
    role = (role or "").strip()
    if not role.replace("_", "").isalnum() or not role.isascii() or len(role) > 63:
        raise InvalidInput("A role name is letters, digits and underscores.", field="role")
    generated = None
    if password is None:
        password = generated = secrets.token_urlsafe(18)
    with psycopg.connect(_libpq_url(admin_url), connect_timeout=10) as conn:
        dbname = conn.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None:
            raise InvalidInput(f"The role {role} exists already; choose another name.", field="role")
        ident = sql.Identifier(role)
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT "
                             "PASSWORD {}").format(ident, sql.Literal(password)))
        conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(ident))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(web_role(dbname)), ident))
    return generated


def put_appointments(admin_url: str, branch: str, bookings: Iterable) -> int:  # type: ignore[type-arg]
    """Upsert bookings (app/appointments/importing.py ``Booking``) for ``branch``;
    a changed one gets a new version, which the branch pulls at its next round."""
    code = normalise_code(branch)
    rows = [(code, b.reference, b.service, b.slot.replace(tzinfo=None), b.name, b.phone,
             "cancelled" if b.cancelled else "booked") for b in bookings]
    with psycopg.connect(_libpq_url(admin_url), connect_timeout=10) as conn:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO hq_appointments (branch_code, reference, service_code, slot_at, customer_name, "
                "customer_phone, status) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (branch_code, reference) DO UPDATE SET service_code = EXCLUDED.service_code, "
                "slot_at = EXCLUDED.slot_at, customer_name = EXCLUDED.customer_name, "
                "customer_phone = EXCLUDED.customer_phone, status = EXCLUDED.status, "
                "version = nextval('hq_appointments_version_seq'), updated_at = now() "
                "WHERE (hq_appointments.service_code, hq_appointments.slot_at, hq_appointments.status) IS DISTINCT "
                "FROM (EXCLUDED.service_code, EXCLUDED.slot_at, EXCLUDED.status)", rows)
    return len(rows)
