"""Closure commands: closing a business day (a Z closure) for a counter or the whole store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class CloseDay(Command):
    """Close `business_date` (YYYY-MM-DD) for a counter (`device_id`: this counter's own) or the
    whole store (empty). `counted` is the blind count: {denomination_fen: pieces}. The second
    person counts too and enters their own PIN; both sign the report's fingerprint on the pad
    (signature ids from capture_signature for the document desk.closure.queries.closure_preview
    gives). A variance above the tolerance needs `variance_note`; unsynced events or open
    conflicts need `confirm_unsynced` (recorded in the fact)."""

    name: ClassVar[str] = "close_day"
    limits: ClassVar[Mapping[str, int]] = {"variance_note": 500}
    business_date: str
    counted: dict[int, int] = field(default_factory=dict)
    opening_float_fen: int = 0
    device_id: str = ""
    second_counter_id: str = ""
    second_counter_pin: str = ""
    variance_note: str = ""
    manager_signature_id: str = ""
    second_signature_id: str = ""
    confirm_unsynced: bool = False
