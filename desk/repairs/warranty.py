"""Warranty at intake (pure): the statutory 三包 windows counted from the purchase date, lifetime
repair by category, and the serial's repair history — what the repair costs and whether the
customer may have an exchange or a return instead.

The windows come from the policy version that governed the purchase (desk/policies: the return
rule's `return_days`/`exchange_days`, the warranty rule's `repair_days`, `lifetime`, ...), the
history from the repairs projection (every store's tickets, brought by sync). Day 0 is the
purchase day; day N is inside an N-day window (as for returns). A repair never resets a window:
the verdict depends on the purchase date and today only, never on earlier tickets — those only
decide the exchange-or-return offer.

Chinese 三包 rules: within the repair warranty, a product repaired for the same fault and still
failing may be exchanged or returned. The policy's `repeat_offer_after` says after how many
earlier repairs of the same fault the offer is made (DESIGN.md: at the second repair, so 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# fault kind -> (English, Chinese). "other" is never "the same fault": two unclassified faults
# may be anything, and the offer must rest on a repeat the clerk can point at.
FAULT_KINDS: dict[str, tuple[str, str]] = {
    "no_power": ("does not power on", "不通电/无法开机"),
    "no_heat": ("does not heat", "不加热"),
    "leak": ("leaks", "漏水/漏液"),
    "noise": ("noise or vibration", "异响/振动"),
    "display": ("display or screen", "显示/屏幕故障"),
    "controls": ("buttons or controls", "按键/开关失灵"),
    "battery": ("battery or charging", "电池/充电"),
    "seam": ("seam open", "开线/脱线"),
    "button": ("button off", "掉扣"),
    "zipper": ("zipper", "拉链损坏"),
    "down_leak": ("down leaking", "跑绒"),
    "stone_loose": ("stone loose", "镶石松动"),
    "clasp": ("clasp or chain", "扣头/链扣损坏"),
    "other": ("other", "其他"),
}
UNCLASSIFIED = ("", "other")


@dataclass(frozen=True)
class Terms:
    """The policy's numbers for one category, as applied to this purchase."""

    return_days: int  # 三包: a faulty product may be returned up to this day
    exchange_days: int  # ... exchanged up to this day (0: no exchange window)
    repair_days: int  # the repair warranty (三包有效期): free repair up to this day; 0: none
    lifetime: bool = False  # lifetime free repair for this category
    lifetime_faults: tuple[str, ...] = ()  # the faults it covers (empty: every fault)
    repeat_offer_after: int = 1  # earlier repairs of the same fault that make the offer
    rule: str = ""  # the rule ids and version, kept in the verdict for audit
    version: str = ""


@dataclass(frozen=True)
class PastRepair:
    """An earlier ticket of the same serial (any store)."""

    code: str
    fault_kind: str
    opened_on: date
    repaired: bool  # picked up after the repair (not returned unrepaired, not still open)


@dataclass(frozen=True)
class Verdict:
    kind: str  # return, exchange, repair (all within 三包), lifetime, expired, no_purchase
    free_reason: str  # "warranty", "lifetime" or "": what the quote's charge follows
    day: int  # days since the purchase (-1: no purchase known)
    purchase_date: str
    repairs_before: int  # earlier tickets of the serial, every store
    same_fault: tuple[str, ...]  # earlier repaired tickets of the same fault within the window
    offer: bool  # exchange or return offered instead of another repair
    zh: str
    en: str
    terms: Terms | None = None

    @property
    def free(self) -> bool:
        return bool(self.free_reason)

    def to_dict(self) -> dict[str, object]:
        """What the intake records (and the intake document the customer signs carries)."""
        out: dict[str, object] = {
            "kind": self.kind, "free_reason": self.free_reason, "day": self.day,
            "purchase_date": self.purchase_date, "repairs_before": self.repairs_before,
            "same_fault": list(self.same_fault), "offer": self.offer, "zh": self.zh,
            "en": self.en}
        if self.terms is not None:
            out |= {"rule": self.terms.rule, "version": self.terms.version,
                    "repair_days": self.terms.repair_days}
        return out


def period_words(days: int) -> tuple[str, str]:
    """365 -> ("1 年", "1-year"), 90 -> ("90 天", "90-day")."""
    if days and days % 365 == 0:
        return f"{days // 365} 年", f"{days // 365}-year"
    return f"{days} 天", f"{days}-day"


