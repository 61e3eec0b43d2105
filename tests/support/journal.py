"""Every projection table's rows, to compare two databases or a database before and after."""

from __future__ import annotations

from desk.capabilities import REGISTRY


def dump(conn) -> dict[str, list[tuple]]:
    return {table.name: sorted(tuple(r) for r in conn.execute(table.select()))
            for table in REGISTRY.projection_tables()}
