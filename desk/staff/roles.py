"""Staff roles and what each may do. The counter, workshop and manager views follow from these."""

from __future__ import annotations

from enum import StrEnum

from desk.platform.errors import DeskError


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    MANAGER = "manager"
    ADMIN = "admin"


# Which areas of the app a role opens. Managers can also stand at the counter.
AREAS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.CLERK: ("counter",),
    Role.TECHNICIAN: ("workshop",),
    Role.MANAGER: ("counter", "workshop", "manager"),
    Role.ADMIN: ("counter", "workshop", "manager", "admin"),
}

# Roles allowed to run a command; a command not listed is open to every active staff member.
ROLES_FOR_COMMAND: dict[str, frozenset[Role]] = {
    "register_staff": frozenset({Role.MANAGER, Role.ADMIN}),
    "change_staff_pin": frozenset({Role.MANAGER, Role.ADMIN}),
    "initialise_counter": frozenset(),  # the system actor only (desk init, desk demo)
    "deactivate_staff": frozenset({Role.MANAGER, Role.ADMIN}),
    "define_category": frozenset({Role.MANAGER, Role.ADMIN}),
    "register_product": frozenset({Role.MANAGER, Role.ADMIN}),
    "record_sale": frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN}),
    "import_sales": frozenset({Role.MANAGER, Role.ADMIN}),
    "resolve_conflict": frozenset({Role.MANAGER, Role.ADMIN}),
    # returns, refunds, compensation (issue 5); above-limit cases also need an approver's PIN
    "record_return": frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN}),
    "award_compensation": frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN}),
    "decide_head_office": frozenset({Role.ADMIN}),  # head office's staff
    "publish_policy": frozenset({Role.ADMIN}),
}


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise DeskError("role.unknown", role=text) from None


def may_run(role: Role, command_name: str) -> bool:
    allowed = ROLES_FOR_COMMAND.get(command_name)
    return allowed is None or role in allowed
