"""Checks of values every capability's commands share."""

from __future__ import annotations

from desk.platform.errors import DeskError


def require(value: str | None, field: str) -> str:
    """The text without surrounding blanks; refused when there is none."""
    if value is None or not value.strip():
        raise DeskError("value.required", field=field)
    return value.strip()
