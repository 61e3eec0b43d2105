"""Checks of values every capability's commands share."""

from __future__ import annotations

from desk.platform.errors import DeskError


def require(value: str | None, field: str) -> str:
    """The text without surrounding blanks; refused when there is none."""
    if value is None or not value.strip():
        raise DeskError("value.required", field=field)
    return value.strip()


def mask_phone(phone: str) -> str:
    """138****5678: enough for the clerk to confirm with the customer, no more on a screen or a
    slip. Only digits are kept; a mobile number (11 digits or more) shows its first 3 and last 4,
    a shorter one only its last 4, and one under 8 digits nothing: at least 4 digits stay hidden."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) >= 8:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)
