"""Sealing and opening fields inside one transaction.

``vault(s)`` reads the key versions once per transaction; sealing uses the
newest (created on the database's first personal value), opening uses the
version the ciphertext names. A PC without a version's key gets one sentence
(``KeyUnavailable``), never a wrong answer: each key file is checked against
the database's check value before use.
"""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy.orm import Session

from app.privacy.crypto import CannotDecrypt, DataKey, version_of
from app.privacy.keys import KeyStore, KeyUnavailable, first_key, missing_sentence, versions

# Checked keys per process, by (key folder, key id, check value): a key file
# is read and checked once.
_CHECKED: dict[tuple[str, str, str], DataKey] = {}
_LOCK = threading.Lock()


class Vault:
    def __init__(self, s, store: KeyStore | None = None) -> None:  # type: ignore[no-untyped-def]
        self.s = s
        self.store = store or KeyStore()
        self._rows: dict | None = None

    @property
    def rows(self) -> dict:  # type: ignore[type-arg]
        if self._rows is None:
            self._rows = versions(self.s)
        return self._rows

    def refresh(self) -> None:
        self._rows = None

    def key(self, version: int) -> DataKey:
        row = self.rows.get(version)
        if row is None or row.destroyed_at is not None:
            raise KeyUnavailable(f"The branch's data key version {version} is not in this database "
                                 f"(or was destroyed with the last backup that needed it).", version=version)
        cache_key = (str(self.store.folder), row.key_id, row.check)
        found = _CHECKED.get(cache_key)
        if found is not None:
            return found
        secret = self.store.load(row.key_id)
        if secret is None:
            raise KeyUnavailable(missing_sentence(version), version=version)
        key = DataKey(version, row.key_id, secret)
        if not key.matches(row.check):
            raise KeyUnavailable(f"This PC's key file for version {version} does not belong to this database; "
                                 f"import the key exported from the branch.", version=version)
        with _LOCK:
            _CHECKED[cache_key] = key
        return key

    def has(self, version: int) -> bool:
        try:
            self.key(version)
            return True
        except KeyUnavailable:
            return False

    def current(self, *, create: bool = True) -> DataKey:
        """The newest version (the first one is created on first use)."""
        live = [v for v, r in self.rows.items() if r.destroyed_at is None]
        if not live:
            if not create:
                raise KeyUnavailable("This database has no data key yet.")
            key = first_key(self.s, self.store, _now())
            self.refresh()
            if key is not None:
                return key
            live = [v for v, r in self.rows.items() if r.destroyed_at is None]
        return self.key(max(live))

    def seal(self, value: str | None, aad: str) -> str | None:
        return self.current().seal(value, aad) if value else None

    def open(self, token: str | None, aad: str) -> str | None:
        if not token:
            return None
        try:
            version = version_of(token)
        except ValueError:
            return token  # written before encryption and not migrated: never expected
        try:
            return self.key(version).open(token, aad)
        except CannotDecrypt:
            raise KeyUnavailable(f"A personal value cannot be decrypted with key version {version} "
                                 f"(the key does not match or the value was altered).", version=version) from None

    def index(self, value: str | None) -> str | None:
        """The searchable keyed hash of a normalised value, under the newest version."""
        return self.current().index(value) if value else None

    def indexes(self, value: str) -> list[str]:
        """The keyed hashes of ``value`` under every version this PC has (a
        rotation may be half done)."""
        return [self.key(v).index(value) for v, r in self.rows.items() if r.destroyed_at is None and self.has(v)]


def vault(s) -> Vault:  # type: ignore[no-untyped-def]
    """The vault of an ORM session's transaction (kept in ``s.info``)."""
    if isinstance(s, Session):
        v = s.info.get("privacy_vault")
        if v is None:
            v = s.info["privacy_vault"] = Vault(s)
        return v
    return Vault(s)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
