"""The print queue's error codes.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "print.unknown_job": ErrorText("unknown print job {job_id}", "没有打印任务 {job_id}"),
    "print.bad_state": ErrorText(
        "print job {job_id} is {status}: that cannot be done now",
        "打印任务 {job_id} {status}，现在不能这样操作"),
    "print.empty_job": ErrorText(
        "a print job needs bytes and at least one copy",
        "打印任务没有内容"),
    "print.bad_data": ErrorText(
        "the document to print is not valid base64 or too large",
        "要打印的单据内容无效或过大"),
    "print.unknown_document": ErrorText(
        "nothing to print for '{reference}'",
        "没有可打印的单据：{reference}"),
    "print.interrupted": ErrorText(
        "the app stopped while this job was being sent: check the paper",
        "发送这份打印任务时程序中断了：请检查打印出的纸张"),
    "print.cannot_reprint": ErrorText(
        "a '{kind}' cannot be rebuilt for a reprint here",
        "这里无法重新生成{kind}来补打"),
}
