"""Daily counters that only ever grow (ticket numbers, complaint references).

One atomic ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` on SQLite and
PostgreSQL alike: two processes bumping the same counter at once each get
their own value, and a value is never handed out twice.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.store.lean import Lean

_STATEMENTS: dict[tuple[str, type[Any], tuple[str, ...]], Lean] = {}


def bump_counter(s: Session, model: type[Any], **key: Any) -> int:
    """Add one to ``model.last_seq`` for the row ``key`` (created at 1) and return it."""
    dialect = s.get_bind().dialect.name
    names = tuple(sorted(key))
    stmt = _STATEMENTS.get((dialect, model, names))
    if stmt is None:  # built once per counter: building it cost more than running it
        table = model.__table__
        ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
        stmt = Lean(
            ins.values(**{k: bindparam(f"k_{k}", type_=table.c[k].type) for k in names}, last_seq=1)
            .on_conflict_do_update(index_elements=list(names), set_={"last_seq": table.c.last_seq + 1})
            .returning(table.c.last_seq)
        )
        _STATEMENTS[(dialect, model, names)] = stmt
    return int(stmt.tuples(s, {f"k_{k}": v for k, v in key.items()})[0][0])
