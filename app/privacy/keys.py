"""The branch's data key: its versions in the database, the key itself on
this PC, outside the database (DESIGN, settled question 4).

One key per branch database, whatever the number of PCs or users. The
database holds only each version's id and a check value (``privacy_keys``);
the key lives in a machine-wide folder, one file per version named by its id:

- Linux: ``<data folder>/keys/<id>.key``, mode 0640, group ``branchdesk``
  (owned by root when root created it), else 0600 for a single-user run;
- Windows: the same file in the machine's data folder, the key in it
  protected by DPAPI with the local-machine scope (any account of the PC that
  can read the file can use it; a copy of the file on another PC cannot).

``$BRANCHDESK_KEY_DIR`` names another folder (tests, unusual installs). The
key reaches another PC of the branch only through the passphrase-wrapped
export and import (app/privacy/transfer.py). ``keyring`` is per user and is
not used for this key.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import tempfile
import threading
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, text

from app.errors import DomainError
from app.privacy.crypto import DataKey, new_secret
from app.store.base import new_uuid
from app.store.models_privacy import PrivacyKey

ENV = "BRANCHDESK_KEY_DIR"
GROUP = "branchdesk"
FORMAT = "branchdesk-data-key/1"
_PG_KEY_LOCK = 0x42D35E  # one PC creates the first key or a new version at a time


class KeyUnavailable(DomainError):
    """This PC does not have (or cannot use) a version of the branch's key."""

    code = "key_unavailable"


class KeyStoreError(DomainError):
    """The key folder cannot be read or written."""

    code = "key_store"


def key_dir() -> Path:
    """$BRANCHDESK_KEY_DIR, else ``keys`` in the folder of the embedded database
    (the machine's data folder on an installed copy)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from app.store.engine import default_sqlite_path

    return default_sqlite_path().parent / "keys"


def missing_sentence(version: int) -> str:
    return (f"This PC does not have the branch's data key (version {version}): import the key exported "
            f"from the branch with 'branchdesk privacy import-key FILE'.")


class KeyStore:
    """The key files of one folder (cached per process: a key never changes)."""

    _cache: dict[tuple[str, str], bytes] = {}
    _lock = threading.Lock()

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or key_dir()

    def path(self, key_id: str) -> Path:
        return self.folder / f"{key_id}.key"

    def load(self, key_id: str) -> bytes | None:
        """The key with this id, or None when this PC does not have it."""
        cached = self._cache.get((str(self.folder), key_id))
        if cached is not None:
            return cached
        path = self.path(key_id)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except PermissionError:
            raise KeyStoreError(f"The key file {path} cannot be read by this account; "
                                f"add it to the {GROUP} group.") from None
        except (OSError, ValueError) as exc:
            raise KeyStoreError(f"The key file {path} cannot be read ({exc}).") from None
        secret = _unprotect(doc)
        with self._lock:
            self._cache[(str(self.folder), key_id)] = secret
        return secret

    def save(self, key_id: str, secret: bytes, version: int, created: dt.datetime) -> Path:
        """Write one key file, readable by the BranchDesk group only, atomically."""
        doc = {"format": FORMAT, "key_id": key_id, "version": version, "created": created.isoformat(),
               **_protect(secret)}
        path = self.path(key_id)
        try:
            self._prepare_folder()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".key-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(doc, fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                restrict_to_group(Path(tmp), 0o640, 0o600)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise KeyStoreError(f"The data key cannot be stored in {self.folder}: "
                                f"{exc.strerror or exc}.") from None
        with self._lock:
            self._cache[(str(self.folder), key_id)] = secret
        return path

    def delete(self, key_id: str) -> bool:
        with self._lock:
            self._cache.pop((str(self.folder), key_id), None)
        try:
            self.path(key_id).unlink()
            return True
        except FileNotFoundError:
            return False

    def probe(self) -> None:
        """KeyStoreError unless a key could be stored here (checked before
        anything else is written, so a setup writes all or nothing)."""
        from app.privacy.credentials import probe_writable

        try:
            self._prepare_folder()
            probe_writable(self.folder)
        except OSError as exc:
            raise KeyStoreError(f"The data key cannot be stored in {self.folder}: "
                                f"{exc.strerror or exc}.") from None

    def _prepare_folder(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            restrict_to_group(self.folder, 0o750, 0o700)


def _group_id() -> int | None:
    """The BranchDesk group's id when it exists and this account may use it."""
    if os.name != "posix":
        return None
    import grp

    try:
        gid = grp.getgrnam(GROUP).gr_gid
    except KeyError:
        return None
    if os.geteuid() == 0 or gid in os.getgroups() or gid == os.getegid():
        return gid
    return None


def restrict_to_group(path: Path, group_mode: int, own_mode: int) -> None:
    """Group-readable by BranchDesk's group where it exists, else owner only;
    root-owned when root writes it."""
    if os.name != "posix":
        return
    gid = _group_id()
    if gid is None:
        os.chmod(path, own_mode)
        return
    os.chown(path, 0 if os.geteuid() == 0 else -1, gid)
    os.chmod(path, group_mode)


def _protect(secret: bytes) -> dict[str, str]:
    if os.name == "nt":
        from app.privacy.dpapi import protect

        return {"dpapi": base64.b64encode(protect(secret)).decode()}
    return {"key": base64.b64encode(secret).decode()}


def _unprotect(doc: dict[str, str]) -> bytes:
    if doc.get("format") != FORMAT:
        raise KeyStoreError(f"The key file for {doc.get('key_id', '?')} is not a BranchDesk data key.")
    if "dpapi" in doc:
        from app.privacy.dpapi import unprotect

        return unprotect(base64.b64decode(doc["dpapi"]))
    return base64.b64decode(doc["key"])


# --- versions in the database ---------------------------------------------

def versions(s) -> dict[int, PrivacyKey]:  # type: ignore[no-untyped-def]
    """Every key version the database knows (Core rows: works in migrations too)."""
    return {r.version: r for r in s.execute(select(PrivacyKey.__table__).order_by(PrivacyKey.version))}


def create_version(s, store: KeyStore, now: dt.datetime) -> DataKey:  # type: ignore[no-untyped-def]
    """A new key version, current from this transaction's commit: the key file
    is written first (a failed commit leaves only an unused file)."""
    _lock_on_postgresql(s)
    version = int(s.execute(select(func.coalesce(func.max(PrivacyKey.version), 0))).scalar_one()) + 1
    key = DataKey(version, new_uuid(), new_secret())
    store.save(key.key_id, key.secret, version, now)
    s.execute(insert(PrivacyKey.__table__).values(version=version, key_id=key.key_id, check=key.check_value(),
                                                  created_at=now))
    return key


def first_key(s, store: KeyStore, now: dt.datetime) -> DataKey | None:  # type: ignore[no-untyped-def]
    """Version 1 when the database has no key yet (None when it has one)."""
    _lock_on_postgresql(s)
    if s.execute(select(func.count()).select_from(PrivacyKey)).scalar_one():
        return None
    return create_version(s, store, now)


def _lock_on_postgresql(s) -> None:  # type: ignore[no-untyped-def]
    """One PC at a time adds a key version (a session or, in a migration, a connection)."""
    dialect = s.dialect if isinstance(s, Connection) else s.get_bind().dialect
    if dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_KEY_LOCK})
