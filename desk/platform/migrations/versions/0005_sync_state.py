"""Sync (issue 6): the `conflicts` projection. Sync cursors live in local_settings.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("conflict_id", sa.String(200), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("first_hlc", sa.String(96), nullable=False),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("resolutions", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_conflicts_status", "conflicts", ["status"])


def downgrade() -> None:
    op.drop_index("ix_conflicts_status", table_name="conflicts")
    op.drop_table("conflicts")
