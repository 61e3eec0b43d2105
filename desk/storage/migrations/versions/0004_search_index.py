"""Reserved: search index (owned by the lookups work, issue 4). Replaced by the real migration; drop it if unused.

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
