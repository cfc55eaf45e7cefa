"""The access log (``data_access_log``): every opening of personal data,
backup, restore, key export or import, purge, erasure and login, with who,
when and how it went. Written in the transaction of what it records; a
refusal gets its own short transaction.

Actions: ``view`` (a decrypting view), ``backup``, ``restore``, ``key_export``,
``key_import``, ``key_rotate``, ``purge``, ``erase``, ``login``.
Outcomes: ``ok``, ``refused`` (no right), ``failed`` (wrong password),
``throttled`` (too many wrong passwords).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import NotPermitted
from app.staff.roles import Actor
from app.store.engine import Database
from app.store.models import DataAccess

ACTIONS = ("view", "backup", "restore", "key_export", "key_import", "key_rotate", "purge", "erase", "login")


def record_access(s, actor: Actor | None, action: str, now: dt.datetime, *, subject: str | None = None,  # type: ignore[no-untyped-def]
                  subject_uuid: str | None = None, purpose: str = "", outcome: str = "ok",
                  username: str | None = None) -> None:
    """One access-log row in ``s``'s transaction."""
    s.add(DataAccess(at=now, staff_id=actor.staff_id if actor else None,
                     username=(username or (actor.username if actor else None) or "")[:64], action=action,
                     subject=subject, subject_uuid=subject_uuid, purpose=(purpose or "")[:200], outcome=outcome))


def require_logged(db: Database, actor: Actor, permission: str, action: str, *, now: dt.datetime | None = None,
                   purpose: str = "") -> None:
    """``require`` that also records a refusal in the access log."""
    if actor.can(permission):
        return
    from app.queue.day import moment

    with db.write() as s:
        record_access(s, actor, action, moment(s, now).now, purpose=purpose, outcome="refused")
    raise NotPermitted(f"{actor.username} is not allowed to do this ({permission}).", action=permission,
                       username=actor.username)


def log_access(db: Database, actor: Actor | None, action: str, *, now: dt.datetime | None = None,
               **kw: object) -> None:
    """One access-log row in its own transaction (after a backup, a restore...)."""
    from app.queue.day import moment

    with db.write() as s:
        record_access(s, actor, action, moment(s, now).now, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AccessEntry:
    at: dt.datetime
    username: str | None
    action: str
    subject: str | None
    subject_uuid: str | None
    purpose: str
    outcome: str


def access_log(db: Database, *, limit: int = 200, action: str | None = None) -> list[AccessEntry]:
    """The newest access-log rows first."""
    q = select(DataAccess).order_by(DataAccess.id.desc()).limit(limit)
    if action:
        q = q.where(DataAccess.action == action)
    with db.read() as s:
        return [AccessEntry(r.at, r.username, r.action, r.subject, r.subject_uuid, r.purpose, r.outcome)
                for r in s.scalars(q)]
