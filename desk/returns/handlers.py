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

from desk.platform import tables as t
from desk.platform.bus import CommittedRefusal, Context, handles
from desk.platform.errors import DeskError
from desk.platform.queries import staff_row
from desk.platform.uow import UnitOfWork
from desk.policies import PolicyError, PolicySet
from desk.policies import current as policies
from desk.policies.document import parse_document
from desk.returns.commands import (
    AwardCompensation,
    DecideHeadOffice,
    PublishPolicy,
    RecordReturn,
)
from desk.returns.compensation import Claim, CompensationDecision, decide_compensation
from desk.returns.queries import refunded_by_tender, returned_quantities
from desk.returns.rules import (
    History,
    Purchase,
    RequestLine,
    ReturnDecision,
    ReturnRequest,
    SoldLine,
    SoldTender,
    decide_return,
    paid_per_line,
)
from desk.staff.authority import role_may_approve
from desk.staff.handlers import _local_hhmm, _login_state
from desk.staff.roles import Role
from desk.staff.rules import check_pin

REASON_MAX = 500


# --- reading the purchase ---------------------------------------------------------------------

def load_purchase(conn: Any, receipt_no: str) -> Purchase:
    r = conn.execute(select(t.receipts).where(t.receipts.c.receipt_no == receipt_no)).first()
    if r is None:
        raise DeskError("receipt.unknown", receipt_no=receipt_no)
    rl, p, c = t.receipt_lines.c, t.products.c, t.categories.c
    rows = conn.execute(
        select(rl.line_no, rl.sku, rl.name, rl.qty, rl.unit_price_fen, rl.line_discount_fen,
               rl.is_gift, rl.gift_value_fen, c.kind)
        .select_from(t.receipt_lines.outerjoin(t.products, p.sku == rl.sku)
                     .outerjoin(t.categories, c.category_id == p.category_id))
        .where(rl.receipt_no == receipt_no).order_by(rl.line_no)).all()
    tenders = conn.execute(select(t.receipt_tenders.c.position, t.receipt_tenders.c.tender,
                                  t.receipt_tenders.c.amount_fen)
                           .where(t.receipt_tenders.c.receipt_no == receipt_no)
                           .order_by(t.receipt_tenders.c.position)).all()
    promotions = conn.execute(select(t.receipt_promotions.c.amount_fen)
                              .where(t.receipt_promotions.c.receipt_no == receipt_no)
                              .order_by(t.receipt_promotions.c.position)).scalars().all()
    return Purchase(
        receipt_no=r.receipt_no, store_id=r.store_id, sold_on=date.fromisoformat(r.business_date),
        customer_id=r.customer_id,
        lines=tuple(SoldLine(x.line_no, x.sku, x.name, x.kind or "general", x.qty,
                             x.unit_price_fen, x.line_discount_fen, bool(x.is_gift),
                             x.gift_value_fen) for x in rows),
        tenders=tuple(SoldTender(x.position, x.tender, x.amount_fen) for x in tenders),
        order_discounts_fen=tuple(int(a) for a in promotions), points_earned=r.points_earned)


def load_history(conn: Any, receipt_no: str) -> History:
    return History(returned_quantities(conn, receipt_no), refunded_by_tender(conn, receipt_no))


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
        return_date=today, store_id=store_id, found_by=cmd.found_by,
        customer_id=cmd.customer_id or None, cash_back=cmd.cash_back, override=bool(override))


def preview_return(conn: Any, cmd: RecordReturn, store_id: str, today: date) -> ReturnDecision:
    """The decision the command would get, without recording anything (for the screen)."""
    return _decide(conn, cmd, store_id, today)[0]


def _decide(conn: Any, cmd: RecordReturn, store_id: str,
            today: date) -> tuple[ReturnDecision, Purchase]:
    receipt_no = cmd.receipt_no.strip()
    purchase = load_purchase(conn, receipt_no)
    decision = decide_return(policies.for_connection(conn), purchase,
                             load_history(conn, receipt_no), build_request(cmd, store_id, today))
    return decision, purchase


