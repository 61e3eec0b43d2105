"""A decision's rules in the clerk's and the customer's words (pure).

A decision keeps, for audit, which rule of which policy version applied with which numbers
(`{"rule": "return.clothing", "version": "2026.2", "numbers": {"days": 3, "return_days": 45}}`).
The screen and the customer's copy say it in a sentence — "衣物 45 天内可退，今天是第 3 天" — and
only the store's copy and the small print carry the rule id and version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk.platform.errors import ErrorText
from desk.platform.money import format_yuan

# rule id -> sentence; {x_yuan} is the number x_fen as an amount, the others as they are.
EXPLANATIONS: dict[str, ErrorText] = {
    "return.fresh_food": ErrorText(
        "fresh food can be returned within {return_days} days (by taste too, even opened);"
        " today is day {days}",
        "生鲜 {return_days} 天内可退（口味不满意、已开封也可），今天是第 {days} 天"),
    "return.clothing": ErrorText(
        "clothing can be returned within {return_days} days; today is day {days}",
        "衣物 {return_days} 天内可退，今天是第 {days} 天"),
    "return.appliance": ErrorText(
        "appliances: return within {return_days} days, exchange within {exchange_days} days"
        " (Three Guarantees); today is day {days}",
        "家电：{return_days} 天内可退、{exchange_days} 天内可换（三包），今天是第 {days} 天"),
    "return.jewelry": ErrorText(
        "jewelry goes back within {return_days} days, only with its buyer; today is day {days}",
        "珠宝 {return_days} 天内可退，仅限购买人本人，今天是第 {days} 天"),
    "return.general": ErrorText(
        "goods can be returned within {return_days} days; today is day {days}",
        "商品 {return_days} 天内可退，今天是第 {days} 天"),
    "return.no_receipt": ErrorText(
        "without the receipt (found by phone or member card): within {max_days} days",
        "无小票退货（凭手机号或会员卡查到购买记录）：{max_days} 天内可退"),
    "refund.paid_amount": ErrorText(
        "the refund is what was actually paid, discounts shared by price; points earned are"
        " taken back",
        "按实付金额退款（优惠按价格比例分摊），所得积分扣回"),
    "tender.wechat_pay": ErrorText(
        "back to WeChat Pay within {channel_days} days of the payment",
        "{channel_days} 天内原路退回微信支付"),
    "tender.alipay": ErrorText(
        "back to Alipay within {channel_days} days of the payment",
        "{channel_days} 天内原路退回支付宝"),
    "tender.bank_card": ErrorText(
        "back to the bank card within {channel_days} days of the payment",
        "{channel_days} 天内原路退回银行卡"),
    "tender.store_card": ErrorText("back to the store card", "原路退回储值卡"),
    "tender.cash": ErrorText("paid back in cash", "以现金退回"),
    "refund.cash_for_non_cash": ErrorText(
        "cash for a non-cash payment only with a manager's approval and reason",
        "非现金支付改退现金须店长批准并说明原因"),
    "signature.refund": ErrorText(
        "the customer signs a refund above {refund_above_yuan}",
        "退款超过 {refund_above_yuan} 须顾客签名"),
    "authority.limits": ErrorText(
        "a clerk refunds up to {clerk_refund_yuan}, a manager up to {manager_limit_yuan};"
        " above that head office decides",
        "店员可直接退款（{clerk_refund_yuan} 以内），店长 {manager_limit_yuan} 以内，"
        "超过由总部审批"),
    "comp.fraud": ErrorText(
        "fraud (Consumer Rights Protection Law art. 55): {price_multiple} times the price,"
        " at least {minimum_yuan}: {amount_yuan}, on top of the refund",
        "欺诈（《消费者权益保护法》第五十五条）：价款的 {price_multiple} 倍，最低 {minimum_yuan}，"
        "共 {amount_yuan}，另行退款"),
    "comp.unsafe_food": ErrorText(
        "unsafe food (Food Safety Law art. 148): {price_multiple} times the price or"
        " {loss_multiple} times the loss, at least {minimum_yuan}: {amount_yuan}",
        "不安全食品（《食品安全法》第一百四十八条）：价款 {price_multiple} 倍或损失 "
        "{loss_multiple} 倍，最低 {minimum_yuan}，共 {amount_yuan}"),
    "comp.quality": ErrorText(
        "quality problem: {base_yuan} plus the agreed extra loss (up to {extra_loss_cap_yuan}):"
        " {amount_yuan}",
        "质量问题：基础补偿 {base_yuan}，另加协商损失（{extra_loss_cap_yuan} 以内），共 "
        "{amount_yuan}"),
    "comp.service_complaint": ErrorText(
        "a verified service complaint: {amount_yuan}",
        "服务投诉核实：补偿 {amount_yuan}"),
    "comp.late_repair": ErrorText(
        "late repair: {per_day_yuan} a day past the promised date, at most {max_days} days:"
        " {amount_yuan}",
        "维修超期：每超一天 {per_day_yuan}，最多 {max_days} 天，共 {amount_yuan}"),
}
# A rule whose numbers differ by the kind of case: the sentence whose numbers are all there.
ALTERNATIVES: dict[str, tuple[ErrorText, ...]] = {
    "authority.limits": (EXPLANATIONS["authority.limits"], ErrorText(
        "a clerk grants goodwill up to {clerk_goodwill_yuan}, a manager up to"
        " {manager_limit_yuan} and every statutory payout",
        "店员可给予 {clerk_goodwill_yuan} 以内的补偿，店长 {manager_limit_yuan} 以内"
        "及所有法定补偿")),
}
FALLBACK = ErrorText("as the store's policy says", "按本店政策规定办理")


def _params(numbers: Mapping[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = dict(numbers)
    for key, value in numbers.items():
        if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
            params[key[:-4] + "_yuan"] = format_yuan(value)
    return params


def sentence(rule: Mapping[str, Any], language: str) -> str:
    """One rule of a decision in words, in `language` ("zh_CN" or "en")."""
    rule_id = str(rule.get("rule", ""))
    params = _params(rule.get("numbers", {}))
    candidates = ALTERNATIVES.get(rule_id) or (EXPLANATIONS.get(rule_id, FALLBACK),)
    for text in candidates:
        try:
            return (text.zh if language.startswith("zh") else text.en).format(**params)
        except (KeyError, IndexError, ValueError):
            continue
    return FALLBACK.zh if language.startswith("zh") else FALLBACK.en


def sentences(rules: list[Mapping[str, Any]], language: str) -> list[str]:
    return [sentence(rule, language) for rule in rules]


def audit_line(rule: Mapping[str, Any]) -> str:
    """The rule id and version, for the store's copy and the screen's small print."""
    return f"{rule.get('rule', '')} v{rule.get('version', '')}"
