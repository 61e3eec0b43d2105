"""The closure's error codes, in English and Chinese (str.format with their parameters)."""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "closure.future_date": ErrorText(
        "business day {business_date} has not started yet (today is {today})",
        "营业日 {business_date} 尚未开始（今天是 {today}）"),
    "closure.already_closed": ErrorText(
        "business day {business_date} is already closed for {scope} (Z{z_number})",
        "营业日 {business_date} 已日结（{scope}，Z{z_number}）"),
    "closure.other_counter": ErrorText(
        "counter {device_id} closes its own day: close it on that counter",
        "其他柜台的营业日须在该柜台日结"),
    "closure.same_person": ErrorText(
        "the second person who counts must be someone else than {staff_id}",
        "复点人必须是 {staff_id} 以外的另一位员工"),
    "closure.same_signature": ErrorText(
        "the manager and the second person each sign",
        "店长和复点人须各自签名"),
    "closure.note_required": ErrorText(
        "the variance of {variance} fen is above the tolerance of {tolerance} fen: add a note",
        "差额（{variance} 分）超过允许范围（{tolerance} 分）：请填写说明"),
    "closure.unsynced": ErrorText(
        "{events} events are not synced and {conflicts} conflicts are open: confirm to close"
        " anyway",
        "有 {events} 条记录未同步、{conflicts} 个冲突未解决：勾选确认后方可日结"),
    "closure.count_invalid": ErrorText(
        "the count of {denomination} fen pieces must be a whole number, 0 or more (got {value})",
        "每项数量须为 0 或以上的整数"),
    "closure.denomination_unknown": ErrorText(
        "{denomination} is not a banknote or coin of the till",
        "此面额不在钱箱清点范围内"),
    "closure.pdf_failed": ErrorText(
        "the closure report could not be written: {reason}",
        "日结报告无法保存"),
    "closure.duplicate": ErrorText(
        "the same business day was closed on two counters while offline",
        "同一营业日在两个柜台分别日结"),
}
