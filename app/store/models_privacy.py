"""Privacy tables: the data key's versions (never the key itself) and the
login throttle (migration 0011)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class PrivacyKey(Base):
    """One version of the branch's data key. The key itself is kept outside the
    database (app/privacy/keys.py); ``check`` is a ciphertext of a known text
    that tells whether a PC's key file is this version's key."""

    __tablename__ = "privacy_keys"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(36), unique=True)
    check: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # No row uses this version any more (a rotation finished) ...
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # ... and no kept backup needs it: its key files are deleted.
    destroyed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginThrottle(Base):
    """Failed logins per username (known or not): after five, a growing wait."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
