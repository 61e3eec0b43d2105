"""Policies: versioned rule documents, published by head office."""

from __future__ import annotations

from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.policies.commands import PublishPolicy
from desk.policies.errors import ERRORS
from desk.policies.handlers import publish_policy
from desk.policies.projections import PROJECTORS

CAPABILITY = Capability(
    name="policies",
    errors=ERRORS,
    commands=(
        CommandSpec(PublishPolicy, publish_policy, frozenset({Role.ADMIN})),
    ),
    projectors=PROJECTORS,
)
