"""Repairs: the fault's kind and the warranty verdict of a ticket (computed at intake), and the
payments taken at pickup by tender.

Revision ID: 0012
Revises: 0009 (the lead re-chains it at merge)

No replay needed: tickets opened before this revision have no fault kind and no verdict ("" for
both), and no pickup before it took a payment.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("fault_kind", sa.String(16), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("warranty", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "ticket_payments",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("ticket_code", sa.String(32), nullable=False),
        sa.Column("tender", sa.String(16), nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
    )
    op.create_index("ix_ticket_payments_ticket", "ticket_payments", ["ticket_code"])
    op.create_index("ix_ticket_payments_at", "ticket_payments", ["at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_payments_at", "ticket_payments")
    op.drop_index("ix_ticket_payments_ticket", "ticket_payments")
    op.drop_table("ticket_payments")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("warranty")
        batch.drop_column("fault_kind")
