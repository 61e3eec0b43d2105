"""The return screen driven from the keyboard, on a real database and the real task runner."""

from __future__ import annotations

import logging
import os

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.returns import tables as returns_t
from desk.signatures import tables as signatures_t
from tests.returns.seed import CLERK, CUSTOMER, MANAGER, MANAGER_PIN, sale
from tests.support.signing import Pad
from ui.context import AppContext
from ui.returns.page import ReturnPage
from ui.tasks import TaskRunner

SHOTS = os.environ.get("DESK_SCREENSHOTS")  # a folder: save screenshots there


@pytest.fixture
def ctx(store):
    runner = TaskRunner()
    context = AppContext(store.db, store, runner)
    context.session.staff_id, context.session.role = CLERK, "clerk"
    yield context
    runner.shutdown(wait=True)


@pytest.fixture
def pad(store):
    return Pad(store)


@pytest.fixture
def page(qtbot, ctx, pad):
    widget = ReturnPage(ctx)
    widget.signature_provider = pad
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_box()
    return widget


@pytest.fixture(autouse=True)
def no_callback_errors(caplog):
    caplog.set_level(logging.ERROR)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


class Keys:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot, page):
        self.qtbot, self.page, self.count = qtbot, page, 0

    def press(self, key, text=""):
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget() or self.page
        self.qtbot.keyClick(target, key)
        self.count += 1


def scan(qtbot, page, code):
    """A scanner types the code and Enter (not counted: it is the scan)."""
    qtbot.keyClicks(page.box, code)
    qtbot.keyClick(page.box, Qt.Key.Key_Return)


def shot(page, name):
    if SHOTS:
        page.grab().save(os.path.join(SHOTS, f"{name}.png"))


def returns(db):
    with db.engine.connect() as conn:
        return conn.execute(select(returns_t.returns)).all()


def test_one_line_return_in_two_keys_after_the_scan(qtbot, page, store, db):
    sale(store, "R2611150100001", [("P000001", 1)])
    scan(qtbot, page, "R2611150100001")
    qtbot.waitUntil(lambda: page.state == "select")
    shot(page, "returns-1-lines")
    keys = Keys(qtbot, page)
    keys.press(Qt.Key.Key_Return)  # show the decision
    qtbot.waitUntil(lambda: page.state == "review")
    shot(page, "returns-2-decision")
    keys.press(Qt.Key.Key_Return)  # confirm
    qtbot.waitUntil(lambda: page.state == "done")
    shot(page, "returns-3-done")
    assert keys.count <= 5
    (row,) = returns(db)
    assert (row.refund_fen, row.status, row.actor) == (19900, "completed", CLERK)
    assert page.box.hasFocus() and page.box.text() == ""


def test_one_line_of_several_from_the_keyboard(qtbot, page, store, db):
    sale(store, "R2611150100002", [("P000001", 2), ("P000004", 1), ("P000003", 1)])
    scan(qtbot, page, "R2611150100002")
    qtbot.waitUntil(lambda: page.state == "select")
    keys = Keys(qtbot, page)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Space)  # tick the whole line
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "done")
    assert keys.count <= 5
    with db.engine.connect() as conn:
        rl = returns_t.return_lines.c
        lines = conn.execute(select(rl.line_no, rl.qty)).all()
    assert lines == [(2, 1)]


def test_above_the_clerk_a_manager_types_their_pin(qtbot, page, store, db):
    sale(store, "R2611150100003", [("P000005", 1)], customer_id=CUSTOMER)  # 2999 CNY jewelry
    scan(qtbot, page, "R2611150100003")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    # jewelry: only its buyer; the clerk confirms the member card (Space), the decision follows
    assert page.buyer.isVisible() and page.buyer.hasFocus()
    assert not page.confirm.isVisible()  # not the buyer cannot be overridden: nothing offered
    assert "buyer" in page.hint.text()
    qtbot.keyClick(page.buyer, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.state == "review" and page.approver.hasFocus())
    assert page.approver.isVisible() and page.approver.hasFocus()
    qtbot.keyClicks(page.approver, MANAGER)
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    qtbot.keyClicks(page.pin, "0000")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)  # the customer signs on the pad, then refused
    qtbot.waitUntil(lambda: page.state == "review" and page.pin.hasFocus())
    assert "4" in page.hint.text()  # a wrong PIN: 4 tries left
    assert returns(db) == []
    shot(page, "returns-4-wrong-pin")
    qtbot.keyClicks(page.pin, MANAGER_PIN)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "done")
    (row,) = returns(db)
    assert row.approved_by == MANAGER and row.signature_ref.startswith("SG")


