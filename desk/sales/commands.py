"""Commands of sales: a sale from the store's POS. Money fields are integer fen.

`docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class SaleLine:
    sku: str
    qty: int
    unit_price_fen: int
    line_discount_fen: int = 0
    serial: str = ""
    is_gift: bool = False
    gift_value_fen: int = 0
    product_name: str = ""  # defaults to the catalogue's name


@dataclass(frozen=True)
class Tender:
    tender: str  # cash, bank_card, wechat_pay, alipay, store_card
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class Promotion:
    kind: str  # full_reduction (满减), coupon
    description: str
    amount_fen: int


@dataclass(frozen=True)
class RecordSale(Command):
    """A sale from the store's POS: what was bought, the discounts, and how it was paid."""

    name: ClassVar[str] = "record_sale"
    receipt_no: str
    sold_at: str  # local time, ISO 8601 (YYYY-MM-DDTHH:MM:SS)
    lines: list[SaleLine]
    tenders: list[Tender]
    promotions: list[Promotion] = field(default_factory=list)
    customer_id: str | None = None
    points_earned: int = 0


@dataclass(frozen=True)
class SaleRecorded:
    receipt_no: str
    paid_fen: int


@dataclass(frozen=True)
class SalesImported:
    """What ImportSales found good: counts over the whole file; `recorded` is 0 on a dry run."""

    receipts: int
    lines: int
    paid_fen: int
    recorded: int
