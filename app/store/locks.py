"""Row locks where they matter: several PCs on one PostgreSQL database.

SQLite needs none: its writes already run inside ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

Q = TypeVar("Q", bound=Select)  # type: ignore[type-arg]


def lock_on_postgresql(s: Session, q: Q, lock: bool = True) -> Q:
    """``q`` with ``FOR UPDATE`` on PostgreSQL when ``lock`` is set, else ``q``."""
    if lock and s.bind is not None and s.bind.dialect.name == "postgresql":
        return q.with_for_update()
    return q
