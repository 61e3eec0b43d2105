"""Projection of the intake notes of `ticket.opened` into `ticket_intake` (its only writer).

Runs beside the ticket's own projector (desk/repairs/capability.py chains them for the one event
kind). Two counters that opened the same code offline: like the ticket row, the first opening by
HLC is the one kept (the ticket projector records the conflict)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete
from sqlalchemy.engine import Connection

from desk.platform.batch import has_row, no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event, canonical_json
from desk.platform.projections import rivals
from desk.platform.registry import Projector, Refill
from desk.repairs.intake import notes_of
from desk.repairs.intake_tables import ticket_intake


def project_intake(conn: Connection, e: Event) -> set[Changed]:
    code = str(e.payload["code"])
    kept = e
    if not no_rival(conn, e) and has_row(conn, ticket_intake, "code", code):
        found = rivals(conn, e.kind, e.entity_id)
        kept = found[0] if found else e
        conn.execute(delete(ticket_intake).where(ticket_intake.c.code == code))
    notes = notes_of(kept.payload)
    if notes.empty:
        return set()
    conn.execute(plain_insert(ticket_intake), dict(
        code=code, accessories=canonical_json(notes.accessories), condition=notes.condition,
        photos=canonical_json(notes.photos)))
    return {Changed.TICKETS}


# The upgrade that adds the table (desk/platform/refill.py): the notes of every ticket.opened, as
# this projector left them (it reads nothing but its own table and the journal).
INTAKE_REFILL = Refill((ticket_intake,), projectors={"ticket.opened": project_intake})


def with_intake(opened: Projector) -> Callable[[Connection, Event], set[Changed]]:
    """The projector of `ticket.opened`: the ticket row, then its intake notes."""

    def both(conn: Connection, e: Event) -> set[Changed]:
        return opened(conn, e) | project_intake(conn, e)

    return both