# --- approvals --------------------------------------------------------------------------------

def approve(uow: UnitOfWork, ctx: Context, *, level: str, reasons: list[str], approver_id: str,
            approver_pin: str) -> str:
    """Who approves a case of `level` at the counter: the actor when their role allows it, else
    the manager whose staff id and PIN came with the command. A wrong PIN counts towards the
    approver's lockout (the failure is recorded even though the command is refused)."""
    if role_may_approve(None if ctx.role is None else ctx.role.value, level):
        return uow.actor
    if not approver_id.strip():
        raise DeskError("approval.required", level=level, reasons=", ".join(reasons))
    approver_id = approver_id.strip()
    staff = staff_row(uow.conn, approver_id)
    if staff is None or not staff.active:
        raise DeskError("auth.unknown_staff", staff_id=approver_id)
    now = ctx.clock.now_ms()
    state = _login_state(uow, approver_id)
    if state.locked_at(now):
        raise DeskError("auth.locked", until=_local_hhmm(state.locked_until_ms),
                        until_ms=state.locked_until_ms)
    if not check_pin(approver_pin, staff.pin_hash):
        after = state.after_failure(now)
        uow.record("staff.login_failed", approver_id, {
            "at_ms": now, "failed_count": after.failed_count,
            "locked_until_ms": after.locked_until_ms})
        if after.locked_at(now):
            raise CommittedRefusal("auth.locked", until=_local_hhmm(after.locked_until_ms),
                                   until_ms=after.locked_until_ms)
        raise CommittedRefusal("auth.wrong_pin", remaining=after.remaining_tries)
    if not role_may_approve(staff.role, level):
        raise DeskError("approval.not_allowed", approver_id=approver_id, role=staff.role,
                        level=level)
    return approver_id


def _record_approval(uow: UnitOfWork, ctx: Context, *, case_id: str, case_kind: str,
                     level: str, approver_id: str, reasons: list[str], reason: str,
                     amount_fen: int) -> None:
    uow.record("approval.recorded", case_id, {
        "case_id": case_id, "case_kind": case_kind, "level": level, "approver_id": approver_id,
        "decision": "approved", "reason": reason, "reasons": reasons, "amount_fen": amount_fen,
        "at": ctx.clock.local_now().isoformat(timespec="seconds")})


def _new_id(prefix: str, today: date) -> str:
    return f"{prefix}{today:%y%m%d}-{uuid.uuid4().hex[:10].upper()}"


# --- returns ----------------------------------------------------------------------------------

