"""The closure report for the printers: the thermal summary through the print queue, and the
PDF saved to a file. Run these on the database worker or an I/O thread, never the GUI thread.

The thermal summary carries the same fingerprint as the PDF, so the two can be matched.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from desk.closure import queries
from desk.closure.queries import ClosureReport
from desk.platform.db import Database
from desk.printjobs.commands import QueuePrintJob, ReprintJob
from printing import closure_words as w
from printing.closure_pdf import write
from printing.documents import ClosureData, Store, closure
from printing.escpos import encode
from printing.model import Document
from printing.profiles import get_profile

DOCUMENT_KIND = "closure"


def reference(business_date: str, device_id: str | None) -> str:
    return f"{device_id or 'store'}|{business_date}"


def parse_reference(ref: str) -> tuple[str, str | None]:
    scope, _, business_date = ref.partition("|")
    return business_date, None if scope == "store" else scope


def thermal_data(report: ClosureReport, printed_at: str) -> ClosureData:
    n, cash = report.numbers, report.numbers["cash"]
    names = dict(report.staff_names or {})
    title = f"日结报告 Z{report.z_number}（简版）" if report.closed else "X 报告（简版）"
    extra = {"范围": f"柜台 {report.header.counter_name}" if report.header.device_id else "全店"}
    breaches = n["repairs"].get("breaches_by_level") or []
    if any(b["count"] for b in breaches):  # the service levels of the overdue tickets
        extra["维修违约"] = "、".join(f"{w.service_level(b['level'])} {b['count']}"
                                     for b in breaches if b["count"])
    if cash.get("second_counter"):
        extra["复点人"] = w.person(cash["second_counter"], names)
    return ClosureData(
        store=Store(name=report.header.name, address=report.header.address),
        business_date=n["business_date"],
        manager=w.person(report.closed_by, names) if report.closed else "—",
        printed_at=printed_at,
        refunds_by_tender=tuple((t["tender"], t["fen"]) for t in n["returns"]["by_tender"]),
        repair_payments_by_tender=tuple((t["tender"], t["fen"]) for t in (
            n.get("repair_payments") or {"by_tender": []})["by_tender"]),
        returns_count=n["returns"]["count"], refunds_total_fen=n["returns"]["refund_fen"],
        compensations_count=n["compensations"]["count"],
        compensations_total_fen=n["compensations"]["fen"],
        tickets_opened=n["repairs"]["opened"], tickets_closed=n["repairs"].get("closed"),
        checks_waived=n["repairs"].get("checks_waived"),
        tickets_overdue=n["repairs"]["overdue"],
        signatures_missing=len(n["signatures_missing"]), conflicts_open=n["conflicts_open"],
        print_failures=n["prints"]["failures"], events_unsynced=n["unsynced_events"],
        cash_expected_fen=cash["expected_fen"], cash_counted_fen=cash.get("counted_fen", 0),
        note=cash.get("note", ""), extra=extra, title=title, pending_cases=len(n["pending"]),
        late_arrivals=len(n["late_arrivals"]), counted=bool(cash.get("counted")),
        fingerprint=report.fingerprint)


def thermal_document(report: ClosureReport, printed_at: str, *, copy: bool = False) -> Document:
    doc = closure(thermal_data(report, printed_at))
    return doc.as_copy() if copy else doc


def summary_command(conn: Any, business_date: str, device_id: str | None, *, printed_at: str,
                    profile_name: str, copy_of: int | None = None) -> QueuePrintJob | ReprintJob:
    """The command that queues the thermal summary (the Z closure when the day is closed, else
    the X report); a reprint (copy_of a job) is marked COPY. Built on the database worker; the
    caller dispatches it as the person who asked (an audited command)."""
    report = queries.report(conn, business_date, device_id)
    data = encode(thermal_document(report, printed_at, copy=copy_of is not None),
                  get_profile(profile_name))
    text = base64.b64encode(data).decode("ascii")
    if copy_of is not None:
        return ReprintJob(copy_of, text)
    return QueuePrintJob(DOCUMENT_KIND, reference(business_date, device_id), text)


def save_pdf(db: Database, business_date: str, device_id: str | None, path: str | Path, *,
             printed_at: str, copy: bool = False) -> dict[str, Any]:
    """Write the report's PDF (Z when closed, else X) where the manager chose."""
    with db.engine.connect() as conn:
        report = queries.report(conn, business_date, device_id)
    size = write(report, str(path), printed_at=printed_at, copy=copy)
    return {"path": str(path), "bytes": size, "fingerprint": report.fingerprint,
            "closed": report.closed, "z_number": report.z_number}
