"""Payment at pickup by tender (mixed tenders too): the sum must be the amount due, the payment
is in the pickup's fact, the completion certificate shows it by tender, and the daily closure
counts it — by tender, and the cash in the blind count's expected cash — checked against an
independent reading of the journal."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from desk.closure import queries as closure_queries
from desk.platform import tables as t
from desk.platform.journal import event_from_row
from desk.repairs.commands import OpenTicket, Payment, SignCompletion
from desk.sales.commands import RecordSale, SaleLine, Tender
from printing.closure_print import save_pdf, thermal_document
from printing.documents import completion
from printing.from_repairs import completion_data
from printing.model import Pair, Text
from tests.closure.pdftext import shows, text_of
from tests.repairs.helpers import record_of, refused, sign, walk
from tests.returns.seed import ADMIN, CLERK

DAY = date(2026, 11, 20)


def ready(bus, code, photo, receipt=None):
    """A ticket with steps 1..7 done (a charged quote of 80 yuan unless under warranty)."""
    bus.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热",
                            promised_date="2026-11-25", receipt_no=receipt,
                            fault_kind="no_heat"), CLERK)
    walk(bus, code, photo, 7)
    return code


def pickup(bus, code, *payments, signature=""):
    signature = signature or signed(bus, code)
    return bus.dispatch(SignCompletion(
        ticket_code=code, signature_id=signature,
        payments=[Payment(tender, fen) for tender, fen in payments]), CLERK).value


def signed(bus, code):
    return sign(bus, "completion", code, record_of(bus, code).completion_sha256)


def test_pickup_needs_payments_that_add_up_to_the_amount_due(store, photo):
    code = ready(store, "T1", photo)
    assert record_of(store, code).quote.charged_fen == 8000
    sig = signed(store, code)
    err = refused(store, "repair.payment_mismatch", lambda: pickup(store, code, signature=sig))
    assert err.params["due"] == "80.00" and err.params["paid"] == "0.00"
    for wrong, code_refused in (([("cash", 5000)], "repair.payment_mismatch"),
                                ([("cash", 5000), ("alipay", 5000)], "repair.payment_mismatch"),
                                ([("bitcoin", 8000)], "repair.tender_unknown"),
                                ([("cash", 8000), ("alipay", 0)], "repair.payment_invalid")):
        refused(store, code_refused, lambda w=wrong: pickup(store, code, *w, signature=sig))
    assert pickup(store, code, ("cash", 5000), ("wechat_pay", 3000),
                  signature=sig)["paid_fen"] == 8000
    assert record_of(store, code).completion_signed
    # a signature collected again later pays nothing twice
    refused(store, "repair.payment_mismatch",
            lambda: pickup(store, code, ("cash", 8000), signature=sig))


def test_nothing_is_due_under_warranty(store, photo):
    store.dispatch(RecordSale(receipt_no="R1", sold_at="2026-10-11T10:00:00", lines=[
        SaleLine(sku="P000003", qty=1, unit_price_fen=29900)],
        tenders=[Tender(tender="cash", amount_fen=29900)]), ADMIN)
    code = ready(store, "T2", photo, receipt="R1")
    assert record_of(store, code).quote.charged_fen == 0
    sig = signed(store, code)
    refused(store, "repair.payment_mismatch",
            lambda: pickup(store, code, ("cash", 100), signature=sig))
    assert pickup(store, code, signature=sig)["paid_fen"] == 0


def test_the_certificate_shows_the_payment_by_tender(store, photo):
    code = ready(store, "T3", photo)
    pickup(store, code, ("cash", 5000), ("wechat_pay", 3000))
    with store.db.engine.connect() as conn:
        data = completion_data(conn, code, DAY)
    assert data.payments == (("cash", 5000), ("wechat_pay", 3000))
    blocks = completion(data).blocks
    pairs = [(b.left.strip(), b.right) for b in blocks if isinstance(b, Pair)]
    assert ("现金", "￥50.00") in pairs and ("微信支付", "￥30.00") in pairs
    assert any(isinstance(b, Text) and b.text == "付款方式" for b in blocks)
    assert any(isinstance(b, Text) and b.text.startswith("保修：无购买记录") for b in blocks)


def journal_payments(bus) -> dict[str, int]:
    """The day's pickup payments by tender straight from the journal's payloads."""
    with bus.db.engine.connect() as conn:
        rows = conn.execute(select(t.journal).where(t.journal.c.kind == "ticket.completion_signed")
                            ).all()
    by_tender: dict[str, int] = defaultdict(int)
    for event in map(event_from_row, rows):
        if "2026-11-20T04:00:00" <= event.payload["at"] < "2026-11-21T04:00:00":
            for pay in event.payload.get("payments", []):
                by_tender[pay["tender"]] += pay["amount_fen"]
    return dict(by_tender)


def test_the_closure_counts_repair_payments_by_tender_and_the_cash_in_the_till(store, photo):
    pickup(store, ready(store, "T4", photo), ("cash", 5000), ("wechat_pay", 3000))
    pickup(store, ready(store, "T5", photo), ("alipay", 8000))
    pickup(store, ready(store, "T6", photo), ("cash", 8000))
    with store.db.engine.connect() as conn:
        n = closure_queries.x_report(conn, DAY.isoformat(), opening_float_fen=20000).numbers
    paid, want = n["repair_payments"], journal_payments(store)
    assert want == {"cash": 13000, "wechat_pay": 3000, "alipay": 8000}
    assert {row["tender"]: row["fen"] for row in paid["by_tender"]} == want
    assert {row["tender"]: row["count"] for row in paid["by_tender"]} == {
        "cash": 2, "wechat_pay": 1, "alipay": 1}
    assert paid["pickups"] == 3 and paid["fen"] == sum(want.values())
    assert paid["tickets"] == ["T4", "T5", "T6"]
    cash = n["cash"]
    assert cash["cash_repair_payments_fen"] == want["cash"] == 13000
    assert cash["expected_fen"] == 20000 - cash["cash_refunds_fen"] \
        - cash["cash_compensations_fen"] + 13000
    with store.db.engine.connect() as conn:  # another day sees none of it
        other = closure_queries.x_report(conn, "2026-11-21").numbers
    assert other["repair_payments"]["fen"] == 0 and other["cash"]["cash_repair_payments_fen"] == 0


def test_the_pdf_and_the_thermal_summary_show_the_repair_payments(store, photo, tmp_path):
    pickup(store, ready(store, "T7", photo), ("cash", 5000), ("wechat_pay", 3000))
    path = tmp_path / "x.pdf"
    save_pdf(store.db, DAY.isoformat(), None, path, printed_at="2026-11-20 21:00")
    text = text_of(path)
    assert "维修收款按支付方式（取件 1 笔，合计 ¥80.00）" in text
    assert shows(text, "现金", "¥50.00") and shows(text, "微信支付", "¥30.00")
    assert shows(text, "加：维修现金收款", "¥50.00")
    with store.db.engine.connect() as conn:
        report = closure_queries.x_report(conn, DAY.isoformat())
    pairs = [(b.left.strip(), b.right) for b in thermal_document(report, "21:00").blocks
             if isinstance(b, Pair)]
    assert ("维修收款", "￥80.00") in pairs and ("现金", "￥50.00") in pairs
