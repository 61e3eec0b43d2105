"""The compensation screen: facts in, the policy's decision shown, a manager's PIN where needed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.returns import tables as returns_t
from tests.returns.seed import CLERK, MANAGER, MANAGER_PIN, sale
from tests.support.signing import Pad
from ui.context import AppContext
from ui.returns.compensation_page import CompensationPage
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, store):
    runner = TaskRunner()
    ctx = AppContext(store.db, store, runner)
    ctx.session.staff_id, ctx.session.role = CLERK, "clerk"
    sale(store, "R261115010001", [("P000003", 1)])
    widget = CompensationPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    runner.shutdown(wait=True)


def choose(page, kind: str) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))


def compensations(page) -> list:
    with page.ctx.db.engine.connect() as conn:
        return conn.execute(select(returns_t.compensations)).all()


def test_quality_problem_shows_base_plus_extra_and_needs_a_manager(qtbot, page):
    choose(page, "quality")
    qtbot.keyClicks(page.receipt, "R261115010001")
    page.line_no.setValue(1)
    qtbot.keyClicks(page.extra, "80")
    page.reason.setText("水壶漏电，顾客受惊")  # QTest types ASCII only
    qtbot.keyClick(page.reason, "\r")
    qtbot.waitUntil(lambda: page.decision is not None, timeout=5000)
    assert page.amount.text() == "Compensation ¥580.00"  # 500 base + 80 negotiated (English)
    assert "return.quality" in page.explain.text() or "quality" in page.explain.text()
    assert page.approver.isVisible()  # above a clerk's 200 CNY goodwill limit
    assert page.signs  # the policy asks for the customer's signature
    page.submit()
    assert "pad" in page.message.text() and compensations(page) == []  # no pad connected
    page.signature_provider = Pad(page.ctx.bus)
    page.submit()  # signed, but no manager yet: refused by the handler, nothing recorded
    qtbot.waitUntil(lambda: page.confirm.isEnabled(), timeout=5000)
    assert "manager" in page.message.text().lower()
    assert compensations(page) == []
    qtbot.keyClicks(page.approver, MANAGER)
    qtbot.keyClicks(page.pin, MANAGER_PIN)
    qtbot.keyClick(page.pin, "\r")
    # the in-memory test database has one shared connection: read it once the worker is done
    qtbot.waitUntil(lambda: "recorded" in page.message.text(), timeout=5000)
    (row,) = compensations(page)
    assert (row.amount_fen, row.approved_by) == (58000, MANAGER)


def test_changing_a_fact_withdraws_the_decision(qtbot, page):
    choose(page, "service_complaint")
    page.reason.setText("态度恶劣，经核实")
    page.review()
    qtbot.waitUntil(lambda: page.confirm.isEnabled(), timeout=5000)
    qtbot.keyClicks(page.reason, ".")
    assert not page.confirm.isEnabled() and page.decision is None


def test_bad_amount_is_explained(qtbot, page):
    choose(page, "fraud")
    qtbot.keyClicks(page.price, "12.345")
    page.reason.setText("虚假宣传")
    page.review()
    assert "12.345" in page.message.text()
