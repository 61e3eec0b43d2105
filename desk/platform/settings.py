"""This counter's own settings (local_settings): its device id, store, printer, cursors."""

from __future__ import annotations

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection

from desk.platform import tables as t

# Built once: every command reads a setting or two, and building the statement cost more than
# running it.
_GET = select(t.local_settings.c.value).where(t.local_settings.c.key == bindparam("key"))


def get_setting(conn: Connection, key: str) -> str | None:
    row = conn.execute(_GET, {"key": key}).scalar()
    return None if row is None else str(row)


def set_setting(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text("INSERT INTO local_settings(key, value) VALUES (:k, :v) "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {"k": key, "v": value},
    )
