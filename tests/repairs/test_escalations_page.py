"""The manager's list of tickets out of their service level, on a real database and task runner:
words and colour for what stands out, names not ids, the sweep run from the screen."""

from __future__ import annotations

import pytest

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from desk.repairs.commands import OpenTicket
from tests.returns.seed import CLERK, MANAGER
from ui.context import AppContext
from ui.repairs.escalations_page import EscalationsPage
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, store, clock):
    store.dispatch(OpenTicket(code="T0001", sku="P000003", fault="漏水",
                              promised_date="2026-11-30", service_level="simple"), CLERK)
    store.dispatch(OpenTicket(code="T0002", sku="P000003", fault="不加热",
                              promised_date="2026-11-30", service_level="major"), CLERK)
    clock.advance(minutes=6)  # T0001's five minutes are over, T0002 has two hours
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = MANAGER, "manager"
    widget = EscalationsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    runner.shutdown(wait=True)


def test_the_list_shows_words_and_the_sweep_escalates(qtbot, page):
    qtbot.waitUntil(lambda: page.shown is not None, timeout=5000)
    assert page.tickets.count() == 1
    item = page.tickets.item(0)
    assert item.text().startswith("Response late  T0001")
    assert item.foreground().color().name() == "#c62828"
    assert "response_breached" not in item.text()
    page.sweep_button.click()
    qtbot.waitUntil(lambda: page.shown is not None and page.shown[0].escalated != (),
                    timeout=5000)
    qtbot.waitUntil(lambda: "Escalated: Response late (张经理" in page.tickets.item(0).text(),
                    timeout=5000)
    page.sweep_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "Nothing to escalate.", timeout=5000)
