"""Reading the intake notes of a ticket (accessories, condition, photos of it)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.repairs.intake import IntakeNotes
from desk.repairs.intake_tables import ticket_intake

# Built once: building the select on every call cost more than running it.
_NOTES = (select(ticket_intake.c.accessories, ticket_intake.c.condition, ticket_intake.c.photos)
          .where(ticket_intake.c.code == bindparam("code")))


def intake_notes(conn: Connection, code: str) -> IntakeNotes:
    """What the intake noted for ticket `code` (nothing: empty notes)."""
    row = conn.execute(_NOTES, {"code": code}).first()
    if row is None:
        return IntakeNotes()
    return notes_from_columns(row.accessories, row.condition, row.photos)


def notes_from_columns(accessories: str | None, condition: str | None,
                       photos: str | None) -> IntakeNotes:
    """The notes from `ticket_intake`'s columns (all None: the ticket has no intake row)."""
    if accessories is None:
        return IntakeNotes()
    return IntakeNotes(json.loads(accessories), condition or "", json.loads(photos or "[]"))


def intake_fields(conn: Connection, code: str) -> dict[str, Any]:
    """The notes as the `ticket.opened` payload spells them (only those noted)."""
    return intake_notes(conn, code).payload()
