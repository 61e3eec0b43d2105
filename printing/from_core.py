"""Document data from the core's read models (run on the database worker, never the GUI).

The core knows nothing of printing; this module asks the core's queries what a recorded return
says and shapes it for printing/documents.py. No SQL here.
"""

from __future__ import annotations

from typing import Any

from desk.catalog.queries import customer_contact, this_store
from desk.platform.db import Connection
from desk.returns.explain import audit_line, sentences
from desk.returns.queries import compensation_detail, return_detail
from desk.sales.queries import line_names
from desk.signatures.queries import signature_png
from desk.staff.queries import staff_names
from printing.closure_words import rule
from printing.documents import (
    CompensationSlipData,
    Customer,
    RefundPart,
    ReturnLine,
    ReturnReceiptData,
    Store,
)

__all__ = ["compensation_slip_data", "return_receipt_data", "signature_png", "store_of"]


def store_of(conn: Connection) -> Store:
    store = this_store(conn)
    return Store(name=store.name, address=store.address, tracking_url=store.tracking_url)


def _with_id(names: dict[str, str], staff_id: str) -> str:
    name = names.get(staff_id)
    return f"{name}（{staff_id}）" if name else staff_id


def _customer(conn: Connection, customer_id: str | None) -> Customer:
    found = customer_contact(conn, customer_id)
    if found is None:
        return Customer()
    return Customer(name=found.name, phone=found.phone, member_id=found.member_id)


def _explanation(decision: dict[str, Any]) -> tuple[str, ...]:
    """The decision's rules in the customer's words (paper is Chinese)."""
    return tuple(sentences(decision.get("rules", []), "zh_CN"))


def _audit(decision: dict[str, Any]) -> tuple[str, ...]:
    return tuple(audit_line(r) for r in decision.get("rules", []))


def return_receipt_data(conn: Connection, return_id: str) -> ReturnReceiptData | None:
    """The receipt of a recorded return, or None when there is no such return."""
    item = return_detail(conn, return_id)
    if item is None:
        return None
    names = line_names(conn, item["receipt_no"])
    staff = staff_names(conn, {item["actor"], item["approved_by"]} - {""})
    lines = tuple(
        ReturnLine(
            name=names.get(ln["line_no"], f"#{ln['line_no']}"),
            qty=ln["qty"],
            refund_fen=ln["refund_fen"],
            note="赠品未退回，扣减赠品价值" if ln["kind"] == "gift_deducted" else "",
        )
        for ln in item["lines"]
    )
    refunds = tuple(
        RefundPart(tender=td["tender"], amount_fen=td["amount_fen"], route=td["route"])
        for td in item["tenders"]
    )
    return ReturnReceiptData(
        store=store_of(conn),
        return_id=return_id,
        receipt_no=item["receipt_no"],
        at=item["returned_at"].replace("T", " ")[:16],
        clerk=_with_id(staff, item["actor"]),
        lines=lines,
        refunds=refunds,
        customer=_customer(conn, item["customer_id"]),
        reason=item["reason"],
        policy_version=item["policy_version"],
        explanation=_explanation(item["decision"]),
        rule_ids=_audit(item["decision"]),
        points_reversed=item["points_reversed"],
        approved_by=_with_id(staff, item["approved_by"]) if item["approved_by"] else "",
        cash_refund=any(td["route"] == "cash" or td["tender"] == "cash" for td in item["tenders"]),
        status=item["status"],
    )


def compensation_slip_data(conn: Connection, compensation_id: str) -> CompensationSlipData | None:
    """The slip of a recorded compensation, or None when there is no such compensation."""
    item = compensation_detail(conn, compensation_id)
    if item is None:
        return None
    staff = staff_names(conn, {item["actor"], item["approved_by"]} - {""})
    approved = item["approved_by"] if item["approved_by"] != item["actor"] else ""
    return CompensationSlipData(
        store=store_of(conn),
        compensation_id=compensation_id,
        rule=rule(item["kind"]),
        at=item["decided_at"].replace("T", " ")[:16],
        clerk=_with_id(staff, item["actor"]),
        amount_fen=item["amount_fen"],
        receipt_no=item["receipt_no"] or "",
        ticket_code=item["ticket_code"] or "",
        customer=_customer(conn, item["customer_id"]),
        reason=item["reason"],
        statutory=bool(item["statutory"]),
        policy_version=item["policy_version"],
        explanation=_explanation(item["decision"]),
        rule_ids=_audit(item["decision"]),
        approved_by=_with_id(staff, approved) if approved else "",
        status=item["status"],
    )
