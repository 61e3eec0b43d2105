"""A manager resolves a conflict: the command, its handler, and the `conflict.resolved` fact.

The resolution names the events it covers; a conflict to which another counter later adds an
event opens again (the manager sees the new event), on every counter alike.
Importing this module registers the handler (desk/cli/sync_cmds.py and ui/sync import it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.bus import Context
from desk.platform.commands import Command
from desk.platform.conflicts import DECISIONS, RESOLVED
from desk.platform.errors import DeskError
from desk.platform.roles import Role
from desk.platform.uow import UnitOfWork

MAY_RESOLVE = frozenset({Role.MANAGER, Role.ADMIN})


@dataclass(frozen=True)
class ResolveConflict(Command):
    """decision: keep_first, keep_both, reversed, accepted or other; the note says what was done
    (e.g. "customer called, second refund reversed at counter 2")."""

    name: ClassVar[str] = "resolve_conflict"
    conflict_id: str
    decision: str
    note: str = ""


@dataclass(frozen=True)
class ConflictResolved:
    conflict_id: str
    covers: int  # how many of its events the resolution covers


def resolve_conflict(cmd: ResolveConflict, uow: UnitOfWork, ctx: Context) -> ConflictResolved:
    if ctx.role is not None and ctx.role not in MAY_RESOLVE:
        raise DeskError("auth.forbidden", role=ctx.role.value, command=cmd.name)
    if cmd.decision not in DECISIONS:
        raise DeskError("conflict.decision_unknown", decision=cmd.decision)
    row = uow.conn.execute(select(t.conflicts)
                           .where(t.conflicts.c.conflict_id == cmd.conflict_id)).first()
    if row is None:
        raise DeskError("conflict.unknown", conflict_id=cmd.conflict_id)
    if row.status == RESOLVED:
        raise DeskError("conflict.resolved_already", conflict_id=cmd.conflict_id)
    if cmd.decision == "other" and not cmd.note.strip():
        raise DeskError("value.required", field="note")
    covers = sorted(e["event_id"] for e in json.loads(row.events))
    uow.record("conflict.resolved", cmd.conflict_id, {
        "conflict_id": cmd.conflict_id, "decision": cmd.decision, "note": cmd.note.strip(),
        "covers": covers,
    })
    return ConflictResolved(cmd.conflict_id, len(covers))
