"""Reading the intake notes of a ticket (accessories, condition, photos of it)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.repairs.intake import IntakeNotes
from desk.repairs.intake_tables import ticket_intake


def intake_notes(conn: Connection, code: str) -> IntakeNotes:
    """What the intake noted for ticket `code` (nothing: empty notes)."""
    c = ticket_intake.c
    row = conn.execute(select(c.accessories, c.condition, c.photos)
                       .where(c.code == code)).first()
    if row is None:
        return IntakeNotes()
    return IntakeNotes(json.loads(row.accessories), row.condition, json.loads(row.photos))


def intake_fields(conn: Connection, code: str) -> dict[str, Any]:
    """The notes as the `ticket.opened` payload spells them (only those noted)."""
    return intake_notes(conn, code).payload()
