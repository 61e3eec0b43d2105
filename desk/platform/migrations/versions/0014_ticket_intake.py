"""Repairs: the intake notes of a ticket (accessories handed in, condition, photos of it).

Revision ID: 0014
Revises: 0012 (0013 is added in parallel; the lead re-chains this one after it at merge)

Tickets this counter opened before this revision noted none, but a newer counter of the same store
may have synced `ticket.opened` facts with notes, which the older projection passed over: the new
table is refilled from the journal's ticket.opened facts (the repairs capability's refill; only
those events are read).
"""

import sqlalchemy as sa
from alembic import op

from desk.platform.refill import mark_stale

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_intake",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("accessories", sa.Text, nullable=False, server_default="[]"),
        sa.Column("condition", sa.Text, nullable=False, server_default=""),
        sa.Column("photos", sa.Text, nullable=False, server_default="[]"),
    )
    mark_stale(op.get_bind(), tables=["ticket_intake"])


def downgrade() -> None:
    op.drop_table("ticket_intake")
