"""Repairs: the repair history imported from the store's previous system (desk/repairs/history.py).

Revision ID: 0016
Revises: 0015

This counter imported nothing before this revision, but a newer counter of the same store may have
synced `ticket.imported` facts, which the older version kept in its journal without projecting
them: they are projected now, once the schema is at head (a new kind for the projections:
desk/platform/refill.py), as if they had just been pulled.
"""

import sqlalchemy as sa
from alembic import op

from desk.platform.refill import mark_stale

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
    mark_stale(op.get_bind(), kinds=["ticket.imported"])


def downgrade() -> None:
    # the older version projects no import: their tickets (and those tickets' clocks) go too,
    # as it would never have had them
    for table in ("ticket_clocks", "tickets"):
        op.execute(f"DELETE FROM {table} WHERE code IN (SELECT code FROM ticket_history)")
    op.drop_table("ticket_history")
