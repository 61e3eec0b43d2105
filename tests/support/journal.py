"""Every projection table's rows, to compare two databases or a database before and after."""

from __future__ import annotations

from desk.capabilities import REGISTRY


def dump(conn) -> dict[str, list[tuple]]:
    return {table.name: sorted(tuple(r) for r in conn.execute(table.select()))
            for table in REGISTRY.projection_tables()}


def journal_facts(db, prefix: str) -> list[tuple[str, str, dict]]:
    """(kind, actor, payload) of the journal's events whose kind starts with `prefix`, in order."""
    import json

    from desk.platform import tables as t

    j = t.journal.c
    with db.engine.connect() as conn:
        rows = conn.execute(t.journal.select().where(j.kind.startswith(prefix))
                            .order_by(j.seq)).all()
    return [(r.kind, r.actor, json.loads(r.payload)) for r in rows]
