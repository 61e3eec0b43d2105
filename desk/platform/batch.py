"""Projecting events in batches (replay, sync pull) through the same projectors.

A projector keeps its per-event signature `(conn, event) -> set[Changed]`. During a batch it is
handed a `BatchConnection`: a plain insert with bound parameters (`conn.execute(insert(table),
row)`) is queued per table and written, when the batch flushes, by one executemany per run of
rows with the same columns — straight to the SQLite driver with an INSERT built once per table
and column set (SQLAlchemy's per-row parameter processing cost more than SQLite's insert). Any
other statement (a read, an update, a delete) flushes the queue first, so a projector always reads
its own and earlier events' writes.

The batch also answers, for all its events with one query per few hundred of them, "is this the
only event of its kind and entity in the journal?" (`no_rival`): a fact with no rival cannot
already have its row (its projector is the only writer of that table), so the existence SELECT
of every fact is skipped. Work that only depends on the set of an entity's facts (a ticket's step
and status) can be deferred to the end of the batch with `once_per_batch`, done once per entity
for the whole batch instead of once per event.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Boolean, Table
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.queries import exists

_CHUNK = 400  # values per IN query: below SQLite's bound-parameter limit

# A batch-wide step: called with the connection and the keys gathered during the batch (in the
# order they were first named).
BatchStep = Callable[[Connection, list[str]], None]


class BatchConnection:
    """A Connection proxy for projectors during a batch (see the module doc)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        driver = conn.connection.driver_connection
        assert driver is not None
        self._driver = driver
        self._queued: dict[Table, list[dict[str, Any]]] = {}
        self._rivalled: set[tuple[str, str]] = set()
        self._deferred: dict[BatchStep, dict[str, None]] = {}
        self._known: dict[tuple[Table, str], set[Any]] = {}

    def prepare(self, events: Iterable[Event]) -> None:
        """Find, in the journal, the (kind, entity) pairs of this batch that have more than one
        event (the events are in the journal already: they are appended before they are
        projected). Only those few come back, so the query costs little Python."""
        self._rivalled.clear()
        entities = sorted({e.entity_id for e in events})
        for i in range(0, len(entities), _CHUNK):
            chunk = entities[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self._rivalled.update(self._driver.execute(
                "SELECT kind, entity_id FROM journal "
                f"WHERE entity_id IN ({marks}) GROUP BY kind, entity_id HAVING count(*) > 1",
                chunk).fetchall())

    def only_event(self, e: Event) -> bool:
        return (e.kind, e.entity_id) not in self._rivalled

    def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        table = _insert_table(statement)
        if table is not None and parameters is not None and not kw:
            queue = self._queued.get(table)
            if queue is None:
                queue = self._queued[table] = []
            if isinstance(parameters, dict):
                queue.append(parameters)
                rows: list[dict[str, Any]] = [parameters]
            else:
                rows = list(parameters)
                queue.extend(rows)
            if self._known:
                for (known_table, column), values in self._known.items():
                    if known_table is table:
                        values.update(row[column] for row in rows)
            return None
        self.flush()
        written = getattr(statement, "table", None)  # an update, a delete, an upsert
        if written is not None and self._known:
            self._known = {k: v for k, v in self._known.items() if k[0] is not written}
        return self._conn.execute(statement, parameters, **kw)

    def exec_driver_sql(self, sql: str, parameters: Any = None) -> Any:
        """Raw SQL, for a projector's hot read path: it flushes only when it names a table with
        queued rows (a cheap, conservative test) and goes straight to the driver, returning the
        rows as tuples (SQLAlchemy's per-statement cost is most of a one-row probe)."""
        if any(table.name in sql for table in self._queued):
            self.flush()
        return self._driver.execute(sql, parameters or ()).fetchall()

    def has_row(self, table: Table, column: str, value: Any) -> bool:
        """Whether a row of `table` has `column` == value: the column's distinct values are read
        once per batch and kept up to date with the rows the batch queues (a statement that
        writes the table otherwise drops them). For a probe that almost always answers no."""
        key = (table, column)
        known = self._known.get(key)
        if known is None:
            known = {row[0] for row in self._driver.execute(
                f'SELECT DISTINCT "{column}" FROM "{table.name}"')}
            known.update(row[column] for row in self._queued.get(table, ()))
            self._known[key] = known
        return value in known

    def defer(self, step: BatchStep, key: str) -> None:
        self._deferred.setdefault(step, {})[key] = None

    def finish(self) -> None:
        """Run the deferred batch-wide steps (each may queue more rows), then write them all."""
        while self._deferred:
            step, keys = next(iter(self._deferred.items()))
            del self._deferred[step]
            self.flush()
            step(self.as_connection(), list(keys))
        self.flush()

    def flush(self) -> None:
        """Write the queued rows, parents before children, in the order they were queued."""
        if not self._queued:
            return
        queued, self._queued = self._queued, {}
        order = _table_order(next(iter(queued)))
        for table in sorted(queued, key=lambda tbl: order.get(tbl, len(order))):
            _write(self._conn, self._driver, table, queued[table])

    def __getattr__(self, name: str) -> Any:
        self.flush()
        return getattr(self._conn, name)

    def as_connection(self) -> Connection:
        return cast(Connection, self)


class DirectConnection:
    """A Connection proxy for projecting one command's events: a plain insert with bound
    parameters is written at once, on the driver, with the INSERT a batch would use (nothing
    is queued: the next statement sees the row). SQLAlchemy's per-statement cost was most of
    writing a return's few rows. Anything else goes to the connection as it is."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        driver = conn.connection.driver_connection
        assert driver is not None
        self._driver = driver

    def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        table = _insert_table(statement)
        if table is None or parameters is None or kw:
            return self._conn.execute(statement, parameters, **kw)
        rows = [parameters] if isinstance(parameters, dict) else list(parameters)
        if rows:
            _write(self._conn, self._driver, table, rows)
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def as_connection(self) -> Connection:
        return cast(Connection, self)


def _insert_table(statement: Any) -> Table | None:
    """The table of a plain insert (`plain_insert(table)` or `insert(table)`), else None."""
    table = _QUEUEABLE.get(id(statement))
    if table is None and isinstance(statement, Insert) and _plain_insert(statement):
        table = cast(Table, statement.table)
    return table


def _plain_insert(statement: Insert) -> bool:
    """`insert(table)` with no values(), no RETURNING, no ON CONFLICT: safe to queue."""
    return (not statement._values and not statement._multi_values
            and not statement._returning and statement._post_values_clause is None
            and statement.select is None)


# --- writing queued rows -------------------------------------------------------------------------
_INSERTS: dict[Table, Insert] = {}
_QUEUEABLE: dict[int, Table] = {}  # id() of the cached plain inserts (kept alive by _INSERTS)
_ORDER: dict[Table, int] = {}
# (table, columns) -> (INSERT ... VALUES (?, ...), bind processors, defaults) or None: built once
_DRIVER_SQL: dict[tuple[Table, tuple[str, ...]],
                  tuple[str, tuple[Any, ...], tuple[Any, ...]] | None] = {}


def _table_order(any_table: Table) -> dict[Table, int]:
    if not _ORDER:
        _ORDER.update({table: i for i, table in enumerate(any_table.metadata.sorted_tables)})
    return _ORDER


def _insert_of(table: Table) -> Insert:
    """One Insert object per table, so SQLAlchemy compiles it once and then hits its cache."""
    stmt = _INSERTS.get(table)
    if stmt is None:
        stmt = _INSERTS[table] = table.insert()
        _QUEUEABLE[id(stmt)] = table
    return stmt


def _write(conn: Connection, driver: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """Each run of rows with the same columns in one executemany on the driver, in queue order
    (an autoincrement key must come out as it would row by row)."""
    start = 0
    while start < len(rows):
        keys = tuple(rows[start])
        end = start + 1
        while end < len(rows) and len(rows[end]) == len(keys) and tuple(rows[end]) == keys:
            end += 1
        run = rows[start:end]
        prepared = _driver_insert(conn, table, keys)
        if prepared is None:  # a column default SQLAlchemy computes: let it
            conn.execute(_insert_of(table), run)
        else:
            sql, processors, defaults = prepared
            if not processors:  # the usual case: the values as they are, in column order
                driver.executemany(sql, [(*row.values(), *defaults) for row in run])
            else:
                values = [[*row.values(), *defaults] for row in run]
                for i, process in processors:
                    for value in values:
                        if value[i] is not None:
                            value[i] = process(value[i])
                driver.executemany(sql, values)
        start = end


def _driver_insert(conn: Connection, table: Table,
                   keys: tuple[str, ...]) -> tuple[str, tuple[Any, ...], tuple[Any, ...]] | None:
    """The driver-level INSERT for these columns: (SQL, (position, bind processor) of the
    columns that have one (Boolean -> int...), the values of the omitted columns' constant
    defaults), or None when an omitted column's default is computed (a function, a sequence)."""
    cache_key = (table, keys)
    if cache_key in _DRIVER_SQL:
        return _DRIVER_SQL[cache_key]
    prepared: tuple[str, tuple[Any, ...], tuple[Any, ...]] | None = None
    omitted = [c for c in table.columns if c.name not in keys and c.default is not None]
    if all(getattr(c.default, "is_scalar", False) for c in omitted):
        dialect = conn.dialect
        processors = tuple((i, process) for i, k in enumerate(keys)
                           if not _binds_as_is(table.c[k].type)
                           and (process := table.c[k].type._cached_bind_processor(dialect)))
        defaults = []
        for c in omitted:
            value = getattr(c.default, "arg", None)
            process = c.type._cached_bind_processor(dialect)
            defaults.append(value if process is None or value is None else process(value))
        names = ", ".join(f'"{name}"' for name in (*keys, *(c.name for c in omitted)))
        marks = ", ".join("?" * (len(keys) + len(omitted)))
        prepared = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', processors,
                    tuple(defaults))
    _DRIVER_SQL[cache_key] = prepared
    return prepared


