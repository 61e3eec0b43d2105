"""Tables of closures: projections of closure.recorded (desk/closure/projections.py).

`closures` holds each Z closure with its numbers frozen as recorded (JSON, never recomputed);
`closure_events` the ids of the events it counted (role counted) and of the late arrivals it
listed (role late): an event of a closed day in neither is a late arrival for the next report.
scope: a counter's device id, or "store" for the whole store."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from desk.platform.tables import metadata

closures = Table(
    "closures",
    metadata,
    Column("closure_key", String(100), primary_key=True),  # "<scope>|<business_date>"
    Column("event_id", String(36), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("scope", String(64), nullable=False),
    Column("business_date", String(10), nullable=False),
    Column("z_number", Integer, nullable=False),
    Column("closed_at", String(19), nullable=False),
    Column("closed_by", String(32), nullable=False),
    Column("second_counter", String(32), nullable=False),
    Column("recorded_on", String(64), nullable=False),  # the device the manager closed on
    Column("fingerprint", String(64), nullable=False),
    Column("numbers", Text, nullable=False),
    Column("confirm_unsynced", Integer, nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_closures_scope_date", "scope", "business_date"),
)

closure_events = Table(
    "closure_events",
    metadata,
    Column("scope", String(64), nullable=False),
    Column("event_id", String(36), nullable=False),
    Column("closure_key", String(100), nullable=False),
    Column("role", String(8), nullable=False),  # counted, late
    PrimaryKeyConstraint("scope", "event_id"),
)
