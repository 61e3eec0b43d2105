from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from tests.closure.day import generate
from tests.returns.seed import seed


@pytest.fixture
def store(bus: CommandBus) -> CommandBus:
    seed(bus)
    return bus


@pytest.fixture
def day(store: CommandBus) -> CommandBus:
    generate(store)
    return store
