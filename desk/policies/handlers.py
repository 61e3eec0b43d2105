"""Policies published by head office as journal facts."""

from __future__ import annotations

from typing import Any

from desk.platform.bus import Context
from desk.platform.uow import UnitOfWork
from desk.policies import PolicyError, PolicySet
from desk.policies import queries as policies
from desk.policies.commands import PublishPolicy
from desk.policies.document import parse_document
from desk.staff.head_office import require_head_office


def publish_policy(cmd: PublishPolicy, uow: UnitOfWork, ctx: Context) -> dict[str, Any]:
    """Validate a policy document and record it as a journal fact; sync takes it to every
    store. A document with an error is refused (file, line, reason) and nothing changes."""
    require_head_office(uow, cmd.name)
    source = cmd.source.strip() or "published.toml"
    doc = parse_document(cmd.text, source)
    in_force = policies.for_connection(uow.conn)
    for other in in_force.documents:
        if other.version == doc.version or other.effective_from == doc.effective_from:
            raise PolicyError(source, 1, f"version {other.version} (from {other.source}) already "
                                         f"has this version or effective date")
    PolicySet([*in_force.documents, doc])  # the set stays consistent
    uow.record(policies.PUBLISHED, policies.POLICY_ENTITY, {
        "version": doc.version, "effective_from": doc.effective_from.isoformat(),
        "source": source, "text": cmd.text})
    return {"version": doc.version, "effective_from": doc.effective_from.isoformat(),
            "rules": len(doc.rules)}
