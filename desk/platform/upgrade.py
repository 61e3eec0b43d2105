"""Upgrading a data directory safely: a backup first, the migration, the backup back on failure.

    <home>/desk.sqlite3                       the database
    <home>/backups/desk-<rev>-<stamp>.sqlite3 a copy taken (SQLite backup API) before migrating
    <home>/upgrade-in-progress.json           written after the backup, removed when at head

A start that finds the marker (the last upgrade was killed half way) puts the backup back before
anything else, then upgrades again from there: never a half-migrated database. Pruning keeps the
newest KEEP_LAST backups and every backup younger than KEEP_DAYS days.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from desk.platform.errors import DeskError
from desk.platform.migrate import Progress, current_revision, head_revision, known_revisions
from desk.platform.migrate import upgrade_to_head as migrate_to_head
from desk.platform.registry import RegistrySource

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
MARKER = "upgrade-in-progress.json"
KEEP_LAST = 5
KEEP_DAYS = 30
SPARE_BYTES = 16 * 1024 * 1024  # room left over after the copy (the WAL, the log)

FreeSpace = Callable[[Path], int]


def disk_free(folder: Path) -> int:
    return shutil.disk_usage(folder).free


@dataclass(frozen=True)
class UpgradeOptions:
    """How an older database is upgraded: free space (a test seam), clock, replay progress."""

    free_space: FreeSpace = disk_free
    now: Callable[[], datetime] = datetime.now
    progress: Progress | None = None
    taken: list[Path] = field(default_factory=list)  # the backup taken, for whoever asked


def upgrade_with_backup(engine: Engine, path: Path, registry: RegistrySource, *,
                        free_space: FreeSpace = disk_free,
                        now: Callable[[], datetime] = datetime.now,
                        progress: Progress | None = None) -> Path | None:
    """Bring the database at `path` to head; returns the backup taken (None: nothing to do)."""
    home = path.parent
    restore_interrupted(engine, path)
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise DeskError("db.newer_schema", found=current)
    if current is None or current == head_revision():
        migrate_to_head(engine, registry, progress=progress)  # a new database, or at head
        return None
    backup = take_backup(path, current, free_space=free_space, now=now)
    log.info("upgrading %s from schema %s to %s; backup %s", path, current, head_revision(),
             backup)
    write_marker(home, backup, current)
    try:
        migrate_to_head(engine, registry, progress=progress)
    except Exception as exc:
        log.exception("upgrade from schema %s failed; restoring the backup %s", current, backup)
        restore(engine, path, backup)
        (home / MARKER).unlink(missing_ok=True)
        reason = exc.code if isinstance(exc, DeskError) else type(exc).__name__
        raise DeskError("db.upgrade_failed", found=current, backup=str(backup),
                        reason=reason) from exc
    (home / MARKER).unlink(missing_ok=True)
    pruned = prune_backups(home / BACKUP_FOLDER, now=now)
    log.info("upgraded %s to schema %s; %d old backup(s) pruned", path, head_revision(),
             len(pruned))
    return backup


def refuse_newer(path: Path) -> None:
    """`db.newer_schema` for a file a newer program wrote, read-only (the file is not touched:
    opening it through the engine would already switch it to WAL)."""
    found = schema_on_disk(path)
    if found is not None and found not in known_revisions():
        raise DeskError("db.newer_schema", found=found)


def schema_on_disk(path: Path) -> str | None:
    """The schema revision of the database file at `path`, read-only; None when there is no
    file, no schema yet, or it is not a database (the usual checks say so later)."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None if found is None else str(found[0])


def needs_upgrade(path: Path) -> bool:
    """An older schema this program upgrades (with a backup, and maybe a replay), or an upgrade
    that was interrupted: what the app shows progress for before it opens the file."""
    if (path.parent / MARKER).exists():
        return True
    found = schema_on_disk(path)
    return found is not None and found in known_revisions() and found != head_revision()


def take_backup(path: Path, revision: str, *, free_space: FreeSpace,
                now: Callable[[], datetime]) -> Path:
    folder = path.parent / BACKUP_FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        raise DeskError("db.backup_unwritable", path=str(folder)) from None
    if not os.access(folder, os.W_OK):
        raise DeskError("db.backup_unwritable", path=str(folder))
    needed = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) + SPARE_BYTES
    if free_space(folder) < needed:
        raise DeskError("db.backup_no_space", path=str(folder), mib=needed // 2**20 + 1)
    target = folder / f"desk-{revision}-{now().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        copy_database(path, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error):
        partial.unlink(missing_ok=True)
        raise DeskError("db.backup_unwritable", path=str(folder)) from None
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the WAL's content included)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def write_marker(home: Path, backup: Path, revision: str) -> None:
    marker = home / MARKER
    partial = marker.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump({"backup": backup.name, "from": revision}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, marker)


def restore_interrupted(engine: Engine, path: Path) -> str | None:
    """The last upgrade did not finish: put its backup back. Returns the revision restored."""
    marker = path.parent / MARKER
    if not marker.exists():
        return None
    facts = json.loads(marker.read_text(encoding="utf-8"))
    log.warning("the last upgrade did not finish: restoring the backup %s", facts["backup"])
    restore(engine, path, path.parent / BACKUP_FOLDER / facts["backup"])
    marker.unlink()
    return str(facts["from"])


def restore(engine: Engine, path: Path, backup: Path) -> None:
    engine.dispose()  # no connection may hold the file (or its WAL) while it is replaced
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup, partial)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    os.replace(partial, path)


def prune_backups(folder: Path, *, now: Callable[[], datetime] = datetime.now) -> list[Path]:
    """Deletes backups beyond the newest KEEP_LAST that are older than KEEP_DAYS days."""
    backups = sorted(folder.glob("desk-*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    cutoff = (now() - timedelta(days=KEEP_DAYS)).timestamp()
    removed = [p for p in backups[KEEP_LAST:] if p.stat().st_mtime < cutoff]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed
