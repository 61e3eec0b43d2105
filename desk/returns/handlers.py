"""Returns, refunds, compensation and approvals at the counter.

The policy decides (desk/returns/rules.py, desk/returns/compensation.py); the handler reads the
purchase and what earlier returns took, checks the approver's PIN where the case is above the
clerk's authority, and records the facts: ``approval.recorded`` then ``return.recorded`` (or
``compensation.recorded``). A case above the manager's limit is recorded as pending: it holds its
units and pays nothing until head office's ``approval.recorded`` arrives.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.policies import queries as policies
from desk.repairs.queries import ticket_dates
from desk.repairs.rules import days_late as late_days
from desk.returns import tables as returns_t
from desk.returns.commands import (
    AwardCompensation,
    DecideHeadOffice,
    RecordReturn,
)
from desk.returns.compensation import Claim, CompensationDecision, decide_compensation
from desk.returns.documents import (
    COMPENSATION_DOCUMENT,
    RETURN_DOCUMENT,
    compensation_document,
    compensation_reference,
    return_document,
)
from desk.returns.queries import load_history, load_purchase, signature_used
from desk.returns.retries import (
    compensation_result,
    retried_compensation,
    retried_return,
    return_result,
)
from desk.returns.rules import (
    Purchase,
    RequestLine,
    ReturnDecision,
    ReturnRequest,
    decide_return,
    paid_per_line,
)
from desk.signatures.queries import require_signature
from desk.signatures.rules import content_sha256
from desk.staff.approvals import approve
from desk.staff.head_office import require_head_office

REASON_MAX = 500


def _text(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > REASON_MAX:
        raise DeskError("value.invalid", field=field, reason=f"at most {REASON_MAX} characters")
    return value


def build_request(cmd: RecordReturn, store_id: str, today: date) -> ReturnRequest:
    override = _text(cmd.override_reason, "override_reason")
    if cmd.cash_back and not override:
        raise DeskError("approval.reason_required")
    return ReturnRequest(
        lines=tuple(RequestLine(ln.line_no, ln.qty, ln.opened, ln.fault) for ln in cmd.lines),
        return_date=today,
        store_id=store_id,
        found_by=cmd.found_by,
        customer_id=cmd.customer_id or None,
        cash_back=cmd.cash_back,
        override=bool(override),
    )


def preview_return(conn: Any, cmd: RecordReturn, store_id: str, today: date) -> ReturnDecision:
    """The decision the command would get, without recording anything (for the screen)."""
    return _decide(conn, cmd, store_id, today)[0]


def _decide(
    conn: Any, cmd: RecordReturn, store_id: str, today: date
) -> tuple[ReturnDecision, Purchase]:
    receipt_no = cmd.receipt_no.strip()
    purchase = load_purchase(conn, receipt_no)
    decision = decide_return(
        policies.for_connection(conn),
        purchase,
        load_history(conn, receipt_no),
        build_request(cmd, store_id, today),
    )
    return decision, purchase


# --- approvals --------------------------------------------------------------------------------


def _record_approval(
    uow: UnitOfWork,
    ctx: Context,
    *,
    case_id: str,
    case_kind: str,
    level: str,
    approver_id: str,
    reasons: list[str],
    reason: str,
    amount_fen: int,
) -> None:
    uow.record(
        "approval.recorded",
        case_id,
        {
            "case_id": case_id,
            "case_kind": case_kind,
            "level": level,
            "approver_id": approver_id,
            "decision": "approved",
            "reason": reason,
            "reasons": reasons,
            "amount_fen": amount_fen,
            "at": ctx.clock.local_now().isoformat(timespec="seconds"),
        },
    )


def check_signature(conn: Any, signature_ref: str, asked: dict[str, Any], *, kind: str, ref: str,
                    document: dict[str, Any]) -> None:
    """Where the policy asks for the customer's signature, it must be one captured for exactly
    this document as the core builds it; a signature given where none is asked is checked too.
    A signature already used by another case is refused."""
    signature_id = signature_ref.strip()
    if not signature_id:
        if asked["required"]:
            raise DeskError("return.signature_required", reasons=", ".join(asked["reasons"]))
        return
    require_signature(conn, signature_id, kind=kind, ref=ref,
                      document_sha256=content_sha256(document))
    if signature_used(conn, signature_id):
        raise DeskError("signature.already_used", signature_id=signature_id)


def _new_id(prefix: str, today: date) -> str:
    return f"{prefix}{today:%y%m%d}-{uuid.uuid4().hex[:10].upper()}"


# --- returns ----------------------------------------------------------------------------------


def record_return(cmd: RecordReturn, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    now = ctx.clock.local_now()
    today = now.date()
    receipt_no = cmd.receipt_no.strip()
    if not receipt_no:
        raise DeskError("value.required", field="receipt_no")
    retried = retried_return(uow.conn, cmd, receipt_no)
    if retried is not None:
        return retried
    reason = _text(cmd.reason, "reason")
    decision, purchase = _decide(uow.conn, cmd, uow.store_id(), today)
    if decision.refusals:
        first = decision.refusals[0]
        raise DeskError(first.code, **first.params)
    check_signature(uow.conn, cmd.signature_ref, decision.signature,
                    kind=RETURN_DOCUMENT, ref=receipt_no, document=return_document(decision))
    return_id = cmd.return_id.strip() or _new_id("RT", today)
    if exists(uow.conn, returns_t.returns, "return_id", return_id):
        raise DeskError("return.exists", return_id=return_id)

    level = decision.level
    reasons = list(decision.approval["reasons"])
    approved_by = uow.actor
    status = "completed"
    if level == "head_office":
        status = "pending"
        approved_by = ""
    elif level == "manager":
        approved_by = approve(
            uow,
            ctx,
            level=level,
            reasons=reasons,
            approver_id=cmd.approver_id,
            approver_pin=cmd.approver_pin,
        )
        _record_approval(
            uow,
            ctx,
            case_id=return_id,
            case_kind="return",
            level=level,
            approver_id=approved_by,
            reasons=reasons,
            reason=cmd.override_reason.strip(),
            amount_fen=decision.refund_fen,
        )
    payload = {
        "return_id": return_id,
        "receipt_no": receipt_no,
        "customer_id": purchase.customer_id,
        "returned_at": now.isoformat(timespec="seconds"),
        "reason": reason,
        "found_by": cmd.found_by,
        "status": status,
        "refund_fen": decision.refund_fen,
        "gross_fen": decision.gross_fen,
        "gift_deduction_fen": decision.gift_deduction_fen,
        "points_reversed": decision.points_reversed,
        # paid_line_fen: what the whole line was paid (the invariant's bound, same everywhere)
        "lines": [
            {
                "line_no": ln["line_no"],
                "kind": ln["kind"],
                "qty": ln["qty"],
                "refund_fen": ln["refund_fen"],
                **({"paid_line_fen": ln["paid_line_fen"]} if "paid_line_fen" in ln else {}),
            }
            for ln in decision.lines
        ],
        "tenders": [
            {
                "tender_position": td["position"],
                "tender": td["tender"],
                "route": td["route"],
                "amount_fen": td["amount_fen"],
                "reason": td["reason"],
            }
            for td in decision.tenders
        ],
        "policy_version": decision.policy_version,
        "approval_level": level,
        "approved_by": approved_by,
        "override_reason": cmd.override_reason.strip(),
        "signature_ref": cmd.signature_ref.strip(),
        "decision": decision.to_dict(),
    }
    uow.record("return.recorded", return_id, payload)
    return return_result(payload, already_recorded=False)


# --- compensation -----------------------------------------------------------------------------


def build_claim(conn: Any, cmd: AwardCompensation, today: date) -> tuple[Claim, str | None]:
    """The claim's facts from the receipt line or ticket named; returns (claim, customer_id)."""
    price = cmd.price_fen
    purchase_date = today
    customer = cmd.customer_id or None
    days_late = 0
    if cmd.receipt_no:
        purchase = load_purchase(conn, cmd.receipt_no.strip())
        purchase_date = purchase.sold_on
        customer = customer or purchase.customer_id
        if cmd.line_no is not None:
            paid = dict(
                zip(
                    (ln.line_no for ln in purchase.lines),
                    paid_per_line(purchase.lines, purchase.order_discounts_fen),
                    strict=True,
                )
            )
            if cmd.line_no not in paid:
                raise DeskError(
                    "return.line_unknown", receipt_no=purchase.receipt_no, line_no=cmd.line_no
                )
            price = price or paid[cmd.line_no]
    if cmd.kind == "late_repair":
        if not cmd.ticket_code:
            raise DeskError("value.required", field="ticket_code")
        ticket = ticket_dates(conn, cmd.ticket_code)
        if ticket is None:
            raise DeskError("ticket.unknown", code=cmd.ticket_code)
        days_late = late_days(ticket.promised_date, today)
        customer = customer or ticket.customer_id
    if cmd.kind in ("fraud", "unsafe_food") and price == 0 and cmd.loss_fen == 0:
        raise DeskError("compensation.line_needed")
    return Claim(
        kind=cmd.kind,
        claim_date=today,
        purchase_date=purchase_date,
        price_fen=price,
        loss_fen=cmd.loss_fen,
        extra_loss_fen=cmd.extra_loss_fen,
        label_defect_only=cmd.label_defect_only,
        days_late=max(0, days_late),
    ), customer


