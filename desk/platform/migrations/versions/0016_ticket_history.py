"""Repairs: the repair history imported from the store's previous system (desk/repairs/history.py).

Revision ID: 0016
Revises: 0015

No replay needed: no ticket.imported fact exists before this revision, so the new table starts
empty.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_history",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("charged_fen", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.String(19), nullable=False),
        sa.Column("imported_by", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ticket_history")
