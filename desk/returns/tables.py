"""Tables of returns: projections of return.recorded, compensation.recorded and approval.recorded
(desk/returns/projections.py). `decision` columns hold the decision's explanation as JSON (rule
ids, policy versions, numbers). status: completed, pending (waits for head office), refused."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from desk.platform.tables import metadata

returns = Table(
    "returns",
    metadata,
    Column("return_id", String(40), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("receipt_no", String(32), nullable=False),
    Column("customer_id", String(32), nullable=True),
    Column("returned_at", String(19), nullable=False),
    Column("business_date", String(10), nullable=False),
    Column("actor", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("refund_fen", Integer, nullable=False),
    Column("gross_fen", Integer, nullable=False),
    Column("gift_deduction_fen", Integer, nullable=False),
    Column("points_reversed", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("found_by", String(16), nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("approval_level", String(16), nullable=False),
    Column("approved_by", String(32), nullable=False),
    Column("override_reason", Text, nullable=False),
    Column("signature_ref", String(128), nullable=False),
    Column("decision", Text, nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_returns_receipt", "receipt_no"),
    Index("ix_returns_customer", "customer_id"),
    Index("ix_returns_status", "status"),
    Index("ix_returns_business_date", "business_date"),
    Index("ix_returns_signature", "signature_ref"),  # revision 0015: signature_used
)

return_lines = Table(
    "return_lines",
    metadata,
    Column("return_id", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("receipt_no", String(32), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # return, gift_deducted
    Column("qty", Integer, nullable=False),
    Column("refund_fen", Integer, nullable=False),  # negative for a gift's deducted value
    PrimaryKeyConstraint("return_id", "position"),
    Index("ix_return_lines_receipt_line", "receipt_no", "line_no"),
)

refund_tenders = Table(
    "refund_tenders",
    metadata,
    Column("return_id", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("tender_position", Integer, nullable=False),  # receipt_tenders.position refunded
    Column("tender", String(16), nullable=False),
    Column("route", String(16), nullable=False),  # original, cash, bank_transfer
    Column("amount_fen", Integer, nullable=False),
    Column("reason", String(64), nullable=False),
    PrimaryKeyConstraint("return_id", "position"),
)

compensations = Table(
    "compensations",
    metadata,
    Column("compensation_id", String(40), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("receipt_no", String(32), nullable=True),
    Column("line_no", Integer, nullable=True),
    Column("ticket_code", String(32), nullable=True),
    Column("customer_id", String(32), nullable=True),
    Column("amount_fen", Integer, nullable=False),
    Column("statutory", Boolean, nullable=False),
    Column("status", String(16), nullable=False),
    Column("approval_level", String(16), nullable=False),
    Column("approved_by", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_at", String(19), nullable=False),
    Column("business_date", String(10), nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("signature_ref", String(128), nullable=False),
    Column("decision", Text, nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_compensations_customer", "customer_id"),
    Index("ix_compensations_status", "status"),
    Index("ix_compensations_receipt", "receipt_no"),
    Index("ix_compensations_signature", "signature_ref"),  # revision 0015: signature_used
)

approvals = Table(
    "approvals",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("case_id", String(40), nullable=False),
    Column("case_kind", String(16), nullable=False),  # return, compensation
    Column("level", String(16), nullable=False),  # manager, head_office
    Column("approver_id", String(32), nullable=False),
    Column("decision", String(16), nullable=False),  # approved, refused
    Column("reason", Text, nullable=False),
    Column("at", String(19), nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_approvals_case", "case_id"),
)
