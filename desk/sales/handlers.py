"""Sales from the POS: the purchases that returns and repairs refer to."""

from __future__ import annotations

from typing import Any

from desk.catalog.queries import known_customers, product_names
from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.platform.values import require
from desk.sales import tables as sales_t
from desk.sales.commands import RecordSale, SaleRecorded
from desk.sales.rules import LineAmounts, check_sold_at, check_tenders, totals


def sale_payload(cmd: RecordSale, catalogue_names: dict[str, str]) -> dict[str, Any]:
    """Validate a sale and build its event payload (also used by the CSV import)."""
    require(cmd.receipt_no, "receipt_no")
    check_sold_at(cmd.sold_at)
    amounts = [LineAmounts(i, ln.qty, ln.unit_price_fen, ln.line_discount_fen, ln.is_gift,
                           ln.gift_value_fen) for i, ln in enumerate(cmd.lines, start=1)]
    sums = totals(amounts, [p.amount_fen for p in cmd.promotions])
    check_tenders([(td.tender, td.amount_fen) for td in cmd.tenders], sums.paid_fen)
    if cmd.points_earned < 0:
        raise DeskError("value.invalid", field="points_earned", reason="must not be negative")
    lines = []
    for i, ln in enumerate(cmd.lines, start=1):
        if ln.sku not in catalogue_names:
            raise DeskError("receipt.line_invalid", line_no=i, reason=f"unknown product {ln.sku}")
        lines.append({
            "line_no": i, "sku": ln.sku, "name": ln.product_name or catalogue_names[ln.sku],
            "qty": ln.qty, "unit_price_fen": ln.unit_price_fen,
            "line_discount_fen": ln.line_discount_fen, "serial": ln.serial.strip(),
            "is_gift": ln.is_gift, "gift_value_fen": ln.gift_value_fen,
        })
    return {
        "receipt_no": cmd.receipt_no.strip(), "sold_at": cmd.sold_at,
        "customer_id": cmd.customer_id, "points_earned": cmd.points_earned,
        "list_total_fen": sums.list_total_fen, "discount_fen": sums.discount_fen,
        "paid_fen": sums.paid_fen, "lines": lines,
        "tenders": [{"tender": td.tender, "amount_fen": td.amount_fen,
                     "reference": td.reference} for td in cmd.tenders],
        "promotions": [{"kind": p.kind, "description": p.description,
                        "amount_fen": p.amount_fen} for p in cmd.promotions],
    }


def catalogue_names(uow: UnitOfWork, skus: set[str]) -> dict[str, str]:
    return product_names(uow.conn, skus)


def record_sale(cmd: RecordSale, uow: UnitOfWork, ctx: Context) -> SaleRecorded:
    payload = sale_payload(cmd, catalogue_names(uow, {ln.sku for ln in cmd.lines}))
    if exists(uow.conn, sales_t.receipts, "receipt_no", payload["receipt_no"]):
        raise DeskError("receipt.exists", receipt_no=payload["receipt_no"])
    if cmd.customer_id and not known_customers(uow.conn, {cmd.customer_id}):
        raise DeskError("customer.unknown", customer_id=cmd.customer_id)
    uow.record("sale.recorded", payload["receipt_no"], payload)
    return SaleRecorded(payload["receipt_no"], payload["paid_fen"])
