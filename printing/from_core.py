"""Document data filled from the core's tables (run on the database worker, never the GUI).

The core knows nothing of printing; this module reads what a recorded return says and shapes it
for printing/documents.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.db import get_setting
from desk.returns.queries import return_detail
from desk.signatures.projections import signature_for
from printing.documents import Customer, RefundPart, ReturnLine, ReturnReceiptData, Store


def store_of(conn: Connection) -> Store:
    row = conn.execute(select(t.stores).where(
        t.stores.c.store_id == get_setting(conn, "store_id"))).first()
    if row is None:
        return Store(name="")
    return Store(name=row.name, address=row.address, tracking_url=row.tracking_url)


def _staff_name(conn: Connection, staff_id: str) -> str:
    name = conn.execute(select(t.staff.c.name).where(t.staff.c.staff_id == staff_id)).scalar()
    return f"{name}（{staff_id}）" if name else staff_id


def _customer(conn: Connection, customer_id: str | None) -> Customer:
    if not customer_id:
        return Customer()
    row = conn.execute(select(t.customers).where(t.customers.c.customer_id == customer_id)).first()
    return Customer(name=row.name, phone=row.phone, member_id=row.member_id) if row else Customer()


def _explanation(decision: dict[str, Any]) -> tuple[str, ...]:
    return tuple(f"{r['rule']} v{r['version']}" for r in decision.get("rules", []))


def return_receipt_data(conn: Connection, return_id: str) -> ReturnReceiptData | None:
    """The receipt of a recorded return, or None when there is no such return."""
    item = return_detail(conn, return_id)
    if item is None:
        return None
    names = dict(conn.execute(select(t.receipt_lines.c.line_no, t.receipt_lines.c.name).where(
        t.receipt_lines.c.receipt_no == item["receipt_no"])).all())
    lines = tuple(
        ReturnLine(name=names.get(ln["line_no"], f"#{ln['line_no']}"), qty=ln["qty"],
                   refund_fen=ln["refund_fen"],
                   note="赠品未退回，扣减赠品价值" if ln["kind"] == "gift_deducted" else "")
        for ln in item["lines"])
    refunds = tuple(RefundPart(tender=td["tender"], amount_fen=td["amount_fen"],
                               route=td["route"]) for td in item["tenders"])
    return ReturnReceiptData(
        store=store_of(conn), return_id=return_id, receipt_no=item["receipt_no"],
        at=item["returned_at"].replace("T", " ")[:16], clerk=_staff_name(conn, item["actor"]),
        lines=lines, refunds=refunds, customer=_customer(conn, item["customer_id"]),
        reason=item["reason"], policy_version=item["policy_version"],
        explanation=_explanation(item["decision"]), points_reversed=item["points_reversed"],
        approved_by=_staff_name(conn, item["approved_by"]) if item["approved_by"] else "",
        cash_refund=any(td["route"] == "cash" or td["tender"] == "cash"
                        for td in item["tenders"]))


def signature_png(conn: Connection, signature_id: str, document_ref: str) -> bytes | None:
    """The image of a signature given for `document_ref`, checked intact (its binding is
    recomputed); None for a paper signature or one given for another document."""
    if not signature_id or signature_id == "paper":
        return None
    row = conn.execute(select(t.signatures.c.document_sha256, t.signatures.c.document_ref)
                       .where(t.signatures.c.signature_id == signature_id)).first()
    if row is None or row.document_ref != document_ref:
        return None
    return signature_for(conn, signature_id, row.document_sha256).png
