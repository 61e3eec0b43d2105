"""Read-side queries of staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection, Row

from desk.platform.driver_select import DriverSelect
from desk.platform.roles import Role
from desk.staff import tables as staff_t
from desk.staff.rules import LoginState


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    name: str
    role: Role
    active: bool


def staff_row(conn: Connection, staff_id: str) -> Row[Any] | None:
    """The whole row (with the PIN hash): for this capability's handlers and the approvals."""
    return conn.execute(select(staff_t.staff).where(staff_t.staff.c.staff_id == staff_id)).first()


_ACTIVE_ROLE = DriverSelect(select(staff_t.staff.c.role).where(  # every command asks
    staff_t.staff.c.staff_id == bindparam("staff_id"), staff_t.staff.c.active))


def active_role(conn: Connection, staff_id: str) -> Role | None:
    """The role of an active staff member; None for an unknown or deactivated id."""
    row = _ACTIVE_ROLE.first(conn, staff_id=staff_id)
    return None if row is None else Role(row[0])


def staff_member(conn: Connection, staff_id: str) -> StaffMember | None:
    row = staff_row(conn, staff_id)
    return None if row is None else StaffMember(row.staff_id, row.name, Role(row.role),
                                                bool(row.active))


def staff_list(conn: Connection) -> list[StaffMember]:
    s = staff_t.staff.c
    rows = conn.execute(select(s.staff_id, s.name, s.role, s.active).order_by(s.staff_id))
    return [StaffMember(r.staff_id, r.name, Role(r.role), bool(r.active)) for r in rows]


def staff_names(conn: Connection, staff_ids: set[str]) -> dict[str, str]:
    """Names for ids shown on screen and paper (an unknown id stays as it is)."""
    if not staff_ids:
        return {}
    s = staff_t.staff.c
    rows = conn.execute(select(s.staff_id, s.name).where(s.staff_id.in_(sorted(staff_ids))))
    return {r.staff_id: r.name for r in rows}


def login_state(conn: Connection, staff_id: str) -> LoginState:
    """Failed PINs and lockout of one staff member (log-in and approvals share it)."""
    a = staff_t.staff_auth
    row = conn.execute(select(a).where(a.c.staff_id == staff_id)).first()
    if row is None:
        return LoginState()
    return LoginState(row.failed_count, row.locked_until_ms)
