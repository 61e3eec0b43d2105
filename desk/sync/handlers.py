"""Sync's handlers: a manager resolves a conflict (the `conflict.resolved` fact names the events
it covers; a conflict to which another counter later adds an event opens again, on every counter
alike); an administrator re-binds the counter to another central database; a manager saves the
counter's connection settings (audited, never the password)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import ClassVar

from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.bus import Context
from desk.platform.commands import Command
from desk.platform.conflicts import DECISIONS, RESOLVED
from desk.platform.errors import DeskError
from desk.platform.settings import get_setting, set_setting
from desk.platform.uow import UnitOfWork
from desk.sync import settings as central
from desk.sync.blobs import BLOBS_SEQ
from desk.sync.commands import CentralSettingsSaved, RebindCentral, SaveCentralSettings
from desk.sync.engine import CENTRAL_ID, CURSOR, PUSHED


@dataclass(frozen=True)
class ResolveConflict(Command):
    """decision: keep_first, keep_both, reversed, accepted or other; the note says what was done
    (e.g. "customer called, second refund reversed at counter 2")."""

    name: ClassVar[str] = "resolve_conflict"
    limits: ClassVar[Mapping[str, int]] = {"note": 2000}
    conflict_id: str
    decision: str
    note: str = ""


@dataclass(frozen=True)
class ConflictResolved:
    conflict_id: str
    covers: int  # how many of its events the resolution covers


@dataclass(frozen=True)
class CentralRebound:
    central_id: str
    previous: str | None


def resolve_conflict(cmd: ResolveConflict, uow: UnitOfWork, ctx: Context) -> ConflictResolved:
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


def rebind_central(cmd: RebindCentral, uow: UnitOfWork, ctx: Context) -> CentralRebound:
    central_id = cmd.central_id.strip()
    if not central_id:
        raise DeskError("value.required", field="central_id")
    before = get_setting(uow.conn, CENTRAL_ID)
    # the new server has none of this counter's events or photos yet
    for key, value in ((CENTRAL_ID, central_id), (CURSOR, "{}"), (PUSHED, "0"),
                       (BLOBS_SEQ, "0")):
        set_setting(uow.conn, key, value)
    device_id = uow.db.device_id
    uow.record("device.central_bound", device_id,
               {"device_id": device_id, "central_id": central_id, "previous": before or ""})
    return CentralRebound(central_id, before)


def save_central_settings(cmd: SaveCentralSettings, uow: UnitOfWork,
                          ctx: Context) -> CentralSettingsSaved:
    """Where this counter syncs to: its local setting, saved with an audit fact (who pointed the
    counter at which server, when). Never a password: the command has no field for one."""
    try:
        settings = central.CentralSettings(
            host=str(cmd.host).strip(), port=int(cmd.port), dbname=str(cmd.dbname).strip(),
            user=str(cmd.user).strip(), sslmode=str(cmd.sslmode),
            sslrootcert=str(cmd.sslrootcert).strip(), enabled=bool(cmd.enabled),
            interval_s=int(cmd.interval_s))
    except (TypeError, ValueError):
        raise DeskError("value.invalid", field="port", reason="a number") from None
    for field, text in (("host", settings.host), ("user", settings.user),
                        ("dbname", settings.dbname), ("sslrootcert", settings.sslrootcert)):
        if len(text) > central.TEXT_MAX:
            raise DeskError("value.invalid", field=field,
                            reason=f"at most {central.TEXT_MAX} characters")
    if not 5 <= settings.interval_s <= 86_400:
        raise DeskError("value.invalid", field="interval_s", reason="5-86400")
    previous = central.load(uow.conn)
    central.save(uow.conn, settings)
    uow.record("device.central_settings_saved", uow.db.device_id,
               {"settings": asdict(settings), "previous": asdict(previous)})
    return CentralSettingsSaved(settings.host, settings.port, settings.dbname, settings.user)
