"""Repairs: opening a ticket (pinning its checklist), the checklist's facts, quotes, pickup.

Every refusal has its own code (desk/repairs/errors.py); nothing is written when one is raised.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from desk.catalog.queries import known_customers, product_category_kind
from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.paths import resources_dir
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.platform.values import require
from desk.repairs import documents
from desk.repairs import rules as r
from desk.repairs import tables as repairs_t
from desk.repairs.checklists import in_force, load_folder
from desk.repairs.commands import (
    CorrectCheck,
    OpenTicket,
    ProposeQuote,
    RecordCheck,
    RefuseQuote,
    ReopenTicket,
    SignCompletion,
    SignQuote,
    TicketOpened,
    WaiveCheck,
)
from desk.repairs.evidence import check_photo, evidence_root
from desk.repairs.intake import checked_notes
from desk.repairs.queries import (
    TicketRecord,
    adopted_checklist_sha,
    reopened_as,
    ticket_payments,
    ticket_record,
)
from desk.repairs.warranty_queries import intake_warranty, require_fault_kind, ticket_warranty
from desk.sales.queries import receipt_exists
from desk.signatures.queries import signature_for
from desk.staff.approvals import approve, needs_approver


@lru_cache(maxsize=4)
def shipped_checklists(folder: Path) -> tuple[r.Checklist, ...]:
    return tuple(load_folder(folder))


def _now(ctx: Context) -> str:
    return ctx.clock.local_now().isoformat(timespec="seconds")


def open_ticket(cmd: OpenTicket, uow: UnitOfWork, ctx: Context) -> TicketOpened:
    notes = checked_notes(evidence_root(uow.db.path), cmd.accessories, cmd.condition,
                          cmd.condition_photos)
    return _open(uow, ctx, cmd.code, cmd.sku, cmd.fault, cmd.promised_date, cmd.service_level,
                 serial=cmd.serial, receipt_no=cmd.receipt_no, customer_id=cmd.customer_id,
                 fault_kind=cmd.fault_kind, notes=notes.payload())


def reopen_ticket(cmd: ReopenTicket, uow: UnitOfWork, ctx: Context) -> TicketOpened:
    """The one thing an archived ticket still allows: a new cycle for a recurrence."""
    record = ticket_record(uow.conn, cmd.ticket_code.strip())
    if record is None:
        raise DeskError("ticket.unknown", code=cmd.ticket_code)
    if record.ticket["status"] != "archived":
        raise DeskError("repair.reopen_not_archived", code=record.code)
    later = reopened_as(uow.conn, record.code)
    if later:
        raise DeskError("repair.already_reopened", code=record.code, reopened_as=later[0])
    t = record.ticket
    return _open(uow, ctx, cmd.code, t["sku"], cmd.fault, cmd.promised_date, cmd.service_level,
                 serial=t["serial"], receipt_no=t["receipt_no"], customer_id=t["customer_id"],
                 previous_code=record.code, fault_kind=t["fault_kind"])


def _open(uow: UnitOfWork, ctx: Context, code: str, sku: str, fault: str, promised_date: str,
          service_level: str, *, serial: str, receipt_no: str | None, customer_id: str | None,
          previous_code: str = "", fault_kind: str = "",
          notes: dict[str, Any] | None = None) -> TicketOpened:
    code = require(code, "code")
    if exists(uow.conn, repairs_t.tickets, "code", code):
        raise DeskError("ticket.exists", code=code)
    category_kind = product_category_kind(uow.conn, sku)
    if category_kind is None:
        raise DeskError("product.unknown", sku=sku)
    if service_level not in r.SERVICE_LEVELS:
        raise DeskError("value.invalid", field="service_level", reason="simple, complex or major")
    try:
        date.fromisoformat(promised_date)
    except ValueError:
        raise DeskError("value.invalid", field="promised_date", reason="YYYY-MM-DD") from None
    if receipt_no and not receipt_exists(uow.conn, receipt_no):
        raise DeskError("receipt.unknown", receipt_no=receipt_no)
    if customer_id and not known_customers(uow.conn, {customer_id}):
        raise DeskError("customer.unknown", customer_id=customer_id)
    fault_kind = require_fault_kind(fault_kind)
    today = ctx.clock.local_now().date()
    checklist = _pin_checklist(uow, r.checklist_kind(category_kind), today)
    # the verdict the intake screen showed: same query, same inputs (a repair never resets it)
    warranty = intake_warranty(uow.conn, sku, serial, receipt_no, fault_kind, today, code)
    payload: dict[str, Any] = {
        "code": code,
        "sku": sku,
        "serial": serial.strip(),
        "fault": require(fault, "fault"),
        "service_level": service_level,
        "promised_date": promised_date,
        "receipt_no": receipt_no,
        "customer_id": customer_id,
        "opened_at": _now(ctx),
        "checklist_kind": checklist.kind,
        "checklist_version": checklist.version,
        "fault_kind": fault_kind,
        "warranty": warranty.recorded(),
    }
    if previous_code:  # absent otherwise: first-cycle payloads stay as they were
        payload["previous_code"] = previous_code
    payload |= notes or {}  # accessories, condition, photos: only when noted
    uow.record("ticket.opened", code, payload)
    v = warranty.verdict
    return TicketOpened(code, f"{checklist.kind} {checklist.version}", previous_code, v.zh, v.en,
                        v.free_reason, warranty.offer)


def _pin_checklist(uow: UnitOfWork, kind: str, today: date) -> r.Checklist:
    """The version in force today; adopted into the journal the first time it is used, so every
    counter and every rebuild sees the very definition the ticket was opened under."""
    checklist = in_force(list(shipped_checklists(resources_dir() / "checklists")), kind, today)
    if checklist is None:
        raise DeskError("repair.no_checklist", kind=kind)
    body, sha = _definition(checklist)
    known = adopted_checklist_sha(uow.conn, checklist.kind, checklist.version)
    if known is None:
        uow.record("checklist.adopted", f"{checklist.kind}@{checklist.version}",
                   {"checklist": body, "sha256": sha})
    elif known != sha:
        raise DeskError("repair.checklist_changed", kind=checklist.kind,
                        version=checklist.version)
    return checklist


@lru_cache(maxsize=32)
def _definition(checklist: r.Checklist) -> tuple[dict[str, Any], str]:
    """A checklist's body and the SHA-256 that identifies it (a checklist is an immutable value:
    worked out once, not at every intake). The identity leaves out its English name: counters
    adopted 2026.1 before the files had one, and a display name does not change what a ticket
    must go through."""
    body = checklist.to_dict()
    return body, documents.sha256_of({k: v for k, v in body.items() if k != "title_en"})


def _open_record(uow: UnitOfWork, code: str) -> tuple[TicketRecord, r.ChecklistState]:
    record = ticket_record(uow.conn, code.strip())
    if record is None:
        raise DeskError("ticket.unknown", code=code)
    status = record.ticket["status"]
    if status == "archived":
        raise DeskError("repair.archived", code=code)
    if status == "returned":
        raise DeskError("repair.returned_unrepaired", code=code)
    state = record.state
    if state is None:
        raise DeskError("repair.no_checklist", kind=code)
    return record, state


def _require_quote_for(record: TicketRecord, step: int) -> None:
    if step >= r.REPAIR_STEP and not record.quote_signed:
        raise DeskError("repair.quote_not_signed")


def _evidence(uow: UnitOfWork, record: TicketRecord, check: r.Check, value: str, note: str,
              photo_sha256: str, signature_id: str) -> dict[str, Any]:
    evidence = r.clean_evidence(check, value, note, photo_sha256, signature_id)
    if check.evidence == "photo":
        photo = check_photo(evidence_root(uow.db.path), evidence["photo_sha256"])
        evidence |= {"photo_size": photo.size, "photo_type": photo.type}
    elif check.evidence == "signature":
        signature_for(uow.conn, evidence["signature_id"], record.intake_sha256)
    elif check.evidence == "system":
        r.require_condition(check.condition, record.conditions())
        evidence["system"] = check.condition
    return evidence


def record_check(cmd: RecordCheck, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    check = state.checklist.check(cmd.step, cmd.check_id)
    r.require_role(check, None if ctx.role is None else ctx.role.value)
    r.require_in_order(state, cmd.step, cmd.check_id)
    _require_quote_for(record, cmd.step)
    evidence = _evidence(uow, record, check, cmd.value, cmd.note, cmd.photo_sha256,
                         cmd.signature_id)
    event = uow.record("ticket.check_recorded", record.code, {
        "step": cmd.step, "check_id": check.id, "evidence": evidence, "at": _now(ctx)})
    return {"event_id": event.event_id, "step": cmd.step, "check_id": check.id}


def waive_check(cmd: WaiveCheck, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    check = state.checklist.check(cmd.step, cmd.check_id)
    if check.evidence == "system":
        raise DeskError("repair.not_waivable", check_id=check.id)
    if cmd.reason_code not in r.WAIVER_REASONS:
        raise DeskError("repair.waiver_reason_unknown", reason=cmd.reason_code)
    r.require_in_order(state, cmd.step, cmd.check_id)
    _require_quote_for(record, cmd.step)
    if needs_approver(ctx.role, "manager").needed and not cmd.approver_id.strip():
        raise DeskError("repair.waiver_needs_manager")
    approver = approve(uow, ctx, level="manager", reasons=["waiver"],
                       approver_id=cmd.approver_id, approver_pin=cmd.approver_pin)
    note = cmd.note.strip()
    event = uow.record("ticket.check_waived", record.code, {
        "step": cmd.step, "check_id": check.id, "reason": cmd.reason_code,
        "evidence": {"note": note} if note else {}, "approved_by": approver, "at": _now(ctx)})
    return {"event_id": event.event_id, "approved_by": approver}


def correct_check(cmd: CorrectCheck, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    check = state.checklist.check(cmd.step, cmd.check_id)
    r.require_role(check, None if ctx.role is None else ctx.role.value)
    fact = state.state(cmd.step, check.id).fact
    if fact is None:
        raise DeskError("repair.check_not_done", step=cmd.step, check_id=check.id)
    reason = require(cmd.reason, "reason")
    evidence = _evidence(uow, record, check, cmd.value, cmd.note, cmd.photo_sha256,
                         cmd.signature_id)
    event = uow.record("ticket.check_corrected", record.code, {
        "step": cmd.step, "check_id": check.id, "evidence": evidence, "reason": reason,
        "corrects": fact.event_id, "at": _now(ctx)})
    return {"event_id": event.event_id, "corrects": fact.event_id}


def propose_quote(cmd: ProposeQuote, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    if cmd.free_reason not in r.FREE_REASONS:
        raise DeskError("value.invalid", field="free_reason", reason="warranty or lifetime")
    parts = []
    for part in cmd.parts:
        if not part.part.strip() or part.qty < 1 or part.price_fen < 0:
            raise DeskError("repair.quote_line_invalid", part=part.part)
        parts.append({**asdict(part), "part": part.part.strip(), "serial": part.serial.strip()})
    if cmd.labour_fen < 0:
        raise DeskError("money.negative", field="labour_fen")
    parts_fen = sum(p["price_fen"] * p["qty"] for p in parts)
    free_reason = r.free_reason_of(ticket_warranty(uow.conn, record.code).free_reason,
                                   cmd.free_reason)
    charged = r.quote_charged(parts_fen, cmd.labour_fen, free_reason)
    body = documents.quote_document(record.code, len(record.quotes) + 1, parts, cmd.labour_fen,
                                    free_reason, charged)
    sha = documents.sha256_of(body)
    keeps = ""
    current = record.quote
    if current is not None and record.quote_signed:
        signed_sha = current.keeps_signature or current.sha256
        signed_fen = next((q.charged_fen for q in record.quotes if q.sha256 == signed_sha),
                          current.charged_fen)
        if r.within_tolerance(signed_fen, charged, state.checklist.quote_tolerance_fen,
                              state.checklist.quote_tolerance_percent):
            keeps = signed_sha
    uow.record("ticket.quote_proposed", record.code, {
        "quote": body, "sha256": sha, "keeps_signature": keeps, "at": _now(ctx)})
    return {"quote_sha256": sha, "charged_fen": charged, "needs_signature": not keeps}


def sign_quote(cmd: SignQuote, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, _state = _open_record(uow, cmd.ticket_code)
    quote = record.quote
    if quote is None:
        raise DeskError("repair.quote_missing")
    _signature_on(uow, cmd.signature_id, quote.sha256, "repair.quote_signature_mismatch")
    uow.record("ticket.quote_signed", record.code, {
        "document_sha256": quote.sha256, "signature_id": cmd.signature_id, "at": _now(ctx)})
    return {"quote_sha256": quote.sha256}


def refuse_quote(cmd: RefuseQuote, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    if record.quote is None:
        raise DeskError("repair.quote_missing")
    if state.current_step > r.REPAIR_STEP or any(f.step >= r.REPAIR_STEP for f in record.facts):
        raise DeskError("repair.work_started")
    uow.record("ticket.quote_refused", record.code, {
        "document_sha256": record.quote.sha256, "reason": cmd.reason.strip(), "at": _now(ctx)})
    return {"status": "returned"}


def sign_completion(cmd: SignCompletion, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    record, state = _open_record(uow, cmd.ticket_code)
    if state.current_step <= r.EXPLANATION_STEP:
        raise DeskError("repair.pickup_not_ready", current=state.current_step)
    sha = record.completion_sha256
    _signature_on(uow, cmd.signature_id, sha, "repair.completion_signature_mismatch")
    payments = r.check_payments([(p.tender, p.amount_fen) for p in cmd.payments],
                                _amount_due(uow, record))
    payload: dict[str, Any] = {"document_sha256": sha, "signature_id": cmd.signature_id,
                               "at": _now(ctx)}
    if payments:  # absent otherwise: payloads of free pickups stay as they were
        payload["payments"] = payments
    uow.record("ticket.completion_signed", record.code, payload)
    return {"completion_sha256": sha, "paid_fen": sum(p["amount_fen"] for p in payments)}


def _amount_due(uow: UnitOfWork, record: TicketRecord) -> int:
    """The quote's charge less what earlier pickups of this ticket took (a signature collected
    again later pays nothing twice)."""
    charged = record.quote.charged_fen if record.quote is not None else 0
    return charged - sum(p.amount_fen for p in ticket_payments(uow.conn, record.code))


def _signature_on(uow: UnitOfWork, signature_id: str, sha: str, mismatch: str) -> None:
    try:
        signature_for(uow.conn, signature_id.strip(), sha)
    except DeskError as err:
        if err.code == "signature.other_document":
            raise DeskError(mismatch, signature_id=signature_id) from None
        raise
