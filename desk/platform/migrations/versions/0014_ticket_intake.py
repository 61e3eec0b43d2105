"""Repairs: the intake notes of a ticket (accessories handed in, condition, photos of it).

Revision ID: 0014
Revises: 0012 (0013 is added in parallel; the lead re-chains this one after it at merge)

No replay needed: tickets opened before this revision noted none (their `ticket.opened` payloads
have no such fields), so the new table starts empty.
"""

import sqlalchemy as sa
from alembic import op

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


def downgrade() -> None:
    op.drop_table("ticket_intake")
