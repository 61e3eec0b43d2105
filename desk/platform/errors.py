"""Errors are codes with parameters; each capability says what its codes mean, in Chinese and
English, in its own `errors.py` (`ERRORS`), and declares them in its `capability.py`.

Here: the platform's own codes (`PLATFORM_ERRORS`), the words for parameters that are identifiers
(a role, a tender, a status: `PARAM_WORDS`), and `render`, which turns a code and its parameters
into a sentence from a catalogue the caller passes (desk.capabilities.describe passes the
registry's). `DeskError.message` is the English for logs: platform codes in words, any other code
as itself with its parameters (the CLI prints `describe(err, "en")`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class ErrorText(NamedTuple):
    """What a user reads for an error code, in both languages (str.format with its params)."""

    en: str
    zh: str

PLATFORM_ERRORS: dict[str, ErrorText] = {
    # reading a CSV file that another system exported (desk/platform/import_files.py)
    "import.bad_header": ErrorText("missing column(s): {missing}", "文件缺少列：{missing}"),
    "import.file_unreadable": ErrorText("cannot read '{path}': {reason}", "无法读取文件 {path}"),
    "import.not_utf8": ErrorText(
        "the file is not UTF-8 text (first bad byte on line {line})",
        "文件编码无法识别（第 {line} 行起有乱码），请另存为统一编码的文本"),
    "import.empty": ErrorText("the file has no header row", "文件没有表头行"),
    "import.unknown_columns": ErrorText(
        "unknown column(s): {unknown}",
        "文件中有无法识别的列：{unknown}"),
    "import.bad_value": ErrorText("{column}: {reason}", "{column} 列的内容有误"),
    "command.unknown": ErrorText("unknown command '{name}'", "没有这项操作"),
    "command.malformed": ErrorText("malformed command: {reason}", "操作内容有误"),
    "command.field_missing": ErrorText("field '{field}' is missing", "缺少{field}"),
    "command.field_unknown": ErrorText("unknown field '{field}'", "多了一项无法识别的内容"),
    "command.field_type": ErrorText("field '{field}' must be {expected}", "{field}的格式不对"),
    "command.invalid_json": ErrorText("line is not valid JSON: {reason}", "这一行的格式无法识别"),
    "command.not_utf8": ErrorText("line {line} is not UTF-8 text (bad byte at offset {offset})",
                                  "第 {line} 行的文字编码无法识别"),
    "command.too_deep": ErrorText("the JSON is nested more than {limit} levels deep",
                                  "内容嵌套层数过多（最多 {limit} 层）"),
    "command.line_too_long": ErrorText("the line is longer than {limit} bytes",
                                       "这一行太长（最多 {limit} 字节）"),
    "command.failed": ErrorText("the command failed unexpectedly ({reason})",
                                "操作意外失败，请联系管理员"),
    "value.too_long": ErrorText("'{field}' is longer than {limit} characters",
                                "{field}太长（最多 {limit} 个字符）"),
    "value.too_many": ErrorText("'{field}' has more than {limit} items",
                                "{field}的条目太多（最多 {limit} 项）"),
    "value.not_text": ErrorText("'{field}' holds characters that are not text (a lone surrogate "
                                "at position {position})", "{field}含有无法保存的字符"),
    "value.out_of_range": ErrorText("'{field}' must be between {low} and {high}",
                                    "{field}的数值超出范围"),
    "auth.unknown_staff": ErrorText("no active staff with id '{staff_id}'",
                                    "没有工号为 {staff_id} 的在职员工"),
    "auth.forbidden": ErrorText("role '{role}' may not run '{command}'",
                                "{role}无权进行此操作"),
    "value.required": ErrorText("'{field}' is required", "请填写{field}"),
    "value.invalid": ErrorText("'{field}' is invalid: {reason}", "{field}填写有误"),
    "money.invalid": ErrorText("'{text}' is not an amount in yuan with at most 2 decimals",
                               "“{text}”不是有效金额（以元为单位，最多两位小数）"),
    "money.negative": ErrorText("'{field}' must not be negative", "{field}不能为负数"),
    "role.unknown": ErrorText("unknown role '{role}'", "没有这个角色"),
    "device.not_initialised": ErrorText(
        "this counter has no store yet: run 'desk init' or 'desk demo'",
        "本柜台尚未设置门店，请联系管理员完成初始设置"),
    "db.not_a_database": ErrorText("'{path}' is not a Service Desk database (or is damaged)",
                                   "{path} 不是服务台数据库，或已损坏"),
    "db.read_only": ErrorText("cannot write to '{path}' (read-only)", "无法写入 {path}：只读"),
    "db.newer_schema": ErrorText("the database schema '{found}' is newer than this program knows",
                                 "此数据库由更新版本的程序写入，请升级本程序"),
    "db.locked": ErrorText("the database is busy (another program holds it)",
                           "数据库正被其他程序占用，请稍后重试"),
    "db.backup_unwritable": ErrorText(
        "cannot write the backup before upgrading into '{path}'; nothing was changed",
        "升级前无法写入备份文件夹 {path}，数据未作任何改动"),
    "db.backup_no_space": ErrorText(
        "not enough free disk space for the backup before upgrading ({mib} MiB needed in "
        "'{path}'); nothing was changed",
        "磁盘空间不足，无法在升级前备份（需要 {mib} 兆字节），数据未作任何改动"),
    "db.upgrade_failed": ErrorText(
        "upgrading the database from schema {found} failed ({reason}); the backup {backup} "
        "was put back, the data is as before the upgrade",
        "数据库升级失败，已恢复升级前的备份，数据与升级前相同"),
}

# Parameters that hold an identifier, and the words for each value. A value not listed reads as
# itself in English and as the fallback (None: the word of the empty key) in Chinese.
PARAM_WORDS: dict[str, dict[str, ErrorText]] = {
    "role": {
        "clerk": ErrorText("clerk", "店员"), "technician": ErrorText("technician", "技师"),
        "manager": ErrorText("manager", "店长"), "admin": ErrorText("administrator", "管理员"),
        "": ErrorText("", "该角色"),
    },
    "tender": {
        "cash": ErrorText("cash", "现金"), "bank_card": ErrorText("bank card", "银行卡"),
        "wechat_pay": ErrorText("WeChat Pay", "微信支付"), "alipay": ErrorText("Alipay", "支付宝"),
        "store_card": ErrorText("store card", "储值卡"), "": ErrorText("", "该支付方式"),
    },
    "level": {
        "clerk": ErrorText("clerk", "店员"), "manager": ErrorText("manager", "店长"),
        "head_office": ErrorText("head office", "总部"), "": ErrorText("", "更高级别"),
    },
    "found_by": {
        "phone": ErrorText("phone", "手机号"), "member": ErrorText("member number", "会员号"),
        "receipt": ErrorText("receipt", "小票"), "": ErrorText("", "其他方式"),
    },
    "status": {
        "pending": ErrorText("pending", "待审批"), "approved": ErrorText("approved", "已批准"),
        "refused": ErrorText("refused", "已拒绝"), "completed": ErrorText("completed", "已完成"),
        "queued": ErrorText("queued", "排队中"), "held": ErrorText("held", "已暂停"),
        "sending": ErrorText("sending", "正在发送"), "printed": ErrorText("printed", "已打印"),
        "failed": ErrorText("failed", "打印失败"), "uncertain": ErrorText("uncertain", "未确认"),
        "cancelled": ErrorText("cancelled", "已取消"), "": ErrorText("", "其他状态"),
    },
    "what": {
        "receipt": ErrorText("receipt", "小票"), "ticket": ErrorText("ticket", "维修单"),
        "member": ErrorText("member", "会员"), "serial": ErrorText("serial", "序列"),
        "phone": ErrorText("phone", "手机"), "barcode": ErrorText("barcode", "条码"),
        "points": ErrorText("points", "点数"), "strokes": ErrorText("strokes", "笔画数"),
        "image bytes": ErrorText("image bytes", "图片大小"), "": ErrorText("", "内容"),
    },
    "kind": {
        "receipt": ErrorText("receipt", "小票"), "ticket": ErrorText("ticket", "维修单"),
        "customer": ErrorText("customer", "顾客"), "product": ErrorText("product", "商品"),
        "return": ErrorText("return", "退货"), "compensation": ErrorText("compensation", "补偿"),
        "return_receipt": ErrorText("return receipt", "退货单"),
        "return_receipt_store": ErrorText("return receipt (store copy)", "退货单（门店联）"),
        "": ErrorText("", "记录"),
    },
    "field": {
        "sku": ErrorText("sku", "商品编码"), "tenders": ErrorText("tenders", "支付方式"),
        "receipt_no": ErrorText("receipt_no", "小票号"), "ticket_code": ErrorText(
            "ticket_code", "维修单号"), "store_id": ErrorText("store_id", "门店编号"),
        "note": ErrorText("note", "备注"), "kind": ErrorText("kind", "类型"),
        "price_fen": ErrorText("price_fen", "实付价格"), "sold_at": ErrorText(
            "sold_at", "销售时间"), "promised_date": ErrorText("promised_date", "承诺完成日期"),
        "service_level": ErrorText("service_level", "服务级别"),
        "points_earned": ErrorText("points_earned", "积分"),
        "promotions": ErrorText("promotions", "优惠"), "decision": ErrorText("decision", "决定"),
        "found_by": ErrorText("found_by", "查找方式"), "host": ErrorText("host", "服务器地址"),
        "port": ErrorText("port", "端口"), "dbname": ErrorText("dbname", "数据库名"),
        "user": ErrorText("user", "用户名"), "sslmode": ErrorText("sslmode", "加密方式"),
        "sslrootcert": ErrorText("sslrootcert", "根证书"), "name": ErrorText("name", "姓名"),
        "phone": ErrorText("phone", "手机号"), "pin": ErrorText("pin", "PIN 码"),
        "reason": ErrorText("reason", "理由"),
        "customer_name": ErrorText("customer_name", "顾客姓名"),
        "fault": ErrorText("fault", "故障描述"),
        "override_reason": ErrorText("override_reason", "例外理由"),
        "variance_note": ErrorText("variance_note", "差额说明"),
        "lines": ErrorText("lines", "商品行"),
        "store_name": ErrorText("store name", "门店名称"),
        "device_name": ErrorText("counter name", "柜台名称"),
        "admin_id": ErrorText("administrator's staff ID", "管理员工号"),
        "admin_name": ErrorText("administrator's name", "管理员姓名"),
        "store.timezone": ErrorText("time zone", "时区"), "": ErrorText("", "这一项"),
    },
}


def word(param: str, value: Any, language: str) -> Any:
    """A parameter's value in words, when the parameter holds an identifier."""
    words = PARAM_WORDS.get(param)
    if words is None:
        return value
    text = words.get(str(value))
    if text is not None:
        return text.zh if language.startswith("zh") else text.en
    return words[""].zh if language.startswith("zh") else value


class _Blank(dict[str, Any]):
    """format_map's parameters: a parameter the raise site did not pass reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def render(catalogue: Mapping[str, ErrorText], code: str, params: Mapping[str, Any],
           language: str) -> str | None:
    """The sentence for `code` in `language` ("zh_CN"/"zh" or "en"), None if the catalogue
    does not know the code."""
    text = catalogue.get(code)
    if text is None:
        return None
    template = text.zh if language.startswith("zh") else text.en
    values = _Blank({k: word(k, v, language) for k, v in params.items()})
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError, TypeError):
        return template


class DeskError(Exception):
    """A refusal the user can act on: a stable code plus parameters for the message."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """English for logs: the platform's words, or the code and its parameters."""
        text = render(PLATFORM_ERRORS, self.code, self.params, "en")
        if text is not None:
            return text
        shown = ", ".join(f"{k}={v}" for k, v in self.params.items() if k != "problems")
        return f"{self.code} ({shown})" if shown else self.code

    def to_dict(self, message: str | None = None) -> dict[str, Any]:
        """`message`: the words to show (desk.capabilities.describe); the log form if None."""
        return {"code": self.code, "message": self.message if message is None else message,
                "params": self.params}
