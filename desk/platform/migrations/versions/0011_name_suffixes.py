"""Lookup (issue 15): "contains" searches by index range. `name_suffixes` holds each customer's
and product's name from every later character, and its full pinyin and initials from every later
syllable (desk.lookup.keys.name_suffixes); the catalogue's projections write it.

Revision ID: 0011
Revises: 0009 (the lead re-chains it after 0010)

A new projection table: the journal is replayed to fill it (projections_stale).
"""

import sqlalchemy as sa
from alembic import op

from desk.platform.refill import mark_stale

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_suffixes",
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("field", sa.String(1), nullable=False),
        sa.Column("suffix", sa.String(400), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("kind", "field", "suffix", "key"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_name_suffixes_key", "name_suffixes", ["kind", "key"])
    mark_stale(op.get_bind(), tables=["name_suffixes"])


def downgrade() -> None:
    op.drop_index("ix_name_suffixes_key", table_name="name_suffixes")
    op.drop_table("name_suffixes")
