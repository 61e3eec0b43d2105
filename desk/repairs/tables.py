"""Tables of repairs: tickets, the checklists they pin, check facts, quotes and sign-offs.

Every row of ticket_checks, ticket_quotes and ticket_signoffs is one journal fact (keyed by its
event id), so facts recorded on two counters offline all survive a sync; a ticket's step and
status are recomputed from the set of its facts.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from desk.platform.tables import metadata

tickets = Table(
    "tickets",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("receipt_no", String(32), nullable=True),
    Column("customer_id", String(32), nullable=True),
    Column("sku", String(32), nullable=False),
    Column("serial", String(64), nullable=False, default=""),
    Column("fault", Text, nullable=False),
    Column("service_level", String(16), nullable=False),  # simple, complex, major
    Column("status", String(16), nullable=False),  # open, returned (unrepaired), archived
    Column("step", Integer, nullable=False, default=1),
    Column("opened_at", String(19), nullable=False),
    Column("promised_date", String(10), nullable=False),
    Column("opened_by", String(32), nullable=False),
    Column("checklist_kind", String(16), nullable=False, default=""),  # pinned at intake
    Column("checklist_version", String(32), nullable=False, default=""),
    Column("closed_at", String(19), nullable=False, default=""),
    # a recurrence: the ticket this one repeats (a new cycle of the same repair); "" otherwise
    Column("previous_code", String(32), nullable=False, default=""),
    # the fault's kind (desk/repairs/warranty.FAULT_KINDS; "" before classification existed)
    Column("fault_kind", String(16), nullable=False, default=""),
    # the warranty verdict computed at intake (canonical JSON of warranty.Verdict.to_dict()
    # and the purchase it counted from); "" for tickets opened before verdicts existed
    Column("warranty", Text, nullable=False, default=""),
    Index("ix_tickets_serial", "serial"),
    Index("ix_tickets_previous", "previous_code"),
    Index("ix_tickets_customer", "customer_id"),
    Index("ix_tickets_receipt", "receipt_no"),
    Index("ix_tickets_status", "status"),
)

checklists = Table(
    "checklists",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("version", String(32), primary_key=True),
    Column("effective_from", String(10), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),  # canonical JSON of Checklist.to_dict()
)

ticket_checks = Table(
    "ticket_checks",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("ticket_code", String(32), nullable=False),
    Column("kind", String(16), nullable=False),  # recorded, waived, corrected
    Column("step", Integer, nullable=False),
    Column("check_id", String(40), nullable=False),
    Column("actor", String(32), nullable=False),
    Column("at", String(19), nullable=False),
    Column("hlc", String(96), nullable=False),
    Column("evidence", Text, nullable=False),  # JSON
    Column("reason", Text, nullable=False, default=""),
    Column("approved_by", String(32), nullable=False, default=""),
    Column("corrects", String(36), nullable=False, default=""),
    Index("ix_ticket_checks_ticket", "ticket_code"),
)

ticket_quotes = Table(
    "ticket_quotes",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("ticket_code", String(32), nullable=False),
    Column("body", Text, nullable=False),  # canonical JSON: the document the customer signs
    Column("sha256", String(64), nullable=False),
    Column("charged_fen", Integer, nullable=False),
    Column("keeps_signature", String(64), nullable=False, default=""),  # within tolerance of
    Column("actor", String(32), nullable=False),
    Column("at", String(19), nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_ticket_quotes_ticket", "ticket_code"),
)

ticket_signoffs = Table(
    "ticket_signoffs",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("ticket_code", String(32), nullable=False),
    Column("kind", String(24), nullable=False),  # quote_signed, quote_refused, completion_signed
    Column("document_sha256", String(64), nullable=False),
    Column("signature_id", String(128), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("actor", String(32), nullable=False),
    Column("at", String(19), nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_ticket_signoffs_ticket", "ticket_code"),
)

ticket_payments = Table(
    "ticket_payments",
    metadata,
    # one row per tender of a pickup's payment (the ticket.completion_signed fact)
    Column("event_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("ticket_code", String(32), nullable=False),
    Column("tender", String(16), nullable=False),  # desk.policies.document.TENDER_KINDS
    Column("amount_fen", Integer, nullable=False),
    Column("at", String(19), nullable=False),  # local time of the pickup
    Index("ix_ticket_payments_ticket", "ticket_code"),
    Index("ix_ticket_payments_at", "at"),
)

ticket_history = Table(
    "ticket_history",
    metadata,
    # one row per ticket imported from the previous repair system (desk/repairs/history.py)
    Column("code", String(32), primary_key=True),
    Column("source", String(100), nullable=False),  # the previous system's name
    Column("outcome", String(16), nullable=False),  # repaired, unrepaired
    Column("charged_fen", Integer, nullable=False),
    Column("imported_at", String(19), nullable=False),  # local time of the import
    Column("imported_by", String(32), nullable=False),
)
