"""Refunds: what a return pays back, to which tender, under which rule, approved by whom.

Pure: the caller passes the purchase (lines, tenders, order discounts, points), what was
returned before, and the request; `decide_return` gives a `ReturnDecision` that carries its own
explanation (rule ids, policy versions, the numbers used).

The arithmetic, all in integer fen:

- A line's *paid* amount is its list amount less its own discount less its share of the order
  discounts (满减, coupons), shared by the lines' amounts with the largest-remainder method, so the
  lines' paid amounts add up to what the receipt says was paid, exactly.
- Returning units of a line pays ``cum(after) - cum(before)`` where ``cum(k) = paid * k // qty``:
  any split of a line into partial returns adds up to at most what was paid for it, and to
  exactly that when every unit has come back. Never more than what remains, whatever the order.
- Gifts (price 0, a declared value for the whole line): when a return leaves no purchased unit of
  the receipt, the gift units not brought back have their declared value deducted (at most the
  refund of that return: the store never asks for money back).
- Points earned are reversed in proportion to the goods value returned (the same ``cum`` rule on
  the receipt's total); they may take the member's balance below zero; never a cash deduction.
- The refund goes back to the original tenders, in proportion to what each can still take
  (largest remainder; a part never exceeds its tender's remainder, and all of it when the receipt
  is fully returned without deductions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.money import split_largest_remainder
from desk.policies.versions import Applied, PolicySet
from desk.staff.authority import higher

FOUND_BY = ("receipt", "phone", "member")


# --- inputs -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SoldLine:
    line_no: int
    sku: str
    name: str
    category_kind: str
    qty: int
    unit_price_fen: int
    line_discount_fen: int = 0
    is_gift: bool = False
    gift_value_fen: int = 0  # the declared value of the whole gift line

    @property
    def net_fen(self) -> int:
        return self.qty * self.unit_price_fen - self.line_discount_fen


@dataclass(frozen=True)
class SoldTender:
    position: int
    tender: str
    amount_fen: int


@dataclass(frozen=True)
class Purchase:
    receipt_no: str
    store_id: str
    sold_on: date
    customer_id: str | None
    lines: tuple[SoldLine, ...]
    tenders: tuple[SoldTender, ...]
    order_discounts_fen: tuple[int, ...] = ()
    points_earned: int = 0

    def line(self, line_no: int) -> SoldLine | None:
        for ln in self.lines:
            if ln.line_no == line_no:
                return ln
        return None


@dataclass(frozen=True)
class History:
    """What earlier returns took (pending ones included: they hold their units)."""

    returned_qty: Mapping[int, int] = field(default_factory=dict)  # line_no -> units (or settled)
    refunded_by_position: Mapping[int, int] = field(default_factory=dict)  # tender position -> fen


@dataclass(frozen=True)
class RequestLine:
    line_no: int
    qty: int
    opened: bool = False  # the package is opened / the item used
    fault: bool = False  # the customer reports a fault (三包 exchange and repair)


@dataclass(frozen=True)
class ReturnRequest:
    lines: tuple[RequestLine, ...]
    return_date: date
    store_id: str
    found_by: str = "receipt"  # receipt; phone or member for a return without the receipt
    customer_id: str | None = None  # who brings it back (for jewelry and no-receipt returns)
    cash_back: bool = False  # the customer asks for cash for a non-cash tender
    override: bool = False  # a manager overrides what may be overridden (with a reason)


# --- the arithmetic -----------------------------------------------------------------------------

def paid_per_line(lines: Sequence[SoldLine], order_discounts_fen: Sequence[int]) -> list[int]:
    """Each line's paid amount: its net amount less its share of the order discounts."""
    nets = [ln.net_fen for ln in lines]
    shares = split_largest_remainder(sum(order_discounts_fen), nets) if lines else []
    return [net - share for net, share in zip(nets, shares, strict=True)]


def cumulative(amount_fen: int, qty: int, units: int) -> int:
    """The part of `amount_fen` that `units` of `qty` units stand for (floor; all of it at qty)."""
    if qty <= 0:
        return 0
    units = max(0, min(units, qty))
    return amount_fen * units // qty


def refund_units(paid_fen: int, qty: int, before: int, units: int) -> int:
    return cumulative(paid_fen, qty, before + units) - cumulative(paid_fen, qty, before)


