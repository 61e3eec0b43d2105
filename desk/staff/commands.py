"""Commands of staff: registration, PINs, log-in.

`docs/commands.md` documents every field; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class RegisterStaff(Command):
    name: ClassVar[str] = "register_staff"
    staff_id: str
    staff_name: str
    role: str
    pin: str


@dataclass(frozen=True)
class ChangeStaffPin(Command):
    name: ClassVar[str] = "change_staff_pin"
    staff_id: str
    pin: str


@dataclass(frozen=True)
class DeactivateStaff(Command):
    name: ClassVar[str] = "deactivate_staff"
    staff_id: str


@dataclass(frozen=True)
class LogIn(Command):
    name: ClassVar[str] = "log_in"
    public: ClassVar[bool] = True
    staff_id: str
    pin: str


# --- what the handlers return -------------------------------------------------------------------

@dataclass(frozen=True)
class StaffRegistered:
    staff_id: str
    role: str


@dataclass(frozen=True)
class StaffChanged:
    """A PIN changed or an account deactivated."""

    staff_id: str


@dataclass(frozen=True)
class SignedIn:
    """Who signed in and the areas of the app their role opens (desk.staff.roles.AREAS_BY_ROLE)."""

    staff_id: str
    name: str
    role: str
    areas: tuple[str, ...]
