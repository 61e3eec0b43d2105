"""Read side of returns: what was returned, what waits for head office, a member's points."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from desk.catalog import tables as catalog_t
from desk.platform import tables as platform_t
from desk.platform.conflicts import Finding
from desk.platform.driver_select import DriverSelect
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.returns import tables as returns_t
from desk.returns.documents import compensation_reference
from desk.returns.rules import History, Purchase, SoldLine, SoldTender, paid_per_line
from desk.sales import tables as sales_t

ACTIVE = ("completed", "pending")  # refused returns hold nothing
CONFLICT_CODE = "refund.exceeds_paid"  # a receipt line refunded beyond what was paid


# The statements a return runs are built once, with the receipt as a bound parameter, and the
# hot ones run on the driver (DriverSelect): on the counter's path (decide, record, check)
# building, compiling and executing them through SQLAlchemy cost more than SQLite.
_RECEIPT: BindParameter[str] = bindparam("receipt_no")
_rl, _r, _rt = returns_t.return_lines.c, returns_t.returns.c, returns_t.refund_tenders.c
_RETURNED = DriverSelect(
    select(_rl.line_no, func.sum(_rl.qty))
    .select_from(returns_t.return_lines.join(returns_t.returns, _r.return_id == _rl.return_id))
    .where(_rl.receipt_no == _RECEIPT, _r.status.in_(ACTIVE))
    .group_by(_rl.line_no))
_REFUNDED = DriverSelect(
    select(_rt.tender_position, func.sum(_rt.amount_fen))
    .select_from(returns_t.refund_tenders.join(returns_t.returns,
                                               _r.return_id == _rt.return_id))
    .where(_r.receipt_no == _RECEIPT, _r.status.in_(ACTIVE))
    .group_by(_rt.tender_position))


def returned_quantities(conn: Connection, receipt_no: str) -> dict[int, int]:
    """Units returned (or settled, for a gift whose value was deducted) per line_no, counting
    every earlier return that is completed or pending."""
    rows = _RETURNED.rows(conn, receipt_no=receipt_no)
    return {int(line_no): int(qty) for line_no, qty in rows}


def refunded_by_tender(conn: Connection, receipt_no: str) -> dict[int, int]:
    """Fen refunded so far per receipt tender position (completed and pending returns)."""
    rows = _REFUNDED.rows(conn, receipt_no=receipt_no)
    return {int(pos): int(amount) for pos, amount in rows}


def _return_row(row: Any) -> dict[str, Any]:
    item = dict(row._mapping)
    item["decision"] = json.loads(item["decision"])
    return item


def _rows_of(conn: Connection, table: Any, key: str, value: str, order: str
             ) -> list[dict[str, Any]]:
    rows = conn.execute(select(table).where(table.c[key] == value).order_by(table.c[order]))
    return [dict(r._mapping) for r in rows]


def return_detail(conn: Connection, return_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        select(returns_t.returns).where(returns_t.returns.c.return_id == return_id)
    ).first()
    if row is None:
        return None
    item = _return_row(row)
    item["lines"] = _rows_of(conn, returns_t.return_lines, "return_id", return_id, "position")
    item["tenders"] = _rows_of(conn, returns_t.refund_tenders, "return_id", return_id,
                               "position")
    item["approvals"] = _rows_of(conn, returns_t.approvals, "case_id", return_id, "hlc")
    return item


def compensation_detail(conn: Connection, compensation_id: str) -> dict[str, Any] | None:
    """A recorded compensation with its decision and who recorded it (the clerk: the actor of
    its journal fact), or None when there is no such compensation."""
    c, j = returns_t.compensations, platform_t.journal.c
    row = conn.execute(
        select(c, j.actor).select_from(c.join(platform_t.journal, j.event_id == c.c.event_id))
        .where(c.c.compensation_id == compensation_id)
    ).first()
    return _return_row(row) if row is not None else None


def compensation_signature_ref(conn: Connection, compensation_id: str) -> tuple[str, str]:
    """The signature given for a compensation and the document reference it was given under
    (("", "") when none was asked)."""
    c = returns_t.compensations.c
    row = conn.execute(select(c.signature_ref, c.receipt_no, c.ticket_code, c.customer_id)
                       .where(c.compensation_id == compensation_id)).first()
    if row is None or not row.signature_ref:
        return "", ""
    return str(row.signature_ref), compensation_reference(row.receipt_no, row.ticket_code,
                                                          row.customer_id)


def customer_returns(conn: Connection, customer_id: str, limit: int = 200) -> list[dict[str, Any]]:
    r = returns_t.returns.c
    rows = conn.execute(
        select(
            r.return_id,
            r.receipt_no,
            r.returned_at,
            r.status,
            r.refund_fen,
            r.points_reversed,
            r.reason,
        )
        .where(r.customer_id == customer_id)
        .order_by(r.returned_at.desc(), r.return_id)
        .limit(limit)
    )
    return [dict(row._mapping) for row in rows]


def customer_compensations(
    conn: Connection, customer_id: str, limit: int = 200
) -> list[dict[str, Any]]:
    c = returns_t.compensations.c
    rows = conn.execute(
        select(
            c.compensation_id,
            c.kind,
            c.amount_fen,
            c.status,
            c.decided_at,
            c.receipt_no,
            c.ticket_code,
            c.reason,
        )
        .where(c.customer_id == customer_id)
        .order_by(c.decided_at.desc(), c.compensation_id)
        .limit(limit)
    )
    return [dict(row._mapping) for row in rows]


def pending_cases(conn: Connection) -> list[dict[str, Any]]:
    """Returns and compensations waiting for head office, oldest first (the manager's list)."""
    r, c = returns_t.returns.c, returns_t.compensations.c
    out = [
        {
            "case_id": row.return_id,
            "case_kind": "return",
            "at": row.returned_at,
            "amount_fen": row.refund_fen,
            "receipt_no": row.receipt_no,
            "actor": row.actor,
            "store_id": row.store_id,
        }
        for row in conn.execute(
            select(r.return_id, r.returned_at, r.refund_fen, r.receipt_no, r.actor,
                   r.store_id).where(r.status == "pending")
        )
    ]
    j = platform_t.journal.c
    out += [
        {
            "case_id": row.compensation_id,
            "case_kind": "compensation",
            "at": row.decided_at,
            "amount_fen": row.amount_fen,
            "receipt_no": row.receipt_no or row.ticket_code,
            "actor": row.actor,
            "store_id": row.store_id,
        }
        for row in conn.execute(
            select(c.compensation_id, c.decided_at, c.amount_fen, c.receipt_no, c.ticket_code,
                   c.store_id, j.actor)
            .select_from(returns_t.compensations.join(platform_t.journal,
                                                      j.event_id == c.event_id))
            .where(c.status == "pending")
        )
    ]
    return sorted(out, key=lambda x: (x["at"], x["case_id"]))


def points_balance(conn: Connection, customer_id: str) -> int:
    """Points earned on the member's receipts less points reversed by returns (may be < 0)."""
    earned = conn.execute(
        select(func.coalesce(func.sum(sales_t.receipts.c.points_earned), 0)).where(
            sales_t.receipts.c.customer_id == customer_id
        )
    ).scalar_one()
    reversed_ = conn.execute(
        select(func.coalesce(func.sum(returns_t.returns.c.points_reversed), 0)).where(
            returns_t.returns.c.customer_id == customer_id, returns_t.returns.c.status.in_(ACTIVE)
        )
    ).scalar_one()
    return int(earned) - int(reversed_)


def return_signature_ref(conn: Connection, return_id: str) -> str:
    """The signature given for a return ('' when none was asked)."""
    r = returns_t.returns.c
    ref = conn.execute(select(r.signature_ref).where(r.return_id == return_id)).scalar()
    return str(ref or "")


_sl, _p, _c = sales_t.receipt_lines.c, catalog_t.products.c, catalog_t.categories.c
_sr = sales_t.receipts.c
_PURCHASE = DriverSelect(select(_sr.receipt_no, _sr.store_id, _sr.business_date,
                                _sr.customer_id, _sr.points_earned)
                         .where(_sr.receipt_no == _RECEIPT))
_PURCHASE_LINES = DriverSelect(
    select(_sl.line_no, _sl.sku, _sl.name, _c.kind, _sl.qty, _sl.unit_price_fen,
           _sl.line_discount_fen, _sl.is_gift, _sl.gift_value_fen)
    .select_from(sales_t.receipt_lines.outerjoin(catalog_t.products, _p.sku == _sl.sku)
                 .outerjoin(catalog_t.categories, _c.category_id == _p.category_id))
    .where(_sl.receipt_no == _RECEIPT)
    .order_by(_sl.line_no))
_PURCHASE_TENDERS = DriverSelect(
    select(sales_t.receipt_tenders.c.position, sales_t.receipt_tenders.c.tender,
           sales_t.receipt_tenders.c.amount_fen)
    .where(sales_t.receipt_tenders.c.receipt_no == _RECEIPT)
    .order_by(sales_t.receipt_tenders.c.position))
_PURCHASE_PROMOTIONS = DriverSelect(
    select(sales_t.receipt_promotions.c.amount_fen)
    .where(sales_t.receipt_promotions.c.receipt_no == _RECEIPT)
    .order_by(sales_t.receipt_promotions.c.position))


def load_purchase(conn: Any, receipt_no: str) -> Purchase:
    r = _PURCHASE.first(conn, receipt_no=receipt_no)
    if r is None:
        raise DeskError("receipt.unknown", receipt_no=receipt_no)
    number, store_id, business_date, customer_id, points_earned = r
    return Purchase(
        receipt_no=number,
        store_id=store_id,
        sold_on=date.fromisoformat(business_date),
        customer_id=customer_id,
        lines=tuple(  # in SoldLine's order
            SoldLine(line_no, sku, name, kind or "general", qty, unit_fen, discount_fen,
                     bool(is_gift), gift_fen)
            for line_no, sku, name, kind, qty, unit_fen, discount_fen, is_gift, gift_fen
            in _PURCHASE_LINES.rows(conn, receipt_no=receipt_no)),
        tenders=tuple(SoldTender(*x) for x in _PURCHASE_TENDERS.rows(conn, receipt_no=receipt_no)),
        order_discounts_fen=tuple(
            int(a) for (a,) in _PURCHASE_PROMOTIONS.rows(conn, receipt_no=receipt_no)),
        points_earned=points_earned,
    )


def load_history(conn: Any, receipt_no: str) -> History:
    return History(returned_quantities(conn, receipt_no), refunded_by_tender(conn, receipt_no))


# --- the invariant: a receipt line is never refunded beyond what was bought and paid ----------


_sl = sales_t.receipt_lines.c
# built once (every return runs it, as its invariant): quantity and refund returned per line
_LINES_RETURNED = (
    select(_rl.line_no, func.sum(_rl.qty).label("qty"), func.sum(_rl.refund_fen).label("refund"),
           _sl.qty.label("sold"))
    .select_from(returns_t.return_lines.join(returns_t.returns, _r.return_id == _rl.return_id)
                 .join(sales_t.receipt_lines,
                       (_sl.receipt_no == _rl.receipt_no) & (_sl.line_no == _rl.line_no)))
    .where(_rl.receipt_no == _RECEIPT, _rl.line_no.in_(bindparam("line_nos", expanding=True)),
           _r.status.in_(ACTIVE))
    .group_by(_rl.line_no, _sl.qty))


def line_findings(
    conn: Connection, receipt_no: str, line_nos: set[int], paid_hint: dict[int, int] | None = None
) -> list[Finding]:
    """A finding for each of these lines whose returns (completed or pending, from every
    counter) exceed the quantity sold or the amount paid. Empty when all is well, or when the
    sale has not reached this counter yet (it is checked again when it does). `paid_hint`: the
    lines' paid amounts when the caller knows them (a return's payload carries them)."""
    if not line_nos:
        return []
    rl, r = returns_t.return_lines.c, returns_t.returns.c
    rows = conn.execute(_LINES_RETURNED, {"receipt_no": receipt_no,
                                          "line_nos": sorted(line_nos)}).all()
    if not rows:
        return []
    paid = dict(paid_hint or {})
    if any(row.line_no not in paid for row in rows):
        paid = paid_by_line(conn, receipt_no)
    findings = []
    for row in rows:
        line_no, qty, refund, sold = int(row.line_no), int(row.qty), int(row.refund), row.sold
        line_paid = paid.get(line_no, 0)
        if qty <= sold and refund <= line_paid:
            continue
        event_ids = sorted(
            conn.execute(
                select(r.event_id)
                .distinct()
                .select_from(
                    returns_t.return_lines.join(returns_t.returns, r.return_id == rl.return_id)
                )
                .where(rl.receipt_no == receipt_no, rl.line_no == line_no)
            ).scalars()
        )
        findings.append(
            Finding(
                CONFLICT_CODE,
                f"{receipt_no}:{line_no}",
                event_ids,
                {
                    "receipt_no": receipt_no,
                    "line_no": line_no,
                    "qty_sold": sold,
                    "qty_returned": qty,
                    "paid_fen": line_paid,
                    "refunded_fen": refund,
                    "over_fen": max(0, refund - line_paid),
                },
            )
        )
    return findings


def paid_by_line(conn: Connection, receipt_no: str) -> dict[int, int]:
    sold = conn.execute(
        select(sales_t.receipt_lines)
        .where(sales_t.receipt_lines.c.receipt_no == receipt_no)
        .order_by(sales_t.receipt_lines.c.line_no)
    ).all()
    promotions = conn.execute(
        select(sales_t.receipt_promotions.c.amount_fen).where(
            sales_t.receipt_promotions.c.receipt_no == receipt_no
        )
    ).scalars()
    lines = [
        SoldLine(
            row.line_no,
            row.sku,
            row.name,
            "",
            row.qty,
            row.unit_price_fen,
            row.line_discount_fen,
            row.is_gift,
            row.gift_value_fen,
        )
        for row in sold
    ]
    return dict(
        zip((ln.line_no for ln in lines), paid_per_line(lines, list(promotions)), strict=True)
    )


def signature_used(conn: Connection, signature_id: str) -> bool:
    """Whether a return or a compensation already rests on this signature."""
    return any(exists(conn, table, "signature_ref", signature_id)
               for table in (returns_t.returns, returns_t.compensations))
