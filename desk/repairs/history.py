"""Repair history brought over from the store's previous repair system, all or none.

A store that moves to Service Desk keeps what its old system knew of finished repairs: which
serial was repaired when and for what fault. The 三包 rules need it (a repeat of the same fault
offers an exchange or a return; desk/repairs/warranty_queries.serial_history reads every ticket
of the serial), and so does the serial's repair count. An imported repair is a closed ticket:
archived when it was repaired, returned when it was handed back unrepaired. It has no checklist
(it was never worked through one here), so no check, quote or pickup can be recorded on it; a
recurrence reopens an archived one as a new cycle like any archived ticket (`ReopenTicket`).

`ImportRepairHistory` checks every record against the database first and reports every bad one
with its position and reason; only when all are good are they recorded, in one unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from desk.catalog.queries import known_customers, product_names
from desk.platform.bus import Context
from desk.platform.commands import Command
from desk.platform.errors import DeskError
from desk.platform.queries import existing_keys
from desk.platform.uow import UnitOfWork
from desk.repairs import rules as r
from desk.repairs import tables as repairs_t
from desk.repairs.warranty import FAULT_KINDS
from desk.sales.queries import known_receipts

OUTCOMES = ("repaired", "unrepaired")  # archived; returned unrepaired


@dataclass(frozen=True)
class HistoricRepair:
    """One finished repair of the previous system. Times are the store's local time,
    YYYY-MM-DDTHH:MM:SS; `closed_at` is when the customer took the item back."""

    code: str  # the ticket code it keeps here (its number in the old system, or one given it)
    sku: str
    fault: str
    opened_at: str
    closed_at: str
    outcome: str = "repaired"  # repaired or unrepaired
    serial: str = ""
    receipt_no: str | None = None
    customer_id: str | None = None
    fault_kind: str = ""  # desk/repairs/warranty.FAULT_KINDS: what a repeat is judged by
    service_level: str = "simple"
    charged_fen: int = 0  # what the customer paid for it


@dataclass(frozen=True)
class ImportRepairHistory(Command):
    """Record the previous system's finished repairs, all or none. `source` names that system
    and is shown on every imported ticket."""

    name: ClassVar[str] = "import_repair_history"
    limits: ClassVar[Mapping[str, int]] = {"repairs": 50_000, "source": 100}
    source: str
    repairs: list[HistoricRepair]
    dry_run: bool = False  # check every record, record none


@dataclass(frozen=True)
class RepairHistoryImported:
    repairs: int
    repaired: int
    unrepaired: int
    recorded: int  # 0 on a dry run


class HistoryRefused(DeskError):
    """Bad records: nothing was recorded. Each problem names the record (1-based position in
    `repairs`), its code and the error code with its parameters."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        self.problems = problems
        super().__init__("repair.history_refused", count=len({p["position"] for p in problems}),
                         problems=problems)


@dataclass(frozen=True)
class _Known:
    """What the records name that the database already has (one query per kind of key)."""

    tickets: set[str]
    products: set[str]
    receipts: set[str]
    customers: set[str]


def import_repair_history(cmd: ImportRepairHistory, uow: UnitOfWork,
                          ctx: Context) -> RepairHistoryImported:
    source = cmd.source.strip()
    if not source:
        raise DeskError("value.required", field="source")
    now = ctx.clock.local_now().isoformat(timespec="seconds")
    known = _known(uow, cmd.repairs)
    problems: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, rec in enumerate(cmd.repairs, start=1):
        for err in _problems(rec, known, seen, now):
            problems.append({"position": position, "ticket_code": rec.code, "code": err.code,
                             "params": err.params})
        seen.add(rec.code.strip())
    if problems:
        raise HistoryRefused(problems)
    repaired = sum(rec.outcome == "repaired" for rec in cmd.repairs)
    if cmd.dry_run:
        return RepairHistoryImported(len(cmd.repairs), repaired, len(cmd.repairs) - repaired, 0)
    with uow.projected_together():  # every record was checked above
        for rec in cmd.repairs:
            uow.record("ticket.imported", rec.code.strip(), _payload(rec, source, now))
    return RepairHistoryImported(len(cmd.repairs), repaired, len(cmd.repairs) - repaired,
                                 len(cmd.repairs))


