"""The warranty of a repair, read for the intake: the purchase it counts from (the receipt, or the
receipt line that sold the serial), the policy terms of the product's category as the purchase's
version says, and the serial's earlier tickets in every store (the tickets projection: other
stores' tickets arrive by sync). The verdict itself is desk/repairs/warranty.py (pure).

`intake_warranty` is what the intake screen asks before the ticket is opened (the words, and
whether an exchange or return is offered instead); the open_ticket handler records the very same
verdict in the ticket.opened fact."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.catalog.queries import product_category_kind
from desk.platform.errors import DeskError
from desk.policies import queries as policies
from desk.repairs import tables as repairs_t
from desk.repairs.rules import EXPLANATION_STEP
from desk.repairs.warranty import FAULT_KINDS, PastRepair, Terms, Verdict, verdict
from desk.sales.queries import purchase_of


@dataclass(frozen=True)
class IntakeWarranty:
    verdict: Verdict
    receipt_no: str  # the purchase counted from ("" when none was found): the returns hand-over

    @property
    def offer(self) -> bool:
        """A repeat of the same fault within 三包: offer an exchange or a return instead."""
        return self.verdict.offer and bool(self.receipt_no)

    def recorded(self) -> dict[str, Any]:
        return {**self.verdict.to_dict(), "receipt_no": self.receipt_no}


def serial_history(conn: Connection, serial: str, exclude: str = "") -> list[PastRepair]:
    """Every ticket of the serial this database knows (every store), but `exclude`."""
    serial = serial.strip()
    if not serial:
        return []
    tk = repairs_t.tickets.c
    rows = conn.execute(select(tk.code, tk.fault_kind, tk.opened_at, tk.status, tk.step)
                        .where(tk.serial == serial, tk.code != exclude)).all()
    # repaired: picked up (the demonstrations of step 7 done), not returned unrepaired
    return [PastRepair(r.code, r.fault_kind, date.fromisoformat(r.opened_at[:10]),
                       r.status == "archived" or (r.status == "open"
                                                  and r.step > EXPLANATION_STEP))
            for r in rows]


def terms_for(conn: Connection, category_kind: str, purchase: date, today: date) -> Terms | None:
    """The policy's windows for the category, from the version that governed the purchase."""
    policy = policies.for_connection(conn)
    warranty = policy.warranty_rule(category_kind, purchase, today)
    if warranty is None:
        return None
    returns = policy.return_rule(category_kind, purchase, today)
    return Terms(return_days=int(returns["return_days"]),
                 exchange_days=int(returns["exchange_days"]),
                 repair_days=int(warranty["repair_days"]), lifetime=bool(warranty["lifetime"]),
                 lifetime_faults=tuple(warranty["lifetime_faults"]),
                 repeat_offer_after=int(warranty["repeat_offer_after"]),
                 rule=f"{returns.rule.id}+{warranty.rule.id}", version=warranty.version)


def require_fault_kind(fault_kind: str) -> str:
    kind = fault_kind.strip()
    if kind and kind not in FAULT_KINDS:
        raise DeskError("repair.fault_kind_unknown", fault_kind=kind)
    return kind


def intake_warranty(conn: Connection, sku: str, serial: str, receipt_no: str | None,
                    fault_kind: str, today: date, exclude: str = "") -> IntakeWarranty:
    """The verdict for a repair of `sku`/`serial` opened today (before the ticket exists)."""
    kind = require_fault_kind(fault_kind)
    category = product_category_kind(conn, sku.strip())
    if category is None:
        raise DeskError("product.unknown", sku=sku)
    purchase = purchase_of(conn, receipt_no or None, sku.strip(), serial)
    history = serial_history(conn, serial, exclude)
    if purchase is None:
        return IntakeWarranty(verdict(None, None, today, kind, history), "")
    bought = date.fromisoformat(purchase.sold_at[:10])
    terms = terms_for(conn, category, bought, today)
    if terms is None:  # no warranty rule for the category: a paid repair
        terms = Terms(0, 0, 0, version=policies.for_connection(conn).at(bought).version)
    return IntakeWarranty(verdict(terms, bought, today, kind, history), purchase.receipt_no)


@dataclass(frozen=True)
class TicketWarranty:
    """The verdict a ticket recorded at intake (None for tickets opened before verdicts)."""

    code: str
    fault_kind: str
    recorded: dict[str, Any] | None

    @property
    def free_reason(self) -> str | None:
        return None if self.recorded is None else str(self.recorded.get("free_reason", ""))

    @property
    def offer(self) -> bool:
        return bool(self.recorded and self.recorded.get("offer")
                    and self.recorded.get("receipt_no"))


def ticket_warranty(conn: Connection, code: str) -> TicketWarranty:
    tk = repairs_t.tickets.c
    row = conn.execute(select(tk.code, tk.fault_kind, tk.warranty)
                       .where(tk.code == code.strip())).first()
    if row is None:
        raise DeskError("ticket.unknown", code=code)
    return TicketWarranty(row.code, row.fault_kind, json.loads(row.warranty) if row.warranty
                          else None)
