"""What the return screen says and keeps when a clerk does what clerks do: a customer's last four
digits, a quantity above what is left, a cancelled signature, leaving the page mid-case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.catalog.commands import RegisterCustomer
from tests.returns.seed import CLERK, CUSTOMER, MANAGER, MANAGER_PIN, sale
from ui.context import AppContext
from ui.returns.page import ReturnPage
from ui.tasks import TaskRunner


@pytest.fixture
def ctx(store):
    runner = TaskRunner()
    context = AppContext(store.db, store, runner)
    context.session.staff_id, context.session.role = CLERK, "clerk"
    yield context
    runner.shutdown(wait=True)


def make_page(qtbot, ctx, provider=None):
    widget = ReturnPage(ctx)
    widget.signature_provider = provider
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.focus_box()
    return widget


def scan(qtbot, page, code):
    page.box.clear()
    qtbot.keyClicks(page.box, code)
    qtbot.keyClick(page.box, Qt.Key.Key_Return)


def test_the_phone_s_last_four_digits_list_every_customer_s_receipts(qtbot, ctx, store):
    store.dispatch(RegisterCustomer(customer_id="C0000002", customer_name="李雷",
                                    phone="13900008000"), CLERK)
    sale(store, "R2611150100021", [("P000001", 1)], customer_id=CUSTOMER)  # 138...8000
    sale(store, "R2611150100022", [("P000001", 1)], customer_id="C0000002")  # 139...8000
    page = make_page(qtbot, ctx)
    scan(qtbot, page, "8000")
    qtbot.waitUntil(lambda: page.state == "pick")
    rows = {page.purchases.item(r, 0).text(): page.purchases.item(r, 3).text()
            for r in range(page.purchases.rowCount())}
    assert set(rows) == {"R2611150100021", "R2611150100022"}
    assert "韩梅梅" in rows["R2611150100021"] and "138****8000" in rows["R2611150100021"]
    assert "13800138000" not in " ".join(rows.values())  # masked: the clerk asks, not reads
    row = next(r for r in range(2) if page.purchases.item(r, 0).text() == "R2611150100022")
    page.purchases.selectRow(row)
    qtbot.keyClick(page.purchases, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "select")
    assert (page.found_by, page.customer_id) == ("phone", "C0000002")


def test_a_quantity_above_what_is_left_says_why_it_stays(qtbot, ctx, store):
    sale(store, "R2611150100023", [("P000001", 1), ("P000002", 1)])
    page = make_page(qtbot, ctx)
    scan(qtbot, page, "R2611150100023")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClicks(page.table, "9")
    assert page.table.item(0, 5).text() == "1"
    assert page.hint.property("problem") is True and "1" in page.hint.text()
    qtbot.keyClick(page.table, Qt.Key.Key_Plus)
    assert page.table.item(0, 5).text() == "1"
    assert "Only 1 left" in page.hint.text()


def test_a_cancelled_signature_and_leaving_the_page_clear_the_manager_s_pin(qtbot, ctx, store):
    sale(store, "R2611150100024", [("P000005", 1)], customer_id=CUSTOMER)  # 2 999 CNY jewelry
    cancelled = []
    page = make_page(qtbot, ctx, lambda cmd, done: (cancelled.append(cmd), done(None)))
    scan(qtbot, page, "R2611150100024")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review" and page.buyer.hasFocus())
    qtbot.keyClick(page.buyer, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.approver.hasFocus())
    qtbot.keyClicks(page.approver, MANAGER)
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    qtbot.keyClicks(page.pin, MANAGER_PIN)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)  # the pad opens; the customer cancels
    assert cancelled
    assert page.pin.text() == "" and page.approver.text() == ""
    assert page.case_in_progress()
    qtbot.keyClicks(page.approver, MANAGER)
    qtbot.keyClicks(page.pin, MANAGER_PIN)
    page.hide()  # the clerk goes to another page, or the counter locks
    assert page.pin.text() == "" and page.approver.text() == ""


def test_english_after_chinese_leaves_no_chinese_on_the_page(qtbot, ctx, store):
    from ui.i18n import install_language

    sale(store, "R2611150100025", [("P000001", 1)])
    install_language("zh_CN")
    try:
        page = make_page(qtbot, ctx)
        scan(qtbot, page, "R2611150100025")
        qtbot.waitUntil(lambda: page.state == "select")
        assert "小票" in page.title.text()
        install_language("en")
        qtbot.waitUntil(lambda: "Receipt" in page.title.text())
        headers = [page.table.horizontalHeaderItem(c).text() for c in range(7)]
        assert headers[2] == "Item" and "Space" in page.hint.text()
        assert page.box.placeholderText().startswith("Scan")
    finally:
        install_language("en")
