"""The counter's paper: documents built from plain data (no Qt, no I/O).

Returns and repairs hand these small input dataclasses over (the later issues fill them from
their handlers' results); `printing/samples.py` builds one of each for the CLI, tests and bench.
Personal data is minimised: a phone number prints as 138****5678, a name as 王**.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.platform.money import format_yuan
from desk.platform.values import mask_phone
from printing.model import QR, Block, Document, Feed, Image, Pair, Rule, Sign, Text

KINDS = ("return_receipt", "return_receipt_store", "return_pending", "return_pending_store",
         "compensation_slip", "compensation_slip_store", "intake_slip", "quote", "completion",
         "closure")
TENDER_NAMES = {"cash": "现金", "bank_card": "银行卡", "wechat": "微信支付",
                "wechat_pay": "微信支付", "alipay": "支付宝",
                "store_card": "购物卡", "bank_transfer": "银行转账"}


YUAN_SIGN = "￥"  # the full-width sign: one GB18030 character every printer's font has


def yuan(fen: int) -> str:
    return format_yuan(fen, YUAN_SIGN)


def mask_name(name: str) -> str:
    name = name.strip()
    return name[:1] + "*" * min(2, max(1, len(name) - 1)) if name else ""


@dataclass(frozen=True)
class Store:
    name: str
    address: str = ""
    phone: str = ""
    tracking_url: str = ""  # e.g. https://service.example-store.cn/t (the code is appended)
    logo_png: bytes = b""  # printed at the top (1-bit, at most half the paper wide)


@dataclass(frozen=True)
class Customer:
    name: str = ""
    phone: str = ""
    member_id: str = ""


@dataclass(frozen=True)
class ReturnLine:
    name: str
    qty: int
    refund_fen: int
    sku: str = ""
    note: str = ""  # e.g. "赠品扣减"


@dataclass(frozen=True)
class RefundPart:
    tender: str  # cash, bank_card, wechat, alipay, store_card, bank_transfer
    amount_fen: int
    route: str = "original"


@dataclass(frozen=True)
class ReturnReceiptData:
    store: Store
    return_id: str
    receipt_no: str
    at: str  # "2026-11-20 10:32"
    clerk: str
    lines: tuple[ReturnLine, ...]
    refunds: tuple[RefundPart, ...]
    customer: Customer = Customer()
    reason: str = ""
    policy_version: str = ""
    explanation: tuple[str, ...] = ()  # the decision's rules in words (customer and store copy)
    rule_ids: tuple[str, ...] = ()  # "return.clothing v2026.2": the store's copy only, for audit
    points_reversed: int = 0
    approved_by: str = ""
    cash_refund: bool = False  # opens the drawer on the store copy
    status: str = "completed"  # pending: waits for head office, nothing refunded yet


@dataclass(frozen=True)
class CompensationSlipData:
    store: Store
    compensation_id: str
    rule: str  # the rule in words: "质量问题赔偿"
    at: str  # "2026-11-20 10:32"
    clerk: str
    amount_fen: int
    receipt_no: str = ""
    ticket_code: str = ""
    customer: Customer = Customer()
    reason: str = ""  # what happened, as the clerk wrote it
    statutory: bool = False  # a statutory payout, on top of the refund
    policy_version: str = ""
    explanation: tuple[str, ...] = ()  # the decision's rules in words (both copies)
    rule_ids: tuple[str, ...] = ()  # the store's copy only, for audit
    approved_by: str = ""
    status: str = "completed"  # pending: waits for head office, nothing paid yet


@dataclass(frozen=True)
class TicketData:
    store: Store
    code: str  # T2611200007
    at: str
    clerk: str
    product: str
    serial: str
    fault: str
    customer: Customer = Customer()
    accessories: str = ""
    condition: str = ""
    promised_date: str = ""
    service_level: str = ""  # simple, complex, major
    warranty: bool = False
    warranty_words: str = ""  # the verdict computed at intake, in Chinese ("" before verdicts)


@dataclass(frozen=True)
class QuoteItem:
    description: str
    amount_fen: int
    kind: str = "part"  # part, labour


@dataclass(frozen=True)
class QuoteData:
    ticket: TicketData
    items: tuple[QuoteItem, ...]
    note: str = ""
    valid_until: str = ""


@dataclass(frozen=True)
class CompletionData:
    ticket: TicketData
    work_done: tuple[str, ...]
    parts: tuple[str, ...] = ()
    voltage_test: str = ""
    warranty_until: str = ""
    total_fen: int = 0
    completed_at: str = ""
    payments: tuple[tuple[str, int], ...] = ()  # (tender, fen) taken at pickup, mixed too


@dataclass(frozen=True)
class ClosureData:
    store: Store
    business_date: str
    manager: str
    printed_at: str
    refunds_by_tender: tuple[tuple[str, int], ...] = ()
    repair_payments_by_tender: tuple[tuple[str, int], ...] = ()  # taken at repair pickups
    returns_count: int = 0
    refunds_total_fen: int = 0
    compensations_count: int = 0
    compensations_total_fen: int = 0
    tickets_opened: int = 0
    tickets_closed: int | None = 0  # archived or returned unrepaired; None: not shown
    tickets_overdue: int = 0
    checks_waived: int | None = 0
    signatures_missing: int = 0
    conflicts_open: int = 0
    print_failures: int = 0
    events_unsynced: int = 0
    cash_expected_fen: int = 0
    cash_counted_fen: int = 0
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    title: str = "日结报告（简版）"  # e.g. "日结报告 Z3（简版）", "X 报告（简版）"
    pending_cases: int = 0
    late_arrivals: int = 0
    counted: bool = True  # False for an X report: no counted cash, no variance
    fingerprint: str = ""  # SHA-256 of the report's numbers: the same as on the PDF


def _header(store: Store, title: str) -> list[Block]:
    blocks: list[Block] = []
    if store.logo_png:
        blocks.append(Image.from_png(store.logo_png, max_width_ratio=0.5, role="logo"))
    blocks.append(Text(store.name, align="center", bold=True, double=True))
    if store.address:
        blocks.append(Text(store.address, align="center"))
    if store.phone:
        blocks.append(Text(f"服务电话 {store.phone}", align="center"))
    blocks += [Rule("="), Text(title, align="center", bold=True, double=True), Rule("=")]
    return blocks


def _customer(c: Customer) -> list[Block]:
    out: list[Block] = []
    if c.name:
        out.append(Pair("顾客", mask_name(c.name)))
    if c.phone:
        out.append(Pair("电话", mask_phone(c.phone)))
    if c.member_id:
        out.append(Pair("会员", c.member_id[:3] + "****" + c.member_id[-2:]))
    return out


def return_receipt(d: ReturnReceiptData, *, store_copy: bool = False) -> Document:
    title = "退货凭证（门店联）" if store_copy else "退货凭证（顾客联）"
    blocks = _header(d.store, title)
    blocks += [Pair("退货单号", d.return_id), Pair("原小票", d.receipt_no), Pair("时间", d.at),
               Pair("经办", d.clerk)]
    blocks += _customer(d.customer)
    blocks.append(Rule())
    total = 0
    for ln in d.lines:
        blocks.append(Pair(f"{ln.name} x{ln.qty}", yuan(ln.refund_fen)))
        if ln.note:
            blocks.append(Text(f"  {ln.note}"))
        total += ln.refund_fen
    blocks += [Rule(), Pair("退款合计", yuan(total), bold=True)]
    for part in d.refunds:
        via = TENDER_NAMES.get(part.route, part.route)
        route = "" if part.route == "original" else f"（{via}）"
        blocks.append(Pair(f"  退回 {TENDER_NAMES.get(part.tender, part.tender)}{route}",
                           yuan(part.amount_fen)))
    if d.points_reversed:
        blocks.append(Pair("扣回积分", str(-abs(d.points_reversed))))
    if d.reason:
        blocks.append(Text(f"退货原因：{d.reason}"))
    if d.explanation or d.policy_version:
        blocks.append(Rule())
        blocks.append(Text("依据：本店退换货政策"))
        blocks += [Text(f"· {line}") for line in d.explanation]
        if store_copy:  # for audit: which rule of which version decided
            blocks.append(Text(f"政策版本 {d.policy_version}"))
            if d.rule_ids:
                blocks.append(Text("规则：" + "；".join(d.rule_ids)))
    if d.approved_by:
        blocks.append(Pair("批准", d.approved_by))
    blocks.append(Feed())
    blocks.append(Sign("顾客签名" if not store_copy else "顾客签名（门店留存）"))
    if not store_copy:
        blocks += [Feed(), Text("无理由退货 · 感谢您的信任", align="center"),
                   Text("退款将按原支付方式退回", align="center")]
    return Document("return_receipt_store" if store_copy else "return_receipt", d.return_id,
                    tuple(blocks), open_drawer=store_copy and d.cash_refund)


def pending_slip(d: ReturnReceiptData, *, store_copy: bool = False) -> Document:
    """A return above the counter's authority: the case waits for head office. The customer's
    slip says what was asked, that nothing was refunded yet, and how they will hear."""
    title = "退货待审批（门店联）" if store_copy else "退货待审批（顾客联）"
    blocks = _header(d.store, title)
    blocks += [Pair("审批单号", d.return_id), Pair("原小票", d.receipt_no), Pair("时间", d.at),
               Pair("经办", d.clerk)]
    blocks += _customer(d.customer)
    blocks.append(Rule())
    for ln in d.lines:
        blocks.append(Pair(f"{ln.name} x{ln.qty}", yuan(ln.refund_fen)))
    asked = sum(ln.refund_fen for ln in d.lines)
    blocks += [Rule(), Pair("申请退款", yuan(asked), bold=True),
               Text("尚未退款：本退货超出门店权限，已提交总部审批。", bold=True)]
    if d.customer.phone:
        blocks.append(Text(f"审批结果将电话通知 {mask_phone(d.customer.phone)}。"))
    else:
        blocks.append(Text("请凭此单号到服务台或致电查询审批结果。"))
    blocks.append(Text("批准后退款按原支付方式退回，并打印退款凭证。"))
    blocks.append(Feed())
    blocks.append(Sign("顾客签名" if not store_copy else "顾客签名（门店留存）"))
    kind = "return_pending_store" if store_copy else "return_pending"
    return Document(kind, d.return_id, tuple(blocks))


def compensation_slip(d: CompensationSlipData, *, store_copy: bool = False) -> Document:
    """What the customer signs for a compensation: the rule, the amount and why, in words; the
    store's copy adds the policy version and the rule ids for audit."""
    pending = d.status == "pending"
    title = "补偿待审批" if pending else "补偿凭证"
    blocks = _header(d.store, title + ("（门店联）" if store_copy else "（顾客联）"))
    blocks.append(Pair("补偿单号", d.compensation_id))
    if d.receipt_no:
        blocks.append(Pair("原小票", d.receipt_no))
    if d.ticket_code:
        blocks.append(Pair("维修单号", d.ticket_code))
    blocks += [Pair("时间", d.at), Pair("经办", d.clerk)]
    blocks += _customer(d.customer)
    blocks += [Rule(), Pair("补偿项目", d.rule),
               Pair("申请补偿" if pending else "补偿金额", yuan(d.amount_fen), bold=True)]
    if d.statutory:
        blocks.append(Text("法定赔付，另加退款"))
    if d.reason:
        blocks.append(Text(f"事由：{d.reason}"))
    if pending:
        blocks.append(Text("尚未支付：本补偿超出门店权限，已提交总部审批。", bold=True))
    if d.explanation or d.policy_version:
        blocks += [Rule(), Text("依据：本店补偿规则")]
        blocks += [Text(f"· {line}") for line in d.explanation]
        if store_copy:  # for audit: which rule of which version decided
            blocks.append(Text(f"政策版本 {d.policy_version}"))
            if d.rule_ids:
                blocks.append(Text("规则：" + "；".join(d.rule_ids)))
    if d.approved_by:
        blocks.append(Pair("批准", d.approved_by))
    blocks += [Feed(), Sign("顾客签名" if not store_copy else "顾客签名（门店留存）")]
    if not store_copy:
        blocks += [Feed(), Text("感谢您的信任与包涵", align="center")]
    kind = "compensation_slip_store" if store_copy else "compensation_slip"
    return Document(kind, d.compensation_id, tuple(blocks))


