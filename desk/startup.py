"""Opening a counter's database at start-up without importing every capability first.

`desk.capabilities` imports each capability's commands, handlers, projectors, queries and tables
(~160 dataclasses, hundreds of SQLAlchemy constructs): 0.15-0.3 s on the development PC, ten
times what opening the file and reading who the counter is takes. The app's login window needs
only that reading, so it opens the database with the registry deferred: `db.registry`
imports it on first use. The app asks for it on the database worker right after the open
(ui/app.py, warm_up), so it is loaded before anyone can type a PIN, and a command sent earlier
waits for it there, never on the GUI thread. An older schema whose migration replays the journal
loads it during the upgrade (desk/platform/migrate.py), with the same result as the full open.

This module imports no capability: the list of them stays in desk/capabilities.py, the one place.
"""

from __future__ import annotations

from pathlib import Path

from desk.platform.db import Database
from desk.platform.registry import Registry
from desk.platform.upgrade import UpgradeOptions


def load_registry() -> Registry:
    from desk.capabilities import REGISTRY

    return REGISTRY


def open_database_deferred(path: Path, *, upgrade: UpgradeOptions | None = None) -> Database:
    """As desk.capabilities.open_database(path, upgrade=...), with the registry loaded on first
    use of `db.registry` instead of before the file is opened."""
    return Database.open(path, registry=load_registry, upgrade=upgrade)
