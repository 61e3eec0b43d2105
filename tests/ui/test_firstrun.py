"""First run on a data directory without a store: the wizard's three ways to a store (the demo, a
new store, joining from a real central PostgreSQL), then the printer page (a fake printer on a
pty, through pyserial), then the login window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from serial.tools import list_ports

from desk.catalog.queries import counter_info
from desk.closure.queries import day_settings
from desk.printjobs.queries import printer_setting
from tests.printing.fakeprinter import FakePrinter
from tests.support.ui import sign_in
from ui.firstrun.wizard import CHOICE, DEMO, JOIN, NEW_STORE, PRINTER

COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


def start_app(qtbot, home, lang: str = "en"):
    from ui.app import DeskApp, parse_args

    app = DeskApp(parse_args(["--home", str(home), "--lang", lang]))
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.wizard is not None and app.wizard.isVisible(), timeout=10_000)
    return app


@pytest.fixture
def fresh(qtbot, tmp_path):
    app = start_app(qtbot, tmp_path / "home")  # the folder does not exist yet
    yield app
    if app.wizard is not None:
        app.wizard.working = False
        app.wizard.reject()
    app.qt.removeEventFilter(app.window.idle)
    app.shutdown()
    if app.ctx is not None:
        app.ctx.db.dispose()


def read(qtbot, app, fn, *args):
    box: list[object] = []
    app.ctx.query(fn, *args, done=lambda value, error: box.append(error or value))
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    assert not isinstance(box[0], BaseException), box[0]
    return box[0]


def choose(qtbot, wizard, radio, page_id: int) -> None:
    radio.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page_id, timeout=2000)


def fill_new_store(page, timezone: str = "Asia/Urumqi", pin_again: str = "2468") -> None:
    for edit, text in ((page.store_id, "S007"), (page.store_name, "西湖百货"),
                       (page.counter_name, "一号柜台"), (page.admin_id, "A001"),
                       (page.admin_name, "王店长"), (page.admin_pin, "2468"),
                       (page.admin_pin_again, pin_again)):
        edit.setText(text)
    page.timezone.setEditText(timezone)


def to_printer_page(qtbot, app) -> None:
    wizard = app.wizard
    choose(qtbot, wizard, wizard.choice.new_store, NEW_STORE)
    fill_new_store(wizard.new_store)
    wizard.button(COMMIT).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PRINTER, timeout=10_000)


def finish(qtbot, app) -> None:
    app.wizard.button(FINISH).click()
    qtbot.waitUntil(lambda: app.wizard is None and app.window.login.ctx is not None,
                    timeout=10_000)


def test_the_wizard_speaks_chinese_by_default(qtbot, tmp_path):
    app = start_app(qtbot, tmp_path / "home", lang="zh_CN")
    try:
        assert app.wizard.currentId() == CHOICE
        assert app.wizard.choice.title() == "欢迎使用服务台"
        app.wizard.choice.language.setCurrentIndex(app.wizard.choice.language.findData("en"))
        app.wizard.choice.language.activated.emit(app.wizard.choice.language.currentIndex())
        qtbot.waitUntil(lambda: app.wizard.choice.title() == "Welcome to Service Desk",
                        timeout=2000)
    finally:
        app.wizard.reject()
        app.shutdown()
        app.ctx.db.dispose()


def test_cancel_on_the_first_page_sets_nothing_up(qtbot, fresh):
    fresh.wizard.reject()
    assert fresh.wizard is None
    assert read(qtbot, fresh, counter_info).store_id is None


def test_the_demo_store_with_progress_then_the_login_window(qtbot, fresh):
    wizard = fresh.wizard
    choose(qtbot, wizard, wizard.choice.demo, DEMO)
    heard: list[tuple[str, int, int]] = []
    wizard.demo.relay.changed.connect(lambda *report: heard.append(report))
    wizard.button(COMMIT).click()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()  # while it builds
    qtbot.waitUntil(lambda: wizard.currentId() == PRINTER, timeout=120_000)
    assert heard and any(done == total > 0 for _stage, done, total in heard)
    assert wizard.printer.file.isChecked() or wizard.printer.serial.isChecked()
    wizard.printer.file.setChecked(True)
    finish(qtbot, fresh)
    login = fresh.window.login
    assert login.demo_table.isVisibleTo(login) and login.demo_table.rowCount() > 0
    setting = read(qtbot, fresh, printer_setting)
    assert setting.spec == f"file:{login.ctx.db.path.parent / 'prints'}"


def test_a_new_store_then_its_administrator_signs_in(qtbot, fresh):
    wizard = fresh.wizard
    choose(qtbot, wizard, wizard.choice.new_store, NEW_STORE)
    page = wizard.new_store
    fill_new_store(page, pin_again="2469")
    wizard.button(COMMIT).click()
    assert page.message.text() == "The two PINs are not the same."
    fill_new_store(page, timezone="Mars/Olympus")
    wizard.button(COMMIT).click()
    qtbot.waitUntil(lambda: "time zone" in page.message.text(), timeout=5000)
    assert wizard.currentId() == NEW_STORE and wizard.path == ""
    assert read(qtbot, fresh, counter_info).store_id is None  # nothing half set up
    fill_new_store(page)
    wizard.button(COMMIT).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PRINTER, timeout=10_000)
    assert wizard.path == "new"
    finish(qtbot, fresh)
    window = fresh.window
    assert window.login.staff_edit.text() == "A001"
    assert read(qtbot, fresh, day_settings).timezone == "Asia/Urumqi"
    qtbot.keyClicks(window.login.pin_edit, "2468")
    qtbot.keyClick(window.login.pin_edit, "\r")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
    assert fresh.ctx.session.role == "admin" and fresh.ctx.session.name == "王店长"


def test_the_printer_page_lists_ports_asks_the_status_and_prints_a_test_page(qtbot, fresh):
    to_printer_page(qtbot, fresh)
    page = fresh.wizard.printer
    listed = sorted(p.device for p in list_ports.comports())
    qtbot.waitUntil(lambda: page.refresh.isEnabled(), timeout=5000)
    assert [page.port.itemData(i) for i in range(page.port.count())] == listed
    with FakePrinter() as printer:
        page.serial.setChecked(True)
        page.port.setEditText(printer.port)  # a pty is not among the listed ports
        page.check.click()
        qtbot.waitUntil(lambda: page.result.text() == "The printer is ready.", timeout=5000)
        printer.paper_out = True
        page.check.click()
        qtbot.waitUntil(lambda: page.check.isEnabled(), timeout=5000)
        assert "paper" in page.result.text().lower()
        printer.paper_out = False
        page.test.click()
        qtbot.waitUntil(lambda: "test page was sent" in page.result.text(), timeout=10_000)
        assert "打印测试".encode("gb18030") in printer.wait_for(200)
        finish(qtbot, fresh)
    setting = read(qtbot, fresh, printer_setting)
    assert setting.spec == f"serial:{printer.port}?baud=9600&flow=rtscts"
    assert setting.profile == "80mm-cn-qr-cut"


def test_a_network_printer_that_is_not_there_is_said_in_words(qtbot, fresh):
    to_printer_page(qtbot, fresh)
    page = fresh.wizard.printer
    page.network.setChecked(True)
    page.check.click()
    assert page.result.text() != "" and page.check.isEnabled()  # no address: refused at once
    page.host.setText("127.0.0.1")
    page.tcp_port.setValue(9)  # discard: nothing listens there
    page.check.click()
    qtbot.waitUntil(lambda: page.check.isEnabled(), timeout=10_000)
    assert "ready" not in page.result.text()


def test_join_a_store_from_the_central_server(qtbot, fresh, central, tmp_path):
    from desk.capabilities import open_database
    from desk.catalog.setup import initialise_counter
    from desk.platform.bus import CommandBus
    from desk.sync import settings as central_settings
    from desk.sync.central import role_for_store
    from desk.sync.engine import sync_once
    from desk.sync.transport import PgTransport

    first = open_database(tmp_path / "first.sqlite3")  # the store's first counter, synced
    initialise_counter(CommandBus(first), store_id="S001", store_name="南京路百货",
                       device_name="一号柜台", admin_id="9001", admin_name="王经理",
                       admin_pin="9999")
    transport = PgTransport(central.store_url("S001"))
    sync_once(first, transport)
    transport.close()
    first.dispose()

    wizard = fresh.wizard
    choose(qtbot, wizard, wizard.choice.join, JOIN)
    page = wizard.join
    page.host.setText("127.0.0.1")
    page.port.setValue(central.pg.port)
    page.dbname.setText(central.dbname)
    page.user.setText(role_for_store("S001"))
    page.password.setText("wrong")
    page.counter_name.setText("二号柜台")
    page.remember.setChecked(False)
    wizard.button(COMMIT).click()
    qtbot.waitUntil(lambda: not page.running, timeout=20_000)
    assert wizard.currentId() == JOIN
    assert "refused the user name or password" in page.message.text()
    assert read(qtbot, fresh, counter_info).store_id is None
    page.password.setText("pw-s001")
    wizard.button(COMMIT).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PRINTER, timeout=30_000)
    finish(qtbot, fresh)
    counter = read(qtbot, fresh, counter_info)
    assert (counter.store_id, counter.store_name, counter.device_name) == \
        ("S001", "南京路百货", "二号柜台")
    saved = read(qtbot, fresh, central_settings.load)
    assert (saved.host, saved.user, saved.dbname) == ("127.0.0.1", role_for_store("S001"),
                                                      central.dbname)
    assert central.count("SELECT count(*) FROM desk.events WHERE kind = 'device.registered'") == 2
    sign_in(qtbot, fresh, "9001", "9999")  # the store's administrator, pulled from central
    window = fresh.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
