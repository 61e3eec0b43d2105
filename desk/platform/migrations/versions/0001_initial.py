"""Initial schema: the journal, local settings and the reference-data projections.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("device_seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("device_id", "device_seq", name="uq_journal_device_seq"),
    )
    op.create_index("ix_journal_entity", "journal", ["entity_id"])
    op.create_index("ix_journal_hlc", "journal", ["hlc"])
    op.create_table(
        "local_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "stores",
        sa.Column("store_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(400), nullable=False),
        sa.Column("tracking_url", sa.String(400), nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(32), primary_key=True),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(256), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "categories",
        sa.Column("category_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
    )
    op.create_table(
        "products",
        sa.Column("sku", sa.String(32), primary_key=True),
        sa.Column("barcode", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_pinyin", sa.String(400), nullable=False),
        sa.Column("name_initials", sa.String(200), nullable=False),
        sa.Column("category_id", sa.String(32), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
    )
    op.create_index("ix_products_barcode", "products", ["barcode"])
    op.create_index("ix_products_category", "products", ["category_id"])
    op.create_table(
        "customers",
        sa.Column("customer_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_pinyin", sa.String(400), nullable=False),
        sa.Column("name_initials", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("phone_last4", sa.String(4), nullable=False),
        sa.Column("member_id", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("field_hlc", sa.Text(), nullable=False),
    )
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_index("ix_customers_phone_last4", "customers", ["phone_last4"])
    op.create_index("ix_customers_member", "customers", ["member_id"])
    op.create_table(
        "receipts",
        sa.Column("receipt_no", sa.String(32), primary_key=True),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("sold_at", sa.String(19), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("customer_id", sa.String(32), nullable=True),
        sa.Column("list_total_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("points_earned", sa.Integer(), nullable=False),
    )
    op.create_index("ix_receipts_customer", "receipts", ["customer_id"])
    op.create_index("ix_receipts_business_date", "receipts", ["business_date"])
    op.create_table(
        "receipt_lines",
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("line_discount_fen", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("is_gift", sa.Boolean(), nullable=False),
        sa.Column("gift_value_fen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("receipt_no", "line_no"),
    )
    op.create_index("ix_receipt_lines_serial", "receipt_lines", ["serial"])
    op.create_index("ix_receipt_lines_sku", "receipt_lines", ["sku"])
    op.create_table(
        "receipt_tenders",
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tender", sa.String(16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("receipt_no", "position"),
    )
    op.create_table(
        "receipt_promotions",
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("receipt_no", "position"),
    )


def downgrade() -> None:
    for name in ("receipt_promotions", "receipt_tenders", "receipt_lines", "receipts",
                 "customers", "products", "categories", "staff", "devices", "stores",
                 "local_settings", "journal"):
        op.drop_table(name)
