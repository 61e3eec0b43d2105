"""Read-side queries of repairs: the workshop queue, a ticket with its checklist state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.platform import tables as platform_t
from desk.platform.driver_select import DriverSelect
from desk.platform.jsonable import JsonObject
from desk.repairs import documents
from desk.repairs import tables as repairs_t
from desk.repairs.evidence import photo_ok
from desk.repairs.intake import IntakeNotes, notes_of
from desk.repairs.intake_queries import notes_from_columns
from desk.repairs.intake_tables import ticket_intake
from desk.repairs.rules import (
    CheckFact,
    Checklist,
    ChecklistState,
    checklist_state,
    has_test_value,
    is_overdue,
)


@dataclass(frozen=True)
class TicketSummary:
    code: str
    opened_at: str
    promised_date: str
    service_level: str
    step: int
    fault: str
    product_name: str | None
    overdue: bool


def open_tickets(conn: Connection, today: date, limit: int = 200) -> list[TicketSummary]:
    """Open tickets, the most urgent (earliest due) first; `today` is the store's date (the
    clock's). This is the workshop's queue."""
    tk, p = repairs_t.tickets.c, catalog_t.products.c
    rows = conn.execute(
        select(tk.code, tk.opened_at, tk.promised_date, tk.service_level, tk.step, tk.fault,
               p.name.label("product_name"))
        .select_from(repairs_t.tickets.outerjoin(catalog_t.products, p.sku == tk.sku))
        .where(tk.status == "open")
        .order_by(tk.promised_date, tk.code)
        .limit(limit)
    )
    return [TicketSummary(r.code, r.opened_at, r.promised_date, r.service_level, r.step, r.fault,
                          r.product_name, is_overdue(r.promised_date, "open", today))
            for r in rows]


@dataclass(frozen=True)
class TicketDates:
    code: str
    promised_date: str
    customer_id: str | None


def ticket_dates(conn: Connection, code: str) -> TicketDates | None:
    """A ticket's promised date and customer (late-repair compensation)."""
    tk = repairs_t.tickets.c
    row = conn.execute(select(tk.code, tk.promised_date, tk.customer_id)
                       .where(tk.code == code)).first()
    return None if row is None else TicketDates(row.code, row.promised_date, row.customer_id)


# --- one ticket with its facts ------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    event_id: str
    number: int
    body: dict[str, Any]
    sha256: str
    charged_fen: int
    keeps_signature: str
    hlc: str


@dataclass(frozen=True)
class Signoff:
    kind: str  # quote_signed, quote_refused, completion_signed
    document_sha256: str
    signature_id: str
    actor: str
    at: str
    reason: str


@dataclass(frozen=True)
class TicketRecord:
    """A ticket and every fact of it: what the handlers decide on and the screens show."""

    ticket: dict[str, Any]
    checklist: Checklist | None
    facts: tuple[CheckFact, ...]
    quotes: tuple[Quote, ...]
    signoffs: tuple[Signoff, ...] = field(default_factory=tuple)

    @property
    def code(self) -> str:
        return str(self.ticket["code"])

    @cached_property
    def state(self) -> ChecklistState | None:
        """Computed once per record (a record is a snapshot: its facts never change)."""
        return None if self.checklist is None else checklist_state(self.checklist, self.facts)

    @property
    def quote(self) -> Quote | None:
        """The quote in force: the latest proposal."""
        return self.quotes[-1] if self.quotes else None

    def signed_shas(self, kind: str) -> set[str]:
        return {s.document_sha256 for s in self.signoffs if s.kind == kind}

    @property
    def quote_signed(self) -> bool:
        q, signed = self.quote, self.signed_shas("quote_signed")
        return q is not None and (q.sha256 in signed or q.keeps_signature in signed)

    @property
    def quote_refused(self) -> bool:
        return any(s.kind == "quote_refused" for s in self.signoffs)

    @property
    def intake_sha256(self) -> str:
        return documents.sha256_of(documents.intake_document(self.ticket))

    @property
    def completion_sha256(self) -> str:
        state = self.state
        if state is None:
            return ""
        quote = self.quote
        return documents.sha256_of(documents.completion_document(
            self.code, state, quote.sha256 if quote else ""))

    @property
    def completion_signed(self) -> bool:
        return self.completion_sha256 in self.signed_shas("completion_signed")

    def conditions(self) -> dict[str, bool]:
        state = self.state
        return {"quote_present": self.quote is not None, "quote_signed": self.quote_signed,
                "test_value_present": state is not None and has_test_value(state),
                "completion_signed": self.completion_signed}


