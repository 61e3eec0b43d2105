from __future__ import annotations

import pytest

from desk.services.bus import CommandBus
from desk.services.ports import FixedClock
from desk.storage.db import Database
from tests.lookup.seed import init_counter, seed


@pytest.fixture
def store(db: Database, clock: FixedClock) -> CommandBus:
    """The seeded store of tests/lookup/seed.py on a fresh in-memory counter."""
    bus = CommandBus(db, clock)
    init_counter(bus)
    seed(bus)
    return bus
