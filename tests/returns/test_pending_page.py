"""The cases waiting for head office: names instead of staff ids and the whole case number on
every counter; on head office's own counter they are approved or refused there (a refusal with
its reason), and the decision reaches the store the way sync brings it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.returns import tables as returns_t
from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput
from tests.returns.seed import CUSTOMER, MANAGER, sale
from tests.support.head_office import HQ_ADMIN
from tests.support.signing import signed
from ui.context import AppContext
from ui.returns.pending import PendingCasesPage
from ui.tasks import TaskRunner


@pytest.fixture
def cases(store):
    sale(store, "R2611150100007", [("P000007", 1)])  # 12 999 CNY: above the manager's limit
    ret = store.dispatch(signed(store, RecordReturn(receipt_no="R2611150100007",
                                                    lines=[ReturnLineInput(1, 1)])), MANAGER)
    comp = store.dispatch(signed(store, AwardCompensation(
        kind="quality", extra_loss_fen=250000, customer_id=CUSTOMER, reason="漏电受伤")), MANAGER)
    return ret.value["return_id"], comp.value["compensation_id"]


def page_on(qtbot, bus, staff_id: str, role: str):
    runner = TaskRunner()
    ctx = AppContext(bus.db, bus, runner)
    ctx.session.staff_id, ctx.session.role = staff_id, role
    page = PendingCasesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    return page, runner


def cell(page, row: int, column: int) -> str:
    return page.model.index(row, column).data()


def status_of(db, table, key, value) -> str:
    with db.engine.connect() as conn:
        return conn.execute(select(table.c.status).where(table.c[key] == value)).scalar_one()


def test_a_store_sees_names_and_whole_case_numbers_read_only(qtbot, store, cases):
    page, runner = page_on(qtbot, store, MANAGER, "manager")
    try:
        qtbot.waitUntil(lambda: not page.decision_row.isVisible() and page.view.isColumnHidden(1),
                        timeout=5000)
        assert sorted(cell(page, r, 0) for r in range(2)) == sorted(cases)
        assert {cell(page, r, 6) for r in range(2)} == {"张经理"}  # not "2001"
        metrics = page.view.fontMetrics()
        for r in range(2):  # the case number is not cut
            assert metrics.horizontalAdvance(cell(page, r, 0)) < page.view.columnWidth(0)
        page.view.selectRow(0)
        page.decide("approved")  # nothing to do here: the store waits for head office
        assert not page.decision_row.isVisible()
    finally:
        runner.shutdown(wait=True)
    assert status_of(store.db, returns_t.returns, "return_id", cases[0]) == "pending"


def test_head_office_approves_and_refuses_with_a_reason(qtbot, store, db, cases, head_office):
    head_office.pull()  # the store's cases reach head office (as sync brings them)
    page, runner = page_on(qtbot, head_office.bus, HQ_ADMIN, "admin")
    return_id, compensation_id = cases
    try:
        qtbot.waitUntil(lambda: page.decision_row.isVisible(), timeout=5000)
        assert not page.view.isColumnHidden(1)  # which store the case comes from
        assert {cell(page, r, 1) for r in range(2)} == {"测试百货"}
        assert {cell(page, r, 6) for r in range(2)} == {"张经理"}
        assert not page.approve_button.isEnabled()  # nothing chosen: nothing to decide
        row = {cell(page, r, 0): r for r in range(2)}
        page.view.selectRow(row[compensation_id])
        assert page.approve_button.isEnabled() and page.refuse_button.isEnabled()
        page.refuse_button.click()  # without a reason: asked for it, nothing recorded
        assert page.reason.hasFocus() or page.message.text()
        assert "why" in page.message.text()
        page.reason.setText("损失证据不足")
        page.refuse_button.click()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
        assert compensation_id in page.message.text()
        page.view.selectRow(0)
        assert cell(page, 0, 0) == return_id
        page.approve_button.click()
        qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
        assert not page.approve_button.isEnabled()
    finally:
        runner.shutdown(wait=True)
    head_office.push()  # head office's decisions reach the store
    assert status_of(db, returns_t.compensations, "compensation_id", compensation_id) == \
        "refused"
    assert status_of(db, returns_t.returns, "return_id", return_id) == "completed"
