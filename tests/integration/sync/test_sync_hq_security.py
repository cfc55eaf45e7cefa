"""Head-office schema and roles: a branch writes and reads only its own rows,
enforced by PostgreSQL itself (row-level security on the login role)."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from app.sync.config import _libpq_url
from app.sync.hq import add_branch, put_setting, upgrade_hq
from app.sync.hq_roles import owner_role

pytestmark = pytest.mark.postgres

TICKET = ("INSERT INTO hq_tickets (uuid, branch_code, version, business_date, number, prefix, seq, priority, "
          "status, issued_at) VALUES (%s, %s, 1, '2026-11-23', 'A001', 'A', 1, 'normal', 'waiting', "
          "'2026-11-23 09:00')")


def _as(hq, code: str, password: str) -> psycopg.Connection:
    return psycopg.connect(_libpq_url(hq.role_url(code, password)), autocommit=True)


@pytest.fixture
def two(hq):
    add_branch(hq.admin_url, "BR001", password="pw-a")
    add_branch(hq.admin_url, "BR002", password="pw-b")
    return hq


def test_init_is_repeatable_and_tables_belong_to_a_nologin_owner(hq):
    head = hq.one("SELECT version_num FROM hq_alembic_version")
    assert upgrade_hq(hq.admin_url) == head  # second run: nothing to do, same revision
    owners = {r[0] for r in hq.rows("SELECT tableowner FROM pg_tables WHERE tablename LIKE 'hq\\_%' "
                                          "AND tablename <> 'hq_alembic_version'")}
    assert owners == {owner_role(hq.dbname)}
    can_login, = hq.rows("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (owner_role(hq.dbname),))[0]
    assert can_login is False
    rls = hq.rows("SELECT relname FROM pg_class WHERE relname LIKE 'hq\\_%' AND relkind = 'r' "
                  "AND NOT relrowsecurity AND relname <> 'hq_alembic_version'")
    assert rls == []


def test_branch_role_is_no_superuser_and_cannot_bypass_rls(two):
    role = two.rows("SELECT role_name FROM hq_branches WHERE code = 'BR001'")[0][0]
    su, bypass, createrole = two.rows(
        "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = %s", (role,))[0]
    assert (su, bypass, createrole) == (False, False, False)
    member_of_owner = two.one("SELECT pg_has_role(%s, %s, 'MEMBER')", (role, owner_role(two.dbname)))
    assert member_of_owner is False


def test_branch_cannot_insert_or_update_another_branchs_rows(two):
    theirs = str(uuid.uuid4())
    with _as(two, "BR002", "pw-b") as b:
        b.execute(TICKET, (theirs, "BR002"))
    with _as(two, "BR001", "pw-a") as a:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            a.execute(TICKET, (str(uuid.uuid4()), "BR002"))
        # An update of the other branch's row finds nothing to update...
        cur = a.execute("UPDATE hq_tickets SET status = 'done' WHERE uuid = %s", (theirs,))
        assert cur.rowcount == 0
        # ...and moving its own row to the other branch is refused.
        mine = str(uuid.uuid4())
        a.execute(TICKET, (mine, "BR001"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute("UPDATE hq_tickets SET branch_code = 'BR002' WHERE uuid = %s", (mine,))
        # An upsert that collides with the other branch's uuid is refused too.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute(TICKET + " ON CONFLICT (uuid) DO UPDATE SET status = 'done'", (theirs, "BR001"))
        # Changing the role for the session does not help: the branch follows the login.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute("SET ROLE " + two.rows("SELECT role_name FROM hq_branches WHERE code='BR002'")[0][0])
        seen = a.execute("SELECT branch_code FROM hq_tickets").fetchall()
    assert seen == [("BR001",)]
    assert two.one("SELECT status FROM hq_tickets WHERE uuid = %s", (theirs,)) == "waiting"


def test_branch_reads_shared_and_own_settings_but_cannot_write_them(two):
    put_setting(two.admin_url, "lobby.notice", "for everyone")
    put_setting(two.admin_url, "lobby.notice", "only BR002", branch="BR002")
    with _as(two, "BR001", "pw-a") as a:
        visible = a.execute("SELECT scope, value FROM hq_settings").fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute("UPDATE hq_settings SET value = '\"hacked\"'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute("DELETE FROM hq_events")
    assert visible == [("*", "for everyone")]
