"""Tables of staff: who works here, their role and PIN hash, and the lockout counters."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table

from desk.platform.tables import metadata

staff = Table(
    "staff",
    metadata,
    Column("staff_id", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("pin_hash", String(256), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)

staff_auth = Table(
    "staff_auth",
    metadata,
    Column("staff_id", String(32), primary_key=True),
    Column("failed_count", Integer, nullable=False, default=0),
    Column("locked_until_ms", Integer, nullable=False, default=0),
    Column("last_login_ms", Integer, nullable=False, default=0),
)
