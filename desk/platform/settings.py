"""This counter's own settings (local_settings): its device id, store, printer, cursors."""

from __future__ import annotations

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.driver_select import DriverSelect

# Compiled once and run on the driver: every command reads a setting or two.
_GET = DriverSelect(select(t.local_settings.c.value)
                    .where(t.local_settings.c.key == bindparam("key")))


def get_setting(conn: Connection, key: str) -> str | None:
    row = _GET.first(conn, key=key)
    return None if row is None or row[0] is None else str(row[0])


def set_setting(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text("INSERT INTO local_settings(key, value) VALUES (:k, :v) "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {"k": key, "v": value},
    )
