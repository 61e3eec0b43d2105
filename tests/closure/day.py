"""A generated business day (2026-11-20, boundary 04:00) on counter 1 of store S001, and an
independent reading of the journal to check every number of the closure report against."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk.capabilities import open_database
from desk.platform import tables as t
from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.journal import event_from_row
from desk.platform.ports import FixedClock
from desk.repairs.commands import OpenTicket, ProposeQuote, RefuseQuote, WaiveCheck
from desk.repairs.queries import ticket_record
from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput
from desk.sync.engine import apply_pulled
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN, sale
from tests.support.signing import signed

DAY = "2026-11-20"
START, END = "2026-11-20T04:00:00", "2026-11-21T04:00:00"


def at(bus: CommandBus, when: str) -> None:
    bus.clock = FixedClock(datetime.fromisoformat(when))


def ret(bus: CommandBus, receipt: str, *lines: tuple[int, int], actor: str = CLERK,
        sign: bool = False, **kw: Any) -> dict[str, Any]:
    cmd = RecordReturn(receipt_no=receipt, lines=[ReturnLineInput(n, q) for n, q in lines], **kw)
    return dict(bus.dispatch(signed(bus, cmd) if sign else cmd, actor).value)


def generate(bus: CommandBus) -> None:
    """Sales on the 15th, then returns around both 04:00 boundaries of the 20th."""
    at(bus, "2026-11-15T10:00:00")
    sale(bus, "R1", [("P000001", 2)], tenders=[("cash", 19900), ("wechat_pay", 19900)])
    sale(bus, "R2", [("P000003", 1)], tenders=[("cash", 29900)])
    sale(bus, "R3", [("P000002", 1)], tenders=[("alipay", 89900)])
    sale(bus, "R4", [("P000007", 1)], tenders=[("bank_card", 1299900)])
    sale(bus, "R5", [("P000001", 1), ("P000003", 1)], tenders=[("wechat_pay", 49800)])
    sale(bus, "R6", [("P000001", 1)], tenders=[("cash", 19900)])
    at(bus, "2026-11-20T03:59:00")  # the 19th's business day
    ret(bus, "R6", (1, 1), reason="尺码不合")
    at(bus, "2026-11-20T04:00:00")  # the 20th's first second
    ret(bus, "R1", (1, 1), reason="尺码不合")  # partial: one of two, split over cash and wechat
    at(bus, "2026-11-20T10:15:00")
    ret(bus, "R2", (1, 1), reason="质量问题")
    at(bus, "2026-11-20T11:30:00")  # cash back for alipay: a manager's override with a reason
    ret(bus, "R3", (1, 1), reason="不喜欢", cash_back=True, override_reason="顾客无支付宝",
        approver_id=MANAGER, approver_pin=MANAGER_PIN, sign=True)
    at(bus, "2026-11-20T14:05:00")  # above the manager's limit: pending for head office
    ret(bus, "R4", (1, 1), reason="质量问题", sign=True)
    at(bus, "2026-11-20T16:40:00")
    bus.dispatch(signed(bus, AwardCompensation(kind="fraud", receipt_no="R5", line_no=1,
                                               reason="假棉", approver_id=MANAGER,
                                               approver_pin=MANAGER_PIN)), CLERK)
    bus.dispatch(OpenTicket(code="T1", sku="P000003", fault="不加热",
                            promised_date="2026-11-18", service_level="major"), CLERK)
    # the clerk asks; the manager waives a check with their PIN on the clerk's screen
    bus.dispatch(WaiveCheck(ticket_code="T1", step=1, check_id="environment_asked",
                            reason_code="customer_declined", approver_id=MANAGER,
                            approver_pin=MANAGER_PIN), CLERK)
    at(bus, "2026-11-20T17:10:00")
    returned_unrepaired(bus, "T3")
    at(bus, "2026-11-21T03:59:00")  # still the 20th
    ret(bus, "R5", (2, 1), reason="")
    bus.dispatch(OpenTicket(code="T2", sku="P000003", fault="异响",
                            promised_date="2026-11-27"), CLERK)
    at(bus, "2026-11-21T04:00:00")  # the 21st
    ret(bus, "R5", (1, 1), reason="尺码不合")


def returned_unrepaired(bus: CommandBus, code: str) -> None:
    """A ticket opened, its steps 1-2 waived by the manager, its quote refused: closed."""
    bus.dispatch(OpenTicket(code=code, sku="P000003", fault="不制冷",
                            promised_date="2026-11-24"), CLERK)
    with bus.db.engine.connect() as conn:
        record = ticket_record(conn, code)
    assert record is not None and record.checklist is not None and record.state is not None
    done = {(x.step, x.check_id) for x in record.facts}
    for step in (1, 2):
        for check in record.checklist.steps[step - 1].checks:
            if (step, check.id) not in done and check.evidence != "system":
                bus.dispatch(WaiveCheck(ticket_code=code, step=step, check_id=check.id,
                                        reason_code="not_applicable"), MANAGER)
    bus.dispatch(ProposeQuote(ticket_code=code, labour_fen=90000), CLERK)
    bus.dispatch(RefuseQuote(ticket_code=code, reason="太贵"), CLERK)


def events(db: Database, kind: str) -> list[Any]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).where(t.journal.c.kind == kind)
                            .order_by(t.journal.c.seq)).all()
    return [event_from_row(r) for r in rows]


def expected(db: Database, start: str = START, end: str = END,
             device: str | None = None) -> dict[str, Any]:
    """The day's numbers straight from the journal's payloads (not from the projections)."""
    pending = {e.payload["case_id"] for e in events(db, "approval.recorded")
               if e.payload.get("level") == "head_office"}
    out: dict[str, Any] = defaultdict(int)
    tender: dict[str, int] = defaultdict(int)
    reason: dict[str, int] = defaultdict(int)
    hour: dict[int, int] = defaultdict(int)
    for e in events(db, "return.recorded"):
        p = e.payload
        if not start <= p["returned_at"] < end or (device and e.device_id != device):
            continue
        if p["status"] != "completed" and p["return_id"] not in pending:
            out["pending"] += 1
            continue
        out["returns"] += 1
        out["refund"] += p["refund_fen"]
        reason[p["reason"]] += p["refund_fen"]
        hour[int(p["returned_at"][11:13])] += p["refund_fen"]
        for td in p["tenders"]:
            method = td["tender"] if td["route"] == "original" else td["route"]
            tender[method] += td["amount_fen"]
            if method == "cash":
                out["cash_refunds"] += td["amount_fen"]
        if p["override_reason"]:
            out["overrides"] += 1
    for e in events(db, "compensation.recorded"):
        p = e.payload
        if start <= p["decided_at"] < end and p["status"] == "completed":
            out["compensations"] += 1
            out["compensation"] += p["amount_fen"]
    for e in events(db, "ticket.opened"):
        if start <= e.payload["opened_at"] < end:
            out["tickets_opened"] += 1
    waivers = [e for e in events(db, "ticket.check_waived")
               if start <= e.payload["at"] < end and not (device and e.device_id != device)]
    out["checks_waived"] = len(waivers)
    out["waivers"] = sorted((e.entity_id, e.payload["check_id"], e.payload["approved_by"],
                             e.payload["reason"]) for e in waivers)
    # closed unrepaired: the ticket's first refusal of a quote falls in the day
    refused: dict[str, str] = {}
    for e in events(db, "ticket.quote_refused"):
        refused.setdefault(e.entity_id, e.payload["at"])
    out["tickets_closed"] = sum(1 for when in refused.values() if start <= when < end)
    out.update(by_tender=dict(tender), by_reason=dict(reason), by_hour=dict(hour))
    return dict(out)


def other_counter(db: Database) -> tuple[Database, CommandBus]:
    """Counter 2 of the same store: everything counter 1 has, synced over."""
    other = open_database(None)
    with db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).order_by(t.journal.c.seq)).all()
    apply_pulled(other, [event_from_row(r) for r in rows], None)
    from desk.platform.settings import set_setting

    with other.engine.begin() as conn:
        set_setting(conn, "store_id", "S001")
    return other, CommandBus(other, FixedClock(datetime(2026, 11, 20, 12, 0)))


def pull(into: Database, source: Database) -> None:
    with source.engine.connect() as conn:
        rows = conn.execute(select(t.journal).order_by(t.journal.c.seq)).all()
    apply_pulled(into, [event_from_row(r) for r in rows], None)


def json_numbers(text: str) -> dict[str, Any]:
    return dict(json.loads(text))