# Read straight on the driver (desk/platform/driver_select.py): every command on a ticket reads
# it whole first, and SQLAlchemy's cost per statement was most of that read. The ticket comes
# with its intake notes (an outer join: a ticket opened before notes existed has none).
_TK, _IN = repairs_t.tickets, ticket_intake
_TICKET_COLUMNS = tuple(c.name for c in _TK.c)
_TICKET = DriverSelect(
    select(_TK, _IN.c.accessories, _IN.c.condition, _IN.c.photos)
    .select_from(_TK.outerjoin(_IN, _IN.c.code == _TK.c.code))
    .where(_TK.c.code == bindparam("code")))
_CK = repairs_t.ticket_checks.c
# in CheckFact's order: a fact is built from the row's tuple
_CHECKS = DriverSelect(select(
    _CK.event_id, _CK.hlc, _CK.kind, _CK.step, _CK.check_id, _CK.actor, _CK.at, _CK.evidence,
    _CK.reason, _CK.approved_by, _CK.corrects).where(_CK.ticket_code == bindparam("code")))
_QT = repairs_t.ticket_quotes.c
_QUOTES = DriverSelect(
    select(_QT.event_id, _QT.body, _QT.sha256, _QT.charged_fen, _QT.keeps_signature, _QT.hlc)
    .where(_QT.ticket_code == bindparam("code")).order_by(_QT.hlc, _QT.event_id))
_SO = repairs_t.ticket_signoffs.c
# in Signoff's order
_SIGNOFFS = DriverSelect(
    select(_SO.kind, _SO.document_sha256, _SO.signature_id, _SO.actor, _SO.at, _SO.reason)
    .where(_SO.ticket_code == bindparam("code")).order_by(_SO.hlc, _SO.event_id))
_CHECKLIST_BODY = DriverSelect(select(repairs_t.checklists.c.body).where(
    repairs_t.checklists.c.kind == bindparam("kind"),
    repairs_t.checklists.c.version == bindparam("version")))


def ticket_record(conn: Connection, code: str) -> TicketRecord | None:
    row = _TICKET.first(conn, code=code)
    if row is None:
        return None
    width = len(_TICKET_COLUMNS)
    ticket = dict(zip(_TICKET_COLUMNS, row[:width], strict=True))
    ticket |= notes_from_columns(*row[width:]).payload()  # accessories, condition, photos
    checklist = pinned_checklist(conn, ticket["checklist_kind"], ticket["checklist_version"])
    facts = tuple(
        CheckFact(event_id, hlc, kind, step, check_id, actor, at, JsonObject(evidence), reason,
                  approved_by, corrects)
        for (event_id, hlc, kind, step, check_id, actor, at, evidence, reason, approved_by,
             corrects) in _CHECKS.rows(conn, code=code))
    quotes = tuple(_quote(*r) for r in _QUOTES.rows(conn, code=code))
    signoffs = tuple(Signoff(*r) for r in _SIGNOFFS.rows(conn, code=code))
    return TicketRecord(ticket, checklist, facts, quotes, signoffs)


def _quote(event_id: str, body_json: str, sha256: str, charged_fen: int,
           keeps_signature: str, hlc: str) -> Quote:
    body = json.loads(body_json)
    return Quote(event_id, int(body["number"]), body, sha256, charged_fen, keeps_signature, hlc)


def pinned_checklist(conn: Connection, kind: str, version: str) -> Checklist | None:
    if not kind:
        return None
    row = _CHECKLIST_BODY.first(conn, kind=kind, version=version)
    return None if row is None else _parsed_checklist(row[0])


@lru_cache(maxsize=32)
def _parsed_checklist(body: str) -> Checklist:
    """Checklists are immutable values: one parse per distinct body text."""
    return Checklist.from_dict(json.loads(body))


def reopened_as(conn: Connection, code: str) -> list[str]:
    """The tickets that reopened `code` for a recurrence (normally at most one)."""
    tk = repairs_t.tickets.c
    return list(conn.execute(select(tk.code).where(tk.previous_code == code)
                             .order_by(tk.opened_at, tk.code)).scalars())


@dataclass(frozen=True)
class SerialRepairs:
    serial: str
    tickets: int  # every ticket of the serial, in every store this database knows
    repeats: int  # of which reopened for a recurrence


