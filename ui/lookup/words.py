"""The lookup's codes in the user's language: kinds, why a hit matched, why nothing was found,
tenders, promotion kinds and checklist steps. Functions, so a language switch takes effect."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.errors import code_text

translate = QCoreApplication.translate


def kind_name(kind: str) -> str:
    return {
        "receipt": translate("lookup", "Receipt"),
        "ticket": translate("lookup", "Ticket"),
        "customer": translate("lookup", "Customer"),
        "product": translate("lookup", "Product"),
    }.get(kind, kind)


def match_name(match: str) -> str:
    return {
        "receipt_no": translate("lookup", "receipt number"),
        "ticket_code": translate("lookup", "ticket code"),
        "tracking_url": translate("lookup", "tracking link"),
        "customer_id": translate("lookup", "customer number"),
        "sku": translate("lookup", "item number"),
        "phone": translate("lookup", "phone"),
        "member_id": translate("lookup", "member number"),
        "barcode": translate("lookup", "barcode"),
        "serial": translate("lookup", "serial number"),
        "name": translate("lookup", "name"),
        "pinyin": translate("lookup", "full pinyin"),
        "pinyin_initials": translate("lookup", "pinyin initials"),
        "phone_last4": translate("lookup", "last 4 digits of phone"),
        "name_prefix": translate("lookup", "name starts with"),
        "pinyin_prefix": translate("lookup", "pinyin starts with"),
        "initials_prefix": translate("lookup", "initials start with"),
        "receipt_prefix": translate("lookup", "receipt number starts with"),
        "ticket_prefix": translate("lookup", "ticket code starts with"),
        "member_prefix": translate("lookup", "member number starts with"),
        "serial_prefix": translate("lookup", "serial starts with"),
        "phone_prefix": translate("lookup", "phone starts with"),
        "barcode_prefix": translate("lookup", "barcode starts with"),
        "name_contains": translate("lookup", "name contains"),
        "pinyin_contains": translate("lookup", "pinyin contains"),
        "initials_contains": translate("lookup", "initials contain"),
    }.get(match, match)


def reason_text(code: str | None, params: dict[str, Any]) -> str:
    """Why a search shows nothing, in words the clerk can act on (desk/lookup/errors.py)."""
    return "" if code is None else code_text(code, params)


def tender_name(tender: str) -> str:
    return {
        "cash": translate("lookup", "Cash"),
        "bank_card": translate("lookup", "Bank card"),
        "wechat_pay": translate("lookup", "WeChat Pay"),
        "alipay": translate("lookup", "Alipay"),
        "store_card": translate("lookup", "Store card"),
    }.get(tender, tender)


def promotion_name(kind: str) -> str:
    return {
        "full_reduction": translate("lookup", "Spend-and-save"),
        "coupon": translate("lookup", "Coupon"),
        "gift": translate("lookup", "Gift"),
    }.get(kind, kind)


def step_name(key: str) -> str:
    return {
        "booking": translate("lookup", "Booking"),
        "diagnosis": translate("lookup", "Diagnosis"),
        "quote": translate("lookup", "Quote"),
        "repair": translate("lookup", "Repair"),
        "cleaning": translate("lookup", "Cleaning"),
        "testing": translate("lookup", "Testing"),
        "explanation": translate("lookup", "Explanation"),
        "follow_up": translate("lookup", "Follow-up"),
        "archive": translate("lookup", "Archive"),
    }.get(key, key)


def status_name(status: str) -> str:
    return {
        "open": translate("lookup", "open"),
        "closed": translate("lookup", "closed"),
        "completed": translate("lookup", "completed"),
        "pending": translate("lookup", "waiting for head office"),
        "refused": translate("lookup", "refused"),
    }.get(status, status)


def compensation_name(kind: str) -> str:
    return {
        "fraud": translate("lookup", "Fraud (3× price)"),
        "unsafe_food": translate("lookup", "Unsafe food (10× price)"),
        "quality": translate("lookup", "Quality problem"),
        "service_complaint": translate("lookup", "Service complaint"),
        "late_repair": translate("lookup", "Late repair"),
    }.get(kind, kind)


def level_name(level: str) -> str:
    return {
        "simple": translate("lookup", "simple"),
        "complex": translate("lookup", "complex"),
        "major": translate("lookup", "major"),
    }.get(level, level)


def when(value: Any) -> str:
    return str(value or "").replace("T", " ")[:16]