def tracking_payload(t: TicketData) -> str:
    """What the QR holds: the store's tracking URL + "/" + code, or the code alone."""
    url = t.store.tracking_url.rstrip("/")
    return f"{url}/{t.code}" if url else t.code


def _ticket_lines(t: TicketData) -> list[Block]:
    out: list[Block] = [Pair("维修单号", t.code, bold=True), Pair("受理时间", t.at),
                        Pair("受理人", t.clerk)]
    out += _customer(t.customer)
    out += [Rule(), Text(f"商品：{t.product}"), Text(f"序列号：{t.serial}")]
    return out


LEVELS = {"simple": "简单（柜台5分钟内答复）", "complex": "复杂（30分钟内给出方案）",
          "major": "重大（2小时内上门）"}


def intake_slip(t: TicketData) -> Document:
    blocks = _header(t.store, "维修受理单")
    blocks += _ticket_lines(t)
    blocks.append(Text(f"故障：{t.fault}"))
    if t.condition:
        blocks.append(Text(f"外观：{t.condition}"))
    if t.accessories:
        blocks.append(Text(f"附件：{t.accessories}"))
    if t.service_level:
        blocks.append(Text(f"服务等级：{LEVELS.get(t.service_level, t.service_level)}"))
    if t.promised_date:
        blocks.append(Pair("承诺完成", t.promised_date, bold=True))
    if t.warranty_words:
        blocks.append(Text(f"保修：{t.warranty_words}"))
    else:
        blocks.append(Pair("保修", "保内" if t.warranty else "保外"))
    blocks += [Rule(), QR(tracking_payload(t), module=6),
               Text(t.code, align="center", bold=True), Text("扫码查询维修进度", align="center"),
               Feed(), Sign("顾客签名（确认以上信息）")]
    return Document("intake_slip", t.code, tuple(blocks))


