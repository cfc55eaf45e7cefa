"""The hot paths' statements, run on the driver's cursor.

A Core statement executed through SQLAlchemy costs about 15-25 µs beyond
the database's own work (the compiled cache, the execution context, events,
the result object): with a dozen statements in a call and a finish, more than
the database itself. ``Lean`` compiles a statement once per dialect and runs it
on the DBAPI cursor of the session's own connection (so in its transaction),
with SQLAlchemy's own conversions of parameters and results (the same text,
the same stored formats), and its own wrapping of driver errors. Statements
with anything the driver cannot be handed as is (expanding parameters) are
not for this path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Float, bindparam
from sqlalchemy.engine import Connection
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ClauseElement


class _Compiled:
    __slots__ = ("sql", "order", "defaults", "binds", "columns", "converts")

    def __init__(self, stmt: ClauseElement, dialect: Any) -> None:
        c = stmt.compile(dialect=dialect)
        sql, written = c.string, set()
        for bp, name in c.bind_names.items():  # a value fixed in the statement (a separator): written in
            marker = f"__[POSTCOMPILE_{name}]"
            if marker in sql and not bp.expanding and not bp.required:
                sql = sql.replace(marker, c.render_literal_value(bp.effective_value, bp.type))
                written.add(name)
        if "POSTCOMPILE" in sql:
            raise ValueError("an expanding parameter (IN) cannot run on the driver's cursor: write it as text")
        self.sql = sql
        self.order = tuple(n for n in c.positiontup if n not in written) if c.positional else None  # type: ignore[union-attr]
        self.defaults = {name: bp.effective_value for bp, name in c.bind_names.items() if not bp.required}
        self.binds = tuple(c._bind_processors.items())
        self.columns = tuple(col.keyname for col in c._result_columns)
        processors = (_result_processor(col.type, dialect) for col in c._result_columns)
        self.converts = tuple((i, p) for i, p in enumerate(processors) if p is not None)


def _result_processor(type_: Any, dialect: Any) -> Any:
    """SQLAlchemy's conversion of a result column of ``type_``. psycopg's
    numeric types choose theirs by the column's type in the result, which a
    statement compiled once does not know: a float stays the driver's float
    (a Decimal becomes one), anything else stays as the driver gives it."""
    try:
        return type_._cached_result_processor(dialect, None)
    except (TypeError, InvalidRequestError):
        return _float if isinstance(type_, Float) and not type_.asdecimal else None


def _float(value: Any) -> float:
    return value if isinstance(value, float) else float(value)


class Lean:
    """A statement compiled once per dialect, run on the driver's cursor."""

    __slots__ = ("stmt", "_compiled")

    def __init__(self, stmt: ClauseElement) -> None:
        self.stmt = stmt
        self._compiled: dict[Any, _Compiled] = {}

    def _for(self, conn: Connection) -> _Compiled:
        dialect = conn.dialect
        found = self._compiled.get(dialect)
        if found is None:  # per dialect object: each engine's serializers
            if len(self._compiled) >= 8:  # a process that opens many databases (tests) keeps a few
                self._compiled.clear()
            found = self._compiled[dialect] = _Compiled(self.stmt, dialect)
        return found

    def run(self, s: Session | Connection, params: Mapping[str, Any] | None = None) -> Any:
        """Execute with ``params`` (names as the statement's bind parameters);
        returns the driver's cursor (rows unconverted: use ``rows``/``first``)."""
        conn = _connection(s)
        c = self._for(conn)
        values = dict(c.defaults, **params) if params else dict(c.defaults)
        for name, process in c.binds:
            if name in values:
                values[name] = process(values[name])
        args: Sequence[Any] | Mapping[str, Any] = values if c.order is None else [values[n] for n in c.order]
        raw = conn.connection.driver_connection
        cursor = raw.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(c.sql, args)
        except conn.dialect.loaded_dbapi.Error as exc:
            cursor.close()
            conn._handle_dbapi_exception(exc, c.sql, args, cursor, None)  # raises SQLAlchemy's own error
            raise
        return cursor

    def rowcount(self, s: Session | Connection, params: Mapping[str, Any] | None = None) -> int:
        cursor = self.run(s, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def tuples(self, s: Session | Connection, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row, its values converted as SQLAlchemy would."""
        conn = _connection(s)
        cursor = self.run(conn, params)
        try:
            rows = cursor.fetchall()
        finally:
            cursor.close()
        converts = self._for(conn).converts
        if not converts:
            return [tuple(r) for r in rows]
        out = []
        for r in rows:
            values = list(r)
            for i, convert in converts:
                if values[i] is not None:
                    values[i] = convert(values[i])
            out.append(tuple(values))
        return out

    def records(self, s: Session | Connection, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Every row as a ``Record`` (values by column name)."""
        conn = _connection(s)
        names = self._for(conn).columns
        return [Record(**dict(zip(names, r))) for r in self.tuples(conn, params)]

    def first(self, s: Session | Connection, params: Mapping[str, Any] | None = None) -> Record | None:
        found = self.records(s, params)
        return found[0] if found else None


def written_list(values: Iterable[Any]) -> str:
    """Constants as an SQL list (``'waiting', 'transferred'``), written into a
    statement: one compiled statement whatever the list, and partial indexes
    that both planners use only for a literal list. For code constants only."""
    out = []
    for v in values:
        text = str(getattr(v, "value", v))
        if "'" in text or "\\" in text:
            raise ValueError(f"{text!r} cannot be written into a statement")
        out.append(f"'{text}'")
    return ", ".join(out)


class ByIds:
    """``stmt`` for any number of ids: ``column IN`` a fixed number of slots
    (unused ones: -1), so one compiled statement serves every read, where an
    expanding IN is compiled for each count of ids."""

    __slots__ = ("lean", "slots")

    def __init__(self, stmt: Any, column: Any, slots: int) -> None:
        self.slots = slots
        self.lean = Lean(stmt.where(column.in_([bindparam(f"i{k}") for k in range(slots)])))

    def tuples(self, s: Session | Connection, ids: Sequence[int],
               params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The rows for ``ids``, a statement per ``slots`` of them (``params``:
        the statement's other parameters)."""
        out: list[tuple[Any, ...]] = []
        for k in range(0, len(ids), self.slots):
            chunk = ids[k:k + self.slots]
            values = {f"i{j}": chunk[j] if j < len(chunk) else -1 for j in range(self.slots)}
            out += self.lean.tuples(s, {**params, **values} if params else values)
        return out

    def records(self, s: Session | Connection, ids: Sequence[int]) -> list[Record]:
        names = self.lean._for(_connection(s)).columns
        return [Record(**dict(zip(names, r))) for r in self.tuples(s, ids)]


def _connection(s: Session | Connection) -> Connection:
    """The connection of ``s``'s transaction (asked of the session once: asking
    costs about 10 µs, a dozen times per call and finish)."""
    if not isinstance(s, Session):
        return s
    conn = s.info.get(_CONNECTION)
    if conn is None or conn.closed or not conn.in_transaction():
        conn = s.info[_CONNECTION] = s.connection()
    return conn  # type: ignore[no-any-return]


_CONNECTION = "lean_connection"


class Record(SimpleNamespace):
    """One row by column name (``row.state``; ``row._mapping`` as a Core row's)."""

    @property
    def _mapping(self) -> dict[str, Any]:
        return vars(self)

