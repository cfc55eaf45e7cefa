"""Daily counters that only ever grow (ticket numbers, complaint references).

One atomic ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` on SQLite and
PostgreSQL alike: two processes bumping the same counter at once each get
their own value, and a value is never handed out twice.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def bump_counter(s: Session, model: type[Any], **key: Any) -> int:
    """Add one to ``model.last_seq`` for the row ``key`` (created at 1) and return it."""
    dialect = s.get_bind().dialect.name
    ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(model)
    stmt = (
        ins.values(**key, last_seq=1)
        .on_conflict_do_update(index_elements=list(key), set_={"last_seq": model.last_seq + 1})
        .returning(model.last_seq)
    )
    return int(s.execute(stmt).scalar_one())
