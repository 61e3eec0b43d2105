"""The intake screen in the real app: the kettle's serial was repaired for the same fault within
三包, so the core offers an exchange or a return; the screen shows it in words and its button
hands the receipt over to the return counter (the page switches, the receipt is looked up, the
core's words are the override's reason)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.repairs.commands import OpenTicket
from desk.repairs.evidence import evidence_root, store_photo
from desk.sales.commands import RecordSale, SaleLine, Tender
from tests.repairs.helpers import archive, png_bytes, seed_repairs
from tests.returns.seed import ADMIN, CLERK, CLERK_PIN
from tests.support.ui import sign_in
from ui.repairs.intake_page import IntakePage
from ui.returns.page import ReturnPage

RECEIPT, SERIAL = "R2610010100001", "SN-KETTLE-1"


@pytest.fixture
def repaired_once(tmp_path, monkeypatch):
    """A counter whose kettle (bought 60 days ago) was repaired once for not heating."""
    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    db = open_database(tmp_path / "desk.sqlite3")
    bus = CommandBus(db)  # the real clock: the app below runs on it too
    initialise_counter(bus, store_id="S001", store_name="南京路百货", device_name="一号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    sold = (datetime.now() - timedelta(days=60)).replace(microsecond=0)
    bus.dispatch(RecordSale(receipt_no=RECEIPT, sold_at=sold.isoformat(), lines=[
        SaleLine(sku="P000003", qty=1, unit_price_fen=29900, serial=SERIAL)],
        tenders=[Tender(tender="wechat_pay", amount_fen=29900)]), ADMIN)
    bus.dispatch(OpenTicket(code="T0001", sku="P000003", fault="不加热",
                            promised_date=(sold + timedelta(days=40)).date().isoformat(),
                            serial=SERIAL, receipt_no=RECEIPT, fault_kind="no_heat"), CLERK)
    archive(bus, "T0001", store_photo(evidence_root(db.path), png_bytes()).sha256)
    db.dispose()
    return tmp_path


@pytest.fixture
def app(qtbot, repaired_once):
    from ui.app import DeskApp, parse_args

    desk_app = DeskApp(parse_args(["--home", str(repaired_once)]))
    qtbot.addWidget(desk_app.window)
    desk_app.start()
    qtbot.waitUntil(lambda: desk_app.ctx is not None, timeout=10_000)
    yield desk_app
    desk_app.shutdown()
    desk_app.ctx.db.dispose()


def page(window, kind):
    found = [window.page(key) for key in window.page_keys]
    return next(p for p in found if isinstance(p, kind))


def test_a_repeat_within_sanbao_hands_the_receipt_over_to_returns(qtbot, app):
    window = app.window
    sign_in(qtbot, app, CLERK, CLERK_PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
    window.show_page("repair_intake")
    intake = page(window, IntakePage)
    qtbot.keyClicks(intake.search_box, RECEIPT)
    qtbot.keyClick(intake.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.serial.text() == SERIAL, timeout=5000)
    # no fault kind yet: a free repair within 三包, nothing offered
    qtbot.waitUntil(lambda: "三包期内：免费维修" in intake.warranty_words.text(), timeout=5000)
    assert intake.offer_button.isHidden()
    intake.fault_kind.setCurrentIndex(intake.fault_kind.findData("leak"))  # another fault
    qtbot.waitUntil(lambda: intake.warranty is not None and not intake.warranty.offer,
                    timeout=5000)
    assert intake.offer_button.isHidden()
    intake.fault_kind.setCurrentIndex(intake.fault_kind.findData("no_heat"))  # the same again
    qtbot.waitUntil(lambda: not intake.offer_button.isHidden(), timeout=5000)
    words = intake.warranty_words.text()
    assert "同一故障已修理 1 次（T0001），顾客可选择换货或退货" in words
    assert RECEIPT in intake.offer_words.text()

    qtbot.mouseClick(intake.offer_button, Qt.MouseButton.LeftButton)
    returns = page(window, ReturnPage)
    assert window.current_page() is returns
    qtbot.waitUntil(lambda: returns.receipt is not None, timeout=5000)
    assert returns.receipt["receipt_no"] == RECEIPT and returns.box.text() == RECEIPT
    assert returns.override.text() == words  # the manager's override reason: the core's words
    assert returns.reason.currentData() == "quality"