def _binds_as_is(column_type: Any) -> bool:
    """A Boolean column: SQLAlchemy's processor turns True into 1, which the sqlite3 driver does
    by itself (bool is an int), so the value can go as it is — one call fewer per row."""
    return isinstance(column_type, Boolean)


# --- what projectors call ------------------------------------------------------------------------
def no_rival(conn: Connection, e: Event) -> bool:
    """True when the projector runs in a batch that knows `e` is the only event of its kind and
    entity in the journal (so the fact's row cannot exist yet). False means "ask the table"."""
    batch: object = conn
    return isinstance(batch, BatchConnection) and batch.only_event(e)


def has_row(conn: Connection, table: Table, column: str, value: Any) -> bool:
    """Whether some row of `table` has `column` == value; in a batch, answered from the column's
    values read once per batch (see BatchConnection.has_row)."""
    batch: object = conn
    if isinstance(batch, BatchConnection):
        return batch.has_row(table, column, value)
    return exists(conn, table, column, value)  # a probe compiled once, run on the driver


def once_per_batch(conn: Connection, step: BatchStep, key: str) -> None:
    """Run `step(conn, [key, ...])` once at the end of the batch for every key named during it;
    outside a batch (a command's unit of work), now — or at the end of `steps_deferred`. For
    work that depends only on the set of an entity's facts, so doing it once after all of them
    gives what doing it after each would."""
    batch: object = conn
    if isinstance(batch, BatchConnection):
        batch.defer(step, key)
        return
    pending = conn.info.get(_DEFERRED)
    if pending is not None:
        pending.setdefault(step, {})[key] = None
    else:
        step(conn, [key])


