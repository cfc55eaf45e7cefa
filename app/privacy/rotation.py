"""Key rotation and the life of old key versions.

``rotate_key`` adds a version: from its commit every new value is sealed with
it, and the rows sealed with older versions are re-encrypted in small
transactions (``BATCH`` rows each), so tellers and the greeter keep working
and wait at most one batch for the write lock. Run again, it finishes an
interrupted rotation. An old version is *retired* when no row uses it, and
*destroyed* (its key files deleted, here and on every PC at its next run)
when no kept backup names it either.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, and_, func, not_, or_, select, update

from app.events import EventType
from app.privacy.access import record_access, require_logged
from app.privacy.crypto import is_sealed, version_of
from app.privacy.keys import KeyStore, create_version, versions
from app.privacy.personal import INDEXED, SEALED, aad
from app.privacy.vault import Vault
from app.staff.roles import Actor
from app.store.engine import Database
from app.store.events import record_event
from app.store.locks import lock_on_postgresql
from app.store.models import Ticket
from app.store.models_beyond import Appointment, NotifySubscription
from app.store.models_complaints import Complaint, ComplaintLog
from app.store.models_privacy import PrivacyKey

BATCH = 2000
TABLES: dict[str, Table] = {"tickets": Ticket.__table__, "complaints": Complaint.__table__,
                            "complaint_log": ComplaintLog.__table__, "appointments": Appointment.__table__,
                            "notify_subscriptions": NotifySubscription.__table__}
Progress = Callable[[int, int], None]  # (rows done, rows to do)


@dataclass(frozen=True)
class RotationResult:
    version: int
    rows: int  # rows re-encrypted
    seconds: float


@dataclass(frozen=True)
class KeyVersion:
    version: int
    key_id: str
    created_at: dt.datetime
    state: str  # current / retired / in use / destroyed
    on_this_pc: bool


def _stale(table: Table, current: int):  # type: ignore[no-untyped-def]
    """Rows with a field sealed under another version than ``current``."""
    conds = [and_(table.c[f].like("k%:%"), not_(table.c[f].like(f"k{current}:%"))) for f in SEALED[table.name]]
    return or_(*conds)


def rotate_key(db: Database, *, actor: Actor, now: dt.datetime | None = None, batch: int = BATCH,
               progress: Progress | None = None) -> RotationResult:
    """A new key version, then every row re-encrypted with it (in the background
    of the branch: short transactions)."""
    from app.queue.day import moment

    require_logged(db, actor, "privacy.key", "key_rotate", now=now)
    started = time.perf_counter()
    with db.write() as s:
        at = moment(s, now).now
        key = create_version(s, KeyStore(), at)
        record_event(s, EventType.DATA_KEY_ROTATED, at, staff_id=actor.staff_id, payload={"version": key.version})
        record_access(s, actor, "key_rotate", at, purpose=f"version {key.version}")
    rows = reencrypt(db, batch=batch, progress=progress, now=at)
    return RotationResult(key.version, rows, time.perf_counter() - started)


def stale_rows(db: Database) -> int:
    """Rows still holding a value sealed under an older version."""
    with db.read() as s:
        current = max(versions(s), default=0)
        return sum(int(s.scalar(select(func.count()).select_from(t).where(_stale(t, current))) or 0)
                   for t in TABLES.values())


def reencrypt(db: Database, *, batch: int = BATCH, progress: Progress | None = None,
              now: dt.datetime | None = None) -> int:
    """Re-encrypt every stale row with the newest version, ``batch`` rows per
    transaction; then retire the versions no row uses."""
    total, done = stale_rows(db), 0
    if progress:
        progress(0, total)
    for table in TABLES.values():
        after = 0
        while True:
            moved, after = _reencrypt_batch(db, table, after, batch)
            if moved < 0:
                break
            done += moved
            if progress:
                progress(done, max(total, done))
    retire_unused(db, now=now)
    return done


def _reencrypt_batch(db: Database, table: Table, after: int, batch: int) -> tuple[int, int]:
    """One transaction: the next stale rows after id ``after``; (-1, _) when none are left."""
    fields = SEALED[table.name]
    index_of = INDEXED.get(table.name)
    with db.write() as s:
        vault = Vault(s)
        current = vault.current(create=False)
        q = (select(table.c.id, table.c.uuid, *(table.c[f] for f in fields))
             .where(table.c.id > after, _stale(table, current.version)).order_by(table.c.id).limit(batch))
        rows = s.execute(lock_on_postgresql(s, q, True)).all()
        if not rows:
            return -1, after
        changes = []
        for row in rows:
            change = {"b_id": row.id}
            for f in fields:
                value = getattr(row, f)
                if is_sealed(value) and version_of(value) != current.version:
                    clear = vault.open(value, aad(table.name, f, row.uuid))
                    change[f"b_{f}"] = current.seal(clear, aad(table.name, f, row.uuid))
                    if f == index_of:
                        change["b_phone_index"] = current.index(clear)
                else:
                    change[f"b_{f}"] = value
            if index_of and "b_phone_index" not in change:
                phone = getattr(row, index_of)
                change["b_phone_index"] = current.index(vault.open(phone, aad(table.name, index_of, row.uuid))) \
                    if phone else None
            changes.append(change)
        names = [k[2:] for k in changes[0] if k != "b_id"]
        s.execute(update(table).where(table.c.id == _b("id")).values({n: _b(n) for n in names}), changes)
        return len(rows), rows[-1].id


def _b(name: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import bindparam

    return bindparam(f"b_{name}")


def retire_unused(db: Database, *, now: dt.datetime | None = None) -> tuple[int, ...]:
    """Mark the older versions no row uses any more as retired."""
    with db.write() as s:
        rows = versions(s)
        if not rows:
            return ()
        current = max(rows)
        in_use = set()
        for table in TABLES.values():
            for f in SEALED[table.name]:
                found = s.scalars(select(func.substr(table.c[f], 1, 8)).where(table.c[f].like("k%:%"))
                                  .distinct())
                in_use |= {version_of(v) for v in found if ":" in v}
        retired = tuple(v for v, r in rows.items() if v != current and v not in in_use and r.retired_at is None)
        if retired:
            s.execute(update(PrivacyKey).where(PrivacyKey.version.in_(retired)).values(
                retired_at=now or dt.datetime.now().replace(microsecond=0)))
        return retired


def prune_keys(db: Database, backup_folder: Path | None, *, now: dt.datetime) -> tuple[int, ...]:
    """Destroy retired versions that no kept backup names; delete this PC's
    files of every destroyed version."""
    from app.ops.backup import backup_files
    from app.privacy.backups import header_of

    retire_unused(db, now=now)
    needed = {int(h["key_version"]) for p in (backup_files(backup_folder) if backup_folder else [])
              if (h := header_of(p)) is not None}
    store = KeyStore()
    with db.write() as s:
        rows = versions(s)
        doomed = tuple(v for v, r in rows.items()
                       if r.retired_at is not None and r.destroyed_at is None and v not in needed)
        if doomed:
            s.execute(update(PrivacyKey).where(PrivacyKey.version.in_(doomed)).values(destroyed_at=now))
    for v, r in rows.items():
        if r.destroyed_at is not None or v in doomed:
            store.delete(r.key_id)
    return doomed


def key_status(db: Database) -> list[KeyVersion]:
    """Every version: current, in use, retired or destroyed, and whether this PC has it."""
    with db.read() as s:
        vault = Vault(s)
        rows = vault.rows
        current = max(rows, default=0)
        out = []
        for v, r in rows.items():
            state = ("destroyed" if r.destroyed_at else "current" if v == current
                     else "retired" if r.retired_at else "in use")
            out.append(KeyVersion(v, r.key_id, r.created_at, state, r.destroyed_at is None and vault.has(v)))
        return out
