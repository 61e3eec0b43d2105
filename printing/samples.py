"""One sample of each document, with the identifier formats of the demo data (CLI, tests, bench)."""

from __future__ import annotations

from dataclasses import replace

from desk.platform.errors import DeskError
from printing.documents import (
    ClosureData,
    CompensationSlipData,
    CompletionData,
    Customer,
    QuoteData,
    QuoteItem,
    RefundPart,
    ReturnLine,
    ReturnReceiptData,
    Store,
    TicketData,
    closure,
    compensation_slip,
    completion,
    intake_slip,
    pending_slip,
    quote,
    return_receipt,
)
from printing.model import Document

STORE = Store("和平百货 南京路店", "上海市黄浦区南京东路 100 号", "021-6322 0000",
              "https://service.example-store.cn/t")
CUSTOMER = Customer("王小明", "13812345678", "M20261120")

RETURN = ReturnReceiptData(
    store=STORE, return_id="RT2611200100042-1", receipt_no="R2611200100042",
    at="2026-11-20 10:32", clerk="1001 李娜", customer=CUSTOMER,
    lines=(ReturnLine("美的电饭煲 MB-FB40 4L 智能预约", 1, 29900, "P100231"),
           ReturnLine("羽绒服 女款 M 黑色", 1, 45840, "P200118", "满减分摊 -￥34.00"),
           ReturnLine("赠品：保温杯", 1, -2500, "P300001", "赠品未退回，扣减申报价值")),
    refunds=(RefundPart("wechat", 50000), RefundPart("cash", 23240)),
    reason="不喜欢颜色", policy_version="store-2026.2",
    explanation=("家电 7 天无理由退货（第 3 天）", "满减 ￥34.00 按金额比例分摊",
                 "退回原支付方式：微信 ￥500.00、现金 ￥232.40"),
    rule_ids=("return.appliance v2026.2", "refund.paid_amount v2026.2"),
    points_reversed=732, cash_refund=True,
)

COMPENSATION = CompensationSlipData(
    store=STORE, compensation_id="CP261120-3F2A9C1D07", rule="质量问题赔偿",
    at="2026-11-20 11:05", clerk="李娜（1001）", amount_fen=58000,
    receipt_no="R2611200100042", customer=CUSTOMER, reason="水壶漏电，顾客受惊",
    policy_version="store-2026.2",
    explanation=("质量问题：基础补偿 ￥500.00，另加协商损失 ￥80.00",
                 "店长可批准 ￥10,000.00 以内的补偿"),
    rule_ids=("comp.quality v2026.2", "authority.limits v2026.2"), approved_by="张伟（2001）",
)

TICKET = TicketData(
    store=STORE, code="T2611200007", at="2026-11-20 10:45", clerk="1001 李娜",
    customer=CUSTOMER, product="美的电饭煲 MB-FB40", serial="SN4KQ7Z2M8XA",
    fault="加热指示灯亮但不加热，自 11 月 18 日起；家用，厨房电源正常",
    accessories="内胆、电源线、量杯", condition="外壳轻微划痕", promised_date="2026-11-25",
    service_level="complex", warranty=True,
)

QUOTE = QuoteData(
    ticket=TICKET, items=(QuoteItem("加热盘 MB-FB40-HP", 0), QuoteItem("温控器", 0),
                          QuoteItem("检测与更换工时", 0, "labour")),
    note="保修期内免费；旧件交还顾客", valid_until="2026-11-27",
)

COMPLETION = CompletionData(
    ticket=TICKET, work_done=("更换加热盘与温控器", "整机功能复检：煮饭、保温、预约正常"),
    parts=("加热盘 SN-HP-88213", "温控器 SN-TC-10277"), voltage_test="绝缘 >100MΩ，漏电 0.1mA",
    warranty_until="2027-02-25", total_fen=0, completed_at="2026-11-24 16:20",
)

CLOSURE = ClosureData(
    store=STORE, business_date="2026-11-20", manager="2001 张伟", printed_at="2026-11-20 21:05",
    refunds_by_tender=(("cash", 123240), ("wechat", 358000), ("alipay", 99000),
                       ("bank_card", 260000)),
    returns_count=37, refunds_total_fen=840240, compensations_count=2,
    compensations_total_fen=100000, tickets_opened=12, tickets_closed=9, tickets_overdue=1,
    checks_waived=1, signatures_missing=0, conflicts_open=0, print_failures=1, events_unsynced=0,
    cash_expected_fen=1523400, cash_counted_fen=1523300, note="差额 1 元已登记",
)


def sample(kind: str) -> Document:
    builders = {
        "return_receipt": lambda: return_receipt(RETURN),
        "return_receipt_store": lambda: return_receipt(RETURN, store_copy=True),
        "return_pending": lambda: pending_slip(replace(RETURN, status="pending")),
        "return_pending_store": lambda: pending_slip(replace(RETURN, status="pending"),
                                                     store_copy=True),
        "intake_slip": lambda: intake_slip(TICKET),
        "quote": lambda: quote(QUOTE),
        "completion": lambda: completion(COMPLETION),
        "compensation_slip": lambda: compensation_slip(COMPENSATION),
        "compensation_slip_store": lambda: compensation_slip(COMPENSATION, store_copy=True),
        "closure": lambda: closure(CLOSURE),
    }
    if kind not in builders:
        raise DeskError("printer.unknown_document", kind=kind, known=", ".join(builders))
    return builders[kind]()
