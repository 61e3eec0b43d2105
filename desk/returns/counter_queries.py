"""The return screen's read model: plain functions of a connection, run on the database worker
(ui/returns calls them through ctx.query)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from desk.catalog import tables as catalog_t
from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.roles import Role
from desk.platform.settings import get_setting
from desk.platform.values import mask_phone
from desk.policies import queries as policies
from desk.returns import tables as returns_t
from desk.returns.commands import AwardCompensation, RecordReturn
from desk.returns.compensation import decide_compensation
from desk.returns.documents import (
    COMPENSATION_DOCUMENT,
    RETURN_DOCUMENT,
    compensation_document,
    compensation_reference,
    return_document,
)
from desk.returns.handlers import build_claim, preview_return
from desk.returns.queries import load_history, load_purchase
from desk.returns.rules import paid_per_line
from desk.sales import tables as sales_t
from desk.signatures.rules import content_sha256
from desk.staff.approvals import needs_approver
from desk.staff.authority import higher


def load_receipt(conn: Any, text: str) -> dict[str, Any]:
    """A receipt with what is left to return on each line. Text that is not a receipt number
    (a phone, a member id) lists that customer's recent receipts instead (no-receipt return)."""
    receipt_no = text.strip().upper()
    row = conn.execute(select(sales_t.receipts.c.receipt_no)
                       .where(sales_t.receipts.c.receipt_no == receipt_no)).first()
    if row is None:
        return _customer_purchases(conn, text.strip())
    purchase = load_purchase(conn, receipt_no)
    history = load_history(conn, receipt_no)
    paid = paid_per_line(purchase.lines, purchase.order_discounts_fen)
    customer = None
    if purchase.customer_id:
        c = conn.execute(select(catalog_t.customers.c.name, catalog_t.customers.c.member_id)
                         .where(catalog_t.customers.c.customer_id == purchase.customer_id)).first()
        customer = {"customer_id": purchase.customer_id, "name": c.name if c else "",
                    "member_id": c.member_id if c else ""}
    r = conn.execute(select(sales_t.receipts.c.sold_at, sales_t.receipts.c.paid_fen)
                     .where(sales_t.receipts.c.receipt_no == receipt_no)).one()
    return {
        "kind": "receipt", "receipt_no": receipt_no, "sold_at": r.sold_at,
        "paid_fen": r.paid_fen, "customer": customer,
        "store_ok": purchase.store_id == get_setting(conn, "store_id"),
        "lines": [{"line_no": ln.line_no, "name": ln.name, "sku": ln.sku, "qty": ln.qty,
                   "returnable": max(0, ln.qty - history.returned_qty.get(ln.line_no, 0)),
                   "paid_fen": p, "is_gift": ln.is_gift, "kind": ln.category_kind}
                  for ln, p in zip(purchase.lines, paid, strict=True)],
        "tenders": [{"tender": td.tender, "amount_fen": td.amount_fen}
                    for td in purchase.tenders],
    }


def _customer_purchases(conn: Any, text: str) -> dict[str, Any]:
    """A customer's receipts, found by phone, member number or the phone's last four digits (a
    last-4 can match several customers: their receipts are listed with the name and masked
    phone, and the clerk asks which is theirs)."""
    c = catalog_t.customers.c
    digits = text.replace(" ", "")
    found_by = "member" if digits.upper().startswith("M") else "phone"
    key = digits.upper() if found_by == "member" else digits
    if found_by == "phone" and len(key) == 4 and key.isdigit():
        where = c.phone_last4 == key
    else:
        where = (c.member_id if found_by == "member" else c.phone) == key
    customers = conn.execute(select(c.customer_id, c.name, c.phone).where(where)
                             .order_by(c.customer_id).limit(20)).all() if key else []
    if not customers:
        raise DeskError("receipt.unknown", receipt_no=text.strip())
    who = {x.customer_id: x for x in customers}
    r = sales_t.receipts.c
    rows = conn.execute(select(r.receipt_no, r.sold_at, r.paid_fen, r.customer_id)
                        .where(r.customer_id.in_(list(who)))
                        .order_by(r.sold_at.desc()).limit(50)).all()
    first = customers[0]
    return {"kind": "purchases", "found_by": found_by,
            "customer_id": first.customer_id if len(customers) == 1 else None,
            "name": first.name if len(customers) == 1 else "",
            "receipts": [{"receipt_no": x.receipt_no, "sold_at": x.sold_at,
                          "paid_fen": x.paid_fen, "customer_id": x.customer_id,
                          "customer_name": who[x.customer_id].name,
                          "phone": mask_phone(who[x.customer_id].phone or "")}
                         for x in rows]}


def preview(conn: Any, cmd: RecordReturn, today: date, role: str = "") -> dict[str, Any]:
    """The decision the return would get, and whether the actor (of `role`) needs a manager's
    PIN for it: an override of an overridable refusal is a manager's decision too. The screen
    shows the answer; the handler checks the same rule when the return is recorded."""
    store_id = get_setting(conn, "store_id") or ""
    decision = preview_return(conn, cmd, store_id, today)
    overridable = bool(decision.refusals) and all(r.overridable for r in decision.refusals)
    level = higher(decision.level, "manager") if overridable or cmd.cash_back \
        else decision.level
    return {**decision.to_dict(), "needs": asdict(needs_approver(_role(role), level))}


def preview_compensation_for(conn: Any, cmd: AwardCompensation, today: date,
                             role: str = "") -> dict[str, Any]:
    """The compensation the command would get, and whether the actor needs a manager's PIN."""
    claim, _ = build_claim(conn, cmd, today)
    decision = decide_compensation(policies.for_connection(conn), claim)
    return {**decision.to_dict(), "needs": asdict(needs_approver(_role(role), decision.level))}


def _role(text: str) -> Role | None:
    try:
        return Role(text)
    except ValueError:
        return Role.CLERK  # an unknown role gets the least authority


@dataclass(frozen=True)
class SignableDocument:
    """What the customer signs on the pad, as the core builds it: the signature is captured for
    (kind, ref, document_sha256) and the command that needs it names the signature."""

    kind: str
    ref: str
    document_sha256: str
    amount_fen: int


def signable_return(conn: Any, cmd: RecordReturn, today: date) -> SignableDocument:
    store_id = get_setting(conn, "store_id") or ""
    decision = preview_return(conn, cmd, store_id, today)
    return SignableDocument(RETURN_DOCUMENT, cmd.receipt_no.strip(),
                            content_sha256(return_document(decision)), decision.refund_fen)


def signable_compensation(conn: Any, cmd: AwardCompensation, today: date) -> SignableDocument:
    claim, customer = build_claim(conn, cmd, today)
    decision = decide_compensation(policies.for_connection(conn), claim)
    reference = compensation_reference(cmd.receipt_no, cmd.ticket_code, customer)
    document = compensation_document(reference, decision, today.isoformat())
    return SignableDocument(COMPENSATION_DOCUMENT, reference, content_sha256(document),
                            decision.amount_fen)


def decided_by_head_office(conn: Any, device_id: str) -> list[str]:
    """Return ids this counter recorded as pending that head office has since approved: their
    refund receipt prints here, where the customer was served."""
    r, j = returns_t.returns.c, t.journal.c
    rows = conn.execute(
        select(r.return_id).select_from(returns_t.returns.join(t.journal,
                                                               j.event_id == r.event_id))
        .where(r.status == "completed", r.approval_level == "head_office",
               j.device_id == device_id)
        .order_by(r.returned_at, r.return_id))
    return [row.return_id for row in rows]