def fault_words(kind: str) -> tuple[str, str]:
    en, zh = FAULT_KINDS.get(kind, (kind, kind))
    return zh, en


def lifetime_applies(terms: Terms, fault_kind: str) -> bool:
    return terms.lifetime and (not terms.lifetime_faults or fault_kind in terms.lifetime_faults)


def same_fault_repairs(history: Iterable[PastRepair], fault_kind: str,
                       purchase: date) -> tuple[str, ...]:
    """Earlier repaired tickets of this serial for the same (classified) fault since this
    purchase, oldest first."""
    if fault_kind in UNCLASSIFIED:
        return ()
    found = sorted((p for p in history if p.repaired and p.fault_kind == fault_kind
                    and p.opened_on >= purchase), key=lambda p: (p.opened_on, p.code))
    return tuple(p.code for p in found)


def verdict(terms: Terms | None, purchase: date | None, today: date, fault_kind: str,
            history: Iterable[PastRepair] = ()) -> Verdict:
    """The warranty of a repair opened `today`."""
    past = list(history)
    if purchase is None or terms is None:
        return Verdict("no_purchase", "", -1, "", len(past), (), False,
                       "无购买记录：按收费维修（可凭购买凭证补录）",
                       "No purchase found: a paid repair (proof of purchase can be added)",
                       terms)
    day = max(0, (today - purchase).days)  # a receipt stamped later than now: the purchase day
    period_zh, period_en = period_words(terms.repair_days)
    if terms.repair_days and day <= terms.repair_days:
        repeats = same_fault_repairs(past, fault_kind, purchase)
        offer = len(repeats) >= max(1, terms.repeat_offer_after)
        kind, zh, en = _statutory(terms, day, period_zh, period_en)
        if offer:
            zh += (f"；同一故障已修理 {len(repeats)} 次（{'、'.join(repeats)}），"
                   "顾客可选择换货或退货")
            en += (f"; the same fault was repaired {len(repeats)} time(s) before "
                   f"({', '.join(repeats)}): the customer may choose an exchange or a return")
        return Verdict(kind, "warranty", day, purchase.isoformat(), len(past), repeats, offer,
                       zh, en, terms)
    if lifetime_applies(terms, fault_kind):
        fzh, fen = fault_words(fault_kind)
        return Verdict("lifetime", "lifetime", day, purchase.isoformat(), len(past), (), False,
                       f"终身免费维修：{fzh}（购买后第 {day} 天）",
                       f"Lifetime free repair: {fen} (day {day} after purchase)", terms)
    if terms.repair_days:
        zh = f"已过三包期：收费维修（购买后第 {day} 天，三包 {period_zh}）"
        en = (f"Past the statutory warranty (Three Guarantees): a paid repair (day {day} after "
              f"purchase, {period_en} warranty)")
    else:
        zh = f"不在保修范围：收费维修（购买后第 {day} 天）"
        en = f"No warranty for this product: a paid repair (day {day} after purchase)"
    return Verdict("expired", "", day, purchase.isoformat(), len(past), (), False, zh, en,
                   terms)


def _statutory(terms: Terms, day: int, period_zh: str, period_en: str) -> tuple[str, str, str]:
    """Inside the repair warranty: which of return / exchange / repair the day still allows."""
    within = "Within the statutory warranty (Three Guarantees)"
    if day <= terms.return_days:
        return ("return",
                f"三包期内：可退货、换货或免费维修（购买后第 {day} 天，"
                f"{terms.return_days} 天内可退，三包 {period_zh}）",
                f"{within}: return, exchange or free repair (day {day} after purchase, return "
                f"within {terms.return_days} days, {period_en} warranty)")
    if day <= terms.exchange_days:
        return ("exchange",
                f"三包期内：可换货或免费维修（购买后第 {day} 天，{terms.exchange_days} 天内可换，"
                f"三包 {period_zh}）",
                f"{within}: exchange or free repair (day {day} after purchase, exchange "
                f"within {terms.exchange_days} days, {period_en} warranty)")
    return ("repair", f"三包期内：免费维修（购买后第 {day} 天，三包 {period_zh}）",
            f"{within}: free repair (day {day} after purchase, {period_en} warranty)")
