"""Staff's error codes: PINs, lockout, staff records and approvals (desk/staff/approvals.py).

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "auth.wrong_pin": ErrorText(
        "wrong PIN ({remaining} tries left before the account locks)",
        "PIN 码错误，再错 {remaining} 次账号将被锁定"),
    "auth.locked": ErrorText(
        "account locked until {until} after too many wrong PINs",
        "PIN 码错误次数过多，账号已锁定至 {until}"),
    "auth.pin_too_short": ErrorText(
        "a PIN has at least {min_length} digits",
        "PIN 码至少 {min_length} 位数字"),
    "auth.pin_not_digits": ErrorText("a PIN is made of digits only", "PIN 码只能由数字组成"),
    "staff.exists": ErrorText("staff '{staff_id}' already exists", "工号 {staff_id} 已存在"),
    "staff.unknown": ErrorText("unknown staff '{staff_id}'", "没有工号为 {staff_id} 的员工"),
    "staff.duplicate_id": ErrorText(
        "the same staff id was registered twice",
        "同一员工编号被重复登记"),
    "approval.required": ErrorText(
        "a {level} approval is required ({reasons}): the approver enters their staff id and PIN",
        "此项需{level}批准：请批准人输入工号和 PIN 码"),
    "approval.not_allowed": ErrorText(
        "{approver_id} ({role}) cannot approve a {level} case",
        "{approver_id}（{role}）无权批准需{level}批准的事项"),
    "auth.head_office_only": ErrorText(
        "'{command}' is head office's: it runs only on a head-office counter (this counter is"
        " store '{store_id}')",
        "此操作只能在总部的柜台上进行"),
}
