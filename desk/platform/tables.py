"""Table definitions (SQLAlchemy Core). Alembic migrations must produce exactly these (tested).

`journal` is the source of truth and `local_settings` is this counter's own state; every other
table is a projection that `desk db rebuild` drops and replays from the journal.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

journal = Table(
    "journal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # local order of application
    Column("event_id", String(36), nullable=False, unique=True),
    Column("store_id", String(32), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("device_seq", Integer, nullable=False),
    Column("hlc", String(96), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("device_id", "device_seq", name="uq_journal_device_seq"),
    Index("ix_journal_entity", "entity_id"),
    Index("ix_journal_hlc", "hlc"),
)

local_settings = Table(
    "local_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

stores = Table(
    "stores",
    metadata,
    Column("store_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("address", String(400), nullable=False, default=""),
    Column("tracking_url", String(400), nullable=False, default=""),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("name", String(200), nullable=False),
)

staff = Table(
    "staff",
    metadata,
    Column("staff_id", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("pin_hash", String(256), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)

categories = Table(
    "categories",
    metadata,
    Column("category_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(32), nullable=False),  # fresh_food, clothing, appliance, electronics, ...
)

products = Table(
    "products",
    metadata,
    Column("sku", String(32), primary_key=True),
    Column("barcode", String(32), nullable=False, default=""),
    Column("name", String(200), nullable=False),
    Column("name_pinyin", String(400), nullable=False, default=""),
    Column("name_initials", String(200), nullable=False, default=""),
    Column("category_id", String(32), nullable=False),
    Column("price_fen", Integer, nullable=False),
    Index("ix_products_barcode", "barcode"),
    Index("ix_products_category", "category_id"),
)

customers = Table(
    "customers",
    metadata,
    Column("customer_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_pinyin", String(400), nullable=False, default=""),
    Column("name_initials", String(200), nullable=False, default=""),
    Column("phone", String(32), nullable=False, default=""),
    Column("phone_last4", String(4), nullable=False, default=""),
    Column("member_id", String(32), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("field_hlc", Text, nullable=False, default="{}"),  # per-field last-writer-wins stamps
    Index("ix_customers_phone", "phone"),
    Index("ix_customers_phone_last4", "phone_last4"),
    Index("ix_customers_member", "member_id"),
)

receipts = Table(
    "receipts",
    metadata,
    Column("receipt_no", String(32), primary_key=True),
    Column("store_id", String(32), nullable=False),
    Column("sold_at", String(19), nullable=False),  # local time, ISO 8601, from the POS
    Column("business_date", String(10), nullable=False),
    Column("customer_id", String(32), nullable=True),
    Column("list_total_fen", Integer, nullable=False),
    Column("discount_fen", Integer, nullable=False),
    Column("paid_fen", Integer, nullable=False),
    Column("points_earned", Integer, nullable=False, default=0),
    Index("ix_receipts_customer", "customer_id"),
    Index("ix_receipts_business_date", "business_date"),
)

receipt_lines = Table(
    "receipt_lines",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("qty", Integer, nullable=False),
    Column("unit_price_fen", Integer, nullable=False),
    Column("line_discount_fen", Integer, nullable=False, default=0),
    Column("serial", String(64), nullable=False, default=""),
    Column("is_gift", Boolean, nullable=False, default=False),
    Column("gift_value_fen", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("receipt_no", "line_no"),
    Index("ix_receipt_lines_serial", "serial"),
    Index("ix_receipt_lines_sku", "sku"),
)

receipt_tenders = Table(
    "receipt_tenders",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("tender", String(16), nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("reference", String(64), nullable=False, default=""),
    PrimaryKeyConstraint("receipt_no", "position"),
)

receipt_promotions = Table(
    "receipt_promotions",
    metadata,
    Column("receipt_no", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(32), nullable=False),  # full_reduction (满减), coupon, gift
    Column("description", String(200), nullable=False),
    Column("amount_fen", Integer, nullable=False),
    PrimaryKeyConstraint("receipt_no", "position"),
)

# --- added by revision 0002 -------------------------------------------------------------------

staff_auth = Table(
    "staff_auth",
    metadata,
    Column("staff_id", String(32), primary_key=True),
    Column("failed_count", Integer, nullable=False, default=0),
    Column("locked_until_ms", Integer, nullable=False, default=0),
    Column("last_login_ms", Integer, nullable=False, default=0),
)

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
    Column("status", String(16), nullable=False),  # open, closed
    Column("step", Integer, nullable=False, default=1),
    Column("opened_at", String(19), nullable=False),
    Column("promised_date", String(10), nullable=False),
    Column("opened_by", String(32), nullable=False),
    Index("ix_tickets_serial", "serial"),
    Index("ix_tickets_customer", "customer_id"),
    Index("ix_tickets_receipt", "receipt_no"),
    Index("ix_tickets_status", "status"),
)

# Tables that hold this counter's own state, never dropped by a rebuild.
LOCAL_TABLES = frozenset({"journal", "local_settings", "alembic_version"})

PROJECTION_TABLES = tuple(t for t in metadata.sorted_tables if t.name not in LOCAL_TABLES)

# --- added by revision 0004: search indexes for the lookup box (issue 4) -----------------------
# Plain indexes over columns the projections already fill; prefix searches use them as ranges.
Index("ix_products_name", products.c.name)
Index("ix_products_name_pinyin", products.c.name_pinyin)
Index("ix_products_name_initials", products.c.name_initials)
Index("ix_customers_name", customers.c.name)
Index("ix_customers_name_pinyin", customers.c.name_pinyin)
Index("ix_customers_name_initials", customers.c.name_initials)
Index("ix_receipt_lines_sku_receipt", receipt_lines.c.sku, receipt_lines.c.receipt_no)

# --- added by revision 0005: sync conflicts (issue 6) --------------------------------------------
# Merged facts that break an invariant (two counters offline recording the same receipt, a line
# refunded twice...). A projection: rebuilt from the journal like the others; see
# desk/sync/conflicts.py. events/resolutions/detail are JSON; status is open or resolved.
conflicts = Table(
    "conflicts",
    metadata,
    Column("conflict_id", String(200), primary_key=True),  # "<code>|<entity_id>"
    Column("code", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("first_hlc", String(96), nullable=False),
    Column("events", Text, nullable=False),
    Column("resolutions", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_conflicts_status", "status"),
)

PROJECTION_TABLES = tuple(t for t in metadata.sorted_tables if t.name not in LOCAL_TABLES)

# --- added by revision 0006: returns, refunds, compensation, approvals (issue 5) ---------------
# Projections of return.recorded, compensation.recorded and approval.recorded (see
# desk/returns/projections.py). `decision` columns hold the decision's explanation as
# JSON (rule ids, policy versions, numbers). status: completed, pending (waits for head office),
# refused (head office said no; the units are free again).
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

PROJECTION_TABLES = tuple(t for t in metadata.sorted_tables if t.name not in LOCAL_TABLES)

# --- added by revision 0003: signatures and the print queue (issue 3, part B) ------------------
# `signatures` is the projection of signature.captured (desk/signatures/projections.py);
# strokes are canonical JSON, the PNG is stored as it came in the event (base64 there, bytes here).
# `print_jobs` is this counter's own durable print queue (desk/printjobs/queue.py): local
# state, never rebuilt from the journal. status: queued, held, sending, printed, failed (retrying
# at next_attempt_ms), uncertain (the app died while sending: a person decides), cancelled.
from sqlalchemy import LargeBinary  # noqa: E402

signatures = Table(
    "signatures",
    metadata,
    Column("signature_id", String(32), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("store_id", String(32), nullable=False),
    Column("document_kind", String(32), nullable=False),
    Column("document_ref", String(64), nullable=False),
    Column("document_sha256", String(64), nullable=False),
    Column("binding", String(64), nullable=False),
    Column("png_sha256", String(64), nullable=False),
    Column("png", LargeBinary, nullable=False),
    Column("strokes", Text, nullable=False),
    Column("signer", String(64), nullable=False),
    Column("captured_at", String(19), nullable=False),
    Column("captured_by", String(32), nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_signatures_document", "document_kind", "document_ref"),
    Index("ix_signatures_document_sha256", "document_sha256"),
)

print_jobs = Table(
    "print_jobs",
    metadata,
    Column("job_id", Integer, primary_key=True, autoincrement=True),
    Column("document_kind", String(32), nullable=False),
    Column("reference", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("copies", Integer, nullable=False),
    Column("is_copy", Boolean, nullable=False),
    Column("copy_of", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_ms", Integer, nullable=False),
    Column("last_error", String(64), nullable=True),
    Column("last_detail", Text, nullable=True),
    Column("created_ms", Integer, nullable=False),
    Column("updated_ms", Integer, nullable=False),
    Column("printed_ms", Integer, nullable=True),
    Column("requested_by", String(32), nullable=False),
    Index("ix_print_jobs_status_next", "status", "next_attempt_ms"),
    Index("ix_print_jobs_reference", "reference"),
)

LOCAL_TABLES = LOCAL_TABLES | {"print_jobs"}
PROJECTION_TABLES = tuple(t for t in metadata.sorted_tables if t.name not in LOCAL_TABLES)
