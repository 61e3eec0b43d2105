"""The core's composition root: the one list of capabilities, and the registry built from it.

desk/platform cannot list the capabilities (they stand on it: that would be an import cycle), so
the list lives here, above them. The database, the bus and sync get the registry from
`open_database`; tests and tools use the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from desk.catalog.capability import CAPABILITY as CATALOG
from desk.closure.capability import CAPABILITY as CLOSURE
from desk.lookup.capability import CAPABILITY as LOOKUP
from desk.platform.db import Database, wall_clock_ms
from desk.platform.errors import PLATFORM_ERRORS, DeskError, ErrorText, render
from desk.platform.registry import Registry
from desk.platform.upgrade import UpgradeOptions
from desk.policies.capability import CAPABILITY as POLICIES
from desk.printjobs.capability import CAPABILITY as PRINTJOBS
from desk.repairs.capability import CAPABILITY as REPAIRS
from desk.returns.capability import CAPABILITY as RETURNS
from desk.sales.capability import CAPABILITY as SALES
from desk.signatures.capability import CAPABILITY as SIGNATURES
from desk.staff.capability import CAPABILITY as STAFF
from desk.staff.queries import active_role
from desk.sync.capability import CAPABILITY as SYNC

REGISTRY = Registry((STAFF, CATALOG, SALES, RETURNS, POLICIES, SIGNATURES, REPAIRS, LOOKUP, SYNC,
                     PRINTJOBS, CLOSURE), role_of=active_role)

# Every error code of the core, with its words. printing/ adds its own codes on its side (desk does
# not import printing): printing.errors.CATALOGUE is this plus printing's.
CATALOGUE: Mapping[str, ErrorText] = {**PLATFORM_ERRORS, **REGISTRY.errors}


def describe(error: DeskError, language: str,
             catalogue: Mapping[str, ErrorText] = CATALOGUE) -> str:
    """What the user reads for `error` in `language` ("zh_CN" or "en"); an unknown code reads as
    the error's English log message."""
    text = render(catalogue, error.code, error.params, language)
    return error.message if text is None else text


def open_database(path: Path | str | None, *, wall_ms: Callable[[], int] = wall_clock_ms,
                  migrate: bool = True, upgrade: UpgradeOptions | None = None) -> Database:
    """Open (creating if needed) a counter's database; `None` opens a private in-memory one.
    An older file is backed up before it is migrated (desk/platform/upgrade.py)."""
    return Database.open(path, registry=REGISTRY, wall_ms=wall_ms, migrate=migrate,
                         upgrade=upgrade)
