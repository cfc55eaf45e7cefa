"""A catalogued branch database with one account per role (complaint tests)."""

from __future__ import annotations

from app.queue import init_catalogue
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Staff

ROLES = {"officer": "complaints", "boss": "manager", "teller1": "teller", "greeter1": "greeter",
         "officer2": "complaints"}


def make_branch(url: str, now):  # type: ignore[no-untyped-def]
    db = open_database(url)
    init_catalogue(db, actor=SYSTEM, now=now)
    # Accounts written directly: hashing passwords (argon2) would only slow the tests.
    with db.write() as s:
        s.add_all(Staff(username=name, full_name=name, roles=role, password_hash="-", active=True, created_at=now)
                  for name, role in ROLES.items())
    return db
