from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from desk.repairs.evidence import evidence_root, store_photo
from tests.repairs.helpers import png_bytes, seed_repairs


@pytest.fixture
def store(bus: CommandBus, tmp_path, monkeypatch) -> CommandBus:
    """Counter S001 with a clerk, a manager, a technician; evidence under a temporary home."""
    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    seed_repairs(bus)
    return bus


@pytest.fixture
def photo(store) -> str:
    return store_photo(evidence_root(store.db.path), png_bytes()).sha256