def quote(q: QuoteData) -> Document:
    t = q.ticket
    blocks = _header(t.store, "维修报价单")
    blocks += _ticket_lines(t)
    blocks.append(Rule())
    parts = [i for i in q.items if i.kind == "part"]
    labour = [i for i in q.items if i.kind != "part"]
    for title, items in (("配件", parts), ("工时", labour)):
        if items:
            blocks.append(Text(title, bold=True))
            blocks += [Pair(f"  {i.description}", yuan(i.amount_fen)) for i in items]
    total = sum(i.amount_fen for i in q.items)
    blocks += [Rule(), Pair("合计", yuan(total), bold=True)]
    if t.warranty:
        blocks.append(Text("保修期内：配件和工时均免费", bold=True))
    if q.note:
        blocks.append(Text(f"备注：{q.note}"))
    if q.valid_until:
        blocks.append(Pair("报价有效期至", q.valid_until))
    if t.promised_date:
        blocks.append(Pair("承诺完成", t.promised_date))
    blocks += [Text("顾客签字确认后方可开工", align="center"), Feed(), Sign("顾客签名（同意报价）")]
    return Document("quote", t.code, tuple(blocks))


def completion(c: CompletionData) -> Document:
    t = c.ticket
    blocks = _header(t.store, "维修完工证明")
    blocks += _ticket_lines(t)
    blocks.append(Rule())
    blocks.append(Text("维修内容", bold=True))
    blocks += [Text(f"· {w}") for w in c.work_done]
    if c.parts:
        blocks.append(Text("更换配件（旧件已交还顾客）", bold=True))
        blocks += [Text(f"· {p}") for p in c.parts]
    if c.voltage_test:
        blocks.append(Pair("安全检测", c.voltage_test))
    blocks.append(Pair("费用", yuan(c.total_fen), bold=True))
    if c.payments:
        blocks.append(Text("付款方式", bold=True))
        blocks += [Pair(f"  {TENDER_NAMES.get(k, k)}", yuan(v)) for k, v in c.payments]
    if t.warranty_words:
        blocks.append(Text(f"保修：{t.warranty_words}"))
    if c.warranty_until:
        blocks.append(Pair("维修保修至", c.warranty_until))
    if c.completed_at:
        blocks.append(Pair("完工时间", c.completed_at))
    blocks += [Rule(), Text("已演示：正常使用 / 安全要点 / 日常保养", align="center"), Feed(),
               Sign("顾客签名（确认完工）")]
    return Document("completion", t.code, tuple(blocks))


