"""Reserved: returns, refunds, compensation and approvals (owned by the returns work, issue 5).
Replaced by the real migration.

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
