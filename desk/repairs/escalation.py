"""Escalating a ticket to the manager when its service level is breached, its promised date has
passed or it has had no news for too long (desk/repairs/service_levels.py decides which holds)."""

from __future__ import annotations

from typing import Any

from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.uow import UnitOfWork
from desk.repairs.commands import EscalateTicket
from desk.repairs.service_levels import REASONS, standing, to_escalate
from desk.repairs.service_queries import ticket_clock


def escalate_ticket(cmd: EscalateTicket, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    """Refused when the reason is unknown, does not hold now, or was escalated already (a stale
    ticket may be escalated again once it has had news and gone quiet again)."""
    if cmd.reason not in REASONS:
        raise DeskError("repair.escalation_reason_unknown")
    code = cmd.ticket_code.strip()
    clock = ticket_clock(uow.conn, code)
    if clock is None:
        raise DeskError("ticket.unknown", code=code)
    now = ctx.clock.local_now().isoformat(timespec="seconds")
    if cmd.reason not in standing(clock, now):
        raise DeskError("repair.not_escalable", code=code)
    if cmd.reason not in to_escalate(clock, now):
        raise DeskError("repair.already_escalated", code=code)
    event = uow.record("ticket.escalated", code, {
        "reason": cmd.reason, "note": cmd.note.strip(), "at": now})
    return {"event_id": event.event_id, "reason": cmd.reason}
