"""Repairs: a ticket reopened for a recurrence names the ticket it repeats (`previous_code`).

Revision ID: 0009
Revises: 0008

No replay needed: no ticket opened before this revision repeats another ("" for all of them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("previous_code", sa.String(32), nullable=False,
                                   server_default=""))
        batch.create_index("ix_tickets_previous", ["previous_code"])


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_index("ix_tickets_previous")
        batch.drop_column("previous_code")
