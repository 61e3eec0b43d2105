"""What every capability's projections stand on: rebuilding the tables from the journal, and the
helpers for facts that two counters may record with the same key.

Each capability owns the projector of each of its event kinds (desk/<capability>/projections.py,
listed in its capability.py). Replaying the whole journal through them gives the same tables
(`desk db rebuild`). Facts are inserted; editable fields are last-writer-wins per field by HLC.

Events from several counters (sync): two counters may record, offline, a fact with the same key (a
receipt number, a customer id, a ticket code). Such projections must not fail and must come out
the same on every counter whatever order the events arrive in: the row follows a deterministic
winner among all events of that kind and entity in the journal, and differing contents become a
recorded conflict.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.batch import apply_batch, collector_paused, no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event
from desk.platform.journal import event_from_row, iter_event_batches
from desk.platform.tables import LOOKUP_ONLY

if TYPE_CHECKING:
    from desk.platform.registry import Registry

def rivals(conn: Connection, kind: str, entity_id: str) -> list[Event]:
    """Every event of this kind and entity in the journal, oldest first by HLC."""
    j = t.journal.c
    rows = conn.execute(select(t.journal).where(j.entity_id == entity_id, j.kind == kind)).all()
    return sorted((event_from_row(r) for r in rows), key=lambda e: (e.hlc, e.event_id))


def differ(events: list[Event], ignore: tuple[str, ...] = ()) -> bool:
    contents = {(e.store_id, json.dumps({k: v for k, v in e.payload.items() if k not in ignore},
                                        sort_keys=True)) for e in events}
    return len(contents) > 1


def unique_fact(conn: Connection, e: Event, table: Any, key: str, code: str,
                insert_fn: Callable[[Connection, Event], None],
                children: tuple[Any, ...] = ()) -> set[Changed]:
    """Insert the fact, or (its key is taken) re-project the first one by HLC and record a
    conflict when the contents differ. Returns {CONFLICTS} when one was recorded."""
    if no_rival(conn, e) or conn.execute(
            select(table.c[key]).where(table.c[key] == e.entity_id)).first() is None:
        insert_fn(conn, e)
        return set()
    found = rivals(conn, e.kind, e.entity_id)
    changed: set[Changed] = set()
    if differ(found):
        record_conflict(conn, code, e.entity_id, e.store_id, found)
        changed.add(Changed.CONFLICTS)
    for tbl in (*children, table):
        conn.execute(delete(tbl).where(tbl.c[key] == e.entity_id))
    insert_fn(conn, found[0] if found else e)
    return changed


def last_writer(conn: Connection, e: Event) -> Event:
    """The newest (by HLC) event of this kind and entity: for upserted reference data."""
    found = rivals(conn, e.kind, e.entity_id)
    return found[-1] if found else e


def upsert(conn: Connection, table: Any, key: str, row: dict[str, Any]) -> None:
    exists = conn.execute(select(table.c[key]).where(table.c[key] == row[key])).first()
    if exists:
        conn.execute(update(table).where(table.c[key] == row[key]).values(**row))
    else:
        conn.execute(plain_insert(table), row)


Progress = Callable[[int, int], None]  # (events replayed, events in the journal)
REPLAY_BATCH = 5000


def rebuild(conn: Connection, registry: Registry, progress: Progress | None = None) -> int:
    """Empty every projection table and replay the journal into them, in batches, inside the
    caller's transaction (interrupted, it rolls back: the previous tables stay). Returns events
    replayed; `progress` hears after each batch (the last report comes once the lookup indexes
    are built again)."""
    tables = registry.projection_tables()
    for table in reversed(tables):
        conn.execute(delete(table))
    total = int(conn.execute(select(func.count()).select_from(t.journal)).scalar_one())
    with lookup_indexes_later(conn, tables), page_cache(conn, REPLAY_CACHE_KIB):
        count = replay_batches(conn, iter_event_batches(conn, REPLAY_BATCH), registry.apply,
                               total, progress)
    if progress is not None:
        progress(count, total)
    return count


def replay_batches(conn: Connection, batches: Iterator[list[Event]],
                   apply: Callable[[Connection, Event], set[Changed]], total: int,
                   progress: Progress | None) -> int:
    """Project each batch through `apply` (the collector paused while one is read and
    projected); `progress` hears after each batch but the last (the caller reports the end).
    Returns the events projected."""
    count = 0
    while True:
        with collector_paused():  # reading and projecting a batch
            events = next(batches, None)
            if events is None:
                break
            apply_batch(conn, events, apply)
        count += len(events)
        if progress is not None and count < total:
            progress(count, total)
    return count


# SQLite's page cache while replaying (per connection; 2 MB by default): the projection tables'
# B-trees of a large store do not fit in 2 MB, and an insert then reads its pages back from the
# OS again and again. Allocated as pages are used, given back after the replay.
REPLAY_CACHE_KIB = 128 * 1024


@contextmanager
def page_cache(conn: Connection, kib: int) -> Iterator[None]:
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


@contextmanager
def lookup_indexes_later(conn: Connection, tables: tuple[Any, ...]) -> Iterator[None]:
    """Drop the tables' lookup-only indexes (desk.platform.tables.LOOKUP_ONLY) for the length of
    the block and build them again after it, from their own SQL as the database has it (an older
    schema being upgraded keeps its indexes exactly). Inside the caller's transaction: a failure
    rolls the drop back too."""
    saved = drop_lookup_indexes(conn, tables)
    yield
    for sql in saved:
        conn.exec_driver_sql(sql)


def drop_lookup_indexes(conn: Connection, tables: tuple[Any, ...]) -> list[str]:
    """Drop the tables' lookup-only indexes that the database has; returns the SQL that builds
    them again, as the database spelt it."""
    names = sorted(ix.name for table in tables for ix in table.indexes
                   if ix.info.get(LOOKUP_ONLY) and ix.name)
    marks = ",".join("?" * len(names))
    saved = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",
        tuple(names)).all() if names else []
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [str(sql) for _name, sql in saved]
