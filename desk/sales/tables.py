"""Tables of sales: receipts from the POS with their lines, tenders and promotions."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, PrimaryKeyConstraint, String, Table

from desk.platform.tables import lookup_index, metadata

receipts = Table(
    "receipts",
    metadata,
    Column("receipt_no", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("sold_at", String(19), nullable=False),  # local time, ISO 8601, from the POS
    Column("business_date", String(10), nullable=False),
    Column("customer_id", String(32), nullable=True),
    Column("list_total_fen", Integer, nullable=False),
    Column("discount_fen", Integer, nullable=False),
    Column("paid_fen", Integer, nullable=False),
    Column("points_earned", Integer, nullable=False, default=0),
    lookup_index("ix_receipts_customer", "customer_id"),
    lookup_index("ix_receipts_business_date", "business_date"),
)

receipt_lines = Table(
    "receipt_lines",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("qty", Integer, nullable=False),
    Column("unit_price_fen", Integer, nullable=False),
    Column("line_discount_fen", Integer, nullable=False, default=0),
    Column("serial", String(64), nullable=False, default=""),
    Column("is_gift", Boolean, nullable=False, default=False),
    Column("gift_value_fen", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("receipt_no", "line_no"),
    lookup_index("ix_receipt_lines_serial", "serial"),
)

receipt_tenders = Table(
    "receipt_tenders",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("tender", String(16), nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("reference", String(64), nullable=False, default=""),
    PrimaryKeyConstraint("receipt_no", "position"),
)

receipt_promotions = Table(
    "receipt_promotions",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(32), nullable=False),  # full_reduction (满减), coupon, gift
    Column("description", String(200), nullable=False),
    Column("amount_fen", Integer, nullable=False),
    PrimaryKeyConstraint("receipt_no", "position"),
)

# Search indexes for the lookup box (revision 0004): prefix searches use them as ranges.
lookup_index("ix_receipt_lines_sku_receipt", receipt_lines.c.sku, receipt_lines.c.receipt_no)
