"""Read side of returns: what was returned, what waits for head office, a member's points."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desk.platform import tables as t

ACTIVE = ("completed", "pending")  # refused returns hold nothing


def returned_quantities(conn: Connection, receipt_no: str) -> dict[int, int]:
    """Units returned (or settled, for a gift whose value was deducted) per line_no, counting
    every earlier return that is completed or pending."""
    rl, r = t.return_lines.c, t.returns.c
    rows = conn.execute(
        select(rl.line_no, func.sum(rl.qty))
        .select_from(t.return_lines.join(t.returns, r.return_id == rl.return_id))
        .where(rl.receipt_no == receipt_no, r.status.in_(ACTIVE))
        .group_by(rl.line_no))
    return {int(line_no): int(qty) for line_no, qty in rows}


def refunded_by_tender(conn: Connection, receipt_no: str) -> dict[int, int]:
    """Fen refunded so far per receipt tender position (completed and pending returns)."""
    rt, r = t.refund_tenders.c, t.returns.c
    rows = conn.execute(
        select(rt.tender_position, func.sum(rt.amount_fen))
        .select_from(t.refund_tenders.join(t.returns, r.return_id == rt.return_id))
        .where(r.receipt_no == receipt_no, r.status.in_(ACTIVE))
        .group_by(rt.tender_position))
    return {int(pos): int(amount) for pos, amount in rows}


def _return_row(row: Any) -> dict[str, Any]:
    item = dict(row._mapping)
    item["decision"] = json.loads(item["decision"])
    return item


def return_detail(conn: Connection, return_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(t.returns).where(t.returns.c.return_id == return_id)).first()
    if row is None:
        return None
    item = _return_row(row)
    item["lines"] = [dict(r._mapping) for r in conn.execute(
        select(t.return_lines).where(t.return_lines.c.return_id == return_id)
        .order_by(t.return_lines.c.position))]
    item["tenders"] = [dict(r._mapping) for r in conn.execute(
        select(t.refund_tenders).where(t.refund_tenders.c.return_id == return_id)
        .order_by(t.refund_tenders.c.position))]
    item["approvals"] = [dict(r._mapping) for r in conn.execute(
        select(t.approvals).where(t.approvals.c.case_id == return_id)
        .order_by(t.approvals.c.hlc))]
    return item


def customer_returns(conn: Connection, customer_id: str, limit: int = 200) -> list[dict[str, Any]]:
    r = t.returns.c
    rows = conn.execute(select(r.return_id, r.receipt_no, r.returned_at, r.status, r.refund_fen,
                               r.points_reversed, r.reason)
                        .where(r.customer_id == customer_id)
                        .order_by(r.returned_at.desc(), r.return_id).limit(limit))
    return [dict(row._mapping) for row in rows]


def customer_compensations(conn: Connection, customer_id: str,
                           limit: int = 200) -> list[dict[str, Any]]:
    c = t.compensations.c
    rows = conn.execute(select(c.compensation_id, c.kind, c.amount_fen, c.status, c.decided_at,
                               c.receipt_no, c.ticket_code, c.reason)
                        .where(c.customer_id == customer_id)
                        .order_by(c.decided_at.desc(), c.compensation_id).limit(limit))
    return [dict(row._mapping) for row in rows]


def pending_cases(conn: Connection) -> list[dict[str, Any]]:
    """Returns and compensations waiting for head office, oldest first (the manager's list)."""
    r, c = t.returns.c, t.compensations.c
    out = [{"case_id": row.return_id, "case_kind": "return", "at": row.returned_at,
            "amount_fen": row.refund_fen, "receipt_no": row.receipt_no, "actor": row.actor}
           for row in conn.execute(select(r.return_id, r.returned_at, r.refund_fen,
                                          r.receipt_no, r.actor).where(r.status == "pending"))]
    out += [{"case_id": row.compensation_id, "case_kind": "compensation",
             "at": row.decided_at, "amount_fen": row.amount_fen, "receipt_no": row.receipt_no,
             "actor": ""}
            for row in conn.execute(select(c.compensation_id, c.decided_at, c.amount_fen,
                                           c.receipt_no).where(c.status == "pending"))]
    return sorted(out, key=lambda x: (x["at"], x["case_id"]))


def points_balance(conn: Connection, customer_id: str) -> int:
    """Points earned on the member's receipts less points reversed by returns (may be < 0)."""
    earned = conn.execute(select(func.coalesce(func.sum(t.receipts.c.points_earned), 0))
                          .where(t.receipts.c.customer_id == customer_id)).scalar_one()
    reversed_ = conn.execute(select(func.coalesce(func.sum(t.returns.c.points_reversed), 0))
                             .where(t.returns.c.customer_id == customer_id,
                                    t.returns.c.status.in_(ACTIVE))).scalar_one()
    return int(earned) - int(reversed_)
