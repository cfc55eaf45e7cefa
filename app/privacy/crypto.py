"""The ciphers: AES-256-GCM for fields and backup files, HMAC-SHA256 for the
phone index, scrypt for a passphrase-wrapped key export.

One random 32-byte data key per branch database and key version; each use has
its own subkey derived from it (HKDF-SHA256), so a field ciphertext, a backup
and a phone index never share a key. A field ciphertext is text,
``k<version>:<base64 of nonce + ciphertext + tag>``, and is bound to its field
and row (the associated data ``"tickets.customer_name:<uuid>"``): copied to
another row or field it does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12


class CannotDecrypt(Exception):
    """A ciphertext does not open with the key given (wrong key, or altered)."""


def new_secret() -> bytes:
    return os.urandom(KEY_BYTES)


def _derive(secret: bytes, purpose: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=b"branchdesk/" + purpose).derive(secret)


@dataclass(frozen=True)
class DataKey:
    """One version of the branch's data key, with its subkeys."""

    version: int
    key_id: str
    secret: bytes = field(repr=False)

    @cached_property
    def _fields(self) -> AESGCM:
        return AESGCM(_derive(self.secret, b"fields/1"))

    @cached_property
    def _index(self) -> bytes:
        return _derive(self.secret, b"phone-index/1")

    @cached_property
    def _backup(self) -> bytes:
        return _derive(self.secret, b"backup/1")

    def seal(self, text: str, aad: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._fields.encrypt(nonce, text.encode("utf-8"), aad.encode("utf-8"))
        return f"k{self.version}:" + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, token: str, aad: str) -> str:
        raw = base64.b64decode(token.split(":", 1)[1])
        try:
            return self._fields.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode("utf-8")).decode("utf-8")
        except InvalidTag:
            raise CannotDecrypt(f"key version {self.version}") from None

    def index(self, text: str) -> str:
        """The keyed hash of a normalised value (searchable, not reversible)."""
        return hmac.new(self._index, text.encode("utf-8"), hashlib.sha256).hexdigest()[:40]

    def check_value(self) -> str:
        """A ciphertext of a known text: tells whether a key file is this version's key."""
        return self.seal("branchdesk key check", f"check:{self.key_id}")

    def matches(self, check: str) -> bool:
        try:
            return self.open(check, f"check:{self.key_id}") == "branchdesk key check"
        except (CannotDecrypt, ValueError, IndexError):
            return False


def version_of(token: str) -> int:
    """The key version a field ciphertext names; ValueError for anything else."""
    head, sep, _ = token.partition(":")
    if not sep or not head.startswith("k") or not head[1:].isdigit():
        raise ValueError("not a BranchDesk ciphertext")
    return int(head[1:])


def is_sealed(value: str | None) -> bool:
    if not value:
        return False
    try:
        version_of(value)
    except ValueError:
        return False
    return True


# --- backup files ----------------------------------------------------------

BACKUP_MAGIC = b"BranchDesk encrypted backup 1\n"
CHUNK = 1 << 20


def _chunk_nonce(n: int) -> bytes:
    return b"\0\0\0\0" + struct.pack(">Q", n)


def encrypt_stream(src: BinaryIO, dst: BinaryIO, key: DataKey, header: dict[str, Any]) -> None:
    """Write ``src`` encrypted: magic, header (key version, id, salt, ...), then
    chunks, each authenticated with its position and whether it is the last,
    so a reordered or truncated file does not open."""
    salt = os.urandom(16)
    head = json.dumps({**header, "key_version": key.version, "key_id": key.key_id,
                       "salt": base64.b64encode(salt).decode()}, sort_keys=True).encode()
    aead = AESGCM(_derive(key._backup, b"backup-file/1", salt))
    digest = hashlib.sha256(BACKUP_MAGIC + head).digest()
    dst.write(BACKUP_MAGIC + struct.pack(">I", len(head)) + head)
    n = 0
    block = src.read(CHUNK)
    while True:
        following = src.read(CHUNK) if block else b""
        last = not following
        sealed = aead.encrypt(_chunk_nonce(n), block, digest + (b"\1" if last else b"\0"))
        dst.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        block, n = following, n + 1


def read_backup_header(fh: BinaryIO) -> dict[str, Any] | None:
    """The header of an encrypted backup (file positioned after it), or None."""
    if fh.read(len(BACKUP_MAGIC)) != BACKUP_MAGIC:
        return None
    (size,) = struct.unpack(">I", fh.read(4))
    head = fh.read(size)
    doc = json.loads(head)
    doc["_digest"] = hashlib.sha256(BACKUP_MAGIC + head).hexdigest()
    return doc


def decrypt_stream(fh: BinaryIO, dst: BinaryIO, key: DataKey, header: dict[str, Any]) -> None:
    """Decrypt the chunks after ``read_backup_header``; CannotDecrypt when the
    key is wrong or the file was altered or cut short."""
    aead = AESGCM(_derive(key._backup, b"backup-file/1", base64.b64decode(header["salt"])))
    digest = bytes.fromhex(header["_digest"])
    for n, (sealed, last) in enumerate(_chunks(fh)):
        try:
            dst.write(aead.decrypt(_chunk_nonce(n), sealed, digest + (b"\1" if last else b"\0")))
        except InvalidTag:
            raise CannotDecrypt("backup") from None
        if last:
            return
    raise CannotDecrypt("backup cut short")


def _chunks(fh: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    size = fh.read(4)
    while len(size) == 4:
        sealed = fh.read(struct.unpack(">I", size)[0])
        size = fh.read(4)
        yield sealed, len(size) < 4
    return


def copy_decrypted(path: Path, dst: BinaryIO, key: DataKey) -> None:
    with path.open("rb") as fh:
        header = read_backup_header(fh)
        if header is None:
            raise CannotDecrypt("not an encrypted backup")
        decrypt_stream(fh, dst, key, header)


# --- passphrase wrapping (key export) --------------------------------------

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


def wrap(plaintext: bytes, passphrase: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(NONCE_BYTES)
    kek = Scrypt(salt=salt, length=KEY_BYTES, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode())
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64(salt), "nonce": b64(nonce),
            "ciphertext": b64(AESGCM(kek).encrypt(nonce, plaintext, b"branchdesk key export"))}


def unwrap(doc: dict[str, Any], passphrase: str) -> bytes:
    """The wrapped bytes; CannotDecrypt for a wrong passphrase or an altered file."""
    try:
        kek = Scrypt(salt=base64.b64decode(doc["salt"]), length=KEY_BYTES, n=int(doc["n"]), r=int(doc["r"]),
                     p=int(doc["p"])).derive(passphrase.encode())
        return AESGCM(kek).decrypt(base64.b64decode(doc["nonce"]), base64.b64decode(doc["ciphertext"]),
                                   b"branchdesk key export")
    except (InvalidTag, KeyError, ValueError, TypeError):
        raise CannotDecrypt("passphrase") from None
