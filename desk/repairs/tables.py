"""Tables of repairs: the tickets."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from desk.platform.tables import metadata

tickets = Table(
    "tickets",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("receipt_no", String(32), nullable=True),
    Column("customer_id", String(32), nullable=True),
    Column("sku", String(32), nullable=False),
    Column("serial", String(64), nullable=False, default=""),
    Column("fault", Text, nullable=False),
    Column("service_level", String(16), nullable=False),  # simple, complex, major
    Column("status", String(16), nullable=False),  # open, closed
    Column("step", Integer, nullable=False, default=1),
    Column("opened_at", String(19), nullable=False),
    Column("promised_date", String(10), nullable=False),
    Column("opened_by", String(32), nullable=False),
    Index("ix_tickets_serial", "serial"),
    Index("ix_tickets_customer", "customer_id"),
    Index("ix_tickets_receipt", "receipt_no"),
    Index("ix_tickets_status", "status"),
)
