"""Logging in: one argon2 verification for every attempt, known user or not
(an unknown username costs the same time as a known one), a growing wait after
five failures for a username, and every attempt in the access log.

The wait is kept in the database (``login_throttle``), so every PC of the
branch and every restart sees it. The verification runs outside any write
transaction: a login never holds the write lock for argon2's 50-150 ms.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, select

from app.errors import NotPermitted
from app.privacy.access import record_access
from app.staff.roles import Actor
from app.store.engine import Database
from app.store.models import Staff
from app.store.models_privacy import LoginThrottle

FREE_FAILURES = 5  # wrong passwords before the first wait
FIRST_WAIT = dt.timedelta(seconds=30)  # then doubling with every further failure...
MAX_WAIT = dt.timedelta(minutes=15)  # ... up to this
WRONG = "Unknown user or wrong password."


class LoginThrottled(NotPermitted):
    """Too many wrong passwords for a username: wait ``wait_s`` seconds."""

    code = "login_throttled"


def wait_after(failures: int) -> dt.timedelta | None:
    """How long a username waits after ``failures`` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return None
    return min(MAX_WAIT, FIRST_WAIT * 2 ** min(failures - FREE_FAILURES, 20))


@dataclass(frozen=True)
class _Account:
    staff_id: int | None
    password_hash: str | None
    active: bool
    actor: Actor | None


def login(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The actor for a right username and password; NotPermitted (one sentence
    for an unknown user and a wrong password alike) or LoginThrottled."""
    from app.queue.day import moment
    from app.staff.accounts import _actor, dummy_hash, verify_password

    name = (username or "").strip()[:64]
    reference = dummy_hash()  # first call of a process: one hash, for known and unknown users alike
    with db.read() as s:
        at = moment(s, now).now
        staff = s.scalar(select(Staff).where(Staff.username == name))
        account = _Account(staff.id, staff.password_hash, staff.active, _actor(staff)) if staff else \
            _Account(None, None, False, None)
        throttle = s.get(LoginThrottle, name)
        locked_until = throttle.locked_until if throttle else None
    if locked_until is not None and at < locked_until:
        wait = math.ceil((locked_until - at).total_seconds())
        with db.write() as s:
            record_access(s, None, "login", at, username=name, outcome="throttled")
        raise LoginThrottled(f"Too many wrong passwords for {name}: try again in {wait} seconds.", wait_s=wait,
                             username=name)
    # Always exactly one verification, against the account's hash or one of the same cost.
    right = verify_password(account.password_hash or reference, password or "")
    ok = right and account.active and account.actor is not None
    with db.write() as s:
        if ok:
            s.execute(delete(LoginThrottle).where(LoginThrottle.username == name))
            record_access(s, account.actor, "login", at, outcome="ok")
        else:
            row = s.get(LoginThrottle, name) or LoginThrottle(username=name, failures=0)
            row.failures = (row.failures or 0) + 1
            row.last_failed_at = at
            wait = wait_after(row.failures)
            row.locked_until = at + wait if wait else None
            s.add(row)
            record_access(s, None, "login", at, username=name, outcome="failed")
    if not ok:
        raise NotPermitted(WRONG)
    return account.actor  # type: ignore[return-value]