def serial_repairs(conn: Connection, serial: str) -> SerialRepairs:
    """The serial's repair history: how many tickets and how many were repeat repairs."""
    tk = repairs_t.tickets.c
    serial = serial.strip()
    if not serial:
        return SerialRepairs("", 0, 0)
    rows = conn.execute(select(tk.previous_code).where(tk.serial == serial)).scalars().all()
    return SerialRepairs(serial, len(rows), sum(1 for p in rows if p))


_ADOPTED_SHA = select(repairs_t.checklists.c.sha256).where(  # built once: every intake asks
    repairs_t.checklists.c.kind == bindparam("kind"),
    repairs_t.checklists.c.version == bindparam("version"))


def adopted_checklist_sha(conn: Connection, kind: str, version: str) -> str | None:
    row = conn.execute(_ADOPTED_SHA, {"kind": kind, "version": version}).first()
    return None if row is None else str(row.sha256)


# --- what a screen or the CLI shows -------------------------------------------------------------

@dataclass(frozen=True)
class CheckView:
    step: int
    check_id: str
    zh: str
    en: str
    evidence: str  # tick, value, note, photo, signature, system
    who: str
    unit: str
    min: str
    max: str
    condition: str
    done: bool
    waived: bool
    actor: str
    at: str
    shown: dict[str, Any]  # the evidence in force
    reason: str  # a waiver's reason code
    approved_by: str
    corrections: int  # facts superseded
    photo_ok: bool  # False: the photo's file is missing or altered


@dataclass(frozen=True)
class HistoryNote:
    """Where an imported ticket came from (desk/repairs/history.py)."""

    source: str  # the previous system
    outcome: str  # repaired, unrepaired
    charged_fen: int
    closed_at: str
    imported_at: str


_HISTORY = select(repairs_t.ticket_history).where(
    repairs_t.ticket_history.c.code == bindparam("code"))


def history_note(conn: Connection, code: str, closed_at: str) -> HistoryNote | None:
    row = conn.execute(_HISTORY, {"code": code}).first()
    return None if row is None else HistoryNote(row.source, row.outcome, int(row.charged_fen),
                                                closed_at, row.imported_at)


@dataclass(frozen=True)
class TicketDetail:
    code: str
    product_name: str | None
    fault: str
    serial: str
    status: str
    promised_date: str
    overdue: bool
    checklist: str  # "appliance 2026.1"
    title: str  # the checklist's name in Chinese
    current_step: int
    steps: list[list[CheckView]]
    quote: dict[str, Any] | None
    quote_sha256: str
    quote_signed: bool
    completion_sha256: str
    completion_signed: bool
    intake_sha256: str
    signoffs: list[Signoff] = field(default_factory=list)  # sign-offs, oldest first
    previous_code: str = ""  # a recurrence: the ticket this cycle repeats
    reopened_as: list[str] = field(default_factory=list)  # the cycles that repeat this one
    title_en: str = ""  # the checklist's name in English
    fault_kind: str = ""
    warranty: dict[str, Any] | None = None  # the verdict recorded at intake (None: before them)
    payments: list[TicketPayment] = field(default_factory=list)  # taken at pickup
    due_fen: int = 0  # still to pay at pickup: the quote's charge less what was taken
    intake: IntakeNotes = field(default_factory=IntakeNotes)  # accessories, condition, photos
    history: HistoryNote | None = None  # imported from the previous system: no checklist


def ticket_detail(conn: Connection, code: str, today: date,
                  evidence_root: Path | None = None) -> TicketDetail | None:
    record = ticket_record(conn, code)
    if record is None:
        return None
    t = record.ticket
    names = conn.execute(select(catalog_t.products.c.name)
                         .where(catalog_t.products.c.sku == t["sku"])).first()
    state = record.state
    steps: list[list[CheckView]] = []
    if state is not None:
        for states in state.steps:
            row = []
            for s in states:
                fact, shown = s.fact, dict(s.fact.evidence) if s.fact else {}
                photo = str(shown.get("photo_sha256", ""))
                row.append(CheckView(
                    s.check.step, s.check.id, s.check.zh, s.check.en, s.check.evidence,
                    s.check.who, s.check.unit, s.check.min, s.check.max, s.check.condition,
                    s.done, s.waived, fact.actor if fact else "", fact.at if fact else "", shown,
                    fact.reason if fact and fact.kind == "waived" else "",
                    fact.approved_by if fact else "", len(s.history) - (1 if fact else 0),
                    not photo or evidence_root is None or photo_ok(evidence_root, photo)))
            steps.append(row)
    quote = record.quote
    paid = ticket_payments(conn, record.code)
    return TicketDetail(
        code=record.code, product_name=names.name if names else None, fault=t["fault"],
        serial=t["serial"], status=t["status"], promised_date=t["promised_date"],
        overdue=is_overdue(t["promised_date"], t["status"], today),
        checklist=f"{t['checklist_kind']} {t['checklist_version']}".strip(),
        title=record.checklist.title if record.checklist else "",
        current_step=state.current_step if state else int(t["step"]), steps=steps,
        quote=quote.body if quote else None, quote_sha256=quote.sha256 if quote else "",
        quote_signed=record.quote_signed, completion_sha256=record.completion_sha256,
        completion_signed=record.completion_signed, intake_sha256=record.intake_sha256,
        signoffs=list(record.signoffs), previous_code=t["previous_code"],
        reopened_as=reopened_as(conn, record.code), fault_kind=t["fault_kind"],
        warranty=json.loads(t["warranty"]) if t["warranty"] else None, payments=paid,
        due_fen=max(0, (quote.charged_fen if quote else 0) - sum(p.amount_fen for p in paid)),
        title_en=record.checklist.title_en if record.checklist else "", intake=notes_of(t),
        history=history_note(conn, record.code, t["closed_at"]))


