"""Opening a counter's database: SQLite in WAL mode with synchronous=FULL, migrated to head.

Every write transaction starts with BEGIN IMMEDIATE (see `write_connection`) so two writers never
deadlock on an upgrade from a read lock; a second writer waits (busy_timeout), then `db.locked`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import Connection as Connection  # re-exported: ui/ and printing/ hint
from sqlalchemy.exc import DatabaseError, OperationalError

from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.hlc import HybridLogicalClock
from desk.platform.migrate import current_revision, upgrade_to_head
from desk.platform.paths import DB_FILENAME as DB_FILENAME  # re-exported: its old home
from desk.platform.registry import Registry, RegistrySource
from desk.platform.settings import get_setting, set_setting
from desk.platform.upgrade import UpgradeOptions, refuse_newer, upgrade_with_backup

BUSY_TIMEOUT_MS = 5000

log = logging.getLogger(__name__)


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")  # projections are rebuilt in any order
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        # Writers take the write lock up front (no deadlock on a read->write upgrade); readers
        # use a deferred transaction and never block a writer, thanks to WAL.
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One counter's database file, with this device's identity and hybrid logical clock."""

    def __init__(self, engine: Engine, path: Path | None, wall_ms: Callable[[], int],
                 registry: RegistrySource) -> None:
        self.engine = engine
        self._registry = registry
        self._registry_lock = threading.Lock()
        self.path = path
        self.wall_ms = wall_ms
        self.device_id = ""
        self.hlc: HybridLogicalClock
        self.write_lock = threading.Lock()  # one writer at a time inside this process

    @classmethod
    def open(
        cls,
        path: Path | str | None,
        *,
        registry: RegistrySource,
        wall_ms: Callable[[], int] = wall_clock_ms,
        migrate: bool = True,
        upgrade: UpgradeOptions | None = None,
    ) -> Database:
        """Open (creating if needed) a database file; `None` opens a private in-memory one.
        Use desk.capabilities.open_database, which passes the registry (or desk.startup's, which
        passes it deferred: a migration that needs a replay loads it then)."""
        file_path = Path(path) if path is not None else None
        if file_path is not None:
            _check_location(file_path)
            if migrate:
                refuse_newer(file_path)
            url = f"sqlite:///{file_path}"
            engine = create_engine(url)
        else:
            from sqlalchemy.pool import StaticPool

            engine = create_engine(
                "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        _configure_sqlite(engine)
        db = cls(engine, file_path, wall_ms, registry)
        try:
            # The migrations get the registry through `db`: loaded for a replay, it stays loaded.
            if migrate and file_path is not None:
                opts = upgrade or UpgradeOptions()
                backup = upgrade_with_backup(engine, file_path, lambda: db.registry,
                                             free_space=opts.free_space, now=opts.now,
                                             progress=opts.progress)
                if backup is not None:
                    opts.taken.append(backup)
            elif migrate:
                upgrade_to_head(engine, lambda: db.registry)
            db._load_identity()
        except DatabaseError as exc:
            engine.dispose()
            raise _translate(exc, file_path) from exc
        except DeskError:
            engine.dispose()
            raise
        if file_path is not None and log.isEnabledFor(logging.INFO):
            log.info("database %s opened at schema %s (device %s)", file_path,
                     current_revision(engine), db.device_id)
        return db

    def _load_identity(self) -> None:
        with self.writing() as conn:
            device_id = get_setting(conn, "device_id")
            if device_id is None:
                device_id = f"dev-{uuid.uuid4().hex[:12]}"
                set_setting(conn, "device_id", device_id)
            last = conn.execute(
                select(t.journal.c.hlc)
                .where(t.journal.c.device_id == device_id)
                .order_by(t.journal.c.device_seq.desc())
                .limit(1)
            ).scalar()
        self.device_id = device_id
        self.hlc = HybridLogicalClock(device_id, self.wall_ms, last)

    @property
    def registry(self) -> Registry:
        """The capabilities: projectors, handlers, tables. Opened with a function instead (the
        app does, to show its login window before importing every capability), it is called
        once, on first use — the first command, a replay — from whichever thread gets there."""
        registry = self._registry
        if isinstance(registry, Registry):
            return registry
        with self._registry_lock:
            if not isinstance(self._registry, Registry):
                self._registry = self._registry()
            return self._registry

    @registry.setter
    def registry(self, registry: Registry) -> None:
        self._registry = registry

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE) that commits on success, under the write lock."""
        with (self.write_lock,
              self.engine.connect().execution_options(immediate=True) as conn,
              conn.begin()):
            yield conn

    def store_id(self) -> str | None:
        with self.engine.connect() as conn:
            return get_setting(conn, "store_id")

    def dispose(self) -> None:
        self.engine.dispose()


def _check_location(path: Path) -> None:
    folder = path.parent
    if path.exists():
        if path.is_dir():
            raise DeskError("db.not_a_database", path=str(path))
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise DeskError("db.not_a_database", path=str(path))
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise DeskError("db.read_only", path=str(path))
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise DeskError("db.read_only", path=str(folder)) from None
    if not os.access(folder, os.W_OK):
        raise DeskError("db.read_only", path=str(folder))


def _translate(exc: DatabaseError, path: Path | None) -> DeskError:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    where = str(path) if path else ":memory:"
    if "readonly" in message or "read-only" in message:
        return DeskError("db.read_only", path=where)
    if isinstance(exc, OperationalError) and "locked" in message:
        return DeskError("db.locked")
    return DeskError("db.not_a_database", path=where)
