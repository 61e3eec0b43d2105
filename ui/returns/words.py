"""The return counter's error codes in the user's language (ui/errors.py lists them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

CODES: dict[str, Callable[[], str]] = {
    "return.other_store": lambda: translate(
        "returns", "Receipt {receipt_no} is from another store ({store_id}): it is returned "
                   "there."),
    "return.no_lines": lambda: translate("returns", "Tick at least one line to return."),
    "return.before_purchase": lambda: translate(
        "returns", "The return date is before the purchase ({sold_on})."),
    "return.line_unknown": lambda: translate("returns", "Receipt {receipt_no} has no line "
                                                        "{line_no}."),
    "return.line_twice": lambda: translate("returns", "Line {line_no} is listed twice."),
    "return.qty_invalid": lambda: translate(
        "returns", "Line {line_no}: the quantity must be at least 1."),
    "return.qty_exceeds": lambda: translate(
        "returns", "Line {line_no}: only {remaining} left to return."),
    "return.window_passed": lambda: translate(
        "returns", "Line {line_no}: day {days} after the purchase; the return window is "
                   "{return_days} days."),
    "return.exchange_only": lambda: translate(
        "returns", "Line {line_no}: day {days}; past the {return_days}-day return, it can be "
                   "exchanged up to day {exchange_days}."),
    "return.repair_only": lambda: translate(
        "returns", "Line {line_no}: day {days}; past the {exchange_days}-day exchange, it is "
                   "repaired under warranty."),
    "return.opened": lambda: translate(
        "returns", "Line {line_no}: an opened item of this kind cannot be returned."),
    "return.not_buyer": lambda: translate(
        "returns", "Line {line_no}: only the original buyer can return this item."),
    "return.no_receipt_refused": lambda: translate(
        "returns", "A return without the receipt is not accepted."),
    "return.no_receipt_not_buyer": lambda: translate(
        "returns", "Without the receipt, only the customer on the purchase can return it."),
    "return.no_receipt_too_old": lambda: translate(
        "returns", "Day {days}: a return without the receipt is accepted up to day "
                   "{max_days}."),
    "return.cash_back_refused": lambda: translate("returns", "Cash back is not allowed."),
    "return.signature_required": lambda: translate(
        "returns", "The customer's signature is required."),
    "approval.required": lambda: translate(
        "returns", "A manager approves this: their staff id and PIN."),
    "approval.not_allowed": lambda: translate(
        "returns", "{approver_id} may not approve this."),
    "approval.reason_required": lambda: translate(
        "returns", "An override or a refusal needs a reason."),
    "compensation.label_defect": lambda: translate(
        "returns", "A label defect that neither affects safety nor misleads is not "
                   "compensated."),
    "compensation.not_late": lambda: translate("returns", "The repair is not late."),
    "policy.invalid": lambda: translate(
        "returns", "Policy file {file}, line {line}: {reason}"),
    "compensation.line_needed": lambda: translate(
        "compensation", "Give the receipt and line, or the price paid."),
    "compensation.refused": lambda: translate(
        "compensation", "The compensation is refused: {reason}"),
    "money.invalid": lambda: translate(
        "compensation", "'{text}' is not an amount in yuan (at most 2 decimals)."),
}
