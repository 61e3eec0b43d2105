"""A select compiled once and run straight on the SQLite driver, for a handler's hot reads.

SQLAlchemy's cost per executed statement (compile-cache lookup, parameter processing, the
result's metadata and Row objects: ~40-70 us) is many times what SQLite takes for a one-key
read of a few rows. A command that reads a ticket runs six such reads, and the demo's walk and
the counter's checklist run thousands of commands. `DriverSelect` keeps the statement written in
SQLAlchemy Core against the tables (names checked, one spelling of the SQL) but pays the
compilation once, and returns plain tuples in the statement's column order.

The columns' and parameters' type processors are applied as SQLAlchemy applies them (a Boolean
comes back a bool), so the rows are the same as `conn.execute`'s. A list given at each call (IN
a bound list) is not supported: such a statement compiles per list length. It runs on the caller's
connection, inside its transaction (and a batch's connection writes its queued rows first).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

_DIALECT = sqlite.dialect()


def _impl(column_type: Any) -> Any:
    return column_type.dialect_impl(_DIALECT)


class DriverSelect:
    """`rows(conn, code=...)`: the statement's rows as tuples, on the driver."""

    def __init__(self, statement: Select[Any, Any]) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        asked = {name for name, bind in compiled.binds.items() if bind.value is None}
        if any(compiled.binds[name].expanding for name in asked):
            raise TypeError("a list parameter given at each call (IN ...): use conn.execute")
        # a literal list (`status.in_(("completed", "pending"))`) expanded once, here
        state = compiled.construct_expanded_state(dict.fromkeys(asked))
        self.sql = state.statement
        self._names = tuple(state.positiontup or ())
        self._defaults = {name: value for name, value in state.parameters.items()
                          if name not in asked}
        # the types' conversions, as SQLAlchemy applies them (a Boolean: int <-> bool)
        self._binders = {name: process for name, process in state.processors.items()
                         if process is not None}
        self._results = tuple(
            (i, process) for i, column in enumerate(statement.selected_columns)
            if (process := _impl(column.type).result_processor(_DIALECT, None)) is not None)

    def rows(self, conn: Connection, **params: Any) -> list[tuple[Any, ...]]:
        values = [params[name] if name in params else self._defaults[name]
                  for name in self._names]
        if self._binders:
            values = [self._bound(name, value) for name, value in zip(self._names, values,
                                                                     strict=True)]
        if not conn.in_transaction():
            conn.begin()  # as conn.execute would: the reads that follow share one snapshot
        driver = conn.connection.driver_connection
        assert driver is not None
        rows: list[tuple[Any, ...]] = driver.execute(self.sql, values).fetchall()
        if self._results:
            rows = [self._converted(row) for row in rows]
        return rows

    def _bound(self, name: str, value: Any) -> Any:
        process = self._binders.get(name)
        return value if process is None or value is None else process(value)

    def _converted(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(row)
        for i, process in self._results:
            out[i] = process(out[i])
        return tuple(out)

    def first(self, conn: Connection, **params: Any) -> tuple[Any, ...] | None:
        rows = self.rows(conn, **params)
        return rows[0] if rows else None
