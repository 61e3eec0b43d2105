"""Commands of repairs: tickets, their checklist, quotes and pickup.

`docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class OpenTicket(Command):
    name: ClassVar[str] = "open_ticket"
    limits: ClassVar[Mapping[str, int]] = {"fault": 2000, "condition": 1000}
    code: str
    sku: str
    fault: str
    promised_date: str  # YYYY-MM-DD
    service_level: str = "simple"  # simple, complex, major
    serial: str = ""
    receipt_no: str | None = None
    customer_id: str | None = None
    fault_kind: str = ""  # desk/repairs/warranty.FAULT_KINDS: what a repeat of it is judged by
    # what was handed in with it and its state (desk/repairs/intake.py)
    accessories: list[str] = field(default_factory=list)  # words: charger, box …
    condition: str = ""  # scratches, dents …
    condition_photos: list[str] = field(default_factory=list)  # SHA-256 of stored photos


@dataclass(frozen=True)
class RecordCheck(Command):
    """One check of the current step done, with the evidence its checklist asks for: `value`
    (decimal text in the check's unit), `note`, `photo_sha256` (a photo stored in the evidence
    folder), `signature_id` (a signature captured for the ticket's intake)."""

    name: ClassVar[str] = "record_check"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000}
    ticket_code: str
    step: int
    check_id: str
    value: str = ""
    note: str = ""
    photo_sha256: str = ""
    signature_id: str = ""


@dataclass(frozen=True)
class WaiveCheck(Command):
    """A manager waives a check with a reason code (rules.WAIVER_REASONS); at a clerk's or a
    technician's screen the manager enters their staff id and PIN."""

    name: ClassVar[str] = "waive_check"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000}
    ticket_code: str
    step: int
    check_id: str
    reason_code: str
    note: str = ""
    approver_id: str = ""
    approver_pin: str = ""


@dataclass(frozen=True)
class CorrectCheck(Command):
    """A new fact for a done check that supersedes the one in force (which stays in history)."""

    name: ClassVar[str] = "correct_check"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000, "reason": 500}
    ticket_code: str
    step: int
    check_id: str
    reason: str
    value: str = ""
    note: str = ""
    photo_sha256: str = ""
    signature_id: str = ""


@dataclass(frozen=True)
class QuotePart:
    part: str
    serial: str = ""
    price_fen: int = 0
    qty: int = 1


@dataclass(frozen=True)
class ProposeQuote(Command):
    """The itemised quote (a revision replaces the one before). Its charge is 0 when the
    warranty verdict recorded at intake says warranty or lifetime repair; `free_reason` may only
    repeat what the verdict says ("" follows it), never grant what it does not."""

    name: ClassVar[str] = "propose_quote"
    ticket_code: str
    parts: list[QuotePart] = field(default_factory=list)
    labour_fen: int = 0
    free_reason: str = ""  # "", warranty, lifetime


@dataclass(frozen=True)
class SignQuote(Command):
    """The customer's signature (captured for document_kind "quote", document_ref the ticket
    code, on the quote's SHA-256 given by `desk ticket show` / ticket_detail)."""

    name: ClassVar[str] = "sign_quote"
    ticket_code: str
    signature_id: str


@dataclass(frozen=True)
class RefuseQuote(Command):
    """The customer refuses the quote: the ticket ends as returned unrepaired."""

    name: ClassVar[str] = "refuse_quote"
    limits: ClassVar[Mapping[str, int]] = {"reason": 500}
    ticket_code: str
    reason: str = ""


@dataclass(frozen=True)
class Payment:
    tender: str  # cash, bank_card, wechat_pay, alipay, store_card (the returns' tenders)
    amount_fen: int


@dataclass(frozen=True)
class SignCompletion(Command):
    """Pickup: the customer's signature (document_kind "completion") on the hash of the
    checklist state of steps 1..7 and the signed quote; may be collected later. `payments`: what
    the customer pays, by tender (mixed tenders too); their sum must be the amount still due
    (the quote's charge less what earlier pickups of the ticket took)."""

    name: ClassVar[str] = "sign_completion"
    ticket_code: str
    signature_id: str
    payments: list[Payment] = field(default_factory=list)


@dataclass(frozen=True)
class ReopenTicket(Command):
    """A recurrence (the follow-up call's "recurrence asked" answered yes, or the customer coming
    back): the archived ticket `ticket_code` opens again as the new ticket `code`, a new cycle of
    the nine steps for the same product, serial, receipt and customer, linked to it by
    `previous_code` and counted as a repeat repair of the serial."""

    name: ClassVar[str] = "reopen_ticket"
    limits: ClassVar[Mapping[str, int]] = {"fault": 2000}
    ticket_code: str
    code: str
    fault: str
    promised_date: str  # YYYY-MM-DD
    service_level: str = "simple"


@dataclass(frozen=True)
class TicketOpened:
    code: str
    checklist: str  # the checklist pinned at intake: "<kind> <version>"
    previous_code: str = ""  # a recurrence: the ticket it repeats
    warranty_zh: str = ""  # the verdict recorded at intake, in words
    warranty_en: str = ""
    free_reason: str = ""  # warranty, lifetime or "" (paid): what the quote's charge follows
    offer: bool = False  # a repeat of the same fault within 三包: exchange or return offered


@dataclass(frozen=True)
class EscalateTicket(Command):
    """Escalate a ticket to the manager for a reason that holds now (service_levels.REASONS:
    response_breached, overdue, stale); the sweep (service_queries.escalation_sweep,
    `desk escalations --sweep`) lists what should be escalated."""

    name: ClassVar[str] = "escalate_ticket"
    limits: ClassVar[Mapping[str, int]] = {"note": 500}
    ticket_code: str
    reason: str
    note: str = ""
