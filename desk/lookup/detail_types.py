"""What the detail views show, typed: a receipt, a customer, a ticket, a product and their rows.

Plain dataclasses (no SQLAlchemy here), so the screens can import them when they are built.
`desk lookup --json` prints them with dataclasses' field names as keys (desk.platform.jsonable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CustomerBrief:
    """The customer a receipt or ticket belongs to; the phone is masked."""

    customer_id: str
    name: str
    phone: str
    member_id: str


@dataclass(frozen=True)
class ReceiptLine:
    receipt_no: str
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price_fen: int
    line_discount_fen: int
    serial: str
    is_gift: bool
    gift_value_fen: int
    net_fen: int  # qty x unit price - line discount
    returned_qty: int  # by completed or pending returns
    returnable_qty: int


@dataclass(frozen=True)
class TenderPaid:
    position: int
    tender: str
    amount_fen: int
    reference: str


@dataclass(frozen=True)
class PromotionApplied:
    position: int
    kind: str  # full_reduction, coupon, gift
    description: str
    amount_fen: int


@dataclass(frozen=True)
class Gift:
    line_no: int
    name: str
    qty: int
    gift_value_fen: int


@dataclass(frozen=True)
class TicketRow:
    code: str
    opened_at: str
    status: str
    step: int
    service_level: str
    promised_date: str
    serial: str
    fault: str
    receipt_no: str | None
    product_name: str | None  # None when the product is not in the catalogue (yet)


@dataclass(frozen=True)
class EarlierReturn:
    """A return of the receipt; `lines` reads "#2×1 #3×1" (line × units)."""

    return_id: str
    returned_at: str
    status: str
    refund_fen: int
    points_reversed: int
    reason: str
    actor: str
    approved_by: str
    lines: str


@dataclass(frozen=True)
class ReceiptDetail:
    receipt_no: str
    store_id: str
    sold_at: str
    business_date: str
    list_total_fen: int
    discount_fen: int
    paid_fen: int
    points_earned: int
    customer: CustomerBrief | None
    lines: tuple[ReceiptLine, ...]
    tenders: tuple[TenderPaid, ...]
    promotions: tuple[PromotionApplied, ...]
    gifts: tuple[Gift, ...]
    tickets: tuple[TicketRow, ...]
    returns: tuple[EarlierReturn, ...]
    fully_returned: bool  # no line that is not a gift has a unit left to return


@dataclass(frozen=True)
class Purchase:
    receipt_no: str
    sold_at: str
    paid_fen: int
    discount_fen: int
    points_earned: int
    line_count: int


@dataclass(frozen=True)
class CustomerDetail:
    customer_id: str
    name: str
    phone: str  # masked
    member_id: str
    note: str
    purchase_count: int
    purchase_total_fen: int
    purchases: tuple[Purchase, ...]  # the latest RECENT_LIMIT
    # The returns work's read model (desk.returns.queries), rows as it gives them: typed when
    # the returns are reworked.
    returns: tuple[dict[str, Any], ...]
    compensations: tuple[dict[str, Any], ...]
    tickets: tuple[TicketRow, ...]


@dataclass(frozen=True)
class ChecklistStep:
    step: int  # 1..9
    key: str  # desk.repairs.rules.CHECKLIST_STEPS
    state: str  # done, current, todo


@dataclass(frozen=True)
class TicketDetail:
    code: str
    store_id: str
    receipt_no: str | None
    customer_id: str | None
    sku: str
    serial: str
    fault: str
    service_level: str
    status: str
    step: int
    opened_at: str
    promised_date: str
    opened_by: str
    checklist_kind: str  # the checklist pinned at intake, and its version
    checklist_version: str
    closed_at: str
    previous_code: str  # a recurrence: the ticket this one repeats ("" otherwise)
    fault_kind: str  # desk/repairs/warranty.FAULT_KINDS ("" before classification)
    warranty: str  # the verdict recorded at intake, canonical JSON ("" before verdicts)
    product_name: str | None
    barcode: str | None
    customer: CustomerBrief | None
    checklist: tuple[ChecklistStep, ...]
    steps_done: int


@dataclass(frozen=True)
class ProductSale:
    receipt_no: str
    line_no: int
    qty: int
    serial: str
    sold_at: str
    paid_fen: int


@dataclass(frozen=True)
class ProductDetail:
    sku: str
    barcode: str
    name: str
    price_fen: int
    category_id: str
    category: str | None  # None when the category is unknown
    category_kind: str | None
    sales: tuple[ProductSale, ...]  # the latest RECENT_LIMIT, newest first


Detail = ReceiptDetail | CustomerDetail | TicketDetail | ProductDetail
