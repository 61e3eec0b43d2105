"""Sales' error codes: receipts from the POS and the CSV import.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "receipt.exists": ErrorText(
        "receipt '{receipt_no}' already exists",
        "小票 {receipt_no} 已存在"),
    "receipt.unknown": ErrorText("unknown receipt '{receipt_no}'", "没有小票 {receipt_no}"),
    "receipt.no_lines": ErrorText("a receipt needs at least one line", "小票至少要有一行商品"),
    "receipt.tenders_mismatch": ErrorText(
        "tenders add up to {tendered} fen but the receipt is {due} fen",
        "支付合计 {tendered} 分，小票应付 {due} 分，两者不符"),
    "receipt.tender_unknown": ErrorText("unknown tender '{tender}'", "无法识别的支付方式"),
    "receipt.line_invalid": ErrorText("line {line_no}: {reason}", "第 {line_no} 行有误"),
    "sale.duplicate_receipt": ErrorText(
        "the same receipt number was recorded differently on two counters",
        "同一小票号在两个柜台记录的内容不同"),
    "import.bad_rows": ErrorText(
        "{count} bad row(s); nothing was imported",
        "有 {count} 行有误，未导入任何数据"),
    "import.receipt_conflict": ErrorText(
        "{column} differs from the first row of receipt {receipt_no} (line {first_line})",
        "{column} 与小票 {receipt_no} 的第一行（第 {first_line} 行）不一致"),
    "import.receipt_split": ErrorText(
        "rows of receipt {receipt_no} must be together (it began on line {first_line})",
        "小票 {receipt_no} 的各行必须连在一起（从第 {first_line} 行开始）"),
    "import.phone_unknown": ErrorText(
        "no customer with phone {phone}",
        "没有手机号为 {phone} 的顾客"),
}
