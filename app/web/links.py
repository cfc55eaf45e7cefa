"""The ticket's phone link: an unguessable token in the URL its QR code holds.

The token is the ticket's uuid with an HMAC tag (the branch's link key, kept
in ``branch_secrets``, never pushed): 26 bytes, 35 URL-safe characters. It
names no row a guest could guess or forge, and carries no personal data.
Head office never sees the key: the branch pushes a hash of each token
(``token_hash``) beside the ticket's figures, which the head-office page
looks up. A link works for its ticket's business day only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid as uuidlib

from sqlalchemy import select

from app.store.engine import Database
from app.store.models_beyond import BranchSecret

KEY_NAME = "web.link_key"
TAG_BYTES = 10


def link_key(db: Database) -> bytes:
    """The branch's link key (read once per process)."""
    key = db.memo.get(KEY_NAME)
    if key is None:
        with db.read() as s:
            value = s.scalar(select(BranchSecret.value).where(BranchSecret.name == KEY_NAME))
        if not value:
            raise LookupError("This database has no phone-link key (migration 0015 makes one).")
        key = db.memo[KEY_NAME] = value.encode()
    return key  # type: ignore[return-value]


def _tag(key: bytes, raw: bytes) -> bytes:
    return hmac.new(key, b"ticket-link:" + raw, hashlib.sha256).digest()[:TAG_BYTES]


def make_token(key: bytes, ticket_uuid: str) -> str:
    raw = uuidlib.UUID(ticket_uuid).bytes
    return base64.urlsafe_b64encode(raw + _tag(key, raw)).decode().rstrip("=")


def parse_token(key: bytes, token: str) -> str | None:
    """The ticket uuid a token names, or None for anything that is not a valid token."""
    if not token or len(token) != 35 or not token.isascii():
        return None
    try:
        data = base64.urlsafe_b64decode(token + "=")
    except (binascii.Error, ValueError):
        return None
    raw, tag = data[:16], data[16:]
    if len(tag) != TAG_BYTES or not hmac.compare_digest(tag, _tag(key, raw)):
        return None
    return str(uuidlib.UUID(bytes=raw))


def token_hash(token: str) -> str:
    """What head office stores to find a ticket by its link (not the link itself)."""
    return hashlib.sha256(token.encode()).hexdigest()


def ticket_url(public_url: str, key: bytes, ticket_uuid: str) -> str | None:
    """The phone page of a ticket, or None when the branch has no page address set."""
    base = (public_url or "").strip().rstrip("/")
    return f"{base}/t/{make_token(key, ticket_uuid)}" if base else None
