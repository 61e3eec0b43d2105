"""What a command (or a sync) changed, as kinds of things a screen shows — not table names.

Like Anki's OpChanges: the bus returns `Changes(kinds, initiator)`; each screen says which kinds
it shows and refreshes when one of them changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SYNC_INITIATOR = "sync"  # the initiator of changes pulled from the central server


class Changed(StrEnum):
    STORE = "store"  # the store's and counters' names
    STAFF = "staff"
    LOGINS = "logins"  # log-ins, failed PINs, lockouts
    CATALOG = "catalog"  # categories and products
    CUSTOMERS = "customers"
    RECEIPTS = "receipts"
    RETURNS = "returns"
    COMPENSATIONS = "compensations"
    APPROVALS = "approvals"  # manager and head-office decisions on cases
    POLICIES = "policies"
    SIGNATURES = "signatures"
    TICKETS = "tickets"
    CONFLICTS = "conflicts"
    PRINT_JOBS = "print_jobs"
    CLOSURES = "closures"  # Z closures of a business day
    SETTINGS = "settings"  # this counter's settings (printer, central server)


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[Changed] = frozenset()
    initiator: str = ""  # the staff id who ran the command; SYNC_INITIATOR for pulled events

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: frozenset[Changed]) -> bool:
        return bool(self.kinds & kinds)
