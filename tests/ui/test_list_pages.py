"""The first pages of each area show the rows of their queries (dataclasses)."""

from __future__ import annotations

import pytest

from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.ports import FixedClock
from tests.lookup.seed import ACTOR, init_counter, seed
from ui.context import AppContext
from ui.pages.lists import RecentReceiptsPage, StaffPage
from ui.tasks import TaskRunner


@pytest.fixture
def ctx(db: Database, clock: FixedClock):
    bus = CommandBus(db, clock)
    init_counter(bus)
    seed(bus)
    runner = TaskRunner()
    context = AppContext(db, bus, runner)
    context.session.staff_id = ACTOR
    yield context
    runner.shutdown(wait=True)


def cells(page, row: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


@pytest.mark.parametrize("page_class", [RecentReceiptsPage, StaffPage])
def test_a_list_page_shows_its_rows(qtbot, ctx, page_class) -> None:
    page = page_class(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    first = cells(page, 0)
    assert all(isinstance(text, str) for text in first) and any(first)
