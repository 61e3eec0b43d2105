"""The command bus: finds a command's one handler in the registry, checks who may run it, runs it
in a unit of work.

Roles deny by default: a command runs only for the roles its capability lists for it (the system
actor for set-up and the demo; nobody at all for a command nobody listed). A handler returns typed
data (a dataclass); the bus returns it with `Changes`: the kinds of things that changed and who
initiated them, which screens refresh from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desk.platform.changes import Changes
from desk.platform.commands import Command
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.platform.limits import check_limits
from desk.platform.ports import Clock, SystemClock
from desk.platform.registry import CommandSpec
from desk.platform.roles import Role
from desk.platform.uow import UnitOfWork

SYSTEM_ACTOR = "system"  # set-up and demo only; never accepted from outside (desk apply)


class CommittedRefusal(DeskError):
    """Refuse the command but keep what the handler recorded (e.g. a failed login attempt)."""


@dataclass(frozen=True)
class Context:
    clock: Clock
    role: Role | None  # None: the system actor, or a public command (log-in)


@dataclass(frozen=True)
class Result:
    value: Any
    changes: Changes = field(default_factory=Changes)
    event_ids: tuple[str, ...] = ()


class CommandBus:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()

    @property
    def commands(self) -> dict[str, type[Command]]:
        """Every command by name (for `desk apply` and the docs)."""
        return self.db.registry.command_types()

    def dispatch(self, command: Command, actor: str) -> Result:
        spec = self.db.registry.spec(command.name)
        if spec is None or spec.command is not type(command):
            raise DeskError("command.unknown", name=type(command).name)
        check_limits(command)  # before the unit of work: a refused command writes nothing
        with UnitOfWork(self.db, actor) as uow:
            role = self._authorise(uow, spec, actor)
            try:
                value = spec.handler(command, uow, Context(self.clock, role))
            except CommittedRefusal as refusal:
                uow.commit()
                raise DeskError(refusal.code, **refusal.params) from None
            uow.commit()
            changes = Changes(frozenset(uow.changes), actor)
            return Result(value, changes, tuple(e.event_id for e in uow.events))

    def _authorise(self, uow: UnitOfWork, spec: CommandSpec, actor: str) -> Role | None:
        name = spec.command.name
        if actor == SYSTEM_ACTOR:
            return None
        if spec.command.public:
            return None
        role = self.db.registry.role_of(uow.conn, actor)
        if role is None:
            raise DeskError("auth.unknown_staff", staff_id=actor)
        if role not in spec.roles:
            raise DeskError("auth.forbidden", role=role.value, command=name)
        return role
