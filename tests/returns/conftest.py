from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.ports import FixedClock
from tests.returns.seed import seed
from tests.support.head_office import HeadOffice


@pytest.fixture
def store(bus: CommandBus) -> CommandBus:
    """Counter S001 (clock 2026-11-20 10:00) with a clerk, a manager, categories, products."""
    seed(bus)
    return bus


@pytest.fixture
def head_office(store: CommandBus, db: Database, clock: FixedClock) -> HeadOffice:
    hq = HeadOffice(db, clock)
    yield hq
    hq.db.dispose()
