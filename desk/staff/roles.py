"""Which areas of the app each role opens (the counter, workshop and manager views follow)."""

from __future__ import annotations

from desk.platform.roles import Role

# Which areas of the app a role opens. Managers can also stand at the counter.
AREAS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.CLERK: ("counter",),
    Role.TECHNICIAN: ("workshop",),
    Role.MANAGER: ("counter", "workshop", "manager"),
    Role.ADMIN: ("counter", "workshop", "manager", "admin"),
}
