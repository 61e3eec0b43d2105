"""Projecting events in batches (replay, sync pull) through the same projectors.

A projector keeps its per-event signature `(conn, event) -> set[Changed]`. During a batch it is
handed a `BatchConnection`: a plain insert with bound parameters (`conn.execute(insert(table),
row)`) is queued per table and written by one executemany when the batch flushes; any other
statement (a read, an update, a delete) flushes the queue first, so a projector always reads its
own and earlier events' writes. The batch also answers "is this the only event of its kind and
entity in the journal?" for all its events with one query (`only_event`): a fact with no rival
cannot already have its row (its projector is the only writer of that table), so the existence
SELECT of every fact is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy import Table, func, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from desk.platform import tables as t
from desk.platform.changes import Changed
from desk.platform.events import Event

_CHUNK = 400  # (kind, entity_id) pairs per IN query: below SQLite's bound-parameter limit


class BatchConnection:
    """A Connection proxy for projectors during a batch (see the module doc)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._queued: dict[Table, list[dict[str, Any]]] = {}
        self._multiplicity: Counter[tuple[str, str]] = Counter()

    def prepare(self, events: Iterable[Event]) -> None:
        """Count, in the journal, the events of each (kind, entity) of this batch (the events are
        in the journal already: they are appended before they are projected)."""
        self._multiplicity.clear()
        pairs = sorted({(e.kind, e.entity_id) for e in events})
        j = t.journal.c
        for i in range(0, len(pairs), _CHUNK):
            chunk = pairs[i:i + _CHUNK]
            rows = self._conn.execute(
                select(j.kind, j.entity_id, func.count())
                .where(tuple_(j.kind, j.entity_id).in_(chunk))
                .group_by(j.kind, j.entity_id)
            )
            for kind, entity_id, count in rows:
                self._multiplicity[(kind, entity_id)] = int(count)

    def only_event(self, e: Event) -> bool:
        return self._multiplicity.get((e.kind, e.entity_id), 0) == 1

    def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if (isinstance(statement, Insert) and parameters is not None and not kw
                and _plain_insert(statement)):
            rows = self._queued.setdefault(cast(Table, statement.table), [])
            if isinstance(parameters, dict):
                rows.append(parameters)
            else:
                rows.extend(parameters)
            return None
        self.flush()
        return self._conn.execute(statement, parameters, **kw)

    def exec_driver_sql(self, sql: str, parameters: Any = None) -> Any:
        """Raw SQL, for a projector's hot read path: it flushes only when it names a table with
        queued rows (a cheap, conservative test) and goes straight to the driver, returning the
        rows as tuples (SQLAlchemy's per-statement cost is most of a one-row probe)."""
        if any(table.name in sql for table in self._queued):
            self.flush()
        driver = self._conn.connection.driver_connection
        assert driver is not None
        return driver.execute(sql, parameters or ()).fetchall()

    def flush(self) -> None:
        """Write the queued rows, parents before children."""
        if not self._queued:
            return
        queued, self._queued = self._queued, {}
        order = _table_order()
        for table in sorted(queued, key=lambda tbl: order.get(tbl, len(order))):
            self._conn.execute(_insert_of(table), queued[table])

    def __getattr__(self, name: str) -> Any:
        self.flush()
        return getattr(self._conn, name)

    def as_connection(self) -> Connection:
        return cast(Connection, self)


def _plain_insert(statement: Insert) -> bool:
    """`insert(table)` with no values(), no RETURNING, no ON CONFLICT: safe to queue."""
    return (not statement._values and not statement._multi_values
            and not statement._returning and statement._post_values_clause is None
            and statement.select is None)


_INSERTS: dict[Table, Insert] = {}
_ORDER: dict[Table, int] = {}


def _table_order() -> dict[Table, int]:
    if not _ORDER:
        _ORDER.update({table: i for i, table in enumerate(t.metadata.sorted_tables)})
    return _ORDER


def _insert_of(table: Table) -> Insert:
    """One Insert object per table, so SQLAlchemy compiles it once and then hits its cache."""
    stmt = _INSERTS.get(table)
    if stmt is None:
        stmt = _INSERTS[table] = table.insert()
    return stmt


def no_rival(conn: Connection, e: Event) -> bool:
    """True when the projector runs in a batch that knows `e` is the only event of its kind and
    entity in the journal (so the fact's row cannot exist yet). False means "ask the table"."""
    batch: object = conn
    return isinstance(batch, BatchConnection) and batch.only_event(e)


def apply_batch(conn: Connection, events: list[Event],
                apply: Callable[[Connection, Event], set[Changed]]) -> set[Changed]:
    """Project `events` (already in the journal, in order) through `apply` as one batch."""
    batch = BatchConnection(conn)
    batch.prepare(events)
    proxy = batch.as_connection()
    changed: set[Changed] = set()
    for event in events:
        changed |= apply(proxy, event)
    batch.flush()
    return changed


def plain_insert(table: Table) -> Insert:
    """The cached insert statement projectors execute with a row of bound parameters."""
    return _insert_of(table)


