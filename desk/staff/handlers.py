"""Staff: registration, PINs, log-in with lockout."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.bus import CommittedRefusal, Context, handles
from desk.platform.commands import ChangeStaffPin, DeactivateStaff, LogIn, RegisterStaff
from desk.platform.errors import DeskError
from desk.platform.queries import staff_row
from desk.platform.uow import UnitOfWork
from desk.staff.roles import AREAS_BY_ROLE, Role, parse_role
from desk.staff.rules import LoginState, check_pin, hash_pin, validate_pin


@handles(RegisterStaff)
def register_staff(cmd: RegisterStaff, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    role = parse_role(cmd.role)
    if ctx.role is Role.MANAGER and role in (Role.MANAGER, Role.ADMIN):
        raise DeskError("auth.forbidden", role=ctx.role.value, command=f"{cmd.name}:{role.value}")
    record_new_staff(uow, cmd.staff_id, cmd.staff_name, role, cmd.pin)
    return {"staff_id": cmd.staff_id, "role": role.value}


def record_new_staff(uow: UnitOfWork, staff_id: str, name: str, role: Role, pin: str) -> None:
    _require(staff_id, "staff_id")
    _require(name, "staff_name")
    validate_pin(pin)
    if staff_row(uow.conn, staff_id) is not None:
        raise DeskError("staff.exists", staff_id=staff_id)
    uow.record("staff.registered", staff_id, {
        "staff_id": staff_id, "name": name, "role": role.value, "pin_hash": hash_pin(pin),
    })


@handles(ChangeStaffPin)
def change_pin(cmd: ChangeStaffPin, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    if staff_row(uow.conn, cmd.staff_id) is None:
        raise DeskError("staff.unknown", staff_id=cmd.staff_id)
    validate_pin(cmd.pin)
    uow.record("staff.pin_changed", cmd.staff_id, {"pin_hash": hash_pin(cmd.pin)})
    return {"staff_id": cmd.staff_id}


@handles(DeactivateStaff)
def deactivate(cmd: DeactivateStaff, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    if staff_row(uow.conn, cmd.staff_id) is None:
        raise DeskError("staff.unknown", staff_id=cmd.staff_id)
    uow.record("staff.deactivated", cmd.staff_id, {})
    return {"staff_id": cmd.staff_id}


@handles(LogIn)
def log_in(cmd: LogIn, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    """Check the PIN; every attempt on a known account is recorded, so lockouts survive restarts."""
    staff = staff_row(uow.conn, cmd.staff_id)
    if staff is None or not staff.active:
        raise DeskError("auth.unknown_staff", staff_id=cmd.staff_id)
    now = ctx.clock.now_ms()
    state = _login_state(uow, cmd.staff_id)
    if state.locked_at(now):
        raise DeskError("auth.locked", until=_local_hhmm(state.locked_until_ms),
                        until_ms=state.locked_until_ms)
    if not check_pin(cmd.pin, staff.pin_hash):
        after = state.after_failure(now)
        uow.record("staff.login_failed", cmd.staff_id, {
            "at_ms": now, "failed_count": after.failed_count,
            "locked_until_ms": after.locked_until_ms,
        })
        if after.locked_at(now):
            raise CommittedRefusal("auth.locked", until=_local_hhmm(after.locked_until_ms),
                                   until_ms=after.locked_until_ms)
        raise CommittedRefusal("auth.wrong_pin", remaining=after.remaining_tries)
    uow.record("staff.logged_in", cmd.staff_id, {"at_ms": now})
    role = Role(staff.role)
    return {"staff_id": staff.staff_id, "name": staff.name, "role": role.value,
            "areas": list(AREAS_BY_ROLE[role])}


def _login_state(uow: UnitOfWork, staff_id: str) -> LoginState:
    row = uow.conn.execute(select(t.staff_auth).where(t.staff_auth.c.staff_id == staff_id)).first()
    if row is None:
        return LoginState()
    return LoginState(row.failed_count, row.locked_until_ms)


def _local_hhmm(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%H:%M:%S")


def _require(value: str, field: str) -> None:
    if not value.strip():
        raise DeskError("value.required", field=field)
