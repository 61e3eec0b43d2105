"""The printer's error codes: profiles, documents, ports and the printer's state.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from collections.abc import Mapping

from desk.capabilities import CATALOGUE as CORE
from desk.capabilities import describe as describe_with
from desk.platform.errors import DeskError, ErrorText

ERRORS: dict[str, ErrorText] = {
    "printer.unknown_profile": ErrorText(
        "unknown printer profile '{profile}' (known: {known})",
        "无法识别的打印机型号"),
    "printer.unknown_document": ErrorText(
        "unknown document kind '{kind}' (known: {known})",
        "无法识别的单据类型"),
    "printer.port_missing": ErrorText(
        "printer port {port} does not exist",
        "打印机端口 {port} 不存在"),
    "printer.port_busy": ErrorText(
        "printer port {port} cannot be opened: {detail}",
        "无法打开打印机端口 {port}"),
    "printer.disconnected": ErrorText(
        "the printer on {port} went away during the job: {detail}",
        "打印过程中打印机（{port}）断开了"),
    "printer.write_timeout": ErrorText(
        "the printer on {port} stopped taking data (flow control held)",
        "打印机（{port}）不再接收数据"),
    "printer.not_answering": ErrorText(
        "the printer on {port} does not answer status queries",
        "打印机（{port}）没有响应"),
    "printer.paper_out": ErrorText("the printer is out of paper", "打印机缺纸"),
    "printer.cover_open": ErrorText("the printer's cover is open", "打印机盖未关"),
    "printer.offline": ErrorText("the printer is offline", "打印机脱机"),
    "printer.error": ErrorText("the printer reports an error", "打印机报告故障"),
    "printer.bad_settings": ErrorText("printer settings: {detail}", "打印机设置有误"),
    "printer.unreachable": ErrorText(
        "printer {host}:{port} cannot be reached: {detail}",
        "无法连接打印机 {host}:{port}"),
}

# The core's codes and the printer's: what the app (ui/errors.py) and printing's commands show.
CATALOGUE: Mapping[str, ErrorText] = {**CORE, **ERRORS}


def describe(error: DeskError, language: str) -> str:
    return describe_with(error, language, CATALOGUE)
