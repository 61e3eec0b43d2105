"""Tables of the service levels: each ticket's derived times (`ticket_clocks`, recomputed from the
ticket's facts by desk/repairs/clocks.py) and one row per escalation fact (`ticket_escalations`)."""

from __future__ import annotations

from sqlalchemy import Column, Index, String, Table, Text

from desk.platform.tables import metadata

ticket_clocks = Table(
    "ticket_clocks",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("status", String(16), nullable=False),  # the ticket's: open, returned, archived
    Column("service_level", String(16), nullable=False),
    Column("opened_at", String(19), nullable=False),
    Column("respond_by", String(19), nullable=False),
    Column("responded_at", String(19), nullable=False, default=""),  # "" until answered
    Column("promised_date", String(10), nullable=False),
    Column("picked_up_at", String(19), nullable=False, default=""),  # completion signed
    Column("last_fact_at", String(19), nullable=False),
    Column("due_at", String(19), nullable=False),  # what the workshop queue sorts by
    Column("escalated_at", String(19), nullable=False, default=""),  # the latest escalation
    Column("escalated", String(64), nullable=False, default=""),  # reasons so far, "a,b"
    Column("stale_escalated_at", String(19), nullable=False, default=""),
    Index("ix_ticket_clocks_queue", "status", "due_at"),
)

ticket_escalations = Table(
    "ticket_escalations",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("ticket_code", String(32), nullable=False),
    Column("reason", String(24), nullable=False),  # service_levels.REASONS
    Column("note", Text, nullable=False, default=""),
    Column("actor", String(32), nullable=False),
    Column("at", String(19), nullable=False),
    Index("ix_ticket_escalations_ticket", "ticket_code"),
)
