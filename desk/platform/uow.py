"""Unit of work: one SQLite transaction in which a handler appends events and projects them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy.engine import Connection

from desk.platform.batch import DirectConnection, apply_batch, collector_paused
from desk.platform.changes import Changed
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.platform.events import Event, canonical_json
from desk.platform.journal import insert_events, new_event
from desk.platform.settings import get_setting


class UnitOfWork:
    """Use as a context manager; nothing is written unless `commit()` is called."""

    def __init__(self, db: Database, actor: str) -> None:
        self.db = db
        self.actor = actor
        self.changes: set[Changed] = set()
        self.events: list[Event] = []
        self._conn: Connection | None = None
        self._store_id: str | None = None
        # This device's chain head (device_seq, hash) once read: within the transaction (BEGIN
        # IMMEDIATE, the write lock held) only this unit of work appends, so a batch of events
        # needs one read of it, not one per event.
        self._head: tuple[int, str] | None = None
        # Events recorded inside `projected_together` (with their payloads' canonical JSON),
        # appended and projected at its end.
        self._together: list[tuple[Event, str]] | None = None
        self._direct: Connection | None = None  # what this unit's projectors write through

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self._conn

    def __enter__(self) -> UnitOfWork:
        self.db.write_lock.acquire()
        try:
            self._conn = self.db.engine.connect().execution_options(immediate=True)
            self._conn.begin()
        except Exception:
            self.db.write_lock.release()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self._conn is not None:
                if self._conn.in_transaction():
                    self._conn.rollback()
                self._conn.close()
        finally:
            self._conn = None
            self._head = None
            self._together = None
            self._direct = None
            self.db.write_lock.release()

    def store_id(self) -> str:
        if self._store_id is None:
            self._store_id = get_setting(self.conn, "store_id")
        if self._store_id is None:
            raise DeskError("device.not_initialised")
        return self._store_id

    def use_store(self, store_id: str) -> None:
        """For the first events of a new counter, before its store is set."""
        self._store_id = store_id

    def record(self, kind: str, entity_id: str, payload: dict[str, Any]) -> Event:
        """Append one event to the journal and project it, inside this transaction."""
        payload_json = canonical_json(payload)  # once, for both the hash and the journal row
        event = new_event(
            self.conn,
            store_id=self.store_id(),
            device_id=self.db.device_id,
            hlc=self.db.hlc.now(),
            actor=self.actor,
            kind=kind,
            entity_id=entity_id,
            payload=payload,
            head=self._head,
            payload_json=payload_json,
        )
        self._head = (event.device_seq, event.hash)
        self.events.append(event)
        if self._together is not None:
            self._together.append((event, payload_json))
            return event
        insert_events(self.conn, [event], [payload_json])
        if self._direct is None:
            self._direct = DirectConnection(self.conn).as_connection()
        self.changes |= self.db.registry.apply(self._direct, event)
        return event

    @contextmanager
    def projected_together(self) -> Iterator[None]:
        """The events recorded inside are appended to the journal at its end with one
        executemany and projected as one batch (`apply_batch`, as a replay projects them: the
        same projectors, the same tables as one by one). For a handler that has validated all
        of them before recording any (an import), so that none of its reads waits for another's
        projection; it costs a few times less per event."""
        if self._together is not None:
            raise RuntimeError("projected_together is not re-entrant")
        self._together = []
        try:
            yield
            together = self._together
        finally:
            self._together = None
        events = [event for event, _ in together]
        with collector_paused():
            insert_events(self.conn, events, [payload for _, payload in together])
            self.changes |= apply_batch(self.conn, events, self.db.registry.apply)

    def commit(self) -> None:
        self.conn.commit()
