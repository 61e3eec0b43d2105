"""Returns' error codes: the refund rules, compensation and head office's decisions.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "return.other_store": ErrorText(
        "receipt {receipt_no} is from another store ({store_id}): it is returned there",
        "小票 {receipt_no} 属于其他门店（{store_id}），请到该门店办理退货"),
    "return.no_lines": ErrorText("choose at least one line to return", "请至少勾选一行要退的商品"),
    "return.before_purchase": ErrorText(
        "the return date is before the purchase ({sold_on})",
        "退货日期早于购买日期（{sold_on}）"),
    "return.line_unknown": ErrorText(
        "receipt {receipt_no} has no line {line_no}",
        "小票 {receipt_no} 没有第 {line_no} 行"),
    "return.line_twice": ErrorText("line {line_no} is listed twice", "第 {line_no} 行重复了"),
    "return.qty_invalid": ErrorText(
        "line {line_no}: the quantity must be at least 1 (not {qty})",
        "第 {line_no} 行：数量至少为 1（现为 {qty}）"),
    "return.qty_exceeds": ErrorText(
        "line {line_no}: {qty} asked but only {remaining} left to return",
        "第 {line_no} 行：要退 {qty} 件，只剩 {remaining} 件可退"),
    "return.window_passed": ErrorText(
        "line {line_no}: day {days} of the purchase, the return window is {return_days} days",
        "第 {line_no} 行：第 {days} 天，已超过 {return_days} 天退货期"),
    "return.exchange_only": ErrorText(
        "line {line_no}: day {days}: past the {return_days}-day return,"
        " an exchange is possible up to day {exchange_days}",
        "第 {line_no} 行：第 {days} 天，已过 {return"
        "_days} 天退货期，第 {exchange_days} 天前可换货"),
    "return.repair_only": ErrorText(
        "line {line_no}: day {days}: past the {exchange_days}-day exchange, repair under warranty",
        "第 {line_no} 行：第 {days} 天，已过 {exchange_days} 天换货期，按保修维修"),
    "return.opened": ErrorText(
        "line {line_no}: an opened item of this kind cannot be returned",
        "第 {line_no} 行：此类商品拆封后不能退货"),
    "return.not_buyer": ErrorText(
        "line {line_no}: only the original buyer can return this item",
        "第 {line_no} 行：此商品只能由原购买人退货"),
    "return.no_receipt_refused": ErrorText(
        "a return without the receipt is not accepted",
        "不接受无小票退货"),
    "return.no_receipt_found_by": ErrorText(
        "a purchase found by {found_by} cannot be returned without the receipt",
        "凭{found_by}查到的购买记录，无小票不能退货"),
    "return.no_receipt_not_buyer": ErrorText(
        "without the receipt, only the customer on the purchase can return it",
        "无小票退货只能由购买记录上的顾客本人办理"),
    "return.no_receipt_too_old": ErrorText(
        "day {days}: a return without the receipt is accepted up to day {max_days}",
        "第 {days} 天：无小票退货最迟在第 {max_days} 天办理"),
    "return.cash_back_refused": ErrorText(
        "cash back for {tender} is not allowed",
        "{tender}付款不能退现金"),
    "return.signature_required": ErrorText(
        "the customer's signature is required ({reasons})",
        "需要顾客签字"),
    "return.exists": ErrorText("another return is already recorded as '{return_id}'",
                              "编号 {return_id} 已用于另一笔退货"),
    "approval.reason_required": ErrorText(
        "an override or a refusal needs a reason",
        "例外放行或拒绝都需要填写理由"),
    "approval.unknown_case": ErrorText(
        "no case '{case_id}' waits for head office",
        "没有待总部审批的事项 {case_id}"),
    "approval.not_pending": ErrorText(
        "case '{case_id}' is not waiting for head office (it is {status})",
        "事项 {case_id} 不在待总部审批中（当前{status}）"),
    "compensation.label_defect": ErrorText(
        "a label defect that neither affects safety nor misleads is not compensated",
        "不影响安全且不构成误导的标签瑕疵不予补偿"),
    "compensation.not_late": ErrorText("the repair is not late", "维修没有超期"),
    "compensation.exists": ErrorText(
        "compensation '{compensation_id}' already exists",
        "补偿 {compensation_id} 已存在"),
    "compensation.line_needed": ErrorText(
        "give the receipt and line, or the price paid",
        "请填写小票与行号，或实付价格"),
    "refund.exceeds_paid": ErrorText(
        "refunds of a receipt line exceed what was paid for it",
        "该小票行的退款超过了实付金额"),
    "approval.not_from_head_office": ErrorText(
        "a head-office decision on case {entity_id} came from a store, not from head office:"
        " it was not applied",
        "有一条“总部审批”并非来自总部，未予采用，请店长核查"),
}
