"""Carrying the data key to another PC of the branch, or into IT's safe:
an export file wrapped with a passphrase (scrypt + AES-GCM), and its import.

The export holds every version not destroyed, so it opens today's database
and every kept backup. Without the passphrase the file is useless; IT keeps
the two apart (docs/privacy.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.errors import DomainError, InvalidInput
from app.privacy.access import record_access, require_logged
from app.privacy.crypto import CannotDecrypt, DataKey, unwrap, wrap
from app.privacy.keys import KeyStore, KeyUnavailable, missing_sentence, versions
from app.staff.roles import Actor, require
from app.store.engine import Database

FORMAT = "branchdesk-key-export/1"
MIN_PASSPHRASE = 12


class KeyFileError(DomainError):
    code = "key_file"


@dataclass(frozen=True)
class KeyTransfer:
    path: str
    versions: tuple[int, ...]


def check_passphrase(passphrase: str) -> str:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise InvalidInput(f"A key passphrase needs at least {MIN_PASSPHRASE} characters.", field="passphrase")
    return passphrase


def export_keys(db: Database, path: Path, passphrase: str, *, actor: Actor,
                now: dt.datetime | None = None) -> KeyTransfer:
    """Write every live key version, wrapped with ``passphrase``, to ``path`` (0600)."""
    from app.queue.day import moment

    require_logged(db, actor, "privacy.key", "key_export", now=now)
    check_passphrase(passphrase)
    store = KeyStore()
    with db.write() as s:
        at = moment(s, now).now
        keys = []
        for v, row in versions(s).items():
            if row.destroyed_at is not None:
                continue
            secret = store.load(row.key_id)
            if secret is None:
                raise KeyUnavailable(missing_sentence(v), version=v)
            keys.append({"version": v, "key_id": row.key_id, "key": base64.b64encode(secret).decode(),
                         "created": row.created_at.isoformat()})
        if not keys:
            raise KeyUnavailable("This database has no data key yet: there is nothing to export.")
        doc = {"format": FORMAT, "exported": at.isoformat(), "versions": [k["version"] for k in keys],
               **wrap(json.dumps(keys).encode(), passphrase)}
        _write_private(path, json.dumps(doc, indent=1))
        record_access(s, actor, "key_export", at, purpose=path.name)
    return KeyTransfer(str(path), tuple(k["version"] for k in keys))


def import_keys(path: Path, passphrase: str, *, db: Database | None = None, actor: Actor,
                now: dt.datetime | None = None) -> KeyTransfer:
    """Store the keys of an export file on this PC (checked against ``db``'s
    versions when given: a file of another branch is refused)."""
    from app.queue.day import moment

    if db is not None:
        require_logged(db, actor, "privacy.key", "key_import", now=now)
    else:
        require(actor, "privacy.key")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"The key file {path.name} does not exist.") from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise KeyFileError(f"The file {path.name} is not a BranchDesk key export.") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileError(f"The file {path.name} is not a BranchDesk key export.")
    try:
        keys = json.loads(unwrap(doc, passphrase))
    except CannotDecrypt:
        raise KeyFileError(f"The passphrase does not open {path.name} (or the file was altered).") from None
    found = [DataKey(int(k["version"]), str(k["key_id"]), base64.b64decode(k["key"])) for k in keys]
    if db is not None:
        with db.read() as s:
            known = versions(s)
        ours = {r.key_id: r for r in known.values()}
        if known and not any(k.key_id in ours for k in found):
            raise KeyFileError(f"The keys in {path.name} belong to another database, not this branch's.")
        for k in found:
            if k.key_id in ours and not k.matches(ours[k.key_id].check):
                raise KeyFileError(f"The key version {k.version} in {path.name} does not match this database.")
    store = KeyStore()
    for k, raw in zip(found, keys):
        store.save(k.key_id, k.secret, k.version, dt.datetime.fromisoformat(raw["created"]))
    if db is not None:
        with db.write() as s:
            record_access(s, actor, "key_import", moment(s, now).now, purpose=path.name)
    return KeyTransfer(str(path), tuple(k.version for k in found))


def _write_private(path: Path, text: str) -> None:
    """``text`` into ``path``, readable by this account only, atomically."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keyexport-")
    except OSError as exc:
        raise KeyFileError(f"The key export cannot be written to {path.parent}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise KeyFileError(f"The key export cannot be written to {path}: {exc.strerror or exc}.") from None
