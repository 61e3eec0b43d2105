"""Commands of the return counter: returns and refunds, compensation, head-office decisions.

Money fields are integer fen. An approval is a manager entering their own staff id and PIN on the
clerk's screen: `approver_id` + `approver_pin` on the command that needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class ReturnLineInput:
    line_no: int
    qty: int
    opened: bool = False  # opened / used (matters where a rule says opened_ok = false)
    fault: bool = False  # the customer reports a fault


@dataclass(frozen=True)
class RecordReturn(Command):
    """Return lines of a receipt and refund them to the original tenders (as the policy says)."""

    name: ClassVar[str] = "record_return"
    limits: ClassVar[Mapping[str, int]] = {"reason": 500, "override_reason": 500}
    receipt_no: str
    lines: list[ReturnLineInput] = field(default_factory=list)
    reason: str = ""  # optional, for statistics only (never a condition)
    found_by: str = "receipt"  # receipt; phone or member: a return without the paper receipt
    customer_id: str | None = None  # who brings it back (jewelry, no-receipt returns)
    cash_back: bool = False  # cash for a non-cash tender: a manager overrides, with a reason
    override_reason: str = ""  # a manager's reason for an override (window, opened, cash back)
    approver_id: str = ""
    approver_pin: str = ""
    signature_ref: str = ""  # the customer's signature (where the policy asks for one)
    return_id: str = ""  # given by the caller to make a retry idempotent; generated otherwise


@dataclass(frozen=True)
class AwardCompensation(Command):
    """Statutory or store compensation (fraud, unsafe_food, quality, service_complaint,
    late_repair). The amount comes from the policy; the inputs are the facts of the case."""

    name: ClassVar[str] = "award_compensation"
    limits: ClassVar[Mapping[str, int]] = {"reason": 500}
    kind: str
    reason: str = ""  # what happened (shown on reports)
    receipt_no: str | None = None
    line_no: int | None = None  # the line concerned: its paid amount is the price
    ticket_code: str | None = None  # late repair: the ticket and its promised date
    customer_id: str | None = None
    price_fen: int = 0  # the price paid, when there is no receipt line
    loss_fen: int = 0  # unsafe food: the customer's loss
    extra_loss_fen: int = 0  # quality: the negotiated extra loss
    label_defect_only: bool = False
    approver_id: str = ""
    approver_pin: str = ""
    signature_ref: str = ""
    compensation_id: str = ""


@dataclass(frozen=True)
class DecideHeadOffice(Command):
    """Head office approves or refuses a case waiting for it (a refusal needs a reason). The
    event reaches the counter through sync; the case completes (or is refused) there."""

    name: ClassVar[str] = "decide_head_office"
    limits: ClassVar[Mapping[str, int]] = {"reason": 500}
    case_id: str
    decision: str  # approved, refused
    reason: str = ""


