"""The approvals service: the one place every capability asks "may this happen?".

- `needs_approver(role, level)`: does an actor with this role need someone else for a decision of
  this authority level (clerk, manager, head_office)? The UI asks it before showing a PIN box.
- `check_pin(uow, staff, pin, now_ms)`: the PIN check with lockout, shared by log-in and
  approvals: every failure is a journal fact (so a lockout survives a restart), and a wrong PIN
  refuses the command while keeping that fact (`CommittedRefusal`).
- `approve(...)`: who approves a case of `level` at the counter: the actor when their role
  allows it, else the manager whose staff id and PIN came with the command.

Returns and compensation use it now; checklist waivers next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk.platform.bus import CommittedRefusal, Context
from desk.platform.errors import DeskError
from desk.platform.roles import Role
from desk.platform.uow import UnitOfWork
from desk.staff.authority import role_may_approve
from desk.staff.queries import login_state, staff_row
from desk.staff.rules import pin_matches


@dataclass(frozen=True)
class ApproverNeed:
    """What the screen shows before a decision: whether a manager's PIN is needed, and why."""

    needed: bool
    level: str  # clerk, manager, head_office
    waits_for_head_office: bool


def needs_approver(role: Role | None, level: str) -> ApproverNeed:
    return ApproverNeed(needed=not role_may_approve(None if role is None else role.value, level)
                        and level != "head_office",
                        level=level, waits_for_head_office=level == "head_office")


def local_hhmmss(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%H:%M:%S")


def check_pin(uow: UnitOfWork, staff: Any, pin: str, now_ms: int) -> None:
    """Refuse a locked account or a wrong PIN; a failure is recorded (and counts to lockout)."""
    state = login_state(uow.conn, staff.staff_id)
    if state.locked_at(now_ms):
        raise DeskError("auth.locked", until=local_hhmmss(state.locked_until_ms),
                        until_ms=state.locked_until_ms)
    if pin_matches(pin, staff.pin_hash):
        return
    after = state.after_failure(now_ms)
    uow.record("staff.login_failed", staff.staff_id, {
        "at_ms": now_ms, "failed_count": after.failed_count,
        "locked_until_ms": after.locked_until_ms})
    if after.locked_at(now_ms):
        raise CommittedRefusal("auth.locked", until=local_hhmmss(after.locked_until_ms),
                               until_ms=after.locked_until_ms)
    raise CommittedRefusal("auth.wrong_pin", remaining=after.remaining_tries)


def approve(uow: UnitOfWork, ctx: Context, *, level: str, reasons: list[str], approver_id: str,
            approver_pin: str) -> str:
    """The staff id who approves a case of `level`: the actor when their role allows it, else the
    approver whose PIN is good and whose role allows it. Head-office cases never pass here."""
    if not needs_approver(ctx.role, level).needed and level != "head_office":
        return uow.actor
    if not approver_id.strip():
        raise DeskError("approval.required", level=level, reasons=", ".join(reasons))
    approver_id = approver_id.strip()
    staff = staff_row(uow.conn, approver_id)
    if staff is None or not staff.active:
        raise DeskError("auth.unknown_staff", staff_id=approver_id)
    check_pin(uow, staff, approver_pin, ctx.clock.now_ms())
    if not role_may_approve(staff.role, level):
        raise DeskError("approval.not_allowed", approver_id=approver_id, role=staff.role,
                        level=level)
    return approver_id
