"""Branch-side state of the upstream sync: one row, owned by app.sync.

The cursor is the id of the last event head office has acknowledged; the
event log itself is the outbox (never deleted). Writing this row appends no
event on purpose: the bookkeeping of the outbox must not grow the outbox.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class SyncState(Base):
    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    cursor_event_id: Mapped[int] = mapped_column(Integer, default=0)
    # PostgreSQL: the cursor is (cursor_txid, cursor_event_id), events below the
    # oldest running transaction only (app/store/feed.py).
    cursor_txid: Mapped[int] = mapped_column(BigInteger, default=0)
    pushed_events: Mapped[int] = mapped_column(Integer, default=0)  # acknowledged, all time
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    last_error_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row, for the back-off
    # head-office setting key -> version last applied here
    pulled_versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
