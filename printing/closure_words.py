"""The Chinese words of the closure report (PDF and thermal summary): codes never print raw."""

from __future__ import annotations

from desk.platform.money import format_yuan
from desk.repairs.rules import CHECKLIST_STEPS
from printing.documents import TENDER_NAMES

RULES = {"fraud": "欺诈补偿", "unsafe_food": "食品安全补偿", "quality": "质量问题补偿",
         "service_complaint": "服务投诉补偿", "late_repair": "维修超期补偿"}
OVERRIDES = {"cash_back": "非现金改退现金", "return.window_passed": "超过退货期限",
             "return.opened": "已拆封", "return.exchange_only": "仅限换货",
             "return.repair_only": "仅限维修", "return.no_receipt_too_old": "无小票超期",
             "return.no_receipt_refused": "无小票退货"}
STEPS = dict(zip(range(1, len(CHECKLIST_STEPS) + 1),
                 ("登记", "检测", "报价", "维修", "清洁", "测试", "讲解", "回访", "归档"),
                 strict=True))
KINDS = {"return": "退货", "compensation": "补偿", "ticket": "维修单"}
# the words of desk/repairs/rules.WAIVER_REASONS (as ui/repairs/words.py shows them)
WAIVER_REASONS = {"not_applicable": "不适用", "customer_declined": "顾客拒绝",
                  "part_unavailable": "缺少配件", "customer_absent": "顾客不在场",
                  "other": "其他"}
SERVICE_LEVELS = {"simple": "简单", "complex": "复杂", "major": "重大"}


def yuan(fen: int) -> str:
    return format_yuan(fen)


def tender(key: str) -> str:
    return TENDER_NAMES.get(key, "其他方式")


def rule(key: str) -> str:
    return RULES.get(key, "其他补偿")


def override(key: str) -> str:
    return OVERRIDES.get(key, "其他特批")


def step(number: int) -> str:
    return STEPS.get(number, f"第{number}步")


def waiver_reason(code: str) -> str:
    return WAIVER_REASONS.get(code, "其他")


def service_level(code: str) -> str:
    return SERVICE_LEVELS.get(code, "未定级别")


def reason(text: str) -> str:
    return text or "未填写"


def category(text: str) -> str:
    return text or "未知品类"


def hour(h: int) -> str:
    return f"{h:02d}:00–{(h + 1) % 24:02d}:00"


def denomination(fen: int) -> str:
    return f"{fen // 100} 元" if fen >= 100 else f"{fen // 10} 角"


def person(staff_id: str, names: dict[str, str] | None) -> str:
    if not staff_id:
        return "—"
    name = (names or {}).get(staff_id, "")
    return f"{name}（{staff_id}）" if name and name != staff_id else staff_id
