"""The table of intake notes: one row per ticket whose intake noted accessories, the condition
or photos of it (tickets opened without, or before these existed, have none). Written only by
desk/repairs/intake_projection.py."""

from __future__ import annotations

from sqlalchemy import Column, String, Table, Text

from desk.platform.tables import metadata

ticket_intake = Table(
    "ticket_intake",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("accessories", Text, nullable=False, default="[]"),  # JSON list of words
    Column("condition", Text, nullable=False, default=""),
    Column("photos", Text, nullable=False, default="[]"),  # JSON [{photo_sha256, size, type}]
)
