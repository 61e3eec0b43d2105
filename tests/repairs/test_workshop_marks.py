"""The workshop queue on screen: by due time, what stands out in a word and a colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.repairs.commands import OpenTicket
from tests.repairs.helpers import TECH
from tests.returns.seed import CLERK
from ui.context import AppContext
from ui.repairs.workshop_page import WorkshopPage
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, store, clock):
    for code, level, promised in (("T0001", "major", "2026-11-30"),  # answer by 12:00
                                  ("T0002", "simple", "2026-11-30"),  # answer by 10:05
                                  ("T0003", "complex", "2026-11-21")):  # by 10:30
        store.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热",
                                  promised_date=promised, service_level=level), CLERK)
    clock.advance(days=1, minutes=120)  # the 21st, 12:00: all late, T0003 not yet overdue
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = TECH, "technician"
    widget = WorkshopPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    runner.shutdown(wait=True)


def test_the_queue_is_by_due_time_and_marks_in_words_and_colour(qtbot, page):
    qtbot.waitUntil(lambda: page.queue.count() == 3, timeout=5000)
    items = [page.queue.item(i) for i in range(3)]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in items] == ["T0002", "T0003", "T0001"]
    first = items[0].text()
    assert first == "T0002  电热水壶\nResponse late · No news · Answer by 11-20 10:05"
    assert items[0].foreground().color().name() == "#c62828"
    assert "overdue" not in first.lower()
