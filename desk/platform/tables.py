"""The platform's tables and the one MetaData every capability's tables join (SQLAlchemy Core).

`journal` is the source of truth and `local_settings` is this counter's own state; every other
table is a projection that `desk db rebuild` drops and replays from the journal (the registry in
desk/capabilities.py says which tables each capability owns). Alembic migrations must produce
exactly the registry's tables (tested).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

# An index only lookups and screens read: no projector or invariant reads a table through it.
# `desk db rebuild` (and the upgrade replay) drops it and builds it once after the replay: sorting
# 1 000 000 receipt lines once costs a fraction of keeping the index up to date row by row.
LOOKUP_ONLY = "lookup_only"


def lookup_index(name: str, *columns: Any) -> Index:
    """An index no replay reads through (see LOOKUP_ONLY)."""
    return Index(name, *columns, info={LOOKUP_ONLY: True})

journal = Table(
    "journal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # local order of application
    Column("event_id", String(36), nullable=False, unique=True),
    Column("store_id", String(32), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("device_seq", Integer, nullable=False),
    Column("hlc", String(96), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("device_id", "device_seq", name="uq_journal_device_seq"),
    Index("ix_journal_entity", "entity_id"),
    Index("ix_journal_hlc", "hlc"),
)

local_settings = Table(
    "local_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Merged facts that break an invariant (two counters offline recording the same receipt, a line
# refunded twice...), recorded for a manager (desk/platform/conflicts.py). A projection: rebuilt
# from the journal like the others. events/resolutions/detail are JSON; status: open or resolved.
conflicts = Table(
    "conflicts",
    metadata,
    Column("conflict_id", String(200), primary_key=True),  # "<code>|<entity_id>"
    Column("code", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("first_hlc", String(96), nullable=False),
    Column("events", Text, nullable=False),
    Column("resolutions", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_conflicts_status", "status"),
)
