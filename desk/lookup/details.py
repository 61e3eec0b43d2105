"""What the detail views show: a receipt, a customer, a ticket, a product, as the dataclasses of
desk.lookup.detail_types.

Everything the views know about returns and compensations goes through the four functions in the
"returns" block below, which delegate to the returns work's read side
(desk/returns/queries.py): `returned_quantities` feeds each line's `returned_qty` /
`returnable_qty`, `receipt_returns` the receipt's earlier returns, `customer_returns` and
`customer_compensations` the customer view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.lookup.detail_types import (
    ChecklistStep,
    CustomerBrief,
    CustomerDetail,
    Detail,
    EarlierReturn,
    Gift,
    ProductDetail,
    ProductSale,
    PromotionApplied,
    Purchase,
    ReceiptDetail,
    ReceiptLine,
    TenderPaid,
    TicketDetail,
    TicketRow,
)
from desk.platform.errors import DeskError
from desk.platform.values import mask_phone
from desk.repairs import tables as repairs_t
from desk.repairs.rules import CHECKLIST_STEPS
from desk.returns import queries as queries_returns
from desk.returns import tables as returns_t
from desk.sales import tables as sales_t

RECENT_LIMIT = 200  # rows per list in a detail view (a customer's purchases, a product's sales)



# --- returns and compensations: the one place they feed the lookup ------------------------------

def returned_quantities(conn: Connection, receipt_no: str) -> dict[int, int]:
    """Units already returned per line_no of a receipt, counting every earlier return that is
    completed or pending (a refused one holds nothing)."""
    return queries_returns.returned_quantities(conn, receipt_no)


def receipt_returns(conn: Connection, receipt_no: str) -> tuple[EarlierReturn, ...]:
    """The receipt's earlier returns, newest first, with the units per line they took back."""
    r, rl = returns_t.returns.c, returns_t.return_lines.c
    found = conn.execute(
        select(r.return_id, r.returned_at, r.status, r.refund_fen, r.points_reversed, r.reason,
               r.actor, r.approved_by)
        .where(r.receipt_no == receipt_no).order_by(r.returned_at.desc(), r.return_id)).all()
    lines: dict[str, list[str]] = {}
    if found:
        for x in conn.execute(select(rl.return_id, rl.line_no, rl.qty, rl.kind)
                              .where(rl.receipt_no == receipt_no)
                              .order_by(rl.return_id, rl.position)):
            lines.setdefault(x.return_id, []).append(f"#{x.line_no}×{x.qty}")
    return tuple(EarlierReturn(**x._mapping, lines=" ".join(lines.get(x.return_id, [])))
                 for x in found)


def customer_returns(conn: Connection, customer_id: str) -> tuple[dict[str, Any], ...]:
    """A customer's returns, newest first."""
    return tuple(queries_returns.customer_returns(conn, customer_id, limit=RECENT_LIMIT))


def customer_compensations(conn: Connection, customer_id: str) -> tuple[dict[str, Any], ...]:
    """A customer's compensations, newest first."""
    return tuple(queries_returns.customer_compensations(conn, customer_id, limit=RECENT_LIMIT))


# --- detail queries --------------------------------------------------------------------------

def _customer_brief(conn: Connection, customer_id: str | None) -> CustomerBrief | None:
    if not customer_id:
        return None
    c = catalog_t.customers.c
    row = conn.execute(select(c.customer_id, c.name, c.phone, c.member_id)
                       .where(c.customer_id == customer_id)).first()
    if row is None:
        return CustomerBrief(customer_id, name="", phone="", member_id="")
    return CustomerBrief(row.customer_id, row.name, mask_phone(row.phone), row.member_id)


def _tickets(conn: Connection, where: Any, limit: int = RECENT_LIMIT) -> tuple[TicketRow, ...]:
    tk, p = repairs_t.tickets.c, catalog_t.products.c
    rows = conn.execute(
        select(tk.code, tk.opened_at, tk.status, tk.step, tk.service_level, tk.promised_date,
               tk.serial, tk.fault, tk.receipt_no, p.name.label("product_name"))
        .select_from(repairs_t.tickets.outerjoin(catalog_t.products, p.sku == tk.sku))
        .where(where).order_by(tk.opened_at.desc(), tk.code.desc()).limit(limit)
    )
    return tuple(TicketRow(**r._mapping) for r in rows)


def _receipt_lines(conn: Connection, receipt_no: str) -> tuple[ReceiptLine, ...]:
    returned = returned_quantities(conn, receipt_no)
    ln = sales_t.receipt_lines.c
    lines = []
    for row in conn.execute(select(sales_t.receipt_lines).where(ln.receipt_no == receipt_no)
                            .order_by(ln.line_no)):
        returned_qty = returned.get(row.line_no, 0)
        lines.append(ReceiptLine(
            **row._mapping, net_fen=row.qty * row.unit_price_fen - row.line_discount_fen,
            returned_qty=returned_qty, returnable_qty=max(0, row.qty - returned_qty)))
    return tuple(lines)


