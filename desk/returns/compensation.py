"""Compensation: statutory and store rules, all numbers from the policy. Pure.

Default rules (resources/policies):

- fraud (Consumer Rights Protection Law art. 55): price x 3, at least 500 CNY, on top of the
  refund;
- unsafe food (Food Safety Law art. 148): the larger of price x 10 and loss x 3, at least
  1000 CNY, on top of the refund; a label defect that neither affects safety nor misleads is
  excluded;
- quality problem / recall (store): 500 CNY base plus the negotiated extra loss; an extra loss
  above the cap goes to head office;
- verified service complaint (store): 500 CNY;
- late repair (store): an amount per day past the promised date, up to a number of days.

Statutory payouts are approved by a manager whatever the amount (the [authority] rule's
statutory_by); store compensation is goodwill: a clerk up to clerk_goodwill, a manager up to
manager_limit, head office above.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desk.platform.errors import DeskError
from desk.policies.document import COMPENSATION_KINDS
from desk.policies.versions import PolicySet
from desk.staff.authority import higher


@dataclass(frozen=True)
class Claim:
    kind: str  # fraud, unsafe_food, quality, service_complaint, late_repair
    claim_date: date
    purchase_date: date  # the purchase concerned (the claim date when there is none)
    price_fen: int = 0  # what was paid for the goods concerned
    loss_fen: int = 0  # the customer's loss (unsafe food: 3 x the loss)
    extra_loss_fen: int = 0  # quality: negotiated extra loss
    label_defect_only: bool = False  # unsafe food: only a label defect (no safety, not misleading)
    days_late: int = 0  # late repair: days past the promised date


@dataclass
class CompensationDecision:
    kind: str
    amount_fen: int
    statutory: bool
    on_top_of_refund: bool
    approval: dict[str, Any]
    signature: dict[str, Any]
    rules: list[dict[str, Any]]
    refusals: list[dict[str, Any]]
    policy_version: str

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def level(self) -> str:
        return str(self.approval["level"])

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "allowed": self.allowed, "amount_fen": self.amount_fen,
                "statutory": self.statutory, "on_top_of_refund": self.on_top_of_refund,
                "approval": self.approval, "signature": self.signature, "rules": self.rules,
                "refusals": self.refusals, "policy_version": self.policy_version}


def check_claim(claim: Claim) -> None:
    if claim.kind not in COMPENSATION_KINDS:
        raise DeskError("value.invalid", field="kind", reason=", ".join(COMPENSATION_KINDS))
    for name in ("price_fen", "loss_fen", "extra_loss_fen", "days_late"):
        if getattr(claim, name) < 0:
            raise DeskError("money.negative", field=name)
    if claim.kind in ("fraud", "unsafe_food") and claim.price_fen == 0 and claim.loss_fen == 0:
        raise DeskError("value.required", field="price_fen")


def decide_compensation(policies: PolicySet, claim: Claim) -> CompensationDecision:
    check_claim(claim)
    rule = policies.compensation_rule(claim.kind, claim.purchase_date, claim.claim_date)
    auth = policies.singleton("authority", claim.purchase_date, claim.claim_date)
    sig = policies.singleton("signature", claim.purchase_date, claim.claim_date)
    refusals: list[dict[str, Any]] = []
    reasons: list[str] = []
    numbers: dict[str, Any] = {}
    amount = 0
    statutory = bool(rule["statutory"])
    kind = claim.kind
    if kind == "fraud":
        by_price = claim.price_fen * rule["price_multiple"]
        amount = max(by_price, rule["minimum"])
        numbers = {"price_fen": claim.price_fen, "price_multiple": rule["price_multiple"],
                   "by_price_fen": by_price, "minimum_fen": rule["minimum"]}
    elif kind == "unsafe_food":
        by_price = claim.price_fen * rule["price_multiple"]
        by_loss = claim.loss_fen * rule["loss_multiple"]
        amount = max(by_price, by_loss, rule["minimum"])
        numbers = {"price_fen": claim.price_fen, "price_multiple": rule["price_multiple"],
                   "by_price_fen": by_price, "loss_fen": claim.loss_fen,
                   "loss_multiple": rule["loss_multiple"], "by_loss_fen": by_loss,
                   "minimum_fen": rule["minimum"]}
        if claim.label_defect_only and rule["label_defect_excluded"]:
            refusals.append({"code": "compensation.label_defect", "params": {}})
            amount = 0
    elif kind == "quality":
        amount = rule["base"] + claim.extra_loss_fen
        numbers = {"base_fen": rule["base"], "extra_loss_fen": claim.extra_loss_fen,
                   "extra_loss_cap_fen": rule["extra_loss_cap"]}
    elif kind == "service_complaint":
        amount = rule["amount"]
        numbers = {"amount_fen": rule["amount"]}
    else:  # late_repair
        days = min(claim.days_late, rule["max_days"])
        amount = rule["per_day"] * days
        numbers = {"days_late": claim.days_late, "days_paid": days,
                   "per_day_fen": rule["per_day"], "max_days": rule["max_days"]}
        if claim.days_late <= 0:
            refusals.append({"code": "compensation.not_late", "params": {}})
    numbers["amount_fen"] = amount

    if statutory:
        level = auth["statutory_by"]
        reasons.append("statutory")
    else:
        level = "clerk"
        if amount > auth["clerk_goodwill"]:
            level = "manager"
            reasons.append("above_clerk_goodwill")
        if amount > auth["manager_limit"]:
            level = "head_office"
            reasons.append("above_manager_limit")
    if kind == "quality" and rule["extra_loss_cap"] and claim.extra_loss_fen > rule[
            "extra_loss_cap"]:
        level = higher(level, "head_office")
        reasons.append("extra_loss_above_cap")
    explained = [rule.explain(**numbers),
                 auth.explain(clerk_goodwill_fen=auth["clerk_goodwill"],
                              manager_limit_fen=auth["manager_limit"],
                              statutory_by=auth["statutory_by"])]
    signature = {"required": bool(sig["compensation"]), "reasons":
                 ["compensation"] if sig["compensation"] else [], "rule": sig.rule.id}
    return CompensationDecision(
        kind=kind, amount_fen=amount, statutory=statutory,
        on_top_of_refund=kind in ("fraud", "unsafe_food"),
        approval={"level": level, "reasons": reasons, "rule": auth.rule.id},
        signature=signature, rules=explained, refusals=refusals,
        policy_version=policies.at(claim.claim_date).version)
