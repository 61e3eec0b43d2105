"""Search indexes for the lookup box (issue 4): names, full pinyin and pinyin initials.

The search keys themselves (name_pinyin, name_initials, phone_last4) are columns the projections
fill (desk/platform/projections.py), so a rebuild from the journal reproduces them; these are plain
SQLite indexes over those columns, maintained by SQLite itself — nothing to replay.
Prefix searches use them as ranges (col >= 'yrf' AND col < 'yrg').

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_products_name", "products", "name"),
    ("ix_products_name_pinyin", "products", "name_pinyin"),
    ("ix_products_name_initials", "products", "name_initials"),
    ("ix_customers_name", "customers", "name"),
    ("ix_customers_name_pinyin", "customers", "name_pinyin"),
    ("ix_customers_name_initials", "customers", "name_initials"),
    # a product's latest sales (receipt numbers start with the date)
    ("ix_receipt_lines_sku_receipt", "receipt_lines", "sku,receipt_no"),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns.split(","))


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
