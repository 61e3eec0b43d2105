"""Repairs (issue 12): the pinned checklists, check facts, quotes and sign-offs; the checklist a
ticket pins and when it closed.

Revision ID: 0008
Revises: 0006 (the lead chains it at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("checklist_kind", sa.String(16), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("checklist_version", sa.String(32), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("closed_at", sa.String(19), nullable=False,
                                   server_default=""))
    op.create_table(
        "checklists",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("version", sa.String(32), primary_key=True),
        sa.Column("effective_from", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "ticket_checks",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("ticket_code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("check_id", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("approved_by", sa.String(32), nullable=False),
        sa.Column("corrects", sa.String(36), nullable=False),
    )
    op.create_index("ix_ticket_checks_ticket", "ticket_checks", ["ticket_code"])
    op.create_table(
        "ticket_quotes",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("ticket_code", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("charged_fen", sa.Integer, nullable=False),
        sa.Column("keeps_signature", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_ticket_quotes_ticket", "ticket_quotes", ["ticket_code"])
    op.create_table(
        "ticket_signoffs",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("ticket_code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("signature_id", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
        sa.Column("hlc", sa.String(96), nullable=False),
    )
    op.create_index("ix_ticket_signoffs_ticket", "ticket_signoffs", ["ticket_code"])
    # Replay the journal at head: old tickets get their new columns from the projection code.
    op.execute(
        "INSERT INTO local_settings(key, value) VALUES ('projections_stale', '0008') "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )


def downgrade() -> None:
    for table in ("ticket_signoffs", "ticket_quotes", "ticket_checks"):
        op.drop_index(f"ix_{table}_ticket", table_name=table)
        op.drop_table(table)
    op.drop_table("checklists")
    with op.batch_alter_table("tickets") as batch:
        for column in ("closed_at", "checklist_version", "checklist_kind"):
            batch.drop_column(column)
