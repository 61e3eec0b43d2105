"""Repairs' words on screen: step names, waiver reasons, the core's repair error codes (their
Chinese and English come with the capability: desk/repairs/errors.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

translate = QCoreApplication.translate


def chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def step_name(key: str) -> str:
    return {
        "booking": translate("repairs", "Booking"),
        "diagnosis": translate("repairs", "Diagnosis"),
        "quote": translate("repairs", "Quote"),
        "repair": translate("repairs", "Repair"),
        "cleaning": translate("repairs", "Cleaning"),
        "testing": translate("repairs", "Testing"),
        "explanation": translate("repairs", "Explanation"),
        "follow_up": translate("repairs", "Follow-up"),
        "archive": translate("repairs", "Archive"),
    }.get(key, key)


def reason_name(code: str) -> str:
    return {
        "not_applicable": translate("repairs", "Not applicable"),
        "customer_declined": translate("repairs", "Customer declined"),
        "part_unavailable": translate("repairs", "Part unavailable"),
        "customer_absent": translate("repairs", "Customer absent"),
        "other": translate("repairs", "Other"),
    }.get(code, code)


def unit_name(unit: str) -> str:
    """A value check's unit in the screen's language (the checklists write the satisfaction
    score's in Chinese, 分; the others are symbols: V, N, g)."""
    return {"分": translate("repairs", "points")}.get(unit, unit)


def checklist_title(zh: str, en: str) -> str:
    """The checklist's name in the screen's language (a checklist without English shows its
    Chinese name rather than nothing)."""
    return (en or zh) if not chinese() else (zh or en)
