"""Encrypted backup files: the whole copy of the database, encrypted with the
branch's data key (the version current when it was taken, named in the file's
header). Restoring one needs that key: on another PC, the exported key is
imported first (app/privacy/transfer.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.privacy.crypto import CannotDecrypt, DataKey, copy_decrypted, encrypt_stream, read_backup_header
from app.privacy.keys import KeyStore, KeyUnavailable

SUFFIX = ".backup"


def current_key(db_url: str) -> DataKey:
    """The current version of the data key of the database at ``db_url``
    (version 1 is created for a database that has none yet)."""
    from app.privacy.vault import vault
    from app.store.engine import Database

    db = Database(db_url)
    try:
        with db.write() as s:
            return vault(s).current()
    finally:
        db.dispose()


def encrypt_file(plain: Path, dest: Path, key: DataKey, header: dict[str, Any]) -> None:
    """``plain`` encrypted into ``dest`` (written beside, then renamed)."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        with plain.open("rb") as src, tmp.open("wb") as out:
            encrypt_stream(src, out, key, header)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def header_of(path: Path) -> dict[str, Any] | None:
    """The header of an encrypted backup (key version, key id...), None for any other file."""
    try:
        with path.open("rb") as fh:
            return read_backup_header(fh)
    except (OSError, ValueError):
        return None


def decrypt_file(path: Path, dest: Path, store: KeyStore | None = None) -> dict[str, Any]:
    """Decrypt an encrypted backup into ``dest``; its header. KeyUnavailable
    when this PC does not have the key version it names."""
    header = header_of(path)
    if header is None:
        raise CannotDecrypt("not an encrypted backup")
    version, key_id = int(header["key_version"]), str(header["key_id"])
    secret = (store or KeyStore()).load(key_id)
    if secret is None:
        raise KeyUnavailable(
            f"The backup {path.name} is encrypted with the branch's data key (version {version}), which this PC "
            f"does not have: import the key exported from the branch with 'branchdesk privacy import-key FILE' "
            f"and restore again.", version=version)
    with dest.open("wb") as out:
        copy_decrypted(path, out, DataKey(version, key_id, secret))
    return header