def split_to_tenders(amount_fen: int, remaining_fen: Sequence[int]) -> list[int]:
    """Share `amount_fen` over tenders in proportion to what each can still take; no part
    exceeds its tender's remainder (as long as the amount does not exceed their sum)."""
    if amount_fen > sum(remaining_fen):
        raise ValueError("refund larger than what the tenders can take")
    if amount_fen == 0:
        return [0] * len(remaining_fen)
    return split_largest_remainder(amount_fen, list(remaining_fen))


def reverse_points(points_earned: int, paid_total_fen: int, returned_before_fen: int,
                   returned_now_fen: int) -> int:
    """Points to take back for goods worth `returned_now_fen` (cumulative, so the parts add up
    to all the points earned when everything has come back)."""
    if paid_total_fen <= 0 or points_earned <= 0:
        return 0
    before = points_earned * min(returned_before_fen, paid_total_fen) // paid_total_fen
    after = points_earned * min(returned_before_fen + returned_now_fen,
                                paid_total_fen) // paid_total_fen
    return after - before


# --- the decision -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Refusal:
    code: str
    params: dict[str, Any]
    overridable: bool
    line_no: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "overridable": self.overridable,
                "line_no": self.line_no}


@dataclass
class ReturnDecision:
    receipt_no: str
    return_date: date
    policy_version: str  # the version in force on the return date
    days: int  # days since the purchase
    lines: list[dict[str, Any]]  # one per returned line (and per gift settled by deduction)
    refund_fen: int  # paid back, after gift deductions
    gross_fen: int  # the value of the goods returned
    gift_deduction_fen: int
    points_reversed: int
    tenders: list[dict[str, Any]]
    approval: dict[str, Any]
    signature: dict[str, Any]
    rules: list[dict[str, Any]]
    refusals: list[Refusal]
    overridden: list[Refusal]

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def level(self) -> str:
        return str(self.approval["level"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "receipt_no": self.receipt_no, "return_date": self.return_date.isoformat(),
            "policy_version": self.policy_version, "days": self.days,
            "allowed": self.allowed, "refund_fen": self.refund_fen, "gross_fen": self.gross_fen,
            "gift_deduction_fen": self.gift_deduction_fen,
            "points_reversed": self.points_reversed, "lines": self.lines,
            "tenders": self.tenders, "approval": self.approval, "signature": self.signature,
            "rules": self.rules, "refusals": [r.to_dict() for r in self.refusals],
            "overridden": [r.to_dict() for r in self.overridden],
        }


def check_request(purchase: Purchase, history: History, request: ReturnRequest) -> None:
    """Bad input is refused outright (never part of a decision)."""
    if purchase.store_id != request.store_id:
        raise DeskError("return.other_store", receipt_no=purchase.receipt_no,
                        store_id=purchase.store_id)
    if request.found_by not in FOUND_BY:
        raise DeskError("value.invalid", field="found_by", reason="receipt, phone or member")
    if not request.lines:
        raise DeskError("return.no_lines")
    days = (request.return_date - purchase.sold_on).days
    if days < 0:
        raise DeskError("return.before_purchase", sold_on=purchase.sold_on.isoformat())
    seen: set[int] = set()
    for req in request.lines:
        line = purchase.line(req.line_no)
        if line is None:
            raise DeskError("return.line_unknown", receipt_no=purchase.receipt_no,
                            line_no=req.line_no)
        if req.line_no in seen:
            raise DeskError("return.line_twice", line_no=req.line_no)
        seen.add(req.line_no)
        if req.qty <= 0:
            raise DeskError("return.qty_invalid", line_no=req.line_no, qty=req.qty)
        remaining = line.qty - history.returned_qty.get(req.line_no, 0)
        if req.qty > remaining:
            raise DeskError("return.qty_exceeds", line_no=req.line_no, qty=req.qty,
                            remaining=max(0, remaining))


def decide_return(policies: PolicySet, purchase: Purchase, history: History,
                  request: ReturnRequest) -> ReturnDecision:
    check_request(purchase, history, request)
    sold, today = purchase.sold_on, request.return_date
    days = (today - sold).days
    rules: dict[str, dict[str, Any]] = {}

    def note(applied: Applied, **numbers: Any) -> None:
        key = applied.rule.id
        if key in rules:
            rules[key]["numbers"].update(numbers)
        else:
            rules[key] = applied.explain(**numbers)

    refusals: list[Refusal] = []
    paid = paid_per_line(purchase.lines, purchase.order_discounts_fen)
    paid_by_line = {ln.line_no: p for ln, p in zip(purchase.lines, paid, strict=True)}
    paid_total = sum(paid)
    requested = {req.line_no: req for req in request.lines}
    no_receipt = request.found_by != "receipt"

    # 1. may each line come back?
    out_lines: list[dict[str, Any]] = []
    gross = 0
    for req in request.lines:
        line = purchase.line(req.line_no)
        assert line is not None
        rule = policies.return_rule(line.category_kind, sold, today)
        outcome = "return"
        if days > rule["return_days"]:
            if rule["exchange_days"] and days <= rule["exchange_days"]:
                outcome = "exchange_only"
                refusals.append(Refusal("return.exchange_only", {
                    "line_no": line.line_no, "days": days, "return_days": rule["return_days"],
                    "exchange_days": rule["exchange_days"]}, True, line.line_no))
            elif rule["exchange_days"]:
                outcome = "repair_only"
                refusals.append(Refusal("return.repair_only", {
                    "line_no": line.line_no, "days": days,
                    "exchange_days": rule["exchange_days"]}, True, line.line_no))
            else:
                outcome = "window_passed"
                refusals.append(Refusal("return.window_passed", {
                    "line_no": line.line_no, "days": days,
                    "return_days": rule["return_days"]}, True, line.line_no))
        if req.opened and not rule["opened_ok"]:
            refusals.append(Refusal("return.opened", {"line_no": line.line_no}, True,
                                    line.line_no))
        if rule["buyer_only"] and purchase.customer_id and (
                request.customer_id != purchase.customer_id):
            refusals.append(Refusal("return.not_buyer", {"line_no": line.line_no}, False,
                                    line.line_no))
        note(rule, days=days, return_days=rule["return_days"],
             **({"exchange_days": rule["exchange_days"]} if rule["exchange_days"] else {}),
             **({"buyer_only": True} if rule["buyer_only"] else {}))
        before = history.returned_qty.get(line.line_no, 0)
        line_paid = paid_by_line[line.line_no]
        amount = refund_units(line_paid, line.qty, before, req.qty)
        gross += amount
        out_lines.append({
            "line_no": line.line_no, "sku": line.sku, "name": line.name, "kind": "return",
            "qty": req.qty, "qty_sold": line.qty, "returned_before": before,
            "paid_line_fen": line_paid, "order_discount_share_fen": line.net_fen - line_paid,
            "refund_fen": amount, "rule": rule.rule.id, "outcome": outcome,
            "conditions": list(rule["conditions"]), "is_gift": line.is_gift,
        })

    # 2. without the receipt (found by phone or member)
    nr = policies.singleton("no_receipt", sold, today)
    if no_receipt:
        if not nr["allowed"]:
            refusals.append(Refusal("return.no_receipt_refused", {}, False))
        elif request.found_by not in nr["found_by"]:
            refusals.append(Refusal("return.no_receipt_found_by", {
                "found_by": request.found_by}, False))
        if purchase.customer_id is None or request.customer_id != purchase.customer_id:
            refusals.append(Refusal("return.no_receipt_not_buyer", {}, False))
        if days > nr["max_days"]:
            refusals.append(Refusal("return.no_receipt_too_old", {
                "days": days, "max_days": nr["max_days"]}, True))
        note(nr, days=days, max_days=nr["max_days"], clerk_limit_fen=nr["clerk_limit"])

    # 3. gifts and points
    refund_rule = policies.singleton("refund", sold, today)
    deduction = 0
    goods_lines = [ln for ln in purchase.lines if not ln.is_gift]
    if refund_rule["gift_rule"] == "all_returned" and goods_lines and all(
            history.returned_qty.get(ln.line_no, 0)
            + (requested[ln.line_no].qty if ln.line_no in requested else 0) >= ln.qty
            for ln in goods_lines):
        room = gross
        for ln in purchase.lines:
            if not ln.is_gift:
                continue
            kept_from = history.returned_qty.get(ln.line_no, 0) + (
                requested[ln.line_no].qty if ln.line_no in requested else 0)
            unsettled = ln.qty - kept_from
            if unsettled <= 0:
                continue
            value = ln.gift_value_fen - cumulative(ln.gift_value_fen, ln.qty, kept_from)
            taken = min(value, room)
            room -= taken
            deduction += taken
            out_lines.append({
                "line_no": ln.line_no, "sku": ln.sku, "name": ln.name, "kind": "gift_deducted",
                "qty": unsettled, "qty_sold": ln.qty, "returned_before": history.returned_qty.get(
                    ln.line_no, 0), "gift_value_fen": value, "refund_fen": -taken,
                "uncollected_fen": value - taken, "rule": refund_rule.rule.id,
                "outcome": "gift_deducted", "conditions": [], "is_gift": True,
            })
        note(refund_rule, gift_rule="all_returned", gift_deduction_fen=deduction)
    gross_before = sum(cumulative(paid_by_line[ln.line_no], ln.qty,
                                  history.returned_qty.get(ln.line_no, 0))
                       for ln in purchase.lines)
    points = 0
    if refund_rule["points_reversal"]:
        points = reverse_points(purchase.points_earned, paid_total, gross_before, gross)
        if points:
            note(refund_rule, points_earned=purchase.points_earned, points_reversed=points,
                 paid_total_fen=paid_total)
    if purchase.order_discounts_fen:
        note(refund_rule, order_discounts_fen=sum(purchase.order_discounts_fen),
             paid_total_fen=paid_total)
    refund = gross - deduction

    # 4. where the money goes
    cash_rule = policies.singleton("cash_back", sold, today)
    remaining = [td.amount_fen - history.refunded_by_position.get(td.position, 0)
                 for td in purchase.tenders]
    parts = split_to_tenders(refund, [max(0, r) for r in remaining])
    tenders: list[dict[str, Any]] = []
    cash_override = False
    for td, part in zip(purchase.tenders, parts, strict=True):
        if part == 0:
            continue
        entry: dict[str, Any] = {"position": td.position, "tender": td.tender,
                                 "amount_fen": part, "route": "original", "reason": ""}
        channel = policies.tender_rule(td.tender, sold, today)
        if channel is not None and channel["channel_days"] and days > channel["channel_days"]:
            entry.update(route="bank_transfer", reason="channel_window_passed",
                         rule=channel.rule.id)
            note(channel, days=days, channel_days=channel["channel_days"])
        if request.cash_back and td.tender != "cash":
            if not cash_rule["allowed"]:
                refusals.append(Refusal("return.cash_back_refused", {"tender": td.tender},
                                        False))
            else:
                cash_override = True
                entry.update(route="cash", reason="cash_back_override", rule=cash_rule.rule.id)
        tenders.append(entry)
    if cash_override:
        note(cash_rule, approval=cash_rule["approval"])

    # 5. overrides: what a manager may override becomes an approval reason
    overridden: list[Refusal] = []
    if request.override:
        overridden = [r for r in refusals if r.overridable]
        refusals = [r for r in refusals if not r.overridable]

    # 6. who approves
    auth = policies.singleton("authority", sold, today)
    level = "clerk"
    reasons: list[str] = []
    if refund > auth["clerk_refund"]:
        level = higher(level, "manager")
        reasons.append("refund_above_clerk_limit")
    if no_receipt and refund > nr["clerk_limit"]:
        level = higher(level, "manager")
        reasons.append("no_receipt_above_clerk_limit")
    if overridden:
        level = higher(level, auth["window_override_by"])
        reasons.append("override")
    if cash_override:
        level = higher(level, cash_rule["approval"])
        reasons.append("cash_back")
    if refund > auth["manager_limit"]:
        level = "head_office"
        reasons.append("refund_above_manager_limit")
    note(auth, refund_fen=refund, clerk_refund_fen=auth["clerk_refund"],
         manager_limit_fen=auth["manager_limit"])
    approval = {"level": level, "reasons": reasons, "rule": auth.rule.id}

    # 7. does the customer sign?
    sig = policies.singleton("signature", sold, today)
    sig_reasons: list[str] = []
    if refund > sig["refund_above"]:
        sig_reasons.append("refund_above")
    if no_receipt and nr["signature"]:
        sig_reasons.append("no_receipt")
    if sig_reasons:
        note(sig, refund_above_fen=sig["refund_above"])
    signature = {"required": bool(sig_reasons), "reasons": sig_reasons, "rule": sig.rule.id}

    return ReturnDecision(
        receipt_no=purchase.receipt_no, return_date=today,
        policy_version=policies.at(today).version, days=days, lines=out_lines,
        refund_fen=refund, gross_fen=gross, gift_deduction_fen=deduction,
        points_reversed=points, tenders=tenders, approval=approval, signature=signature,
        rules=list(rules.values()), refusals=refusals, overridden=overridden)

