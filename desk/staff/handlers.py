"""Staff: registration, PINs, log-in with lockout."""

from __future__ import annotations

from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.roles import Role, parse_role
from desk.platform.uow import UnitOfWork
from desk.staff.approvals import check_pin
from desk.staff.commands import (
    ChangeStaffPin,
    DeactivateStaff,
    LogIn,
    RegisterStaff,
    SignedIn,
    StaffChanged,
    StaffRegistered,
)
from desk.staff.queries import staff_row
from desk.staff.roles import AREAS_BY_ROLE
from desk.staff.rules import hash_pin, validate_pin


def register_staff(cmd: RegisterStaff, uow: UnitOfWork, ctx: Context) -> StaffRegistered:
    role = parse_role(cmd.role)
    if ctx.role is Role.MANAGER and role in (Role.MANAGER, Role.ADMIN):
        raise DeskError("auth.forbidden", role=ctx.role.value, command=f"{cmd.name}:{role.value}")
    record_new_staff(uow, cmd.staff_id, cmd.staff_name, role, cmd.pin)
    return StaffRegistered(cmd.staff_id, role.value)


def record_new_staff(uow: UnitOfWork, staff_id: str, name: str, role: Role, pin: str) -> None:
    _require(staff_id, "staff_id")
    _require(name, "staff_name")
    validate_pin(pin)
    if staff_row(uow.conn, staff_id) is not None:
        raise DeskError("staff.exists", staff_id=staff_id)
    uow.record("staff.registered", staff_id, {
        "staff_id": staff_id, "name": name, "role": role.value, "pin_hash": hash_pin(pin),
    })


def change_pin(cmd: ChangeStaffPin, uow: UnitOfWork, ctx: Context) -> StaffChanged:
    if staff_row(uow.conn, cmd.staff_id) is None:
        raise DeskError("staff.unknown", staff_id=cmd.staff_id)
    validate_pin(cmd.pin)
    uow.record("staff.pin_changed", cmd.staff_id, {"pin_hash": hash_pin(cmd.pin)})
    return StaffChanged(cmd.staff_id)


def deactivate(cmd: DeactivateStaff, uow: UnitOfWork, ctx: Context) -> StaffChanged:
    if staff_row(uow.conn, cmd.staff_id) is None:
        raise DeskError("staff.unknown", staff_id=cmd.staff_id)
    uow.record("staff.deactivated", cmd.staff_id, {})
    return StaffChanged(cmd.staff_id)


def log_in(cmd: LogIn, uow: UnitOfWork, ctx: Context) -> SignedIn:
    """Check the PIN; every attempt on a known account is recorded, so lockouts survive restarts."""
    staff = staff_row(uow.conn, cmd.staff_id)
    if staff is None or not staff.active:
        raise DeskError("auth.unknown_staff", staff_id=cmd.staff_id)
    now = ctx.clock.now_ms()
    check_pin(uow, staff, cmd.pin, now)
    uow.record("staff.logged_in", cmd.staff_id, {"at_ms": now})
    role = Role(staff.role)
    return SignedIn(staff.staff_id, staff.name, role.value, tuple(AREAS_BY_ROLE[role]))


def _require(value: str, field: str) -> None:
    if not value.strip():
        raise DeskError("value.required", field=field)
