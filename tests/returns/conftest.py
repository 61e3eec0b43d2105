from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from tests.returns.seed import seed


@pytest.fixture
def store(bus: CommandBus) -> CommandBus:
    """Counter S001 (clock 2026-11-20 10:00) with a clerk, a manager, categories, products."""
    seed(bus)
    return bus
