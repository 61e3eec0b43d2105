"""Repair documents' data from the core's read models (on the database worker): the intake slip
and the completion certificate. No SQL here."""

from __future__ import annotations

from datetime import date

from desk.catalog.queries import customer_contact
from desk.platform.db import Connection
from desk.platform.errors import DeskError
from desk.repairs.queries import TicketDetail, ticket_detail, ticket_payments, ticket_record
from desk.repairs.warranty_queries import ticket_warranty
from desk.staff.queries import staff_names
from printing.documents import CompletionData, Customer, TicketData
from printing.from_core import store_of


def ticket_data(conn: Connection, code: str, today: date, *, accessories: str = "",
                condition: str = "") -> TicketData:
    record = ticket_record(conn, code)
    detail = ticket_detail(conn, code, today)
    if record is None or detail is None:
        raise DeskError("ticket.unknown", code=code)
    t = record.ticket
    clerk = t["opened_by"]
    name = staff_names(conn, {clerk}).get(clerk)
    found = customer_contact(conn, t["customer_id"])
    customer = Customer(found.name, found.phone, found.member_id) if found else Customer()
    quote = detail.quote or {}
    recorded = ticket_warranty(conn, record.code).recorded
    notes = detail.intake  # what the intake recorded; the arguments only for older tickets
    return TicketData(
        store=store_of(conn), code=record.code, at=str(t["opened_at"]).replace("T", " ")[:16],
        clerk=f"{name}（{clerk}）" if name else clerk, product=detail.product_name or t["sku"],
        serial=detail.serial, fault=detail.fault, customer=customer,
        accessories="、".join(notes.accessories) or accessories,
        condition=notes.condition or condition, promised_date=detail.promised_date,
        service_level=t["service_level"],
        warranty=bool(quote.get("free_reason") or (recorded or {}).get("free_reason")),
        warranty_words=str((recorded or {}).get("zh", "")))


def completion_data(conn: Connection, code: str, today: date) -> CompletionData:
    detail = ticket_detail(conn, code, today)
    if detail is None:
        raise DeskError("ticket.unknown", code=code)
    quote = detail.quote or {"parts": [], "charged_fen": 0}
    signed = [s.at for s in detail.signoffs if s.kind == "completion_signed"]
    return CompletionData(
        ticket=ticket_data(conn, code, today), work_done=_work_done(detail),
        parts=tuple(f"{p['part']}（{p['serial']}）" if p["serial"] else p["part"]
                    for p in quote["parts"]),
        voltage_test=_test_value(detail), total_fen=int(quote["charged_fen"]),
        completed_at=signed[-1].replace("T", " ")[:16] if signed else "",
        payments=tuple((p.tender, p.amount_fen) for p in ticket_payments(conn, code)))


def _work_done(detail: TicketDetail) -> tuple[str, ...]:
    """The repair step's checks with their notes (waived ones say so)."""
    out = []
    for view in detail.steps[3] if len(detail.steps) > 3 else []:
        if view.done:
            note = str(view.shown.get("note", ""))
            waived = "（已豁免）" if view.waived else ""
            out.append(f"{view.zh}{waived}{'：' + note if note else ''}")
    return tuple(out)


def _test_value(detail: TicketDetail) -> str:
    for view in detail.steps[5] if len(detail.steps) > 5 else []:
        if "value" in view.shown:
            return f"{view.shown['value']} {view.shown.get('unit', '')}".strip()
    return ""
