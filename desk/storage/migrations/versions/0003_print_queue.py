"""Reserved: print queue (owned by the printing work, issue 3). Replaced by the real migration; drop it if unused.

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
