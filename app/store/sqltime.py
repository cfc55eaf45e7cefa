"""Durations computed by the database, on SQLite and PostgreSQL alike (a year
of rows, or a few hundred on every estimate refresh, without parsing each
timestamp in Python)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement


def seconds_between(dialect: str, start: Any, end: Any) -> ColumnElement[float]:
    """``end - start`` in seconds, in SQL (NULL when either is NULL)."""
    if dialect == "postgresql":  # exact: interval -> numeric seconds
        return cast(func.extract("epoch", end - start), Float)
    # julianday arithmetic carries ~1e-5 s of float noise; milliseconds are plenty
    # (and keep "at or under the target" exact at the boundary).
    return func.round((func.julianday(end) - func.julianday(start)) * literal(86400.0), 3)
