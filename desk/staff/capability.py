"""Staff: who works here, their roles, PINs and lockout; approvals."""

from __future__ import annotations

from desk.platform.registry import EVERYONE, Capability, CommandSpec
from desk.platform.roles import Role
from desk.staff import tables
from desk.staff.commands import ChangeStaffPin, DeactivateStaff, LogIn, RegisterStaff
from desk.staff.errors import ERRORS
from desk.staff.handlers import change_pin, deactivate, log_in, register_staff
from desk.staff.projections import PROJECTORS

CAPABILITY = Capability(
    name="staff",
    errors=ERRORS,
    commands=(
        CommandSpec(RegisterStaff, register_staff, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(ChangeStaffPin, change_pin, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(DeactivateStaff, deactivate, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(LogIn, log_in, EVERYONE),
    ),
    projectors=PROJECTORS,
    tables=(tables.staff, tables.staff_auth),
)