# --- the day's waivers (the daily closure reads them) -------------------------------------------

@dataclass(frozen=True)
class Waiver:
    event_id: str
    ticket_code: str
    step: int
    check_id: str
    check_zh: str  # the check's Chinese name in the ticket's pinned checklist
    actor: str
    approved_by: str  # the manager who waived it
    reason: str  # a code of rules.WAIVER_REASONS
    at: str  # local time recorded
    device_id: str  # the counter that recorded the waiver


def waivers_between(conn: Connection, start: str, end: str) -> list[Waiver]:
    """Checks waived with `at` in [start, end) (local ISO text), oldest first."""
    c, tk, j = repairs_t.ticket_checks.c, repairs_t.tickets.c, platform_t.journal.c
    rows = conn.execute(
        select(c.event_id, c.ticket_code, c.step, c.check_id, c.actor, c.approved_by, c.reason,
               c.at, tk.checklist_kind, tk.checklist_version, j.device_id)
        .select_from(repairs_t.ticket_checks.join(repairs_t.tickets, tk.code == c.ticket_code)
                     .join(platform_t.journal, j.event_id == c.event_id))
        .where(c.kind == "waived", c.at >= start, c.at < end)
        .order_by(c.at, c.event_id)).all()
    lists: dict[tuple[str, str], Checklist | None] = {}
    found = []
    for r in rows:
        key = (r.checklist_kind, r.checklist_version)
        if key not in lists:
            lists[key] = pinned_checklist(conn, *key)
        checklist = lists[key]
        zh = next((x.zh for s in checklist.steps for x in s.checks if x.id == r.check_id),
                  "") if checklist else ""
        found.append(Waiver(r.event_id, r.ticket_code, int(r.step), r.check_id, zh, r.actor,
                            r.approved_by, r.reason, r.at, r.device_id))
    return found


# --- payments taken at pickup -------------------------------------------------------------------

@dataclass(frozen=True)
class TicketPayment:
    event_id: str
    position: int
    ticket_code: str
    tender: str
    amount_fen: int
    at: str  # local time of the pickup
    device_id: str  # the counter that took it


def _payments(conn: Connection, where: Any) -> list[TicketPayment]:
    pay, j = repairs_t.ticket_payments.c, platform_t.journal.c
    rows = conn.execute(
        select(pay.event_id, pay.position, pay.ticket_code, pay.tender, pay.amount_fen, pay.at,
               j.device_id)
        .select_from(repairs_t.ticket_payments.join(platform_t.journal,
                                                    j.event_id == pay.event_id))
        .where(where).order_by(pay.at, pay.event_id, pay.position)).all()
    return [TicketPayment(r.event_id, int(r.position), r.ticket_code, r.tender,
                          int(r.amount_fen), r.at, r.device_id) for r in rows]


def ticket_payments(conn: Connection, code: str) -> list[TicketPayment]:
    """What the ticket's pickups took, by tender, oldest first."""
    return _payments(conn, repairs_t.ticket_payments.c.ticket_code == code)


def payments_between(conn: Connection, start: str, end: str) -> list[TicketPayment]:
    """Payments taken at pickup with `at` in [start, end) (local ISO text): the closure's."""
    pay = repairs_t.ticket_payments.c
    return _payments(conn, (pay.at >= start) & (pay.at < end))
