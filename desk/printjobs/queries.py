"""This counter's printer setting, for printing/ and the doctor (no SQL outside desk/)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from desk.platform.settings import get_setting


@dataclass(frozen=True)
class PrinterSetting:
    spec: str | None  # None: never set (the app prints to files in <home>/prints)
    profile: str | None


def printer_setting(conn: Connection) -> PrinterSetting:
    return PrinterSetting(get_setting(conn, "printer_spec"), get_setting(conn, "printer_profile"))
