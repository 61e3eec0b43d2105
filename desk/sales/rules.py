"""A sale's arithmetic: list amounts, line and order discounts, and what was actually paid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desk.platform.errors import DeskError

TENDERS = ("cash", "bank_card", "wechat_pay", "alipay", "store_card")
PROMOTION_KINDS = ("full_reduction", "coupon")


@dataclass(frozen=True)
class LineAmounts:
    line_no: int
    qty: int
    unit_price_fen: int
    line_discount_fen: int
    is_gift: bool
    gift_value_fen: int

    @property
    def list_fen(self) -> int:
        return self.qty * self.unit_price_fen


@dataclass(frozen=True)
class SaleTotals:
    list_total_fen: int
    discount_fen: int
    paid_fen: int


def check_sold_at(text: str) -> None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise DeskError("value.invalid", field="sold_at", reason="YYYY-MM-DDTHH:MM:SS") from None
    if len(text) != 19 or parsed.tzinfo is not None:
        raise DeskError("value.invalid", field="sold_at", reason="YYYY-MM-DDTHH:MM:SS")


def check_line(line: LineAmounts) -> None:
    def bad(reason: str) -> DeskError:
        return DeskError("receipt.line_invalid", line_no=line.line_no, reason=reason)

    if line.qty <= 0:
        raise bad("quantity must be at least 1")
    if line.unit_price_fen < 0 or line.gift_value_fen < 0 or line.line_discount_fen < 0:
        raise bad("amounts must not be negative")
    if line.line_discount_fen > line.list_fen:
        raise bad("the discount is larger than the line")
    if line.is_gift and line.unit_price_fen != 0:
        raise bad("a gift line has a price of 0 (its declared value goes in gift_value_fen)")
    if not line.is_gift and line.gift_value_fen:
        raise bad("only a gift line has a gift value")


def totals(lines: Sequence[LineAmounts], order_discounts_fen: Sequence[int]) -> SaleTotals:
    """Validate the lines and order-level discounts and add them up."""
    if not lines:
        raise DeskError("receipt.no_lines")
    for line in lines:
        check_line(line)
    if any(amount < 0 for amount in order_discounts_fen):
        raise DeskError("money.negative", field="promotions.amount_fen")
    list_total = sum(line.list_fen for line in lines)
    after_lines = list_total - sum(line.line_discount_fen for line in lines)
    order_discount = sum(order_discounts_fen)
    if order_discount > after_lines:
        raise DeskError("value.invalid", field="promotions", reason="discounts exceed the sale")
    paid = after_lines - order_discount
    return SaleTotals(list_total, list_total - paid, paid)


def check_tenders(tenders: Sequence[tuple[str, int]], due_fen: int) -> None:
    for kind, amount in tenders:
        if kind not in TENDERS:
            raise DeskError("receipt.tender_unknown", tender=kind)
        if amount <= 0:
            raise DeskError("value.invalid", field="tenders.amount_fen", reason="must be positive")
    tendered = sum(amount for _, amount in tenders)
    if tendered != due_fen:
        raise DeskError("receipt.tenders_mismatch", tendered=tendered, due=due_fen)
