"""Refilling the tables an upgrade adds, without replaying the whole journal.

A migration that adds projection tables names them (`mark_stale`, run inside the migration), and
names the event kinds it teaches the projections; once the schema is at head, `replay_stale`
fills them. When every named table has a refill (desk.platform.registry.Refill, declared by the
capability that owns the table), only those tables are emptied and only the events of the
refills' and the new kinds are read and projected — on the large demo ~20 000 repair facts
instead of 326 000 events. A table without a refill, or a marker an older release wrote (a
revision number), replays the whole journal.

Both run inside the caller's transaction: interrupted, nothing of it stays.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.journal import iter_event_batches
from desk.platform.projections import (
    REPLAY_BATCH,
    REPLAY_CACHE_KIB,
    lookup_indexes_later,
    page_cache,
    rebuild,
    replay_batches,
)
from desk.platform.registry import Projector, Refill, Registry
from desk.platform.settings import get_setting

Progress = Callable[[int, int], None]  # (events replayed, events to replay)
STALE_KEY = "projections_stale"  # local_settings: what is stale, as JSON (Stale.as_json)
EVERY_TABLE = "*"


@dataclass(frozen=True)
class Stale:
    """What an upgrade left to fill: `tables` to empty and refill (EVERY_TABLE: replay the whole
    journal), and `kinds` of events this schema projects for the first time — an older release
    kept such events (pulled from newer counters) without projecting them."""

    tables: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()

    def __or__(self, other: Stale) -> Stale:
        return Stale(self.tables | other.tables, self.kinds | other.kinds)

    def as_json(self) -> str:
        return json.dumps({"tables": sorted(self.tables), "kinds": sorted(self.kinds)})

    @classmethod
    def from_json(cls, value: str) -> Stale:
        """An older release wrote a revision number here: that asks for a whole replay."""
        try:
            found = json.loads(value)
            return cls(frozenset(map(str, found["tables"])), frozenset(map(str, found["kinds"])))
        except (ValueError, TypeError, KeyError):
            return cls(frozenset({EVERY_TABLE}))


def mark_stale(conn: Connection, tables: Iterable[str] = (), kinds: Iterable[str] = ()) -> None:
    """Note (inside a migration) tables to fill and kinds to project once the schema is at
    head; adds to what earlier migrations of the same upgrade noted."""
    noted = stale(conn) or Stale()
    merged = noted | Stale(frozenset(tables), frozenset(kinds))
    conn.execute(text("INSERT INTO local_settings(key, value) VALUES (:k, :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                 {"k": STALE_KEY, "v": merged.as_json()})


def stale(conn: Connection) -> Stale | None:
    value = get_setting(conn, STALE_KEY)
    return None if value is None else Stale.from_json(value)


def replay_stale(conn: Connection, registry: Registry, progress: Progress | None = None) -> int:
    """Fill what is noted stale and clear the note; returns the events replayed. The new kinds
    first, through their whole projectors (sync already delivers events late, in any order, and
    the projections come out the same: here they simply arrive last); then the refills, whose
    finishing steps see every table complete."""
    noted = stale(conn)
    if noted is None:
        return 0
    plan = None if EVERY_TABLE in noted.tables else registry.refills_for(noted.tables)
    if plan is None:
        count = rebuild(conn, registry, progress)
    else:  # one bar for both passes
        first = _count(conn, noted.kinds)
        whole = first + _count(conn, _by_kind(plan))
        count = project_kinds(conn, registry, noted.kinds, _shifted(progress, 0, whole))
        count += refill(conn, registry, plan, _shifted(progress, first, whole))
    conn.execute(text("DELETE FROM local_settings WHERE key = :k"), {"k": STALE_KEY})
    return count


def project_kinds(conn: Connection, registry: Registry, kinds: Iterable[str],
                  progress: Progress | None = None) -> int:
    """Project the journal's events of `kinds`, in order, as a pull would (invariants too)."""
    wanted = sorted(set(kinds))
    return _replay(conn, wanted, registry.apply, progress) if wanted else 0


def refill(conn: Connection, registry: Registry, plan: tuple[Refill, ...],
           progress: Progress | None = None) -> int:
    """Empty the refills' tables, project the journal's events of their kinds through their
    projectors, then run their finishing steps. Returns the events projected."""
    if not plan:
        return 0
    mine = {table for r in plan for table in r.tables}
    tables = tuple(table for table in registry.projection_tables() if table in mine)
    for table in reversed(tables):  # children first
        conn.execute(delete(table))
    projectors = _by_kind(plan)
    with lookup_indexes_later(conn, tables), page_cache(conn, REPLAY_CACHE_KIB):
        count = _replay(conn, sorted(projectors), _dispatch(projectors), progress)
        for r in plan:
            if r.finish is not None:
                r.finish(conn)
    return count


def _replay(conn: Connection, kinds: list[str],
            apply: Callable[[Connection, Event], set[Changed]],
            progress: Progress | None) -> int:
    """The journal's events of `kinds`, in order, through `apply` in batches."""
    total = _count(conn, kinds)
    count = replay_batches(conn, iter_event_batches(conn, REPLAY_BATCH, kinds=kinds), apply,
                           total, progress)
    if progress is not None:
        progress(count, total)
    return count


def _count(conn: Connection, kinds: Iterable[str]) -> int:
    wanted = sorted(kinds)
    if not wanted:
        return 0
    return int(conn.execute(select(func.count()).select_from(t.journal)
                            .where(t.journal.c.kind.in_(wanted))).scalar_one())


def _shifted(progress: Progress | None, before: int, whole: int) -> Progress | None:
    """A pass's progress as part of the whole: `before` events done by earlier passes."""
    if progress is None:
        return None
    report = progress
    return lambda done, _total: report(before + done, whole)


def _by_kind(plan: tuple[Refill, ...]) -> dict[str, list[Projector]]:
    found: dict[str, list[Projector]] = {}
    for r in plan:
        for kind, projector in r.projectors.items():
            found.setdefault(kind, []).append(projector)
    return found


def _dispatch(projectors: dict[str, list[Projector]]) -> Callable[[Connection, Event],
                                                                   set[Changed]]:
    def apply(conn: Connection, e: Event) -> set[Changed]:
        changed: set[Changed] = set()
        for projector in projectors[e.kind]:
            changed |= projector(conn, e)
        return changed
    return apply
