"""Staff accounts: create, authenticate (argon2id), look up."""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from app.events import EventType
from app.errors import InvalidInput, UnknownStaff
from app.queue.day import moment
from app.staff.roles import Actor, parse_roles, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Staff

_hasher = PasswordHasher()  # argon2id with the library's current defaults
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")


@dataclass(frozen=True)
class StaffView:
    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    active: bool


def _view(s: Staff) -> StaffView:
    return StaffView(s.id, s.username, s.full_name, tuple(sorted(filter(None, s.roles.split(",")))), s.active)


MAX_FULL_NAME = 100


def staff_problems(*, username: str | None = None, full_name: str | None = None,
                   password: str | None = None) -> dict[str, str]:
    """Every refusal of the given fields at once (``{field: sentence}``); the
    fields left out (None) are not checked. A name is never cut short: a
    long one is refused, as is one the ticket printer cannot print."""
    from app.ops.admin_rules import check_printable

    found: dict[str, str] = {}
    if username is not None and not _USERNAME.match(username or ""):
        found["username"] = "A username is 2-64 letters, digits, dots, dashes or underscores."
    if full_name is not None:
        if len(full_name.strip()) > MAX_FULL_NAME:
            found["full_name"] = f"This name is too long (at most {MAX_FULL_NAME} characters)."
        else:
            try:
                check_printable(full_name, "full_name")
            except InvalidInput as exc:
                found["full_name"] = exc.message
    if password is not None and len(password or "") < 8:
        found["password"] = "A password needs at least 8 characters."
    return found


def add_staff(
    db: Database,
    *,
    username: str,
    password: str,
    roles: str | list[str],
    full_name: str = "",
    actor: Actor,
    now: dt.datetime | None = None,
) -> StaffView:
    require(actor, "staff.manage")
    problems = staff_problems(username=username, full_name=full_name, password=password)
    if problems:  # the first; the screen shows them all at once (staff_problems)
        field, message = next(iter(problems.items()))
        raise InvalidInput(message, field=field)
    role_set = parse_roles(roles)
    with db.write() as s:
        now = moment(s, now).now
        if s.scalar(select(Staff.id).where(Staff.username == username)) is not None:
            raise InvalidInput(f"A staff account named {username!r} already exists.", username=username)
        staff = Staff(
            username=username,
            full_name=full_name.strip(),
            roles=",".join(sorted(role_set)),
            password_hash=_hasher.hash(password),
            active=True,
            created_at=now,
        )
        s.add(staff)
        s.flush()
        record_event(
            s, EventType.STAFF_ADDED, now, staff_id=actor.staff_id,
            payload={"username": username, "roles": sorted(role_set)},
        )
        return _view(staff)


def authenticate(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The actor for a correct username and password, else NotPermitted
    (LoginThrottled after five wrong passwords): app/staff/login.py."""
    from app.staff.login import login

    return login(db, username, password, now=now)


def verify_password(password_hash: str, password: str) -> bool:
    """One argon2 verification (every login makes exactly one)."""
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """A hash of a random password with the same parameters as the accounts':
    an unknown username is verified against it, at the same cost."""
    return _hasher.hash(secrets.token_urlsafe(24))


def actor_for(db: Database, username: str) -> Actor:
    """The actor for an existing, active account (no password: local CLI)."""
    with db.read() as s:
        staff = s.scalar(select(Staff).where(Staff.username == username))
        if staff is None or not staff.active:
            raise UnknownStaff(f"There is no active staff account named {username!r}.", username=username)
        return _actor(staff)


def list_staff(db: Database) -> list[StaffView]:
    with db.read() as s:
        return [_view(x) for x in s.scalars(select(Staff).order_by(Staff.username))]


def _actor(staff: Staff) -> Actor:
    return Actor(
        username=staff.username,
        roles=frozenset(filter(None, staff.roles.split(","))),
        staff_id=staff.id,
    )


# --- administration (added for the admin screens, issue 9) -----------------

def hash_password(password: str) -> str:
    """argon2id hash of a password that meets the length rule."""
    if len(password or "") < 8:
        raise InvalidInput("A password needs at least 8 characters.", field="password")
    return _hasher.hash(password)


def _staff_by_name(s, username: str) -> Staff:  # type: ignore[no-untyped-def]
    staff = s.scalar(select(Staff).where(Staff.username == username))
    if staff is None:
        raise UnknownStaff(f"There is no staff account named {username!r}.", username=username)
    return staff


def reset_password(db: Database, username: str, new_password: str, *, actor: Actor,
                   now: dt.datetime | None = None) -> StaffView:
    """Give an account a new password (the old one stops working at once)."""
    require(actor, "staff.manage")
    new_hash = hash_password(new_password)
    with db.write() as s:
        now = moment(s, now).now
        staff = _staff_by_name(s, username)
        staff.password_hash = new_hash
        record_event(s, EventType.STAFF_PASSWORD_RESET, now, staff_id=actor.staff_id, payload={"username": username})
        return _view(staff)


def update_staff(db: Database, username: str, *, roles: str | list[str] | None = None,
                 full_name: str | None = None, active: bool | None = None,
                 actor: Actor, now: dt.datetime | None = None) -> StaffView:
    """Change an account's roles, name or active flag. The last active admin
    cannot be deactivated or lose the admin role (nobody could administer)."""
    require(actor, "staff.manage")
    role_set = parse_roles(roles) if roles is not None else None
    with db.write() as s:
        now = moment(s, now).now
        staff = _staff_by_name(s, username)
        was_admin = staff.active and "admin" in staff.roles.split(",")
        changes: dict[str, object] = {}
        if role_set is not None:
            changes["roles"] = sorted(role_set)
            staff.roles = ",".join(sorted(role_set))
        if full_name is not None:
            problems = staff_problems(full_name=full_name)
            if problems:
                raise InvalidInput(problems["full_name"], field="full_name")
            changes["full_name"] = full_name.strip()
            staff.full_name = full_name.strip()
        if active is not None:
            changes["active"] = bool(active)
            staff.active = bool(active)
        s.flush()
        admins = [x for x in s.scalars(select(Staff).where(Staff.active.is_(True)))
                  if "admin" in x.roles.split(",")]
        if was_admin and not admins:
            raise InvalidInput("At least one active administrator account must remain.", field="active")
        record_event(s, EventType.STAFF_UPDATED, now, staff_id=actor.staff_id, payload={"username": username, **changes})
        return _view(staff)
