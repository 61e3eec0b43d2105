"""Sync with the central server; a manager resolves conflicts."""

from __future__ import annotations

from desk.platform import tables
from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.sync.commands import RebindCentral, SaveCentralSettings
from desk.sync.errors import ERRORS
from desk.sync.handlers import (
    ResolveConflict,
    rebind_central,
    resolve_conflict,
    save_central_settings,
)
from desk.sync.projections import PROJECTORS

CAPABILITY = Capability(
    name="sync",
    errors=ERRORS,
    commands=(
        CommandSpec(ResolveConflict, resolve_conflict, frozenset({Role.MANAGER, Role.ADMIN})),
        CommandSpec(RebindCentral, rebind_central, frozenset({Role.ADMIN})),
        # which server the counter trusts with its whole journal: a manager's or an admin's call
        CommandSpec(SaveCentralSettings, save_central_settings,
                    frozenset({Role.MANAGER, Role.ADMIN})),
    ),
    projectors=PROJECTORS,
    tables=(tables.conflicts,),  # the platform's table; sync lists and resolves conflicts
)
