"""Login lockouts and repair tickets; existing events are replayed into them after upgrade.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from desk.platform.refill import EVERY_TABLE, mark_stale

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_auth",
        sa.Column("staff_id", sa.String(32), primary_key=True),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("locked_until_ms", sa.Integer(), nullable=False),
        sa.Column("last_login_ms", sa.Integer(), nullable=False),
    )
    op.create_table(
        "tickets",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=True),
        sa.Column("customer_id", sa.String(32), nullable=True),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("fault", sa.Text(), nullable=False),
        sa.Column("service_level", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.String(19), nullable=False),
        sa.Column("promised_date", sa.String(10), nullable=False),
        sa.Column("opened_by", sa.String(32), nullable=False),
    )
    op.create_index("ix_tickets_serial", "tickets", ["serial"])
    op.create_index("ix_tickets_customer", "tickets", ["customer_id"])
    op.create_index("ix_tickets_receipt", "tickets", ["receipt_no"])
    op.create_index("ix_tickets_status", "tickets", ["status"])
    # Events recorded before this revision may feed the new tables: ask for a replay once the
    # schema is at head (the projection code always targets the newest schema).
    mark_stale(op.get_bind(), tables=[EVERY_TABLE])


def downgrade() -> None:
    op.drop_table("tickets")
    op.drop_table("staff_auth")
