"""Commands of repairs: tickets.

`docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class OpenTicket(Command):
    name: ClassVar[str] = "open_ticket"
    code: str
    sku: str
    fault: str
    promised_date: str  # YYYY-MM-DD
    service_level: str = "simple"  # simple, complex, major
    serial: str = ""
    receipt_no: str | None = None
    customer_id: str | None = None


@dataclass(frozen=True)
class TicketOpened:
    code: str