def receipt_detail(conn: Connection, receipt_no: str) -> ReceiptDetail:
    r = sales_t.receipts.c
    head = conn.execute(select(sales_t.receipts).where(r.receipt_no == receipt_no)).first()
    if head is None:
        raise DeskError("lookup.unknown", kind="receipt", key=receipt_no)
    lines = _receipt_lines(conn, receipt_no)
    td, pr = sales_t.receipt_tenders.c, sales_t.receipt_promotions.c
    tenders = tuple(TenderPaid(**x._mapping) for x in conn.execute(
        select(td.position, td.tender, td.amount_fen, td.reference)
        .where(td.receipt_no == receipt_no).order_by(td.position)))
    promotions = tuple(PromotionApplied(**x._mapping) for x in conn.execute(
        select(pr.position, pr.kind, pr.description, pr.amount_fen)
        .where(pr.receipt_no == receipt_no).order_by(pr.position)))
    gifts = tuple(Gift(x.line_no, x.name, x.qty, x.gift_value_fen) for x in lines if x.is_gift)
    return ReceiptDetail(
        receipt_no=head.receipt_no, store_id=head.store_id, sold_at=head.sold_at,
        business_date=head.business_date, list_total_fen=head.list_total_fen,
        discount_fen=head.discount_fen, paid_fen=head.paid_fen,
        points_earned=head.points_earned,
        customer=_customer_brief(conn, head.customer_id),
        lines=lines, tenders=tenders, promotions=promotions, gifts=gifts,
        tickets=_tickets(conn, repairs_t.tickets.c.receipt_no == receipt_no),
        returns=receipt_returns(conn, receipt_no),
        fully_returned=bool(lines) and all(x.returnable_qty == 0 for x in lines
                                           if not x.is_gift),
    )


def customer_detail(conn: Connection, customer_id: str) -> CustomerDetail:
    c = catalog_t.customers.c
    row = conn.execute(select(c.customer_id, c.name, c.phone, c.member_id, c.note)
                       .where(c.customer_id == customer_id)).first()
    if row is None:
        raise DeskError("lookup.unknown", kind="customer", key=customer_id)
    r = sales_t.receipts.c
    purchases = tuple(Purchase(**x._mapping) for x in conn.execute(
        select(r.receipt_no, r.sold_at, r.paid_fen, r.discount_fen, r.points_earned,
               select(func.count()).where(sales_t.receipt_lines.c.receipt_no == r.receipt_no)
               .correlate(sales_t.receipts).scalar_subquery().label("line_count"))
        .where(r.customer_id == customer_id)
        .order_by(r.sold_at.desc(), r.receipt_no.desc()).limit(RECENT_LIMIT)))
    totals = conn.execute(select(func.count(), func.coalesce(func.sum(r.paid_fen), 0))
                          .where(r.customer_id == customer_id)).one()
    return CustomerDetail(
        customer_id=row.customer_id, name=row.name, phone=mask_phone(row.phone),
        member_id=row.member_id, note=row.note,
        purchase_count=int(totals[0]), purchase_total_fen=int(totals[1]),
        purchases=purchases,
        returns=customer_returns(conn, customer_id),
        compensations=customer_compensations(conn, customer_id),
        tickets=_tickets(conn, repairs_t.tickets.c.customer_id == customer_id),
    )


def ticket_detail(conn: Connection, code: str) -> TicketDetail:
    tk, p = repairs_t.tickets.c, catalog_t.products.c
    row = conn.execute(
        select(repairs_t.tickets, p.name.label("product_name"), p.barcode)
        .select_from(repairs_t.tickets.outerjoin(catalog_t.products, p.sku == tk.sku))
        .where(tk.code == code)).first()
    if row is None:
        raise DeskError("lookup.unknown", kind="ticket", key=code)
    step = int(row.step)
    closed = row.status in ("closed", "archived", "returned")
    checklist = tuple(
        ChecklistStep(n, key,
                      "done" if closed or n < step else ("current" if n == step else "todo"))
        for n, key in enumerate(CHECKLIST_STEPS, start=1)
    )
    return TicketDetail(**row._mapping, customer=_customer_brief(conn, row.customer_id),
                        checklist=checklist,
                        steps_done=len(CHECKLIST_STEPS) if closed else max(0, step - 1))


def product_detail(conn: Connection, sku: str) -> ProductDetail:
    p, cat = catalog_t.products.c, catalog_t.categories.c
    row = conn.execute(
        select(
            p.sku,
            p.barcode,
            p.name,
            p.price_fen,
            p.category_id,
            cat.name.label("category"),
            cat.kind.label("category_kind"),
        )
        .select_from(
            catalog_t.products.outerjoin(catalog_t.categories, cat.category_id == p.category_id)
        )
        .where(p.sku == sku)
    ).first()
    if row is None:
        raise DeskError("lookup.unknown", kind="product", key=sku)
    ln, r = sales_t.receipt_lines.c, sales_t.receipts.c
    # its newest sales: receipt numbers start with the date, so the (sku, receipt_no) index gives
    # the latest ones without reading a best-seller's every line; then shown by time of sale
    sales = [
        ProductSale(**x._mapping)
        for x in conn.execute(
            select(ln.receipt_no, ln.line_no, ln.qty, ln.serial, r.sold_at, r.paid_fen)
            .select_from(
                sales_t.receipt_lines.join(sales_t.receipts, r.receipt_no == ln.receipt_no)
            )
            .where(ln.sku == sku)
            .order_by(ln.receipt_no.desc())
            .limit(RECENT_LIMIT)
        )
    ]
    sales.sort(key=lambda s: (s.sold_at, s.receipt_no), reverse=True)
    return ProductDetail(**row._mapping, sales=tuple(sales))


DETAILS: dict[str, Callable[[Connection, str], Detail]] = {
    "receipt": receipt_detail,
    "customer": customer_detail,
    "ticket": ticket_detail,
    "product": product_detail,
}


def detail(conn: Connection, kind: str, key: str) -> Detail:
    fn = DETAILS.get(kind)
    if fn is None:
        raise DeskError("lookup.unknown", kind=kind, key=key)
    return fn(conn, key)