def preview_compensation(conn: Any, cmd: AwardCompensation, today: date) -> CompensationDecision:
    claim, _ = build_claim(conn, cmd, today)
    return decide_compensation(policies.for_connection(conn), claim)


def award_compensation(cmd: AwardCompensation, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    now = ctx.clock.local_now()
    today = now.date()
    retried = retried_compensation(uow.conn, cmd)
    if retried is not None:
        return retried
    reason = _text(cmd.reason, "reason")
    claim, customer = build_claim(uow.conn, cmd, today)
    decision = decide_compensation(policies.for_connection(uow.conn), claim)
    if decision.refusals:
        first = decision.refusals[0]
        raise DeskError(first["code"], **first["params"])
    reference = compensation_reference(cmd.receipt_no, cmd.ticket_code, customer)
    check_signature(uow.conn, cmd.signature_ref, decision.signature,
                    kind=COMPENSATION_DOCUMENT, ref=reference,
                    document=compensation_document(reference, decision, today.isoformat()))
    comp_id = cmd.compensation_id.strip() or _new_id("CP", today)
    if uow.conn.execute(
        select(returns_t.compensations.c.compensation_id).where(
            returns_t.compensations.c.compensation_id == comp_id
        )
    ).first():
        raise DeskError("compensation.exists", compensation_id=comp_id)
    level = decision.level
    reasons = list(decision.approval["reasons"])
    status, approved_by = "completed", uow.actor
    if level == "head_office":
        status, approved_by = "pending", ""
    elif level == "manager":
        approved_by = approve(
            uow,
            ctx,
            level=level,
            reasons=reasons,
            approver_id=cmd.approver_id,
            approver_pin=cmd.approver_pin,
        )
        _record_approval(
            uow,
            ctx,
            case_id=comp_id,
            case_kind="compensation",
            level=level,
            approver_id=approved_by,
            reasons=reasons,
            reason=reason,
            amount_fen=decision.amount_fen,
        )
    payload = {
        "compensation_id": comp_id,
        "kind": cmd.kind,
        "receipt_no": cmd.receipt_no,
        "line_no": cmd.line_no,
        "ticket_code": cmd.ticket_code,
        "customer_id": customer,
        "amount_fen": decision.amount_fen,
        "statutory": decision.statutory,
        "status": status,
        "approval_level": level,
        "approved_by": approved_by,
        "reason": reason,
        "decided_at": now.isoformat(timespec="seconds"),
        "policy_version": decision.policy_version,
        "signature_ref": cmd.signature_ref.strip(),
        "decision": decision.to_dict(),
    }
    uow.record("compensation.recorded", comp_id, payload)
    return compensation_result(payload, already_recorded=False)


# --- head office --------------------------------------------------------------------------------


def decide_head_office(cmd: DecideHeadOffice, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    require_head_office(uow, cmd.name)
    if cmd.decision not in ("approved", "refused"):
        raise DeskError("value.invalid", field="decision", reason="approved or refused")
    reason = _text(cmd.reason, "reason")
    if cmd.decision == "refused" and not reason:
        raise DeskError("approval.reason_required")
    case_id = cmd.case_id.strip()
    row = uow.conn.execute(
        select(returns_t.returns.c.status).where(returns_t.returns.c.return_id == case_id)
    ).first()
    kind = "return"
    if row is None:
        row = uow.conn.execute(
            select(returns_t.compensations.c.status).where(
                returns_t.compensations.c.compensation_id == case_id
            )
        ).first()
        kind = "compensation"
    if row is None:
        raise DeskError("approval.unknown_case", case_id=case_id)
    if row.status != "pending":
        raise DeskError("approval.not_pending", case_id=case_id, status=row.status)
    uow.record(
        "approval.recorded",
        case_id,
        {
            "case_id": case_id,
            "case_kind": kind,
            "level": "head_office",
            "approver_id": uow.actor,
            "decision": cmd.decision,
            "reason": reason,
            "reasons": [],
            "amount_fen": 0,
            "at": ctx.clock.local_now().isoformat(timespec="seconds"),
        },
    )
    status = "completed" if cmd.decision == "approved" else "refused"
    return {"case_id": case_id, "case_kind": kind, "status": status}