def _known(uow: UnitOfWork, repairs: list[HistoricRepair]) -> _Known:
    conn = uow.conn
    return _Known(
        tickets=existing_keys(conn, repairs_t.tickets.c.code, {x.code.strip() for x in repairs}),
        products=set(product_names(conn, {x.sku for x in repairs})),
        receipts=known_receipts(conn, {x.receipt_no for x in repairs if x.receipt_no}),
        customers=known_customers(conn, {x.customer_id for x in repairs if x.customer_id}))


def _problems(rec: HistoricRepair, known: _Known, seen: set[str], now: str) -> list[DeskError]:
    """Every reason the record cannot be imported (none: it can)."""
    found: list[DeskError] = []
    code = rec.code.strip()
    if not code:
        found.append(DeskError("value.required", field="code"))
    elif code in known.tickets or code in seen:
        found.append(DeskError("ticket.exists", code=code))
    if rec.sku not in known.products:
        found.append(DeskError("product.unknown", sku=rec.sku))
    if not rec.fault.strip():
        found.append(DeskError("value.required", field="fault"))
    if rec.outcome not in OUTCOMES:
        found.append(DeskError("value.invalid", field="outcome", reason="repaired or unrepaired"))
    if rec.service_level not in r.SERVICE_LEVELS:
        found.append(DeskError("value.invalid", field="service_level",
                               reason="simple, complex or major"))
    if rec.fault_kind.strip() and rec.fault_kind.strip() not in FAULT_KINDS:
        found.append(DeskError("repair.fault_kind_unknown", fault_kind=rec.fault_kind))
    if rec.receipt_no and rec.receipt_no not in known.receipts:
        found.append(DeskError("receipt.unknown", receipt_no=rec.receipt_no))
    if rec.customer_id and rec.customer_id not in known.customers:
        found.append(DeskError("customer.unknown", customer_id=rec.customer_id))
    if isinstance(rec.charged_fen, bool) or not isinstance(rec.charged_fen, int) \
            or rec.charged_fen < 0:
        found.append(DeskError("value.invalid", field="charged_fen",
                               reason="a whole number of fen, 0 or more"))
    found += _time_problems(rec, now)
    return found


def _local_time(text: str) -> str | None:
    """The time as the journal keeps it (YYYY-MM-DDTHH:MM:SS); None when it is not one (a
    date alone, an offset, seconds missing)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return None if len(text) != 19 or moment.tzinfo is not None \
        else moment.isoformat(timespec="seconds")


def _time_problems(rec: HistoricRepair, now: str) -> list[DeskError]:
    times: dict[str, str] = {}
    found: list[DeskError] = []
    for name, text in (("opened_at", rec.opened_at), ("closed_at", rec.closed_at)):
        moment = _local_time(text)
        if moment is None:
            found.append(DeskError("value.invalid", field=name, reason="YYYY-MM-DDTHH:MM:SS"))
        elif moment > now:
            found.append(DeskError("value.invalid", field=name, reason="not in the future"))
        else:
            times[name] = moment
    if len(times) == 2 and times["closed_at"] < times["opened_at"]:
        found.append(DeskError("repair.history_closed_before_opened", code=rec.code))
    return found


def _payload(rec: HistoricRepair, source: str, now: str) -> dict[str, Any]:
    return {
        "code": rec.code.strip(), "sku": rec.sku, "serial": rec.serial.strip(),
        "fault": rec.fault.strip(), "fault_kind": rec.fault_kind.strip(),
        "service_level": rec.service_level, "receipt_no": rec.receipt_no or None,
        "customer_id": rec.customer_id or None, "opened_at": _local_time(rec.opened_at),
        "closed_at": _local_time(rec.closed_at), "outcome": rec.outcome,
        "charged_fen": rec.charged_fen,
        "source": source, "imported_at": now,
    }
