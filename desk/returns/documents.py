"""What the customer signs at the return counter, as the core builds it (pure).

The signature pad shows these facts; the signature is bound to the SHA-256 of their canonical
JSON. The core rebuilds the document from the command it is about to record and compares: a
signature captured for another case, another amount or an edited decision is refused.
"""

from __future__ import annotations

from typing import Any

from desk.returns.compensation import CompensationDecision
from desk.returns.rules import ReturnDecision

RETURN_DOCUMENT = "return_decision"
COMPENSATION_DOCUMENT = "compensation"


def return_document(decision: ReturnDecision) -> dict[str, Any]:
    """The return the customer agrees to: which units, what comes back, and where to."""
    return {
        "kind": RETURN_DOCUMENT,
        "receipt_no": decision.receipt_no,
        "return_date": decision.return_date.isoformat(),
        "lines": [[ln["line_no"], ln["kind"], ln["qty"], ln["refund_fen"]]
                  for ln in decision.lines],
        "refund_fen": decision.refund_fen,
        "gift_deduction_fen": decision.gift_deduction_fen,
        "points_reversed": decision.points_reversed,
        "tenders": [[td["tender"], td["route"], td["amount_fen"]] for td in decision.tenders],
    }


def compensation_reference(receipt_no: str | None, ticket_code: str | None,
                           customer_id: str | None) -> str:
    """The document reference a compensation is signed under (receipt, ticket or customer; a
    walk-in complaint with none of them is signed under "counter")."""
    return (receipt_no or ticket_code or customer_id or "").strip() or "counter"


def compensation_document(reference: str, decision: CompensationDecision,
                          decided_on: str) -> dict[str, Any]:
    return {
        "kind": COMPENSATION_DOCUMENT,
        "reference": reference,
        "compensation": decision.kind,
        "amount_fen": decision.amount_fen,
        "on_top_of_refund": decision.on_top_of_refund,
        "decided_on": decided_on,
    }
