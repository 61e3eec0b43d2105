"""The daily closure: X reports, Z closures with a blind cash count, late arrivals."""

from __future__ import annotations

from desk.closure import tables
from desk.closure.commands import CloseDay
from desk.closure.errors import ERRORS
from desk.closure.handlers import close_day
from desk.closure.projections import PROJECTORS
from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role

CAPABILITY = Capability(
    errors=ERRORS,
    name="closure",
    commands=(CommandSpec(CloseDay, close_day, frozenset({Role.MANAGER, Role.ADMIN})),),
    projectors=PROJECTORS,
    tables=(tables.closures, tables.closure_events),
)
