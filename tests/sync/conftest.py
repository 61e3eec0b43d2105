"""A real PostgreSQL server for the whole test session (initdb into a temporary directory, run as
an unprivileged user when we are root), and a fresh central database per test."""

from __future__ import annotations

import pytest

from desk.bench.pgserver import TempPostgres
from tests.support.central import Central, drop_central, new_central


@pytest.fixture(scope="session")
def pg() -> TempPostgres:
    server = TempPostgres()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def central(pg: TempPostgres) -> Central:
    c = new_central(pg)
    yield c
    drop_central(c)
