"""Read-side queries of sales."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.platform.queries import existing_keys
from desk.sales import tables as sales_t


@dataclass(frozen=True)
class ReceiptSummary:
    receipt_no: str
    sold_at: str
    paid_fen: int
    customer_name: str | None


def recent_receipts(conn: Connection, limit: int = 50) -> list[ReceiptSummary]:
    r, c = sales_t.receipts, catalog_t.customers
    rows = conn.execute(
        select(r.c.receipt_no, r.c.sold_at, r.c.paid_fen, c.c.name.label("customer_name"))
        .select_from(r.outerjoin(c, c.c.customer_id == r.c.customer_id))
        .order_by(r.c.sold_at.desc())
        .limit(limit)
    )
    return [ReceiptSummary(x.receipt_no, x.sold_at, x.paid_fen, x.customer_name) for x in rows]


def line_names(conn: Connection, receipt_no: str) -> dict[int, str]:
    rl = sales_t.receipt_lines.c
    rows = conn.execute(select(rl.line_no, rl.name).where(rl.receipt_no == receipt_no))
    return {int(r.line_no): r.name for r in rows}


def receipt_exists(conn: Connection, receipt_no: str) -> bool:
    r = sales_t.receipts.c
    return conn.execute(select(r.receipt_no).where(r.receipt_no == receipt_no)).first() is not None


def known_receipts(conn: Connection, receipt_nos: set[str]) -> set[str]:
    """Which of these receipts the store has (an import checks its many at once)."""
    return existing_keys(conn, sales_t.receipts.c.receipt_no, receipt_nos)


@dataclass(frozen=True)
class Purchase:
    receipt_no: str
    sold_at: str  # local ISO time of the sale


def purchase_of(conn: Connection, receipt_no: str | None, sku: str,
                serial: str) -> Purchase | None:
    """The purchase a repair's warranty counts from: the receipt named, or else the latest receipt
    line that sold this serial (of this product)."""
    r, ln = sales_t.receipts.c, sales_t.receipt_lines.c
    if receipt_no:
        row = conn.execute(select(r.receipt_no, r.sold_at)
                           .where(r.receipt_no == receipt_no)).first()
    elif serial.strip():
        row = conn.execute(
            select(r.receipt_no, r.sold_at)
            .select_from(sales_t.receipts.join(sales_t.receipt_lines,
                                               ln.receipt_no == r.receipt_no))
            .where(ln.serial == serial.strip(), ln.sku == sku)
            .order_by(r.sold_at.desc(), r.receipt_no.desc()).limit(1)).first()
    else:
        row = None
    return None if row is None else Purchase(row.receipt_no, row.sold_at)
