"""A select compiled once and run straight on the SQLite driver, for a handler's hot reads.

SQLAlchemy's cost per executed statement (compile-cache lookup, parameter processing, the
result's metadata and Row objects: ~40-70 us) is many times what SQLite takes for a one-key
read of a few rows. A command that reads a ticket runs six such reads, and the demo's walk and
the counter's checklist run thousands of commands. `DriverSelect` keeps the statement written in
SQLAlchemy Core against the tables (names checked, one spelling of the SQL) but pays the
compilation once, and returns plain tuples in the statement's column order.

It only takes statements whose columns and parameters need no type processing (text, integers:
what SQLite returns is what SQLAlchemy would), so the rows are the same as `conn.execute`'s;
that is checked when the statement is built, not trusted. It runs on the caller's connection,
inside its transaction (and a batch's connection writes its queued rows first).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

_DIALECT = sqlite.dialect()


class DriverSelect:
    """`rows(conn, code=...)`: the statement's rows as tuples, on the driver."""

    def __init__(self, statement: Select[Any]) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        for column in statement.selected_columns:
            if column.type.result_processor(_DIALECT, None) is not None:
                raise TypeError(f"{column}: its type converts values; use conn.execute")
        binds = compiled.binds
        for bind in binds.values():
            if bind.type.bind_processor(_DIALECT) is not None:
                raise TypeError(f"{bind.key}: its type converts values; use conn.execute")
        self.sql = str(compiled)
        self._names = tuple(compiled.positiontup or ())
        self._defaults = {name: bind.value for name, bind in binds.items()
                          if bind.value is not None}

    def rows(self, conn: Connection, **params: Any) -> list[tuple[Any, ...]]:
        values = [params[name] if name in params else self._defaults[name]
                  for name in self._names]
        if not conn.in_transaction():
            conn.begin()  # as conn.execute would: the reads that follow share one snapshot
        driver = conn.connection.driver_connection
        assert driver is not None
        return list(driver.execute(self.sql, values).fetchall())

    def first(self, conn: Connection, **params: Any) -> tuple[Any, ...] | None:
        rows = self.rows(conn, **params)
        return rows[0] if rows else None
