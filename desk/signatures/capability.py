"""Signatures: captured on the pad, bound to the document they sign."""

from __future__ import annotations

from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.signatures import tables
from desk.signatures.commands import CaptureSignature
from desk.signatures.errors import ERRORS
from desk.signatures.handlers import capture_signature
from desk.signatures.projections import PROJECTORS

CAPABILITY = Capability(
    name="signatures",
    errors=ERRORS,
    commands=(
        CommandSpec(
            CaptureSignature,
            capture_signature,
            frozenset({Role.CLERK, Role.TECHNICIAN, Role.MANAGER, Role.ADMIN}),
        ),
    ),
    projectors=PROJECTORS,
    tables=(tables.signatures,),
)
