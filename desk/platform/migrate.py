"""Alembic, run from code: the migration scripts ship inside the package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from desk.platform.errors import DeskError
from desk.platform.refill import STALE_KEY, replay_stale
from desk.platform.registry import RegistrySource, resolve
from desk.platform.settings import get_setting

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
Progress = Callable[[int, int], None]  # (events replayed, events in all) while replaying


def alembic_config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest revision, read from the scripts' file names (cheaper than loading Alembic)."""
    names = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1].split("_", 1)[0]


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def upgrade_to_head(engine: Engine, registry: RegistrySource, revision: str = "head",
                    progress: Progress | None = None) -> None:
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise DeskError("db.newer_schema", found=current)
    if revision == "head" and current == head_revision():
        return  # the usual case at start-up: skip importing Alembic at all
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    replay_if_stale(engine, registry, progress)


def replay_if_stale(engine: Engine, registry: RegistrySource,
                    progress: Progress | None = None) -> None:
    """A migration that adds projection tables notes them stale (desk/platform/refill.py);
    filling them here, from the journal, with projection code that matches the newest schema.
    A deferred registry (desk.platform.registry.RegistrySource) is loaded here, only when there
    is something to fill."""
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        if not inspect(conn).has_table("local_settings"):
            return
        if get_setting(conn, STALE_KEY) is None:
            return
        if current_revision_in(conn) != head_revision():
            return  # upgraded only part of the way: replay once the schema is at head
        replay_stale(conn, resolve(registry), progress)


def current_revision_in(conn: Connection) -> str | None:
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)
