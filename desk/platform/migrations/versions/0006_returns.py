"""Returns, refunds, compensation and approvals (issue 5): their projection tables.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "returns",
        sa.Column("return_id", sa.String(40), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("customer_id", sa.String(32), nullable=True),
        sa.Column("returned_at", sa.String(19), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("refund_fen", sa.Integer, nullable=False),
        sa.Column("gross_fen", sa.Integer, nullable=False),
        sa.Column("gift_deduction_fen", sa.Integer, nullable=False),
        sa.Column("points_reversed", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("found_by", sa.String(16), nullable=False),
        sa.Column("policy_version", sa.String(32), nullable=False),
        sa.Column("approval_level", sa.String(16), nullable=False),
        sa.Column("approved_by", sa.String(32), nullable=False),
        sa.Column("override_reason", sa.Text, nullable=False),
        sa.Column("signature_ref", sa.String(128), nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_returns_receipt", "returns", ["receipt_no"])
    op.create_index("ix_returns_customer", "returns", ["customer_id"])
    op.create_index("ix_returns_status", "returns", ["status"])
    op.create_index("ix_returns_business_date", "returns", ["business_date"])

    op.create_table(
        "return_lines",
        sa.Column("return_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("qty", sa.Integer, nullable=False),
        sa.Column("refund_fen", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("return_id", "position"),
    )
    op.create_index("ix_return_lines_receipt_line", "return_lines", ["receipt_no", "line_no"])

    op.create_table(
        "refund_tenders",
        sa.Column("return_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("tender_position", sa.Integer, nullable=False),
        sa.Column("tender", sa.String(16), nullable=False),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("return_id", "position"),
    )

    op.create_table(
        "compensations",
        sa.Column("compensation_id", sa.String(40), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("receipt_no", sa.String(32), nullable=True),
        sa.Column("line_no", sa.Integer, nullable=True),
        sa.Column("ticket_code", sa.String(32), nullable=True),
        sa.Column("customer_id", sa.String(32), nullable=True),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("statutory", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("approval_level", sa.String(16), nullable=False),
        sa.Column("approved_by", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_at", sa.String(19), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("policy_version", sa.String(32), nullable=False),
        sa.Column("signature_ref", sa.String(128), nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_compensations_customer", "compensations", ["customer_id"])
    op.create_index("ix_compensations_status", "compensations", ["status"])
    op.create_index("ix_compensations_receipt", "compensations", ["receipt_no"])

    op.create_table(
        "approvals",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("case_kind", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("approver_id", sa.String(32), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_approvals_case", "approvals", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_approvals_case", table_name="approvals")
    op.drop_table("approvals")
    for name in ("ix_compensations_receipt", "ix_compensations_status",
                 "ix_compensations_customer"):
        op.drop_index(name, table_name="compensations")
    op.drop_table("compensations")
    op.drop_table("refund_tenders")
    op.drop_index("ix_return_lines_receipt_line", table_name="return_lines")
    op.drop_table("return_lines")
    for name in ("ix_returns_business_date", "ix_returns_status", "ix_returns_customer",
                 "ix_returns_receipt"):
        op.drop_index(name, table_name="returns")
    op.drop_table("returns")
