from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.ports import FixedClock
from tests.lookup.seed import init_counter, seed


@pytest.fixture
def store(db: Database, clock: FixedClock) -> CommandBus:
    """The seeded store of tests/lookup/seed.py on a fresh in-memory counter."""
    bus = CommandBus(db, clock)
    init_counter(bus)
    seed(bus)
    return bus
