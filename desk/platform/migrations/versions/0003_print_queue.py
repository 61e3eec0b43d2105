"""Signatures (projection of signature.captured) and the durable print queue (local) — issue 3.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("signature_id", sa.String(32), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("document_kind", sa.String(32), nullable=False),
        sa.Column("document_ref", sa.String(64), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("binding", sa.String(64), nullable=False),
        sa.Column("png_sha256", sa.String(64), nullable=False),
        sa.Column("png", sa.LargeBinary, nullable=False),
        sa.Column("strokes", sa.Text, nullable=False),
        sa.Column("signer", sa.String(64), nullable=False),
        sa.Column("captured_at", sa.String(19), nullable=False),
        sa.Column("captured_by", sa.String(32), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_signatures_document", "signatures", ["document_kind", "document_ref"])
    op.create_index("ix_signatures_document_sha256", "signatures", ["document_sha256"])
    op.create_table(
        "print_jobs",
        sa.Column("job_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_kind", sa.String(32), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("copies", sa.Integer, nullable=False),
        sa.Column("is_copy", sa.Boolean, nullable=False),
        sa.Column("copy_of", sa.Integer, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_ms", sa.Integer, nullable=False),
        sa.Column("last_error", sa.String(64), nullable=True),
        sa.Column("last_detail", sa.Text, nullable=True),
        sa.Column("created_ms", sa.Integer, nullable=False),
        sa.Column("updated_ms", sa.Integer, nullable=False),
        sa.Column("printed_ms", sa.Integer, nullable=True),
        sa.Column("requested_by", sa.String(32), nullable=False),
    )
    op.create_index("ix_print_jobs_status_next", "print_jobs", ["status", "next_attempt_ms"])
    op.create_index("ix_print_jobs_reference", "print_jobs", ["reference"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_reference", table_name="print_jobs")
    op.drop_index("ix_print_jobs_status_next", table_name="print_jobs")
    op.drop_table("print_jobs")
    op.drop_index("ix_signatures_document_sha256", table_name="signatures")
    op.drop_index("ix_signatures_document", table_name="signatures")
    op.drop_table("signatures")
