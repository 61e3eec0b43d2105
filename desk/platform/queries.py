"""Read-side queries of the platform: the journal's size and the projections' row counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.driver_select import DriverSelect

if TYPE_CHECKING:
    from desk.platform.registry import Registry


@dataclass(frozen=True)
class JournalSummary:
    events: int
    devices: int


def exists(conn: Connection, table: Any, key: str, value: Any) -> bool:
    return _probe(table, key).first(conn, value=value) is not None


@lru_cache(maxsize=256)
def _probe(table: Any, key: str) -> DriverSelect:
    """Compiled once per table and column and run on the driver: handlers ask before nearly
    every command, and SQLAlchemy's cost per statement was most of the probe."""
    return DriverSelect(select(table.c[key]).where(table.c[key] == bindparam("value")).limit(1))


_CHUNK = 500  # keys per IN (...) query


def existing_keys(conn: Connection, column: Any, keys: set[str]) -> set[str]:
    """Which of `keys` are present in `column` (an import checks its many keys at once)."""
    ordered = sorted(keys)
    found: set[str] = set()
    for i in range(0, len(ordered), _CHUNK):
        found.update(r[0] for r in conn.execute(
            select(column).where(column.in_(ordered[i:i + _CHUNK]))))
    return found


def journal_summary(conn: Connection) -> JournalSummary:
    j = t.journal.c
    events = conn.execute(select(func.count()).select_from(t.journal)).scalar_one()
    devices = conn.execute(select(func.count(func.distinct(j.device_id)))).scalar_one()
    return JournalSummary(events=int(events), devices=int(devices))


def table_counts(conn: Connection, registry: Registry) -> dict[str, int]:
    return {table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in registry.projection_tables()}
