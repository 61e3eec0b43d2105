"""The search box's reasons for showing nothing, and unknown detail keys.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "lookup.empty": ErrorText(
        "Scan or type a receipt, ticket, phone, member, barcode, serial or name.",
        "请扫码或输入小票号、维修单号、手机号、会员号、条码、序列号或姓名/商品名"),
    "lookup.too_long": ErrorText(
        "That is too long to be a search ({length} characters, at most {limit}). Nothing searched.",
        "输入内容过长（{length} 个字符），未进行查找"),
    "lookup.not_found": ErrorText("Nothing found for “{text}”.", "未找到“{text}”"),
    "lookup.incomplete": ErrorText(
        "“{text}” looks like part of a {what} number. Scan or type all of it.",
        "“{text}”像是不完整的{what}号，请重新扫码或输入完整号码"),
    "lookup.bad_check_digit": ErrorText(
        "{code} is not a valid EAN-13 barcode (check digit should"
        " be {expected}). The scan was misread: scan it again.",
        "{code} 不是有效条码（校验位应为 {expected}），扫码有误，请重新扫描"),
    "lookup.other_store": ErrorText(
        "This tracking link belongs to another store ({where}). Ticket {code}"
        " is kept there: please send the customer to that store or call them.",
        "此二维码属于其他门店（{where}），维修单 {code} 由该店保管：请引导顾客前往该店或致电该店"),
    "lookup.not_tracking_url": ErrorText(
        "'{url}' is not one of our repair tracking links.",
        "此链接不是本店的维修查询码"),
    "lookup.ticket_not_here": ErrorText(
        "Ticket {code} from the tracking link is not in this store's records.",
        "本店记录中没有此二维码对应的维修单 {code}"),
    "lookup.unknown": ErrorText(
        "No {kind} '{key}': it is no longer there.",
        "该{kind}记录已不存在（{key}）"),
}
