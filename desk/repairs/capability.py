"""Repairs: tickets and their checklist."""

from __future__ import annotations

from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.repairs import tables
from desk.repairs.commands import OpenTicket
from desk.repairs.errors import ERRORS
from desk.repairs.handlers import open_ticket
from desk.repairs.projections import PROJECTORS

CAPABILITY = Capability(
    name="repairs",
    errors=ERRORS,
    commands=(
        CommandSpec(
            OpenTicket,
            open_ticket,
            frozenset({Role.CLERK, Role.TECHNICIAN, Role.MANAGER, Role.ADMIN}),
        ),
    ),
    projectors=PROJECTORS,
    tables=(tables.tickets,),
)
