"""The registry: what each capability contributes, gathered in one explicit place.

A capability (desk/<name>/capability.py) declares a `Capability`: its commands with their handler
and the roles allowed to run them, the projector of each event kind it owns, the invariants run
after an event is projected, its tables and its error codes. desk/capabilities.py lists the
capabilities and builds the one `Registry` that the database, the bus and sync use. Nothing
registers itself by being imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.commands import Command
from desk.platform.conflicts import Finding, report
from desk.platform.errors import ErrorText
from desk.platform.events import Event
from desk.platform.roles import Role

Projector = Callable[[Connection, Event], set[Changed]]
# An invariant checked after an event of its kind is projected; what it finds becomes a conflict
# for a manager (desk/platform/conflicts.py).
Invariant = Callable[[Connection, Event], Finding | None]
Handler = Callable[[Any, Any, Any], Any]  # (command, unit of work, context) -> typed result

SYSTEM_ONLY: frozenset[Role] = frozenset()  # set-up and demo: the system actor, nobody else
EVERYONE: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True)
class CommandSpec:
    command: type[Command]
    handler: Handler
    roles: frozenset[Role]  # who may run it; empty: only the system actor (set-up, demo)


@dataclass(frozen=True)
class Refill:
    """How some projection tables are filled again without replaying the whole journal (an
    upgrade that adds them: desk/platform/refill.py): with the other tables as they stand, empty
    these, run `projectors` over the journal's events of their kinds in order, then `finish`.
    Written only for tables derived from facts that no other projection's outcome depends on;
    tests hold each refill to what a full rebuild gives (tests/platform/test_refill.py)."""

    tables: tuple[Table, ...]
    projectors: Mapping[str, Projector] = field(default_factory=dict)
    finish: Callable[[Connection], None] | None = None


@dataclass(frozen=True)
class Capability:
    name: str
    commands: tuple[CommandSpec, ...] = ()
    projectors: Mapping[str, Projector] = field(default_factory=dict)
    invariants: Mapping[str, tuple[Invariant, ...]] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()  # projection tables, rebuilt from the journal
    local_tables: tuple[Table, ...] = ()  # this counter's own state, never rebuilt
    errors: Mapping[str, ErrorText] = field(default_factory=dict)
    refills: tuple[Refill, ...] = ()  # tables of this capability an upgrade can refill alone


class RegistryError(Exception):
    """The capabilities contradict each other (two handlers for one command, ...)."""


# The role of an active staff member, None for anyone else (staff answers it: desk/staff).
RoleOf = Callable[[Connection, str], Role | None]


class Registry:
    def __init__(self, capabilities: Iterable[Capability], role_of: RoleOf) -> None:
        self.capabilities = tuple(capabilities)
        self.role_of = role_of
        self.commands: dict[str, CommandSpec] = {}
        self.projectors: dict[str, Projector] = {}
        self.invariants: dict[str, list[Invariant]] = {}
        self.errors: dict[str, ErrorText] = {}
        self.refills: dict[str, Refill] = {}  # by table name
        for cap in self.capabilities:
            self._add(cap)

    def _add(self, cap: Capability) -> None:
        for spec in cap.commands:
            if spec.command.name in self.commands:
                raise RegistryError(f"{spec.command.name} has two handlers")
            self.commands[spec.command.name] = spec
        for kind, projector in cap.projectors.items():
            if kind in self.projectors:
                raise RegistryError(f"event kind {kind} has two projectors")
            self.projectors[kind] = projector
        for kind, checks in cap.invariants.items():
            self.invariants.setdefault(kind, []).extend(checks)
        for code, text in cap.errors.items():
            if code in self.errors:
                raise RegistryError(f"error code {code} is declared twice")
            self.errors[code] = text
        for refill in cap.refills:
            for table in refill.tables:
                if table not in cap.tables:
                    raise RegistryError(f"{cap.name} refills {table.name}, not its table")
                if table.name in self.refills:
                    raise RegistryError(f"{table.name} has two refills")
                self.refills[table.name] = refill

    def spec(self, name: str) -> CommandSpec | None:
        return self.commands.get(name)

    def command_types(self) -> dict[str, type[Command]]:
        return {name: spec.command for name, spec in self.commands.items()}

    def projection_tables(self) -> tuple[Table, ...]:
        """Every projection table, parents before children (the order to fill them in)."""
        mine = {t for cap in self.capabilities for t in cap.tables}
        return tuple(t for t in next(iter(mine)).metadata.sorted_tables if t in mine)

    def refills_for(self, names: Iterable[str]) -> tuple[Refill, ...] | None:
        """The refills that fill these tables again (with the other tables of each), or None
        when some table has none: then only a whole replay fills them."""
        found: dict[int, Refill] = {}
        for name in sorted(set(names)):
            refill = self.refills.get(name)
            if refill is None:
                return None
            found[id(refill)] = refill
        return tuple(found.values())

    def local_tables(self) -> tuple[Table, ...]:
        return tuple(t for cap in self.capabilities for t in cap.local_tables)

    def apply(self, conn: Connection, event: Event) -> set[Changed]:
        """Project one event, then run the invariants of its kind. A kind this version does not
        know (written by newer software) changes nothing here."""
        projector = self.projectors.get(event.kind)
        changed = projector(conn, event) if projector else set()
        for check in self.invariants.get(event.kind, ()):
            changed |= report(conn, event, check(conn, event))
        return changed


# The registry, or a function that returns it: `Database.open` takes either. A function defers
# importing every capability (their handlers, projectors and tables) until the registry is first
# used — the first command, a replay — which the app's cold start needs (desk/startup.py).
RegistrySource = Registry | Callable[[], Registry]


def resolve(source: RegistrySource) -> Registry:
    return source if isinstance(source, Registry) else source()
