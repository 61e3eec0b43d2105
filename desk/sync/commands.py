"""Commands of sync: an administrator re-binds this counter to another central database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class RebindCentral(Command):
    """Point this counter at the central database `central_id` (what its hello() said): the
    pull cursors and the push position start over there."""

    name: ClassVar[str] = "rebind_central"
    central_id: str


@dataclass(frozen=True)
class SaveCentralSettings(Command):
    """This counter's connection to the central server (desk/sync/settings.py). There is no
    password field: the password never enters the database or the journal (the app keeps it in
    the operating system's keyring)."""

    name: ClassVar[str] = "save_central_settings"
    limits: ClassVar[Mapping[str, int]] = {"sslrootcert": 1000}  # a file path
    host: str
    user: str
    port: int = 5432
    dbname: str = "servicedesk"
    sslmode: str = "prefer"
    sslrootcert: str = ""
    enabled: bool = True
    interval_s: int = 30


@dataclass(frozen=True)
class CentralSettingsSaved:
    host: str
    port: int
    dbname: str
    user: str