_DEFERRED = "steps_deferred"  # the key in the connection's info


@contextmanager
def steps_deferred(conn: Connection) -> Iterator[None]:
    """Within it, the `once_per_batch` steps that commands' projectors name on `conn` wait; at
    its end (when nothing was raised) each runs once for all its keys, in the order first named.
    For a unit of work running many commands on the same entities (the demo walking tickets)
    whose handlers do not read what those steps write until the end."""
    pending: dict[BatchStep, dict[str, None]] = {}
    conn.info[_DEFERRED] = pending
    try:
        yield
    finally:
        del conn.info[_DEFERRED]
    while pending:
        step, keys = next(iter(pending.items()))
        del pending[step]
        step(conn, list(keys))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the length of a batch: a batch allocates
    hundreds of thousands of small objects (decoded payloads, rows), and every few thousand
    allocations the collector walked the whole heap again (measured: a third of a replay's time).
    A batch makes little cyclic garbage; what it makes is collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def apply_batch(conn: Connection, events: list[Event],
                apply: Callable[[Connection, Event], set[Changed]]) -> set[Changed]:
    """Project `events` (already in the journal, in order) through `apply` as one batch."""
    batch = BatchConnection(conn)
    batch.prepare(events)
    proxy = batch.as_connection()
    changed: set[Changed] = set()
    for event in events:
        changed |= apply(proxy, event)
    batch.finish()
    return changed


def plain_insert(table: Table) -> Insert:
    """The cached insert statement projectors execute with a row of bound parameters."""
    return _insert_of(table)
