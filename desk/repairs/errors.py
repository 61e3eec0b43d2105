"""Repairs' error codes: tickets.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "ticket.exists": ErrorText("ticket '{code}' already exists", "维修单 {code} 已存在"),
    "ticket.unknown": ErrorText("unknown ticket '{code}'", "没有维修单 {code}"),
    "ticket.duplicate_code": ErrorText(
        "the same ticket code was opened on two counters",
        "同一维修单号在两个柜台分别开单"),
}