def test_without_a_signature_pad_a_signed_return_cannot_be_confirmed(qtbot, page, store, db):
    sale(store, "R2611150100004", [("P000002", 1)])  # 899 CNY: the customer signs
    page.signature_provider = None
    scan(qtbot, page, "R2611150100004")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert page.hint.property("problem") is True and "pad" in page.hint.text()
    assert returns(db) == []


def test_a_signature_provider_is_used_when_wired(qtbot, page, pad, store, db):
    sale(store, "R2611150100004", [("P000002", 1)])  # 899 CNY: the customer signs
    completed = []
    page.sig_completed.connect(completed.append)
    scan(qtbot, page, "R2611150100004")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "done")
    assert pad.asked[0].receipt_no == "R2611150100004"
    with db.engine.connect() as conn:
        (signature,) = conn.execute(select(signatures_t.signatures)).all()
    assert returns(db)[0].signature_ref == signature.signature_id
    assert completed[0]["refund_fen"] == 89900


def test_a_refusal_is_shown_and_nothing_is_recorded(qtbot, page, store, db):
    sale(store, "R2611150100005", [("P000003", 1)], sold_at="2026-11-01T10:00:00")  # day 19
    scan(qtbot, page, "R2611150100005")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    shot(page, "returns-5-refused")
    assert page.hint.property("problem") is True
    assert page.override.isVisible()
    qtbot.keyClick(page.override, Qt.Key.Key_Escape)
    assert page.state == "select"
    assert returns(db) == []


def test_a_return_without_the_receipt_found_by_phone(qtbot, page, store, db):
    sale(store, "R2611150100006", [("P000001", 1)], customer_id=CUSTOMER)
    scan(qtbot, page, "13800138000")
    qtbot.waitUntil(lambda: page.state == "pick" and bool(page.picking))
    assert page.purchases.isVisible() and not page.table.isVisible()  # a list of its own
    qtbot.keyClick(page.purchases, Qt.Key.Key_Return)  # the first (latest) receipt
    qtbot.waitUntil(lambda: page.receipt is not None)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)  # a no-receipt return is always signed
    qtbot.waitUntil(lambda: page.state == "done")
    (row,) = returns(db)
    assert (row.found_by, row.customer_id) == ("phone", CUSTOMER)


def test_an_unknown_receipt_says_so(qtbot, page):
    scan(qtbot, page, "R2611150109999")
    qtbot.waitUntil(lambda: page.hint.property("problem") is True)
    assert page.state == "scan"


def test_pending_cases_are_listed_for_the_manager(qtbot, ctx, store, db, pad):
    from ui.returns.pending import PendingCasesPage

    sale(store, "R2611150100007", [("P000007", 1)])  # 12 999 CNY: head office
    listing = PendingCasesPage(ctx)
    qtbot.addWidget(listing)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 0 and "0" in listing.status.text())
    ctx.session.staff_id, ctx.session.role = MANAGER, "manager"
    page = ReturnPage(ctx)
    page.signature_provider = pad
    qtbot.addWidget(page)
    page.show()
    scan(qtbot, page, "R2611150100007")
    qtbot.waitUntil(lambda: page.state == "select")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "review")
    assert "head office" in page.explain.text()
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.state == "done")
    assert "head office" in page.done_label.text()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert returns(db)[0].status == "pending"
