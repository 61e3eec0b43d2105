"""Reserved: sync state (owned by the sync work, issue 6). Replaced by the real migration; drop it if unused.

Revision ID: 0005
Revises: 0004
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
