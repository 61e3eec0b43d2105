"""Returns and compensations: an index on the signature they rest on.

Revision ID: 0015
Revises: 0014

Every signed return and compensation asks whether its signature already backs another
(`signature_used`); without an index that was a scan of every return and compensation of the
store, on the counter's commit path. No replay needed: an index of rows already there.
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_returns_signature", "returns", ["signature_ref"])
    op.create_index("ix_compensations_signature", "compensations", ["signature_ref"])


def downgrade() -> None:
    op.drop_index("ix_compensations_signature", "compensations")
    op.drop_index("ix_returns_signature", "returns")
