"""Closure rules (pure): the business day, the cash count and the day's numbers.

The business day runs from the day boundary (default 04:00, store local time) to the next one:
an event recorded at 03:59 belongs to the day before, one at 04:00 to the day itself. Every
number of a closure report is computed here from plain facts the queries read (queries.py), so
the same function makes the X report, the numbers a Z closure freezes, and the tests' checks.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.events import canonical_json

DEFAULT_BOUNDARY = time(4, 0)
DEFAULT_TIMEZONE = "Asia/Shanghai"
# A variance (counted - expected) above this, either way, needs a note (policy default: 5 yuan).
VARIANCE_TOLERANCE_FEN = 500
# Notes and coins of the renminbi, in fen: 100, 50, 20, 10, 5, 1 yuan; 5 and 1 jiao.
DENOMINATIONS_FEN = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
MAX_PIECES = 100_000  # per denomination: more is a typing error, not a till
STORE_SCOPE = "store"
NOTE_MAX = 500
# The facts whose absence on the central server would change a report: "events not yet synced"
# counts these (not the log-ins and signatures of the closing itself, which would otherwise
# change the numbers between the moment both people sign and the closure).
REPORTED_KINDS = ("sale.recorded", "return.recorded", "compensation.recorded",
                  "approval.recorded", "ticket.opened", "closure.recorded", "conflict.resolved",
                  # what closes a ticket or waives a check (repairs closed, checks waived)
                  "ticket.check_recorded", "ticket.check_waived", "ticket.check_corrected",
                  "ticket.quote_refused",
                  # a pickup: the completion signature and the payment taken with it
                  "ticket.completion_signed")


# the repair service levels (desk/repairs/rules.SERVICE_LEVELS), in the report's order
SERVICE_LEVELS = ("simple", "complex", "major")


# --- the business day ---------------------------------------------------------------------------

def parse_boundary(text: str | None) -> time:
    """'04:00' -> time(4, 0); empty -> the default. Refuses anything else."""
    if not text:
        return DEFAULT_BOUNDARY
    try:
        hh, mm = text.strip().split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise DeskError("value.invalid", field="closure.day_boundary",
                        reason="HH:MM, e.g. 04:00") from None


def business_day_of(local: datetime | str, boundary: time = DEFAULT_BOUNDARY) -> date:
    """The business day of a local time (ISO text as recorded, or a datetime)."""
    at = datetime.fromisoformat(local) if isinstance(local, str) else local
    shift = timedelta(hours=boundary.hour, minutes=boundary.minute)
    return (at.replace(tzinfo=None) - shift).date()


def day_window(day: date, boundary: time = DEFAULT_BOUNDARY) -> tuple[str, str]:
    """[start, end) of a business day as local ISO text (seconds), comparable to recorded times."""
    start = datetime.combine(day, boundary)
    end = start + timedelta(days=1)
    return start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")


def parse_business_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise DeskError("value.invalid", field="business_date", reason="YYYY-MM-DD") from None


def hour_of(local: str) -> int:
    return datetime.fromisoformat(local).hour


def scope_of(device_id: str | None) -> str:
    return device_id or STORE_SCOPE


# --- the cash count -----------------------------------------------------------------------------

def parse_count(counted: Mapping[Any, Any]) -> dict[int, int]:
    """{denomination_fen: pieces} from a command (keys may be text in JSON). Refuses unknown
    denominations and piece counts that are negative, fractional or not numbers."""
    pieces: dict[int, int] = {}
    for raw_key, raw_value in counted.items():
        try:
            denomination = int(str(raw_key))
        except ValueError:
            raise DeskError("closure.denomination_unknown", denomination=raw_key) from None
        if denomination not in DENOMINATIONS_FEN:
            raise DeskError("closure.denomination_unknown", denomination=raw_key)
        if isinstance(raw_value, bool) or not isinstance(raw_value, int) \
                or not 0 <= raw_value <= MAX_PIECES:
            raise DeskError("closure.count_invalid", denomination=denomination, value=raw_value)
        pieces[denomination] = pieces.get(denomination, 0) + raw_value
    return {d: pieces.get(d, 0) for d in DENOMINATIONS_FEN}


def count_total_fen(pieces: Mapping[int, int]) -> int:
    return sum(d * n for d, n in pieces.items())


def needs_note(variance_fen: int, tolerance_fen: int = VARIANCE_TOLERANCE_FEN) -> bool:
    return abs(variance_fen) > tolerance_fen


# --- the facts a report is made of --------------------------------------------------------------

@dataclass(frozen=True)
class RefundPart:
    tender: str  # the tender paid at the sale
    route: str  # original, cash (a manager's cash back), bank_transfer
    amount_fen: int

    @property
    def method(self) -> str:
        """How the money went back: the original tender, or the route that replaced it."""
        return self.tender if self.route == "original" else self.route

    @property
    def is_cash(self) -> bool:
        return self.method == "cash"


@dataclass(frozen=True)
class ReturnFact:
    event_id: str
    return_id: str
    at: str  # local time recorded (returned_at)
    actor: str
    device_id: str
    status: str  # completed, pending, refused
    refund_fen: int
    reason: str
    receipt_no: str = ""
    tenders: tuple[RefundPart, ...] = ()
    by_category: tuple[tuple[str, int], ...] = ()  # (category, refund_fen) per returned line
    overrides: tuple[str, ...] = ()  # cash_back, or the refusal codes a manager overrode
    override_reason: str = ""
    approved_by: str = ""
    signature_missing: bool = False


@dataclass(frozen=True)
class CompensationFact:
    event_id: str
    compensation_id: str
    at: str  # decided_at
    actor: str
    device_id: str
    status: str
    kind: str  # the compensation rule
    amount_fen: int
    approved_by: str
    signature_missing: bool = False


@dataclass(frozen=True)
class TicketFact:
    event_id: str
    code: str
    opened_at: str
    device_id: str
    status: str
    step: int
    promised_date: str
    opened_by: str
    service_level: str = ""  # simple, complex, major
    closed_at: str = ""  # local time it was archived or returned unrepaired


@dataclass(frozen=True)
class WaiverFact:
    """A check of a repair ticket a manager waived (repairs' ticket.check_waived)."""

    event_id: str
    ticket_code: str
    step: int
    check_id: str
    check_name: str  # the check's Chinese name in the ticket's pinned checklist
    approved_by: str
    reason: str  # a repairs WAIVER_REASONS code
    at: str
    device_id: str


@dataclass(frozen=True)
class RepairPaymentFact:
    """One tender of a payment taken at a repair's pickup (repairs' ticket.completion_signed)."""

    event_id: str
    ticket_code: str
    tender: str  # the returns' tenders: cash, bank_card, wechat_pay, alipay, store_card
    amount_fen: int
    at: str
    device_id: str


@dataclass(frozen=True)
class PrintFact:
    job_id: int
    kind: str
    is_copy: bool
    status: str
    last_error: str


@dataclass(frozen=True)
class LateFact:
    """An event of a closed day that its closure did not count (it arrived later)."""

    event_id: str
    kind: str  # return, compensation, ticket
    reference: str
    at: str
    business_date: str
    device_id: str
    amount_fen: int


@dataclass(frozen=True)
class DayFacts:
    returns: tuple[ReturnFact, ...] = ()
    compensations: tuple[CompensationFact, ...] = ()
    tickets_opened: tuple[TicketFact, ...] = ()
    tickets_open: tuple[TicketFact, ...] = ()  # every open ticket of the scope (by step, overdue)
    tickets_closed: tuple[TicketFact, ...] = ()  # archived or returned, closed_at in the day
    waivers: tuple[WaiverFact, ...] = ()
    repair_payments: tuple[RepairPaymentFact, ...] = ()
    prints: tuple[PrintFact, ...] = ()
    conflicts_open: tuple[str, ...] = ()  # conflict codes
    unsynced_events: int = 0
    late: tuple[LateFact, ...] = ()

    def counted_event_ids(self) -> list[str]:
        ids = [r.event_id for r in self.returns] + [c.event_id for c in self.compensations]
        ids += sorted({p.event_id for p in self.repair_payments})
        return sorted(ids + [t.event_id for t in self.tickets_opened])


@dataclass(frozen=True)
class CashCount:
    opening_float_fen: int
    pieces: dict[int, int] = field(default_factory=dict)
    note: str = ""
    second_counter: str = ""


# --- the numbers ----------------------------------------------------------------------------------

def _add(table: dict[str, list[int]], key: str, amount: int) -> None:
    row = table.setdefault(key, [0, 0])
    row[0] += 1
    row[1] += amount


def _rows(table: dict[str, list[int]], name: str = "key") -> list[dict[str, Any]]:
    return [{name: k, "count": v[0], "fen": v[1]} for k, v in sorted(table.items())]


def _returns_numbers(returns: Iterable[ReturnFact], boundary: time) -> dict[str, Any]:
    done = [r for r in returns if r.status == "completed"]
    by_tender: dict[str, list[int]] = {}
    by_category: dict[str, list[int]] = {}
    by_reason: dict[str, list[int]] = {}
    by_staff: dict[str, list[int]] = {}
    by_hour: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in done:
        for part in r.tenders:
            _add(by_tender, part.method, part.amount_fen)
        for category, fen in r.by_category:
            _add(by_category, category, fen)
        _add(by_reason, r.reason, r.refund_fen)
        _add(by_staff, r.actor, r.refund_fen)
        hour = by_hour[hour_of(r.at)]
        hour[0] += 1
        hour[1] += r.refund_fen
    return {
        "count": len(done),
        "refund_fen": sum(r.refund_fen for r in done),
        "cash_fen": sum(p.amount_fen for r in done for p in r.tenders if p.is_cash),
        "by_tender": _rows(by_tender, "tender"),
        "by_category": _rows(by_category, "category"),
        "by_reason": _rows(by_reason, "reason"),
        "by_staff": _rows(by_staff, "staff"),
        # in the order of the business day: from the boundary's hour round to the hour before it
        "by_hour": [{"hour": h, "count": v[0], "fen": v[1]}
                    for h, v in sorted(by_hour.items(),
                                       key=lambda kv: (kv[0] - boundary.hour) % 24)],
        "refused": sum(1 for r in returns if r.status == "refused"),
    }


def _compensation_numbers(comps: Iterable[CompensationFact]) -> dict[str, Any]:
    done = [c for c in comps if c.status == "completed"]
    by_rule: dict[str, list[int]] = {}
    by_approver: dict[str, list[int]] = {}
    for c in done:
        _add(by_rule, c.kind, c.amount_fen)
        _add(by_approver, c.approved_by, c.amount_fen)
    # compensation is paid out of the till: there is no other tender for it
    return {"count": len(done), "fen": sum(c.amount_fen for c in done),
            "cash_fen": sum(c.amount_fen for c in done),
            "by_rule": _rows(by_rule, "rule"), "by_approver": _rows(by_approver, "approver")}


def _pending(facts: DayFacts) -> list[dict[str, Any]]:
    cases = [{"case": r.return_id, "kind": "return", "at": r.at, "fen": r.refund_fen}
             for r in facts.returns if r.status == "pending"]
    cases += [{"case": c.compensation_id, "kind": "compensation", "at": c.at,
               "fen": c.amount_fen} for c in facts.compensations if c.status == "pending"]
    return sorted(cases, key=lambda c: (c["at"], c["case"]))


def _repairs(facts: DayFacts, day: date) -> dict[str, Any]:
    by_step: dict[int, int] = defaultdict(int)
    overdue = []
    # a service-level breach: an open ticket past its promised date, counted by its level
    breaches = dict.fromkeys(SERVICE_LEVELS, 0)
    for t in facts.tickets_open:
        by_step[t.step] += 1
        if t.status == "open" and t.promised_date < day.isoformat():
            overdue.append(t.code)
            breaches[t.service_level] = breaches.get(t.service_level, 0) + 1
    closed = [t for t in facts.tickets_closed if t.status in ("archived", "returned")]
    waivers = sorted(facts.waivers, key=lambda w: (w.at, w.ticket_code, w.step, w.check_id))
    return {"opened": len(facts.tickets_opened), "open": len(facts.tickets_open),
            "closed": len(closed),
            "closed_archived": sum(1 for t in closed if t.status == "archived"),
            "closed_returned": sum(1 for t in closed if t.status == "returned"),
            "closed_codes": sorted(t.code for t in closed),
            "overdue": len(overdue), "overdue_codes": sorted(overdue),
            "breaches_by_level": [{"level": k, "count": n} for k, n in breaches.items()],
            "by_step": [{"step": s, "count": n} for s, n in sorted(by_step.items())],
            "checks_waived": len(waivers),
            "waivers": [{"ticket": w.ticket_code, "step": w.step, "check_id": w.check_id,
                         "check": w.check_name, "approved_by": w.approved_by,
                         "reason": w.reason, "at": w.at} for w in waivers]}


def _repair_payments(payments: Iterable[RepairPaymentFact]) -> dict[str, Any]:
    """What repairs took at pickup, by tender: a pickup paid with two tenders counts in both."""
    done = list(payments)
    by_tender: dict[str, list[int]] = {}
    for p in done:
        _add(by_tender, p.tender, p.amount_fen)
    return {"pickups": len({p.event_id for p in done}), "fen": sum(p.amount_fen for p in done),
            "cash_fen": sum(p.amount_fen for p in done if p.tender == "cash"),
            "by_tender": _rows(by_tender, "tender"),
            "tickets": sorted({p.ticket_code for p in done})}


def _cash(returns: dict[str, Any], comps: dict[str, Any], repairs_paid: dict[str, Any],
          count: CashCount | None) -> dict[str, Any]:
    opening = count.opening_float_fen if count else 0
    repair_payments = repairs_paid["cash_fen"]  # cash taken at pickup goes into the till
    expected = opening - returns["cash_fen"] - comps["cash_fen"] + repair_payments
    cash: dict[str, Any] = {"opening_float_fen": opening, "cash_refunds_fen": returns["cash_fen"],
                            "cash_compensations_fen": comps["cash_fen"],
                            "cash_repair_payments_fen": repair_payments, "expected_fen": expected,
                            "counted": count is not None and bool(count.pieces)}
    if count is not None and count.pieces:
        counted = count_total_fen(count.pieces)
        cash.update(pieces=[{"denomination_fen": d, "count": n}
                            for d, n in sorted(count.pieces.items(), reverse=True)],
                    counted_fen=counted, variance_fen=counted - expected, note=count.note,
                    second_counter=count.second_counter)
    return cash


def day_numbers(facts: DayFacts, *, store_id: str, scope: str, day: date, boundary: time,
                timezone: str, count: CashCount | None = None) -> dict[str, Any]:
    """Every number of the report: JSON-able, canonical, frozen as is in a closure."""
    returns = _returns_numbers(facts.returns, boundary)
    comps = _compensation_numbers(facts.compensations)
    repairs_paid = _repair_payments(facts.repair_payments)
    start, end = day_window(day, boundary)
    overrides = [{"return_id": r.return_id, "at": r.at, "kinds": list(r.overrides),
                  "reason": r.override_reason, "approved_by": r.approved_by, "fen": r.refund_fen}
                 for r in facts.returns if r.overrides and r.status != "refused"]
    missing = sorted([r.return_id for r in facts.returns if r.signature_missing]
                     + [c.compensation_id for c in facts.compensations if c.signature_missing])
    return {
        "store_id": store_id, "scope": scope, "business_date": day.isoformat(),
        "window": [start, end], "timezone": timezone,
        "returns": returns, "compensations": comps,
        "overrides": sorted(overrides, key=lambda o: (o["at"], o["return_id"])),
        "pending": _pending(facts),
        "repairs": _repairs(facts, day),
        "repair_payments": repairs_paid,
        "signatures_missing": missing,
        "prints": {"reprints": sum(1 for p in facts.prints if p.is_copy),
                   "failures": sum(1 for p in facts.prints
                                   if p.status in ("failed", "uncertain") or p.last_error),
                   "jobs": len(facts.prints)},
        "conflicts_open": len(facts.conflicts_open),
        "unsynced_events": facts.unsynced_events,
        "late_arrivals": [{"n": i, "event_id": f.event_id, "kind": f.kind, "ref": f.reference,
                           "at": f.at, "business_date": f.business_date, "device": f.device_id,
                           "fen": f.amount_fen} for i, f in enumerate(facts.late, start=1)],
        "cash": _cash(returns, comps, repairs_paid, count),
    }


def fingerprint(numbers: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the numbers: printed on the PDF and the thermal summary,
    and the document both people sign."""
    return hashlib.sha256(canonical_json(numbers).encode("utf-8")).hexdigest()
