"""Daily closure (issue 13): the closures and the events each counted.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "closures",
        sa.Column("closure_key", sa.String(100), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("z_number", sa.Integer, nullable=False),
        sa.Column("closed_at", sa.String(19), nullable=False),
        sa.Column("closed_by", sa.String(32), nullable=False),
        sa.Column("second_counter", sa.String(32), nullable=False),
        sa.Column("recorded_on", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("numbers", sa.Text, nullable=False),
        sa.Column("confirm_unsynced", sa.Integer, nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_closures_scope_date", "closures", ["scope", "business_date"])
    op.create_table(
        "closure_events",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("closure_key", sa.String(100), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("scope", "event_id"),
    )
    # closure.recorded events may already be in the journal (synced from another counter)
    op.execute(
        "INSERT INTO local_settings(key, value) VALUES ('projections_stale', '0007') "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )


def downgrade() -> None:
    op.drop_table("closure_events")
    op.drop_index("ix_closures_scope_date", table_name="closures")
    op.drop_table("closures")
