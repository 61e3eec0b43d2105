"""The command bus: finds a command's one handler, checks who may run it, runs it in a unit of work.

A handler returns plain data (a DTO); the bus returns it with the set of tables that changed, which
screens refresh from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.commands import Command
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.platform.ports import Clock, SystemClock
from desk.platform.uow import UnitOfWork
from desk.staff.roles import Role, may_run

SYSTEM_ACTOR = "system"  # set-up and demo only; never accepted from outside (desk apply)

C = TypeVar("C", bound=Command)
Handler = Callable[[Any, UnitOfWork, "Context"], Any]
HANDLERS: dict[type[Command], Handler] = {}
COMMANDS: dict[str, type[Command]] = {}


TypedHandler = Callable[[C, UnitOfWork, "Context"], Any]


def handles(command_type: type[C]) -> Callable[[TypedHandler[C]], TypedHandler[C]]:
    def register(fn: TypedHandler[C]) -> TypedHandler[C]:
        if command_type in HANDLERS:
            raise RuntimeError(f"{command_type.__name__} already has a handler")
        HANDLERS[command_type] = fn
        COMMANDS[command_type.name] = command_type
        return fn

    return register


class CommittedRefusal(DeskError):
    """Refuse the command but keep what the handler recorded (e.g. a failed login attempt)."""


@dataclass(frozen=True)
class Context:
    clock: Clock
    role: Role | None


@dataclass(frozen=True)
class Result:
    value: Any
    changes: frozenset[str] = field(default_factory=frozenset)
    event_ids: tuple[str, ...] = ()


class CommandBus:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()
        _load_handlers()

    def dispatch(self, command: Command, actor: str) -> Result:
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise DeskError("command.unknown", name=type(command).name)
        with UnitOfWork(self.db, actor) as uow:
            role = self._authorise(uow, command, actor)
            try:
                value = handler(command, uow, Context(self.clock, role))
            except CommittedRefusal as refusal:
                uow.commit()
                raise DeskError(refusal.code, **refusal.params) from None
            uow.commit()
            return Result(value, frozenset(uow.changes), tuple(e.event_id for e in uow.events))

    def _authorise(self, uow: UnitOfWork, command: Command, actor: str) -> Role | None:
        if actor == SYSTEM_ACTOR or command.public:
            return None
        row = uow.conn.execute(
            select(t.staff.c.role).where(t.staff.c.staff_id == actor, t.staff.c.active)
        ).first()
        if row is None:
            raise DeskError("auth.unknown_staff", staff_id=actor)
        role = Role(row.role)
        if not may_run(role, command.name):
            raise DeskError("auth.forbidden", role=role.value, command=command.name)
        return role


def _load_handlers() -> None:
    # Importing the handler modules registers them (each module decorates its functions).
    from desk.sales import importing  # noqa: F401
    from desk.signatures import handlers as signatures  # noqa: F401
    from desk.sync import handlers as resolve  # noqa: F401
