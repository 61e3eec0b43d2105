"""A ticket overdue at pickup shows the late-repair offer on the ticket screen, which hands over
to the compensation screen with the late-repair rule and the ticket filled in."""

from __future__ import annotations

import pytest

import ui.returns  # noqa: F401  (loads before ui.errors: a pre-existing import-order cycle)
from tests.repairs.helpers import open_ticket, walk
from tests.returns.seed import CLERK, MANAGER
from ui.context import AppContext
from ui.repairs.ticket_page import TicketPage
from ui.returns.compensation_page import CompensationPage
from ui.tasks import TaskRunner


@pytest.fixture
def ctx(store):
    runner = TaskRunner()
    context = AppContext(store.db, store, runner)
    context.session.staff_id, context.session.role = CLERK, "clerk"
    yield context
    runner.shutdown(wait=True)


def test_overdue_at_pickup_offers_and_hands_over(qtbot, ctx, store, clock, photo):
    late = open_ticket(store, "T0001")  # promised for 2026-11-25
    walk(store, late, photo, 7, MANAGER)
    walk(store, open_ticket(store, "T0002"), photo, 3, MANAGER)  # not at pickup yet
    clock.advance(days=8)  # the 28th
    page = TicketPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.load("T0002")
    qtbot.waitUntil(lambda: page.late_offer.answered == "T0002", timeout=5000)
    assert not page.late_offer.isVisible()  # late, but not at pickup
    page.load("T0001")
    qtbot.waitUntil(lambda: page.late_offer.isVisible(), timeout=5000)
    assert "3 days after the promised date (2026-11-25)" in page.late_offer.words.text()
    qtbot.waitUntil(lambda: page.service.asked == "T0001" and page.service.standing is not None
                    and page.service.text().startswith("Complex · answered"), timeout=5000)
    assert page.service.text().endswith("Overdue · No news")  # ready since the 20th, untouched
    assert "#c62828" in page.service.styleSheet()
    compensation = CompensationPage(ctx)
    qtbot.addWidget(compensation)
    compensation.show()
    page.late_offer.sig_offered.connect(compensation.start_late_repair)
    with qtbot.waitSignal(page.late_offer.sig_offered, timeout=2000) as offered:
        page.late_offer.button.click()
    assert offered.args == ["T0001"]
    qtbot.waitUntil(lambda: compensation.decision is not None, timeout=5000)
    assert compensation.kind.currentData() == "late_repair"
    assert compensation.ticket.text() == "T0001"
    assert compensation.amount.text() == "Compensation ¥60.00"  # 3 days x 20 yuan (policy)


# --- in the real app: the main window hands over -------------------------------------------------

@pytest.fixture
def late_home(tmp_path, monkeypatch):
    """A ticket opened 20 days ago, promised 10 days ago, ready for pickup (steps 1-7 done)."""
    from datetime import datetime, timedelta

    from desk.capabilities import open_database
    from desk.catalog.setup import initialise_counter
    from desk.platform.bus import CommandBus
    from desk.platform.ports import FixedClock
    from desk.repairs.commands import OpenTicket
    from desk.repairs.evidence import evidence_root, store_photo
    from tests.repairs.helpers import png_bytes, seed_repairs
    from tests.returns.seed import ADMIN

    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    past = FixedClock((datetime.now() - timedelta(days=20)).replace(microsecond=0))
    db = open_database(tmp_path / "desk.sqlite3", wall_ms=past.now_ms)
    bus = CommandBus(db, past)
    initialise_counter(bus, store_id="S001", store_name="南京路百货", device_name="一号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin="9999")
    seed_repairs(bus)
    promised = (past.local_now() + timedelta(days=10)).date().isoformat()
    bus.dispatch(OpenTicket(code="T0001", sku="P000003", fault="不加热",
                            promised_date=promised), CLERK)
    walk(bus, "T0001", store_photo(evidence_root(db.path), png_bytes()).sha256, 7, MANAGER)
    db.dispose()
    return tmp_path


def test_the_window_switches_to_the_compensation_screen(qtbot, late_home):
    from tests.returns.seed import CLERK_PIN
    from tests.support.ui import sign_in
    from ui.app import DeskApp, parse_args

    app = DeskApp(parse_args(["--home", str(late_home)]))
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    try:
        window = app.window
        sign_in(qtbot, app, CLERK, CLERK_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=5000)
        window.show_page("repair_ticket")
        ticket = window.page("repair_ticket")
        ticket.load("T0001")
        qtbot.waitUntil(lambda: ticket.late_offer.offer is not None, timeout=5000)
        assert ticket.late_offer.offer.days_late == 10
        ticket.late_offer.button.click()
        compensation = window.page("compensation")
        assert window.current_page() is compensation
        qtbot.waitUntil(lambda: compensation.decision is not None, timeout=5000)
        assert compensation.ticket.text() == "T0001"
    finally:
        app.shutdown()
        app.ctx.db.dispose()
