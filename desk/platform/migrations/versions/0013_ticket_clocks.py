"""Repairs: service levels. `ticket_clocks` holds each ticket's derived times (response deadline,
first response, last fact, pickup, escalations; desk/repairs/clocks.py writes it) and
`ticket_escalations` one row per `ticket.escalated` fact.

Revision ID: 0013
Revises: 0012

New projection tables: the journal is replayed to fill them for existing tickets
(projections_stale).
"""

import sqlalchemy as sa
from alembic import op

from desk.platform.refill import mark_stale

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_clocks",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("service_level", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.String(19), nullable=False),
        sa.Column("respond_by", sa.String(19), nullable=False),
        sa.Column("responded_at", sa.String(19), nullable=False, server_default=""),
        sa.Column("promised_date", sa.String(10), nullable=False),
        sa.Column("picked_up_at", sa.String(19), nullable=False, server_default=""),
        sa.Column("last_fact_at", sa.String(19), nullable=False),
        sa.Column("due_at", sa.String(19), nullable=False),
        sa.Column("escalated_at", sa.String(19), nullable=False, server_default=""),
        sa.Column("escalated", sa.String(64), nullable=False, server_default=""),
        sa.Column("stale_escalated_at", sa.String(19), nullable=False, server_default=""),
    )
    op.create_index("ix_ticket_clocks_queue", "ticket_clocks", ["status", "due_at"])
    op.create_table(
        "ticket_escalations",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("ticket_code", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
    )
    op.create_index("ix_ticket_escalations_ticket", "ticket_escalations", ["ticket_code"])
    mark_stale(op.get_bind(), tables=["ticket_clocks", "ticket_escalations"])


def downgrade() -> None:
    op.drop_index("ix_ticket_escalations_ticket", table_name="ticket_escalations")
    op.drop_table("ticket_escalations")
    op.drop_index("ix_ticket_clocks_queue", table_name="ticket_clocks")
    op.drop_table("ticket_clocks")