def closure(c: ClosureData) -> Document:
    blocks = _header(c.store, c.title)
    blocks += [Pair("营业日", c.business_date, bold=True), Pair("打印时间", c.printed_at),
               Pair("店长", c.manager), Rule(),
               Pair("退货笔数", str(c.returns_count)),
               Pair("退款合计", yuan(c.refunds_total_fen), bold=True)]
    blocks += [Pair(f"  {TENDER_NAMES.get(k, k)}", yuan(v)) for k, v in c.refunds_by_tender]
    blocks += [Pair("补偿笔数", str(c.compensations_count)),
               Pair("补偿合计", yuan(c.compensations_total_fen)),
               Pair("待总部审批", str(c.pending_cases)), Rule(),
               Pair("维修受理", str(c.tickets_opened))]
    if c.tickets_closed is not None:
        blocks.append(Pair("维修结案", str(c.tickets_closed)))
    blocks.append(Pair("维修超期", str(c.tickets_overdue)))
    if c.checks_waived is not None:
        blocks.append(Pair("豁免检查", str(c.checks_waived)))
    if c.repair_payments_by_tender:
        blocks.append(Pair("维修收款", yuan(sum(v for _k, v in c.repair_payments_by_tender))))
        blocks += [Pair(f"  {TENDER_NAMES.get(k, k)}", yuan(v))
                   for k, v in c.repair_payments_by_tender]
    blocks += [Pair("缺少签名", str(c.signatures_missing)), Pair("未决冲突", str(c.conflicts_open)),
               Pair("打印失败", str(c.print_failures)), Pair("未同步事件", str(c.events_unsynced)),
               Pair("迟到事件", str(c.late_arrivals)), Rule(),
               Pair("应有现金", yuan(c.cash_expected_fen))]
    if c.counted:
        blocks += [Pair("实点现金", yuan(c.cash_counted_fen)),
                   Pair("差额", yuan(c.cash_counted_fen - c.cash_expected_fen), bold=True)]
    blocks += [Pair(k, v) for k, v in c.extra.items()]
    if c.note:
        blocks.append(Text(f"说明：{c.note}"))
    if c.fingerprint:  # matches the PDF's: two halves, to fit the narrowest paper
        blocks += [Rule(), Text("报告指纹 SHA-256"), Text(c.fingerprint[:32]),
                   Text(c.fingerprint[32:])]
    blocks += [Feed(), Sign("店长签名")]
    return Document("closure", c.business_date, tuple(blocks))
