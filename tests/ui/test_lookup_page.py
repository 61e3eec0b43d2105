"""The search box driven like at the counter: typed input, scanner bursts, the keyboard only."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.ports import FixedClock
from desk.repairs.commands import OpenTicket
from tests.lookup.seed import ACTOR, OTHER_TRACKING, TRACKING, init_counter, seed
from ui.context import AppContext
from ui.lookup.page import LookupPage
from ui.lookup.results import HitsModel
from ui.tasks import TaskRunner

SCAN_GAP_MS = 2  # a scanner: a few ms between keys
TYPE_GAP_MS = 70  # a quick typist


@pytest.fixture
def store(db: Database, clock: FixedClock) -> CommandBus:
    bus = CommandBus(db, clock)
    init_counter(bus)
    seed(bus)
    return bus


@pytest.fixture
def ctx(store: CommandBus):
    runner = TaskRunner()
    context = AppContext(store.db, store, runner)
    context.session.staff_id = ACTOR
    yield context
    runner.shutdown(wait=True)


@pytest.fixture
def counter(qtbot, ctx):
    """The page beside another input field (think: a note on a form), in one active window."""
    window = QWidget()
    note = QLineEdit(window)
    page = LookupPage(ctx, window)
    layout = QVBoxLayout(window)
    layout.addWidget(note)
    layout.addWidget(page)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.focus_search()
    yield page, note
    page.scanner.uninstall()


@pytest.fixture(autouse=True)
def no_callback_errors(caplog):
    """A failing done-callback is only logged by the runner: make it fail the test."""
    caplog.set_level(logging.ERROR)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


def scan(qtbot, widget, text: str, terminator: str = "\r") -> None:
    qtbot.keyClicks(widget, text, delay=SCAN_GAP_MS)
    qtbot.keyClick(widget, terminator, delay=SCAN_GAP_MS)


def typed(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text, delay=TYPE_GAP_MS)


def idle(qtbot, page: LookupPage) -> None:
    qtbot.waitUntil(lambda: page.ctx.runner.pending == 0 and page._running is None)


def test_typed_pinyin_lists_ranked_results(qtbot, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000) as searched:
        typed(qtbot, page.box, "yrf")
    assert searched.args[0].query.text == "yrf"
    assert page.stack.currentWidget() is page.results
    assert page.model.rowCount() == 2
    assert page.model.hit(0).title == "羽绒服"
    why = page.model.index(1, HitsModel.COLUMNS.index("why")).data()
    assert why == "initials contain “yrf”"  # what was typed, not 男士羽绒服's "nsyrf"
    assert page.scanner.scans == 0  # typing is not a scan


def test_scanned_receipt_opens_its_detail(qtbot, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_open_receipt, timeout=5000) as opened:
        scan(qtbot, page.box, "R261120010001")
    assert opened.args == ["R261120010001"]
    assert page.scanner.scans == 1
    view = page.current_detail()
    assert view is page.views["receipt"]
    assert view.lines_model.rowCount() == 3
    assert view.tenders_model.rowCount() == 2
    assert view.promotions_model.rowCount() == 2  # 满减 + the gift
    assert view.tickets_model.rowCount() == 1
    assert page.box.text() == "R261120010001"


def test_a_scan_replaces_what_was_typed_in_the_box(qtbot, counter) -> None:
    page, _ = counter
    typed(qtbot, page.box, "wa")
    with qtbot.waitSignal(page.sig_open_ticket, timeout=5000) as opened:
        scan(qtbot, page.box, "T2611200001")
    assert opened.args == ["T2611200001"]
    assert page.box.text() == "T2611200001"


def test_a_scan_never_lands_in_the_focused_field(qtbot, counter) -> None:
    page, note = counter
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    entered: list[str] = []
    note.returnPressed.connect(lambda: entered.append(note.text()))
    with qtbot.waitSignal(page.sig_open_ticket, timeout=5000) as opened:
        scan(qtbot, note, f"{TRACKING}/T2611200002")
    assert opened.args == ["T2611200002"]
    assert note.text() == "" and entered == []  # neither the text nor the Enter reached it
    assert page.box.text() == f"{TRACKING}/T2611200002"
    assert page.box.hasFocus()  # the clerk's eyes go to the result: so does the caret
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    with qtbot.waitSignal(page.sig_open_customer, timeout=5000):
        scan(qtbot, note, "M00000001", terminator="\t")  # a Tab-terminated scanner
    assert note.text() == ""


def test_typing_in_another_field_still_arrives_in_order(qtbot, counter) -> None:
    page, note = counter
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    entered: list[str] = []
    note.returnPressed.connect(lambda: entered.append(note.text()))
    typed(qtbot, note, "hello ")
    qtbot.keyClicks(note, "R2611")  # a fast burst, but too short and no terminator: typed
    qtbot.waitUntil(lambda: note.text() == "hello R2611")
    qtbot.keyClick(note, Qt.Key.Key_Return, delay=TYPE_GAP_MS)
    assert entered == ["hello R2611"]
    assert page.scanner.scans == 0
    assert page.box.text() == ""


def test_nothing_found_and_bad_input_are_explained(qtbot, counter) -> None:
    page, _ = counter
    cases = {
        "R26119": "part of",  # half-scanned receipt number
        f"{OTHER_TRACKING}/T2611200001": "别家商场",  # another store's QR slip
        "6901234567891": "check digit",
        "'; DROP TABLE receipts; --": "Nothing found",
        "x" * 10_000: "too long",
        "\x01\x02\x03": "Scan or type",
        "   ": "Scan or type",
        "https://www.baidu.com/": "not one of our",
    }
    for text, words in cases.items():
        page.box.setText(text)
        with qtbot.waitSignal(page.sig_searched, timeout=5000):
            qtbot.keyClick(page.box, Qt.Key.Key_Return)
        assert words in page.hint.text(), (text[:30], page.hint.text())
        assert page.model.rowCount() == 0
        if words != "Scan or type":
            assert page.hint.property("problem") is True


def test_scanned_half_code_is_explained(qtbot, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000):
        scan(qtbot, page.box, "R26119")
    assert "part of a receipt" in page.hint.text()


def test_a_newer_query_supersedes_an_older_one(qtbot, counter) -> None:
    page, _ = counter
    shown: list[str] = []
    page.sig_searched.connect(lambda outcome: shown.append(outcome.query.text))
    gui = threading.get_ident()
    page.start_search("yrf")
    page.start_search("zw")
    page.start_search("13812345678")
    assert page.ctx.runner.pending >= 1  # the GUI thread did not wait for any of them
    assert threading.get_ident() == gui
    idle(qtbot, page)
    assert shown == ["13812345678"]
    assert page.current_detail() is page.views["customer"]


def test_keyboard_only_walk(qtbot, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000):
        typed(qtbot, page.box, "5678")
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.model.rowCount() == 2
    qtbot.keyClick(page.box, Qt.Key.Key_Down)
    assert page.results.hasFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_Down)  # the second customer: 张伟
    with qtbot.waitSignal(page.sig_open_customer, timeout=5000) as opened:
        qtbot.keyClick(page.results, Qt.Key.Key_Return)
    assert opened.args == ["C0000001"]
    customer = page.views["customer"]
    qtbot.waitUntil(customer.purchases.hasFocus)
    customer.purchases.setCurrentIndex(customer.purchases_model.index(0, 0))
    with qtbot.waitSignal(page.sig_open_receipt, timeout=5000) as opened:
        qtbot.keyClick(customer.purchases, Qt.Key.Key_Return)
    assert opened.args == ["R261120010001"]
    receipt = page.views["receipt"]
    qtbot.waitUntil(receipt.lines.hasFocus)
    # Tab walks to the ticket table; Enter opens the ticket
    for _ in range(6):
        if receipt.tickets.hasFocus():
            break
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert receipt.tickets.hasFocus()
    receipt.tickets.setCurrentIndex(receipt.tickets_model.index(0, 0))
    with qtbot.waitSignal(page.sig_open_ticket, timeout=5000) as opened:
        qtbot.keyClick(receipt.tickets, Qt.Key.Key_Return)
    assert opened.args == ["T2611200002"]
    ticket = page.views["ticket"]
    assert ticket.progress_label.text().startswith("Checklist: 0 of 9")
    # Esc walks back: ticket -> receipt -> customer -> results -> box
    with qtbot.waitSignal(page.sig_open_receipt, timeout=5000):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    with qtbot.waitSignal(page.sig_open_customer, timeout=5000):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.results
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    assert page.box.hasFocus() and page.box.selectedText() == "5678"


def test_enter_on_a_listed_query_opens_the_first_hit(qtbot, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000):
        typed(qtbot, page.box, "yurongfu")
    with qtbot.waitSignal(page.sig_open_product, timeout=5000) as opened:
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert opened.args == ["P000001"]


def test_the_open_detail_follows_new_facts(qtbot, counter, store) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_open_customer, timeout=5000):
        scan(qtbot, page.box, "13912345678")
    view = page.views["customer"]
    assert view.tickets_model.rowCount() == 1
    done: list = []
    page.ctx.run_command(OpenTicket(code="T2611200003", sku="P000004", fault="无法充电",
                                    promised_date="2026-11-28", customer_id="C0000002"),
                         lambda value, error: done.append(error))
    qtbot.waitUntil(lambda: view.tickets_model.rowCount() == 2, timeout=5000)
    assert done == [None]


def test_focus_search_selects_the_text(qtbot, counter) -> None:
    page, note = counter
    page.box.setText("R261120010001")
    note.setFocus()
    page.focus_search()
    assert page.box.hasFocus() and page.box.selectedText() == "R261120010001"


def test_hidden_page_leaves_keys_alone(qtbot, counter) -> None:
    page, note = counter
    page.hide()  # e.g. behind the lock screen: a PIN field must get its keys
    note.setFocus()
    scan(qtbot, note, "123456")
    assert note.text() == "123456"
    assert page.scanner.scans == 0


def test_a_field_that_reads_scans_itself_keeps_them(qtbot, counter) -> None:
    page, note = counter
    note.setProperty("deskScannerInput", True)
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    scan(qtbot, note, "SNIP15000001")
    assert note.text() == "SNIP15000001"
    assert page.scanner.scans == 0


def test_scanned_barcode_opens_the_product(qtbot, counter) -> None:
    from tests.lookup.seed import DOWN_JACKET_EAN

    page, _ = counter
    with qtbot.waitSignal(page.sig_open_product, timeout=5000) as opened:
        scan(qtbot, page.box, DOWN_JACKET_EAN)
    assert opened.args == ["P000001"]
    assert page.views["product"].sales_model.rowCount() == 1


def test_scan_routing_can_be_turned_off(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setenv("DESK_SCANNER_GAP_MS", "0")
    page = LookupPage(ctx)
    qtbot.addWidget(page)
    assert not page.scanner.enabled
    monkeypatch.setenv("DESK_SCANNER_GAP_MS", "60")
    other = LookupPage(ctx, install_scanner=False)
    qtbot.addWidget(other)
    assert other.scanner.enabled and other.scanner.max_gap_ms == 60


def test_hits_model_is_a_proper_qt_model(qtbot, qtmodeltester, counter) -> None:
    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000):
        page.start_search("5678")
    qtmodeltester.check(page.model, force_py=True)


def test_gui_keeps_running_while_a_slow_search_runs_and_is_cancelled(qtbot, counter,
                                                                      monkeypatch) -> None:
    """A search stuck on the database worker: the GUI thread keeps ticking, and the newer
    query's arrival sets the older one's cancel token."""
    import time

    from PySide6.QtCore import QTimer

    import ui.lookup.page as page_module

    page, _ = counter
    real = page_module.search_and_open
    seen: dict[str, bool] = {}
    release = threading.Event()

    def slow(conn, text, cancel):
        if text == "yrf":
            release.wait(5)  # held until the test has watched the GUI tick
            seen["older_cancelled"] = cancel.is_set()
        return real(conn, text, cancel)

    monkeypatch.setattr(page_module, "search_and_open", slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    shown: list[str] = []
    page.sig_searched.connect(lambda outcome: shown.append(outcome.query.text))
    page.start_search("yrf")
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3000)  # the GUI is not blocked
    page.start_search("M00000002")
    release.set()
    idle(qtbot, page)
    timer.stop()
    assert seen == {"older_cancelled": True}
    assert shown == ["M00000002"]
    assert page.current_detail() is page.views["customer"]


def test_a_return_recorded_elsewhere_updates_the_open_receipt(qtbot, counter) -> None:
    from desk.returns.commands import RecordReturn, ReturnLineInput

    page, _ = counter
    with qtbot.waitSignal(page.sig_open_receipt, timeout=5000):
        scan(qtbot, page.box, "R261120010001")
    view = page.views["receipt"]
    assert view.returns_model.rowCount() == 0
    page.ctx.run_command(RecordReturn(receipt_no="R261120010001",
                                      lines=[ReturnLineInput(line_no=2, qty=2)]),
                         lambda value, error: None)
    qtbot.waitUntil(lambda: view.returns_model.rowCount() == 1, timeout=5000)
    line = view.lines_model.row_at(1)
    assert (line.returned_qty, line.returnable_qty) == (2, 0)
    assert view.lines_model.highlight(line)  # nothing left to return: shown in red


def test_a_listed_search_refreshes_quietly_and_keeps_the_chosen_row(qtbot, counter) -> None:
    from desk.catalog.commands import RegisterCustomer

    page, _ = counter
    with qtbot.waitSignal(page.sig_searched, timeout=5000):
        page.start_search("5678")
    page.results.setCurrentIndex(page.model.index(1, 0))
    chosen = page.model.hit(1).key
    page.ctx.run_command(RegisterCustomer(customer_id="C0000009", customer_name="赵六",
                                          phone="13700005678"), lambda value, error: None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert page.model.hit(page.results.currentIndex().row()).key == chosen
    assert page.stack.currentWidget() is page.results


def test_a_detail_that_is_gone_is_explained(qtbot, counter) -> None:
    page, _ = counter
    page.open_detail("receipt", "R000000000000")
    qtbot.waitUntil(lambda: "no longer there" in page.hint.text(), timeout=5000)
    assert page.hint.property("problem") is True
