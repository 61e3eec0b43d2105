"""The counter's connection settings for the central server (everything but the password).

Stored in local_settings under `sync.central` as JSON. The password is never stored here: the app
keeps it in the operating system's keyring (ui/sync), scripts pass it in the URL or in
$DESK_CENTRAL_PASSWORD.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy.engine import Connection

from desk.platform.errors import DeskError
from desk.platform.settings import get_setting, set_setting

KEY = "sync.central"
TEXT_MAX = 255  # host, user, database name, certificate path
SSL_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class CentralSettings:
    host: str = ""
    port: int = 5432
    dbname: str = "servicedesk"
    user: str = ""
    sslmode: str = "prefer"
    sslrootcert: str = ""  # CA certificate file, for verify-ca / verify-full
    enabled: bool = True  # background sync on/off
    interval_s: int = 30  # between rounds when all is well

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user and self.dbname)

    def validate(self) -> None:
        if not self.host.strip():
            raise DeskError("value.required", field="host")
        if not self.user.strip():
            raise DeskError("value.required", field="user")
        if not self.dbname.strip():
            raise DeskError("value.required", field="dbname")
        if not 0 < int(self.port) < 65536:
            raise DeskError("value.invalid", field="port", reason="1-65535")
        if self.sslmode not in SSL_MODES:
            raise DeskError("value.invalid", field="sslmode", reason=", ".join(SSL_MODES))
        if self.sslmode.startswith("verify") and not self.sslrootcert:
            raise DeskError("value.required", field="sslrootcert")

    def url(self, password: str) -> str:
        query = {"sslmode": self.sslmode}
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        auth = quote(self.user, safe="") + (":" + quote(password, safe="") if password else "")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (f"postgresql://{auth}@{host}:{int(self.port)}/{quote(self.dbname, safe='')}"
                f"?{urlencode(query)}")

    def keyring_user(self) -> str:
        """The keyring entry name: one password per server and user."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"


def load(conn: Connection) -> CentralSettings:
    raw = get_setting(conn, KEY)
    if not raw:
        return CentralSettings()
    data: dict[str, Any] = json.loads(raw)
    known = {f.name for f in fields(CentralSettings)}
    return CentralSettings(**{k: v for k, v in data.items() if k in known})


def save(conn: Connection, settings: CentralSettings) -> None:
    settings.validate()
    set_setting(conn, KEY, json.dumps(asdict(settings), sort_keys=True))
