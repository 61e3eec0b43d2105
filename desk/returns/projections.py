"""Projections of the return counter's facts, and the invariant that catches double refunds.

- ``return.recorded``: the return, its lines and its refund tenders (status completed or pending);
- ``compensation.recorded``: a compensation (completed or pending);
- ``approval.recorded``: a manager's or head office's approval (or refusal). A head-office
  decision completes (or refuses) the case it names; when several arrive, the first by HLC
  counts, so every counter ends the same whatever the order the events came in.

A projector never raises on a well-formed event from another counter: two counters that refunded
the same receipt line while offline both keep their facts, and the invariant below records a
conflict (``refund.exceeds_paid``) for a manager. Loaded from desk/platform/projections.py.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from desk.platform.batch import has_row, no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import Finding, events_by_id, record_conflict
from desk.platform.events import Event
from desk.platform.queries import exists
from desk.platform.registry import Invariant, Projector
from desk.platform.roles import HEAD_OFFICE
from desk.returns import tables as returns_t
from desk.returns.queries import line_findings

ACTIVE = ("completed", "pending")


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _head_office_status(conn: Connection, case_id: str) -> tuple[str, str] | None:
    """(status, approver) from the first head-office decision (by HLC) on a case, if any."""
    a = returns_t.approvals.c
    row = conn.execute(select(a.decision, a.approver_id)
                       .where(a.case_id == case_id, a.level == "head_office")
                       .order_by(a.hlc, a.event_id).limit(1)).first()
    if row is None:
        return None
    return ("completed" if row.decision == "approved" else "refused", row.approver_id)


def _return(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    return_id = str(p.get("return_id") or e.entity_id)
    # no rival event of this id: its row cannot exist yet (skip the query in a batch)
    if not (return_id == e.entity_id and no_rival(conn, e)) and exists(
            conn, returns_t.returns, "return_id", return_id):
        return set()  # the same fact twice (cannot happen with unique ids): keep the first
    status = p.get("status", "completed")
    approved_by = p.get("approved_by", "")
    if status == "pending":
        decided = _head_office_status(conn, return_id)  # the decision may have come first
        if decided is not None:
            status, approved_by = decided
    returned_at = str(p.get("returned_at", ""))
    conn.execute(plain_insert(returns_t.returns), dict(
        return_id=return_id, event_id=e.event_id, store_id=e.store_id,
        receipt_no=p.get("receipt_no", ""), customer_id=p.get("customer_id"),
        returned_at=returned_at, business_date=returned_at[:10], actor=e.actor, status=status,
        refund_fen=int(p.get("refund_fen", 0)), gross_fen=int(p.get("gross_fen", 0)),
        gift_deduction_fen=int(p.get("gift_deduction_fen", 0)),
        points_reversed=int(p.get("points_reversed", 0)), reason=p.get("reason", ""),
        found_by=p.get("found_by", "receipt"), policy_version=p.get("policy_version", ""),
        approval_level=p.get("approval_level", "clerk"), approved_by=approved_by,
        override_reason=p.get("override_reason", ""), signature_ref=p.get("signature_ref", ""),
        decision=_dumps(p.get("decision", {})), hlc=e.hlc,
    ))
    lines = p.get("lines", [])
    if lines:
        conn.execute(plain_insert(returns_t.return_lines), [
            {"return_id": return_id, "position": i, "receipt_no": p.get("receipt_no", ""),
             "line_no": int(ln["line_no"]), "kind": ln.get("kind", "return"),
             "qty": int(ln["qty"]), "refund_fen": int(ln.get("refund_fen", 0))}
            for i, ln in enumerate(lines, start=1)])
    tenders = p.get("tenders", [])
    if tenders:
        conn.execute(plain_insert(returns_t.refund_tenders), [
            {"return_id": return_id, "position": i,
             "tender_position": int(td.get("tender_position", 0)), "tender": td["tender"],
             "route": td.get("route", "original"), "amount_fen": int(td["amount_fen"]),
             "reason": td.get("reason", "")}
            for i, td in enumerate(tenders, start=1)])
    return {Changed.RETURNS}


def _compensation(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    comp_id = str(p.get("compensation_id") or e.entity_id)
    if not (comp_id == e.entity_id and no_rival(conn, e)) and conn.execute(
        select(returns_t.compensations.c.compensation_id).where(
            returns_t.compensations.c.compensation_id == comp_id
        )
    ).first() is not None:
        return set()
    status = p.get("status", "completed")
    approved_by = p.get("approved_by", "")
    if status == "pending":
        decided = _head_office_status(conn, comp_id)
        if decided is not None:
            status, approved_by = decided
    decided_at = str(p.get("decided_at", ""))
    conn.execute(
        plain_insert(returns_t.compensations), dict(
            compensation_id=comp_id,
            event_id=e.event_id,
            store_id=e.store_id,
            kind=p.get("kind", ""),
            receipt_no=p.get("receipt_no"),
            line_no=p.get("line_no"),
            ticket_code=p.get("ticket_code"),
            customer_id=p.get("customer_id"),
            amount_fen=int(p.get("amount_fen", 0)),
            statutory=bool(p.get("statutory", False)),
            status=status,
            approval_level=p.get("approval_level", "clerk"),
            approved_by=approved_by,
            reason=p.get("reason", ""),
            decided_at=decided_at,
            business_date=decided_at[:10],
            policy_version=p.get("policy_version", ""),
            signature_ref=p.get("signature_ref", ""),
            decision=_dumps(p.get("decision", {})),
            hlc=e.hlc,
        )
    )
    return {Changed.COMPENSATIONS}


def _approval(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    if not no_rival(conn, e) and conn.execute(  # keyed by event id: a replay has it once
        select(returns_t.approvals.c.event_id).where(
            returns_t.approvals.c.event_id == e.event_id
        )
    ).first() is not None:
        return set()
    case_id = str(p.get("case_id") or e.entity_id)
    if p.get("level") == "head_office" and e.store_id != HEAD_OFFICE:
        # A head-office decision counts only from head office's store: a store's counter that
        # claims one (a forged or tampered client) gets a conflict for a manager, never a refund.
        record_conflict(conn, "approval.not_from_head_office", case_id, e.store_id, [e])
        return {Changed.CONFLICTS}
    conn.execute(
        plain_insert(returns_t.approvals), dict(
            event_id=e.event_id,
            case_id=case_id,
            case_kind=p.get("case_kind", "return"),
            level=p.get("level", "manager"),
            approver_id=p.get("approver_id", e.actor),
            decision=p.get("decision", "approved"),
            reason=p.get("reason", ""),
            at=str(p.get("at", "")),
            hlc=e.hlc,
        )
    )
    changed = {Changed.APPROVALS}
    if p.get("level") == "head_office":
        decided = _head_office_status(conn, case_id)
        if decided is not None:
            status, approver = decided
            r, c = returns_t.returns.c, returns_t.compensations.c
            # only a case that waits (or waited) for head office follows its decision
            if conn.execute(
                update(returns_t.returns)
                .where(r.return_id == case_id, r.approval_level == "head_office")
                .values(status=status, approved_by=approver)
            ).rowcount:
                changed |= {Changed.RETURNS}
            if conn.execute(
                update(returns_t.compensations)
                .where(c.compensation_id == case_id, c.approval_level == "head_office")
                .values(status=status, approved_by=approver)
            ).rowcount:
                changed |= {Changed.COMPENSATIONS}
    return changed


def _report(conn: Connection, event: Event, findings: list[Finding]) -> Finding | None:
    """The invariant hook reports one finding; record any others directly."""
    for extra in findings[1:]:
        record_conflict(
            conn,
            extra.code,
            extra.entity_id,
            event.store_id,
            events_by_id(conn, extra.event_ids),
            extra.detail,
        )
    return findings[0] if findings else None


def _return_within_paid(conn: Connection, event: Event) -> Finding | None:
    p = event.payload
    receipt_no = p.get("receipt_no", "")
    lines = p.get("lines", [])
    line_nos = {int(ln["line_no"]) for ln in lines}
    # gift lines are paid 0; a returned line's payload says what the whole line was paid
    hint = {int(ln["line_no"]): int(ln["paid_line_fen"]) for ln in lines if "paid_line_fen" in ln}
    return _report(conn, event, line_findings(conn, receipt_no, line_nos, hint))


def _sale_after_returns(conn: Connection, event: Event) -> Finding | None:
    """A sale pulled after returns of it (rare ordering): check those returns now."""
    receipt_no = event.payload.get("receipt_no", event.entity_id)
    # runs for every sale (200 000 in the large demo, and on a rebuild): in a batch, the receipts
    # with returned lines are read once per batch, so a sale with none costs a set lookup
    if not has_row(conn, returns_t.return_lines, "receipt_no", receipt_no):
        return None
    line_nos = {
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT DISTINCT line_no FROM return_lines WHERE receipt_no = ?", (receipt_no,)
        )
    }
    if not line_nos:
        return None
    return _report(conn, event, line_findings(conn, receipt_no, line_nos))


PROJECTORS: dict[str, Projector] = {
    "return.recorded": _return,
    "compensation.recorded": _compensation,
    "approval.recorded": _approval,
}

INVARIANTS: dict[str, tuple[Invariant, ...]] = {
    "return.recorded": (_return_within_paid,),
    "sale.recorded": (_sale_after_returns,),
}
