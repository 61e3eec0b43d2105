"""Returns and compensations: an index on the signature they rest on; the receipt lines lose
a redundant index.

Revision ID: 0015
Revises: 0014

Every signed return and compensation asks whether its signature already backs another
(`signature_used`); without an index that was a scan of every return and compensation of the
store, on the counter's commit path. `ix_receipt_lines_sku` (sku) is a prefix of
`ix_receipt_lines_sku_receipt` (sku, receipt_no), which answers every query it did: keeping both
cost every sale a third B-tree insert and a rebuild a third sort of 1 000 000 lines. No replay
needed: indexes of rows already there.
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_returns_signature", "returns", ["signature_ref"])
    op.create_index("ix_compensations_signature", "compensations", ["signature_ref"])
    op.drop_index("ix_receipt_lines_sku", "receipt_lines")


def downgrade() -> None:
    op.create_index("ix_receipt_lines_sku", "receipt_lines", ["sku"])
    op.drop_index("ix_compensations_signature", "compensations")
    op.drop_index("ix_returns_signature", "returns")
