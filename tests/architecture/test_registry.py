"""The registry is complete: every command has exactly one handler and an explicit role entry
(a command nobody listed is refused), every event kind the code records has a projector."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import ClassVar

import pytest

from desk.capabilities import REGISTRY
from desk.platform.bus import CommandBus
from desk.platform.commands import Command
from desk.platform.errors import DeskError
from desk.platform.registry import Capability, CommandSpec, Registry, RegistryError
from desk.platform.roles import Role
from tests.architecture.graph import modules
from tests.support.staff import ADMIN


def command_classes() -> dict[str, str]:
    """Every Command subclass defined in desk/, by its `name`, from the source."""
    found: dict[str, str] = {}
    for module, path in modules().items():
        if not module.startswith("desk."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", "") == "Command" for b in node.bases):
                for item in node.body:
                    if (isinstance(item, ast.AnnAssign) and getattr(item.target, "id", "") == "name"
                            and isinstance(item.value, ast.Constant)):
                        found[item.value.value] = f"{module}.{node.name}"
    return found


def recorded_kinds() -> set[str]:
    """Event kinds the core records: `uow.record("kind", ...)` and module-level KIND constants."""
    kinds: set[str] = set()
    trees = [ast.parse(path.read_text(encoding="utf-8")) for module, path in modules().items()
             if module.startswith("desk.") and not module.startswith("desk.bench")]
    constants = {t.id: n.value.value for tree in trees for n in ast.walk(tree)
                 if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
                 and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
    for tree in trees:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record" and node.args):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    kinds.add(first.value)
                elif isinstance(first, ast.Name) and first.id in constants:
                    kinds.add(constants[first.id])
                elif isinstance(first, ast.Attribute) and first.attr in constants:
                    kinds.add(constants[first.attr])
    return kinds


def test_every_command_class_is_registered_once_with_its_roles():
    classes = command_classes()
    assert len(classes) >= 15
    assert set(classes) == set(REGISTRY.commands), set(classes) ^ set(REGISTRY.commands)
    for name, spec in REGISTRY.commands.items():
        assert spec.command.name == name
        assert callable(spec.handler)
        assert isinstance(spec.roles, frozenset) and spec.roles <= set(Role), name


def test_every_recorded_event_kind_has_a_projector():
    kinds = recorded_kinds()
    assert {"return.recorded", "staff.login_failed", "policy.published"} <= kinds
    missing = kinds - set(REGISTRY.projectors)
    assert missing == set()


def test_two_handlers_for_one_command_are_refused():
    spec = REGISTRY.commands["log_in"]
    twice = Capability("twice", commands=(spec,))
    with pytest.raises(RegistryError):
        Registry((*REGISTRY.capabilities, twice), role_of=REGISTRY.role_of)


@dataclass(frozen=True)
class Unlisted(Command):
    name: ClassVar[str] = "test_unlisted"


def test_a_command_nobody_may_run_is_refused_for_every_role(db, clock, bus):
    listed_for_nobody = Capability("test", commands=(
        CommandSpec(Unlisted, lambda cmd, uow, ctx: "ran", frozenset()),))
    db.registry = Registry((*REGISTRY.capabilities, listed_for_nobody),
                           role_of=REGISTRY.role_of)
    with pytest.raises(DeskError) as refused:
        CommandBus(db, clock).dispatch(Unlisted(), ADMIN)
    assert refused.value.code == "auth.forbidden"


def test_a_command_the_registry_does_not_know_is_unknown(bus):
    with pytest.raises(DeskError) as refused:
        bus.dispatch(Unlisted(), ADMIN)
    assert refused.value.code == "command.unknown"
