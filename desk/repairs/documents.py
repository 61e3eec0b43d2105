"""The documents a customer signs for a repair, built by the core from the facts (canonical
JSON), and their SHA-256: the intake, the quote and the completion (pickup). A signature counts
only when it was captured for exactly this content (desk.signatures.queries.signature_for)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from desk.platform.events import canonical_json
from desk.repairs.rules import EXPLANATION_STEP, ChecklistState


def sha256_of(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def intake_document(ticket: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("code", "sku", "serial", "fault", "service_level", "promised_date", "receipt_no",
            "customer_id", "opened_at", "checklist_kind", "checklist_version")
    body = {"document": "intake", **{k: ticket.get(k) for k in keys}}
    # what the customer is told at intake, signed with it; absent for tickets opened before
    # verdicts (or without intake notes), so their documents (and signatures) stay the same
    for key in ("fault_kind", "warranty", "accessories", "condition", "condition_photos"):
        if ticket.get(key):
            body[key] = ticket[key]
    return body


def quote_document(ticket_code: str, number: int, parts: list[dict[str, Any]], labour_fen: int,
                   free_reason: str, charged_fen: int) -> dict[str, Any]:
    return {"document": "quote", "ticket": ticket_code, "number": number, "parts": parts,
            "labour_fen": labour_fen, "free_reason": free_reason, "charged_fen": charged_fen}


def completion_document(ticket_code: str, state: ChecklistState,
                        quote_sha256: str) -> dict[str, Any]:
    """The checklist of steps 1..7 (each check's fact in force) and the signed quote, which
    carries the parts: what the customer signs at pickup. Later steps (follow-up, archive) are
    outside it, so a missed signature can be collected later on the same document."""
    checks = []
    for number, states in enumerate(state.steps[:EXPLANATION_STEP], start=1):
        for s in states:
            checks.append([number, s.check.id, s.fact.event_id if s.fact else "",
                           s.fact.kind if s.fact else ""])
    return {"document": "completion", "ticket": ticket_code, "quote_sha256": quote_sha256,
            "checklist": f"{state.checklist.kind} {state.checklist.version}", "checks": checks}