@handles(RecordReturn)
def record_return(cmd: RecordReturn, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    now = ctx.clock.local_now()
    today = now.date()
    receipt_no = cmd.receipt_no.strip()
    if not receipt_no:
        raise DeskError("value.required", field="receipt_no")
    reason = _text(cmd.reason, "reason")
    decision, purchase = _decide(uow.conn, cmd, uow.store_id(), today)
    if decision.refusals:
        first = decision.refusals[0]
        raise DeskError(first.code, **first.params)
    if decision.signature["required"] and not cmd.signature_ref.strip():
        raise DeskError("return.signature_required",
                        reasons=", ".join(decision.signature["reasons"]))
    return_id = cmd.return_id.strip() or _new_id("RT", today)
    if uow.conn.execute(select(t.returns.c.return_id)
                        .where(t.returns.c.return_id == return_id)).first() is not None:
        raise DeskError("return.exists", return_id=return_id)

    level = decision.level
    reasons = list(decision.approval["reasons"])
    approved_by = uow.actor
    status = "completed"
    if level == "head_office":
        status = "pending"
        approved_by = ""
    elif level == "manager":
        approved_by = approve(uow, ctx, level=level, reasons=reasons,
                              approver_id=cmd.approver_id, approver_pin=cmd.approver_pin)
        _record_approval(uow, ctx, case_id=return_id, case_kind="return", level=level,
                         approver_id=approved_by, reasons=reasons,
                         reason=cmd.override_reason.strip(), amount_fen=decision.refund_fen)
    payload = {
        "return_id": return_id, "receipt_no": receipt_no, "customer_id": purchase.customer_id,
        "returned_at": now.isoformat(timespec="seconds"), "reason": reason,
        "found_by": cmd.found_by, "status": status, "refund_fen": decision.refund_fen,
        "gross_fen": decision.gross_fen, "gift_deduction_fen": decision.gift_deduction_fen,
        "points_reversed": decision.points_reversed,
        # paid_line_fen: what the whole line was paid (the invariant's bound, same everywhere)
        "lines": [{"line_no": ln["line_no"], "kind": ln["kind"], "qty": ln["qty"],
                   "refund_fen": ln["refund_fen"],
                   **({"paid_line_fen": ln["paid_line_fen"]} if "paid_line_fen" in ln else {})}
                  for ln in decision.lines],
        "tenders": [{"tender_position": td["position"], "tender": td["tender"],
                     "route": td["route"], "amount_fen": td["amount_fen"],
                     "reason": td["reason"]} for td in decision.tenders],
        "policy_version": decision.policy_version, "approval_level": level,
        "approved_by": approved_by, "override_reason": cmd.override_reason.strip(),
        "signature_ref": cmd.signature_ref.strip(), "decision": decision.to_dict(),
    }
    uow.record("return.recorded", return_id, payload)
    return {"return_id": return_id, "status": status, "refund_fen": decision.refund_fen,
            "approval_level": level, "approved_by": approved_by,
            "points_reversed": decision.points_reversed, "tenders": payload["tenders"],
            "decision": payload["decision"]}


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
            paid = dict(zip((ln.line_no for ln in purchase.lines),
                            paid_per_line(purchase.lines, purchase.order_discounts_fen),
                            strict=True))
            if cmd.line_no not in paid:
                raise DeskError("return.line_unknown", receipt_no=purchase.receipt_no,
                                line_no=cmd.line_no)
            price = price or paid[cmd.line_no]
    if cmd.kind == "late_repair":
        if not cmd.ticket_code:
            raise DeskError("value.required", field="ticket_code")
        ticket = conn.execute(select(t.tickets).where(t.tickets.c.code == cmd.ticket_code)).first()
        if ticket is None:
            raise DeskError("ticket.unknown", code=cmd.ticket_code)
        days_late = (today - date.fromisoformat(ticket.promised_date)).days
        customer = customer or ticket.customer_id
    if cmd.kind in ("fraud", "unsafe_food") and price == 0 and cmd.loss_fen == 0:
        raise DeskError("compensation.line_needed")
    return Claim(kind=cmd.kind, claim_date=today, purchase_date=purchase_date, price_fen=price,
                 loss_fen=cmd.loss_fen, extra_loss_fen=cmd.extra_loss_fen,
                 label_defect_only=cmd.label_defect_only, days_late=max(0, days_late)), customer


def preview_compensation(conn: Any, cmd: AwardCompensation, today: date) -> CompensationDecision:
    claim, _ = build_claim(conn, cmd, today)
    return decide_compensation(policies.for_connection(conn), claim)


@handles(AwardCompensation)
def award_compensation(cmd: AwardCompensation, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    now = ctx.clock.local_now()
    today = now.date()
    reason = _text(cmd.reason, "reason")
    claim, customer = build_claim(uow.conn, cmd, today)
    decision = decide_compensation(policies.for_connection(uow.conn), claim)
    if decision.refusals:
        first = decision.refusals[0]
        raise DeskError(first["code"], **first["params"])
    if decision.signature["required"] and not cmd.signature_ref.strip():
        raise DeskError("return.signature_required",
                        reasons=", ".join(decision.signature["reasons"]))
    comp_id = cmd.compensation_id.strip() or _new_id("CP", today)
    if uow.conn.execute(select(t.compensations.c.compensation_id)
                        .where(t.compensations.c.compensation_id == comp_id)).first():
        raise DeskError("compensation.exists", compensation_id=comp_id)
    level = decision.level
    reasons = list(decision.approval["reasons"])
    status, approved_by = "completed", uow.actor
    if level == "head_office":
        status, approved_by = "pending", ""
    elif level == "manager":
        approved_by = approve(uow, ctx, level=level, reasons=reasons,
                              approver_id=cmd.approver_id, approver_pin=cmd.approver_pin)
        _record_approval(uow, ctx, case_id=comp_id, case_kind="compensation", level=level,
                         approver_id=approved_by, reasons=reasons, reason=reason,
                         amount_fen=decision.amount_fen)
    payload = {
        "compensation_id": comp_id, "kind": cmd.kind, "receipt_no": cmd.receipt_no,
        "line_no": cmd.line_no, "ticket_code": cmd.ticket_code, "customer_id": customer,
        "amount_fen": decision.amount_fen, "statutory": decision.statutory, "status": status,
        "approval_level": level, "approved_by": approved_by, "reason": reason,
        "decided_at": now.isoformat(timespec="seconds"),
        "policy_version": decision.policy_version, "signature_ref": cmd.signature_ref.strip(),
        "decision": decision.to_dict(),
    }
    uow.record("compensation.recorded", comp_id, payload)
    return {"compensation_id": comp_id, "status": status, "amount_fen": decision.amount_fen,
            "approval_level": level, "approved_by": approved_by,
            "decision": payload["decision"]}


# --- head office --------------------------------------------------------------------------------

@handles(DecideHeadOffice)
def decide_head_office(cmd: DecideHeadOffice, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    if ctx.role is not None and ctx.role is not Role.ADMIN:
        raise DeskError("auth.forbidden", role=ctx.role.value, command=cmd.name)
    if cmd.decision not in ("approved", "refused"):
        raise DeskError("value.invalid", field="decision", reason="approved or refused")
    reason = _text(cmd.reason, "reason")
    if cmd.decision == "refused" and not reason:
        raise DeskError("approval.reason_required")
    case_id = cmd.case_id.strip()
    row = uow.conn.execute(select(t.returns.c.status).where(t.returns.c.return_id == case_id)
                           ).first()
    kind = "return"
    if row is None:
        row = uow.conn.execute(select(t.compensations.c.status)
                               .where(t.compensations.c.compensation_id == case_id)).first()
        kind = "compensation"
    if row is None:
        raise DeskError("approval.unknown_case", case_id=case_id)
    if row.status != "pending":
        raise DeskError("approval.not_pending", case_id=case_id, status=row.status)
    uow.record("approval.recorded", case_id, {
        "case_id": case_id, "case_kind": kind, "level": "head_office",
        "approver_id": uow.actor, "decision": cmd.decision, "reason": reason, "reasons": [],
        "amount_fen": 0, "at": ctx.clock.local_now().isoformat(timespec="seconds")})
    status = "completed" if cmd.decision == "approved" else "refused"
    return {"case_id": case_id, "case_kind": kind, "status": status}


# --- policies published by head office -------------------------------------------------------

@handles(PublishPolicy)
def publish_policy(cmd: PublishPolicy, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    """Validate a policy document and record it as a journal fact; sync takes it to every
    store. A document with an error is refused (file, line, reason) and nothing changes."""
    if ctx.role is not None and ctx.role is not Role.ADMIN:
        raise DeskError("auth.forbidden", role=ctx.role.value, command=cmd.name)
    source = cmd.source.strip() or "published.toml"
    doc = parse_document(cmd.text, source)
    in_force = policies.for_connection(uow.conn)
    for other in in_force.documents:
        if other.version == doc.version or other.effective_from == doc.effective_from:
            raise PolicyError(source, 1, f"version {other.version} (from {other.source}) already "
                                         f"has this version or effective date")
    PolicySet([*in_force.documents, doc])  # the set stays consistent
    uow.record(policies.PUBLISHED, policies.POLICY_ENTITY, {
        "version": doc.version, "effective_from": doc.effective_from.isoformat(),
        "source": source, "text": cmd.text})
    return {"version": doc.version, "effective_from": doc.effective_from.isoformat(),
            "rules": len(doc.rules)}
