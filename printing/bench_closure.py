"""Benchmark row: the closure PDF for a business day of 2 000 transactions (DESIGN.md budget
<= 1.0 s). The day is built in a private in-memory counter through the command bus (sales on an
earlier day, then 2 000 returns over the day with mixed tenders, cash backs and compensations);
the figure is the median of several renders of its report (query + PDF)."""

from __future__ import annotations

import base64
import io
import statistics
import time
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from PIL import Image

from desk.bench import BenchContext, BenchRow
from desk.capabilities import open_database
from desk.catalog.commands import DefineCategory, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.closure import queries
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.db import Database
from desk.platform.ports import FixedClock
from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput
from desk.returns.counter_queries import signable_compensation, signable_return
from desk.sales.commands import RecordSale, SaleLine, Tender
from desk.signatures.commands import CaptureSignature
from desk.staff.commands import RegisterStaff
from printing.closure_pdf import render

DAY = "2026-11-20"
REASONS = ("尺码不合", "质量问题", "不喜欢", "")
PRODUCTS = (("P1", "纯棉衬衫", "CL", 19900), ("P2", "电热水壶", "AP", 29900),
            ("P3", "羽绒服", "DJ", 89900))
TENDERS = (("cash",), ("wechat_pay",), ("alipay",), ("cash", "wechat_pay"), ("bank_card",))


def build_day(transactions: int, path: str | None = None) -> Database:
    """The day in a new counter database (in memory, or the file `path`)."""
    clock = FixedClock(datetime(2026, 11, 15, 10, 0))
    db = open_database(path, wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    admin = "A001"
    bus.dispatch(RegisterStaff(staff_id="2001", staff_name="张经理", role="manager", pin="2222"),
                 admin)
    for cid, name, kind in (("CL", "服装", "clothing"), ("AP", "家电", "appliance"),
                            ("DJ", "羽绒服", "down_jacket")):
        bus.dispatch(DefineCategory(category_id=cid, category_name=name, kind=kind), admin)
    for sku, name, cat, price in PRODUCTS:
        bus.dispatch(RegisterProduct(sku=sku, product_name=name, category_id=cat,
                                     price_fen=price), admin)
    for i in range(transactions):
        sku, _, _, price = PRODUCTS[i % len(PRODUCTS)]
        pays = TENDERS[i % len(TENDERS)]
        parts = [price // len(pays)] * len(pays)
        parts[0] += price - sum(parts)
        bus.dispatch(RecordSale(receipt_no=f"R{i:06d}", sold_at="2026-11-15T10:00:00",
                                lines=[SaleLine(sku=sku, qty=1, unit_price_fen=price)],
                                tenders=[Tender(tender=t, amount_fen=a)
                                         for t, a in zip(pays, parts, strict=True)]), admin)
    clock.advance(days=5, minutes=-6 * 60)  # 2026-11-20 04:00, the day's first second
    step = 24 * 3600 / transactions
    for i in range(transactions):
        if i:
            clock.advance(seconds=step)
        if i % 50 == 7:
            bus.dispatch(signed(bus, AwardCompensation(kind="service_complaint",
                                                       reason="等候过久"), i), "2001")
            continue
        bus.dispatch(signed(bus, RecordReturn(
            receipt_no=f"R{i:06d}", lines=[ReturnLineInput(1, 1)],
            reason=REASONS[i % len(REASONS)],
            cash_back=i % 40 == 3 and "cash" not in TENDERS[i % 5],
            override_reason="顾客要求" if i % 40 == 3 else ""), i), "2001")
    return db


_PNG = b""


def _pad_png() -> bytes:
    global _PNG
    if not _PNG:
        out = io.BytesIO()
        Image.new("LA", (120, 50), (0, 0)).save(out, "PNG")
        _PNG = out.getvalue()
    return _PNG


Signable = TypeVar("Signable", RecordReturn, AwardCompensation)


def signed(bus: CommandBus, command: Signable, n: int) -> Signable:
    """The customer's signature on the pad for what the core will record (the day's returns
    are signed like real ones: the core accepts only a signature captured for that document)."""
    today = bus.clock.local_now().date()
    with bus.db.engine.connect() as conn:
        doc = (signable_return(conn, command, today) if isinstance(command, RecordReturn)
               else signable_compensation(conn, command, today))
    # a different hand each time (two alike compensations signed alike would be one signature)
    wave = [[60 + 8 * k, 110 + (k * 7 + n) % 40, 12 * k + n, 700] for k in range(40)]
    captured = bus.dispatch(CaptureSignature(
        document_kind=doc.kind, document_ref=doc.ref, document_sha256=doc.document_sha256,
        png_base64=base64.b64encode(_pad_png()).decode("ascii"), strokes=[wave]), SYSTEM_ACTOR)
    return replace(command, signature_ref=captured.value.signature_id)


def bench(ctx: BenchContext) -> list[BenchRow]:
    transactions = 200 if ctx.quick else 2000
    build_started = time.perf_counter()
    db = build_day(transactions)
    build_s = time.perf_counter() - build_started
    samples: list[float] = []
    size = 0
    try:
        for _ in range(2 if ctx.quick else 5):
            started = time.perf_counter()
            with db.engine.connect() as conn:
                report = queries.report(conn, DAY)
            size = len(render(report, printed_at="2026-11-21 09:00"))
            samples.append(time.perf_counter() - started)
        returns = report.numbers["returns"]["count"]
    finally:
        db.dispose()
    return [BenchRow(f"closure PDF for a day of {transactions} transactions",
                     round(statistics.median(samples), 3), "s", 1.0,
                     f"median of {len(samples)}: query + render; {returns} returns, "
                     f"{size} bytes; day built in {build_s:.1f} s")]
