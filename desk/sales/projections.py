"""Projection of sales: a receipt with its lines, tenders and promotions."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.batch import plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.projections import unique_fact
from desk.platform.registry import Projector
from desk.sales import tables as sales_t


def _sale(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.RECEIPTS} | unique_fact(
        conn, e, sales_t.receipts, "receipt_no", "sale.duplicate_receipt", _insert_sale,
        children=(sales_t.receipt_lines, sales_t.receipt_tenders, sales_t.receipt_promotions))


def _insert_sale(conn: Connection, e: Event) -> None:
    p = e.payload
    no = p["receipt_no"]
    conn.execute(plain_insert(sales_t.receipts), {
        "receipt_no": no, "store_id": e.store_id, "sold_at": p["sold_at"],
        "business_date": p["sold_at"][:10], "customer_id": p.get("customer_id"),
        "list_total_fen": p["list_total_fen"], "discount_fen": p["discount_fen"],
        "paid_fen": p["paid_fen"], "points_earned": p.get("points_earned", 0),
    })
    conn.execute(plain_insert(sales_t.receipt_lines), [
        {"receipt_no": no, "line_no": ln["line_no"], "sku": ln["sku"], "name": ln["name"],
         "qty": ln["qty"], "unit_price_fen": ln["unit_price_fen"],
         "line_discount_fen": ln.get("line_discount_fen", 0), "serial": ln.get("serial", ""),
         "is_gift": ln.get("is_gift", False), "gift_value_fen": ln.get("gift_value_fen", 0)}
        for ln in p["lines"]
    ])
    conn.execute(plain_insert(sales_t.receipt_tenders), [
        {"receipt_no": no, "position": i, "tender": td["tender"],
         "amount_fen": td["amount_fen"], "reference": td.get("reference", "")}
        for i, td in enumerate(p["tenders"], start=1)
    ])
    if p.get("promotions"):
        conn.execute(plain_insert(sales_t.receipt_promotions), [
            {"receipt_no": no, "position": i, "kind": pr["kind"],
             "description": pr["description"], "amount_fen": pr["amount_fen"]}
            for i, pr in enumerate(p["promotions"], start=1)
        ])


PROJECTORS: dict[str, Projector] = {
    "sale.recorded": _sale,
}
