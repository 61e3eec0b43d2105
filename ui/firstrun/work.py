"""What the first-run wizard does, as plain functions run on the workers (never the GUI thread):
the demo store, a new store, joining a store from the central server, the printer. Each goes
through the core's own commands and functions (the same as `desk demo`, `desk init`,
`desk sync --counter-name`, `desk printer use`): no SQL here.

They run as the system actor, which the core accepts only for set-up: the wizard is shown only
while the database has no store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk.catalog.commands import InitialiseCounter
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.db import Database
from desk.sync import settings as central_settings
from desk.sync.commands import SaveCentralSettings
from desk.sync.engine import SyncReport


@dataclass(frozen=True)
class NewStore:
    store_id: str
    store_name: str
    counter_name: str
    timezone: str
    admin_id: str
    admin_name: str
    admin_pin: str


def build_demo_store(bus: CommandBus, progress: Any = None) -> dict[str, Any]:
    """The small demo store (database worker): `make run`'s store, with its demo logins."""
    from desk.demo import build_demo

    return build_demo(bus, "small", 1, progress)


def create_store(bus: CommandBus, store: NewStore) -> Any:
    """Store, counter and first administrator in one transaction (database worker): a refused
    PIN or an unknown time zone leaves nothing half set up."""
    command = InitialiseCounter(
        store_id=store.store_id.strip(), store_name=store.store_name.strip(),
        device_name=store.counter_name.strip(), admin_id=store.admin_id.strip(),
        admin_name=store.admin_name.strip(), admin_pin=store.admin_pin,
        timezone=store.timezone.strip())
    return bus.dispatch(command, SYSTEM_ACTOR).value


def join_store(db: Database, settings: central_settings.CentralSettings, password: str,
               counter_name: str, progress: Any = None, cancel: Any = None) -> SyncReport:
    """The first sync round of a fresh counter (I/O worker, like the app's sync): it pulls the
    store's history, takes the store of the credentials and registers itself, exactly as
    `desk sync --counter-name`. Raises DeskError (sync.*) in words when it cannot."""
    from desk.sync.engine import record_failure, sync_once
    from desk.sync.transport import PgTransport, require_driver

    settings.validate()
    require_driver()
    transport = PgTransport(settings.url(password))
    try:
        return sync_once(db, transport, counter_name=counter_name.strip(), progress=progress,
                         cancel=cancel)
    except Exception as err:
        record_failure(db, err)
        raise
    finally:
        transport.close()


def save_central(bus: CommandBus, s: central_settings.CentralSettings) -> Any:
    """Keep the connection that worked (database worker; the password never goes here), so the
    app's background sync goes on from this round."""
    return bus.dispatch(SaveCentralSettings(
        host=s.host, user=s.user, port=s.port, dbname=s.dbname, sslmode=s.sslmode,
        sslrootcert=s.sslrootcert, enabled=s.enabled, interval_s=s.interval_s),
        SYSTEM_ACTOR).value


def set_printer(bus: CommandBus, spec: str, profile: str) -> Any:
    """The counter's printer, checked like `desk printer use` (database worker)."""
    from desk.printjobs.commands import SetPrinter
    from printing.profiles import get_profile
    from printing.transport import open_transport

    get_profile(profile)
    open_transport(spec).close()
    return bus.dispatch(SetPrinter(spec, profile), SYSTEM_ACTOR).value
