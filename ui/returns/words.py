"""The return screen's words: reasons, tenders, where the money goes, who approves, and the
decision said in sentences (rule ids only in small print, for the store)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication

from desk.platform.money import format_yuan
from desk.returns.explain import audit_line, sentences
from ui.i18n import current_language

translate = QCoreApplication.translate
REASONS = ("", "size", "quality", "changed_mind", "not_as_described", "gift", "other")


def reason_text(code: str) -> str:
    return {
        "": translate("ReturnPage", "(no reason given)"),
        "size": translate("ReturnPage", "Size or fit"),
        "quality": translate("ReturnPage", "Quality problem"),
        "changed_mind": translate("ReturnPage", "Changed my mind"),
        "not_as_described": translate("ReturnPage", "Not as described"),
        "gift": translate("ReturnPage", "Unwanted gift"),
        "other": translate("ReturnPage", "Other"),
    }[code]


def tender_text(tender: str) -> str:
    return {"cash": translate("ReturnPage", "Cash"),
            "bank_card": translate("ReturnPage", "Bank card"),
            "wechat_pay": translate("ReturnPage", "WeChat Pay"),
            "alipay": translate("ReturnPage", "Alipay"),
            "store_card": translate("ReturnPage", "Store card")}.get(
        tender, translate("ReturnPage", "Other payment"))


def route_text(route: str) -> str:
    return {"original": translate("ReturnPage", "back to the same account"),
            "cash": translate("ReturnPage", "paid out in cash (manager override)"),
            "bank_transfer": translate("ReturnPage",
                                       "by bank transfer (the channel's window has passed)"),
            }.get(route, translate("ReturnPage", "as the manager decides"))


def level_text(level: str) -> str:
    return {"clerk": translate("ReturnPage", "within the clerk's authority"),
            "manager": translate("ReturnPage", "a manager approves (staff id and PIN)"),
            "head_office": translate("ReturnPage", "above the manager's limit: recorded as "
                                                   "pending until head office approves"),
            }.get(level, translate("ReturnPage", "a manager approves (staff id and PIN)"))


def overridable(decision: dict[str, Any]) -> bool:
    refusals = decision.get("refusals", [])
    return bool(refusals) and all(r["overridable"] for r in refusals)


def explanation(d: dict[str, Any]) -> str:
    """The decision as rich text: the money, the approver, the signature, the rules in words,
    then the policy version and rule ids in small print."""
    e = html.escape
    parts = []
    for td in d["tenders"]:
        parts.append(f"<b>{e(format_yuan(td['amount_fen']))}</b> {e(tender_text(td['tender']))}"
                     f" — {e(route_text(td['route']))}")
    if d["gift_deduction_fen"]:
        parts.append(e(translate("ReturnPage", "Gift not brought back: %1 deducted").replace(
            "%1", format_yuan(d["gift_deduction_fen"]))))
    if d["points_reversed"]:
        parts.append(e(translate("ReturnPage", "%1 points taken back").replace(
            "%1", str(d["points_reversed"]))))
    if d["refusals"]:
        parts.append(e(translate("ReturnPage", "A manager may override this, with a reason.")
                       if overridable(d) else
                       translate("ReturnPage", "This cannot be overridden: nothing can be "
                                               "refunded for these lines.")))
    else:
        parts.append(e(level_text(d["approval"]["level"])))
    if d["signature"]["required"]:
        parts.append(e(translate("ReturnPage", "The customer signs.")))
    parts += [e(words) for words in sentences(d["rules"], current_language())]
    audit = " · ".join(e(audit_line(r)) for r in d["rules"])  # for the store, in small print
    policy = translate("ReturnPage", "Policy")
    parts.append(f"<small>{e(policy)} {e(d['policy_version'])} · {audit}</small>")
    return "<br>".join(parts)
